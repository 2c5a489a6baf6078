"""The build job: a corpus → the graph files and a build report, written atomically."""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import cache
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, URIRef

from kg.corpus.language import READABLE, primary, readable
from kg.corpus.reader import (
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    UNSUPPORTED_DOCUMENT_SUFFIXES,
    CorpusWarning,
    Skipped,
    iter_corpus,
)
from kg.errors import BuildError, BuildLockedError, EmptyBuildError, ExtractionFailedError, GraphFileError
from kg.extract.extraction import extract, extract_english
from kg.extract.pipeline import make_english_nlp, make_nlp
from kg.graph.cache import CACHE_DIR, BuildCache, Entry, Summary, document_token, pipeline_fingerprint
from kg.graph.namespace import PREFIXES, bind_prefixes, top_class
from kg.graph.rdf import (
    ONTOLOGY_GRAPH,
    T_RDF,
    A,
    DocumentTriples,
    EntityTerms,
    Quad,
    closure_quads,
    document_graph,
    document_triples,
    entity_quads,
    entity_terms,
    gazetteer_quads,
    is_containment,
    ontology_quads,
)
from kg.graph.resolve import DocumentEntities, Entity, Resolver, resolve_document
from kg.graph.store import (
    STORE_LINK,
    discard,
    new_version,
    publish,
    read_manifest,
    store_folder,
    update_version,
    write_manifest,
    write_version,
)
from kg.graph.validate import validate_file
from kg.graph.view_facts import FactCollector, ViewFacts, read_facts
from kg.query.index import index_quads
from kg.records import Document

OUTPUT_FILES = ("graph.trig", "graph.ttl", "report.json")
LOCK_FILE = f"{CACHE_DIR}/build.lock"  # in the output folder, held (flock) for the whole build
STAGED_PREFIX, STAGED_SUFFIX = ".", ".tmp"  # the name of an output being written: .XXXXXXXX.tmp
BATCH_SIZE = 16  # documents per batch: the unit of work of a worker
CORE_PREDICATES = ("locatedIn", "partOf", "fundedBy", "participant", "affiliatedWith", "pairedWith", "date")
CORE = {getattr(A, name): name for name in CORE_PREDICATES}


@dataclass
class BuildReport:
    """What a build read, skipped and produced."""

    documents: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)  # processed by this build
    reused: list[str] = field(default_factory=list)  # unchanged since the last build: from the cache
    removed: list[str] = field(default_factory=list)  # in the last build, not in this one
    skipped: list[dict] = field(default_factory=list)
    skipped_languages: dict[str, int] = field(default_factory=dict)  # documents skipped per language
    warnings: list[str] = field(default_factory=list)
    replaced: dict[str, int] = field(default_factory=dict)  # undecodable bytes read as U+FFFD, per document
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    # status "not run", "conforms" or "violations"; once run, also when (UTC), how long, how many
    validation: dict = field(default_factory=lambda: {"status": "not run"})
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


def new_dataset(store: ox.Store | None = None) -> Dataset:
    """An rdflib dataset on an Oxigraph store (measured 12-300x faster than rdflib's memory store)."""
    dataset = Dataset(store=OxigraphStore(store=store if store is not None else ox.Store()))
    bind_prefixes(dataset)
    return dataset


@contextmanager
def _fewer_collections(youngest: int = 10_000) -> Iterator[None]:
    """Run the garbage collector less often, restoring its thresholds afterwards.

    A build makes millions of short-lived containers that reference counting frees anyway; at
    Python's default threshold (700 allocations) the collector scans them thousands of times, and
    every tenth scan also walks the older objects (the pipeline, the gazetteer). This took about
    8% of a build's CPU time (bench/README.md). Forked workers inherit the thresholds.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(youngest, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


Progress = Callable[[str, int, int | None], None]
"""``progress(stage, done, total)``: called with ``done=0`` when a stage starts, then as it
advances; ``total`` is None when unknown. Stages, in order: ``extract`` (documents read, from
the cache or through the pipeline, out of the corpus's files), ``resolve and write graph``, ``store``,
``validate`` (if asked), ``views`` (if asked)."""


@_fewer_collections()
def build(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    validate: bool = False,
    views: bool = False,
    workers: int | None = 1,
    rebuild: bool = False,
    keep: bool = False,
    remove: Iterable[str] = (),
    allow_empty: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build the graph of a corpus into ``out_dir`` (graph.trig, graph.ttl, report.json, and with
    ``views`` network.html and map.html).

    The build is incremental: a document whose text, metadata and pipeline are unchanged since
    the last build into ``out_dir`` is not processed again, its named graph comes from the cache
    (:mod:`kg.cache`), and the documents no longer in the corpus are dropped; the store is
    updated from the last one when few documents changed (:func:`_write_store`). The result is the
    same graph and store as a clean build's. Documents stream through the pipeline; what is held in memory
    for the whole corpus is the entity table and the containment edges, not the quads.

    Every output is written to a temporary file beside it, and the new files replace the old ones
    only when all of them are complete, so a failed or killed build leaves the previous outputs
    as they were (and its temporary files, which the next build into ``out_dir`` removes). A build
    holds ``out_dir/.kg-cache/build.lock`` (an advisory ``flock``, released by the system when the
    process ends, however it ends) from start to end: a second build into the same folder fails
    at once instead of mixing its files and cache with the first's.

    Args:
        paths: files and folders of reports.
        out_dir: output folder (created if missing).
        validate: validate the graph written against ``ontology/shapes.ttl``
            (:func:`kg.graph.validate.validate_file`); the report records the result.
        views: also write the network view and the map of the new graph (each replaced whole,
            after the graph files).
        workers: processes that run the pipeline (documents are independent; the graph is the
            same for any number); None: :func:`default_workers`. A corpus of one batch of
            documents is processed in this process.
        rebuild: process every document again, ignoring the cache.
        keep: keep the documents of the previous build that ``paths`` does not name (``kg add``).
        remove: doc ids or source paths of previous documents to drop (``kg remove``).
        allow_empty: write the graph even when it has no document; otherwise such a build stops
            with :class:`EmptyBuildError` and leaves the previous outputs.
        progress: told of each stage and of each document (see :data:`Progress`).

    Raises:
        CorpusError: a path does not exist or cannot be reached.
        GraphFileError: the output folder cannot be written.
        BuildLockedError: another build is writing to ``out_dir``.
        EmptyBuildError: no document to build (and not ``allow_empty``).
        BuildError: ``out_dir`` is empty, or a document to remove is not in the build.
    """
    if not str(out_dir).strip():
        raise BuildError("the output folder is an empty name: give a folder (--out out)")
    out = Path(out_dir)
    items = iter_corpus(paths)
    first = next(items, None)  # checks that every path exists before anything is written
    items = chain([first] if first is not None else [], items)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GraphFileError(f"{out}: cannot write the build outputs ({exc.strerror or exc})") from exc
    with _locked(out):
        return _build(items, out, paths, validate, views, workers, rebuild, keep, remove, allow_empty, progress)


def _build(items, out, paths, validate, views, workers, rebuild, keep, remove, allow_empty, progress) -> BuildReport:
    """:func:`build`, once the output folder is locked."""
    started = time.perf_counter()
    report = BuildReport()
    try:
        _remove_staged(out)
        cache = BuildCache.open(out)
    except OSError as exc:
        raise GraphFileError(f"{out}: cannot write the build outputs ({exc.strerror or exc})") from exc
    tell = _Tell(progress, _count_files(paths) if progress else None)
    current: dict[str, Entry] = {}
    pending = _pending(items, cache, report, current, rebuild=rebuild, tell=tell)
    workers = default_workers() if workers is None else workers
    for summary, chunks in process(pending, workers=workers, batch_size=BATCH_SIZE):
        try:
            cache.put(summary, chunks)
        except OSError as exc:
            raise GraphFileError(f"{cache.folder}: cannot write the build cache ({exc.strerror or exc})") from exc
        current[summary.doc_id] = summary.entry
        report.extracted.append(summary.relpath)
        tell.advance()
    if keep:
        for entry in cache.entries.values():
            current.setdefault(entry.doc_id, entry)
    for doc in remove:
        del current[_find(doc, current)]
    doc_ids = sorted(current)
    if not doc_ids and not allow_empty:
        raise EmptyBuildError(_nothing_read(report, out), report)
    report.documents = [current[doc_id].relpath for doc_id in doc_ids]
    report.removed = sorted(e.relpath for e in cache.entries.values() if e.doc_id not in current)

    totals = Totals()
    staged: dict[str, str] = {}
    version = None
    facts = None
    try:
        tell.stage("resolve and write graph")
        report.outputs = [str(out / name) for name in OUTPUT_FILES]
        staged["graph.trig"], staged["graph.ttl"] = _temporary(out), _temporary(out)
        # The views' facts, gathered while the graph is written (see _views), wait on disk meanwhile.
        facts = tempfile.TemporaryFile(dir=cache.folder) if views else None
        derived = _write_graphs(cache, doc_ids, staged["graph.trig"], staged["graph.ttl"], report, totals, facts)
        tell.stage("store")
        version = new_version(out)
        documents = {doc_id: current[doc_id].token for doc_id in doc_ids}
        report.triples += _write_store(
            out, version, staged["graph.trig"], staged["graph.ttl"], derived, cache, documents, rebuild
        )
        report.outputs.append(str(out / STORE_LINK))
        report.seconds = round(time.perf_counter() - started, 3)
        _stage_report(out, report, staged)
        # Only now, with every output complete, do the new files and store replace the old ones.
        publish(out, version)
        version = None
        for name in OUTPUT_FILES:
            os.replace(staged.pop(name), out / name)
        for doc_id in set(cache.entries) - set(current):
            cache.drop(doc_id)
        if validate:
            tell.stage("validate")
            report.validation = _validation(out)
        if views:
            tell.stage("views")
            for name, write in _views(out, facts).items():
                staged[name] = _temporary(out)
                write(staged[name])
                os.replace(staged.pop(name), out / name)
                report.outputs.append(str(out / name))
        if validate or views:
            # report.json again, now with the validation and a time that covers the views too.
            report.seconds = round(time.perf_counter() - started, 3)
            _stage_report(out, report, staged)
            os.replace(staged.pop("report.json"), out / "report.json")
    except OSError as exc:
        raise GraphFileError(f"{out}: cannot write the build outputs ({exc.strerror or exc})") from exc
    finally:
        for leftover in staged.values():
            Path(leftover).unlink(missing_ok=True)
        if version is not None:
            discard(version)
        if facts is not None:
            facts.close()
    return report


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the lock file of an output folder (``fcntl.flock``; where there is no fcntl, not on
    a POSIX system, builds are not locked). The lock file stays: removing it would let a third
    build lock a new file while the second still holds the old one."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    path = out / LOCK_FILE
    try:
        path.parent.mkdir(exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")
    except OSError as exc:
        raise GraphFileError(f"{out}: cannot write the build outputs ({exc.strerror or exc})") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.seek(0)
            holder = handle.read().strip()
            by = f" (process {holder})" if holder.isdigit() else ""
            raise BuildLockedError(
                f"{out}: another build is writing to this folder{by}; wait for it to end, or build into another --out"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


def _remove_staged(out: Path) -> None:
    """Remove the outputs a killed build was writing (``.XXXXXXXX.tmp``; under the lock, no other
    build is writing any)."""
    for path in out.glob(f"{STAGED_PREFIX}*{STAGED_SUFFIX}"):
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


def _nothing_read(report: BuildReport, out: Path) -> str:
    """Why an empty build stopped, in one line."""
    if report.skipped:
        first = report.skipped[0]
        what = f"{len(report.skipped)} file(s) skipped (first: {first['path']}: {first['reason']})"
    else:
        what = "no report found (.txt, .md, .html, .htm files)"
    return f"no document to build: {what}; the outputs in {out} are kept (--allow-empty writes an empty graph)"


def _write_store(
    out: Path,
    version: Path,
    trig_path: str,
    ttl_path: str,
    derived: CorpusGraphs,
    cache: BuildCache,
    documents: dict[str, str],
    rebuild: bool,
) -> int:
    """Write the persistent store of a build into a new version folder (:mod:`kg.graph.store`):
    the named graphs of graph.trig, their set union as the default graph, and the index graph
    (:mod:`kg.query.index`), which is also appended to graph.trig so that another SPARQL store
    loading graph.trig gets it too. Returns the number of index quads added to graph.trig.

    The store is updated from the published one when few documents changed since it was written
    (:func:`_changed_since`), else loaded whole; both give the same quads (tests/test_store.py).
    """
    changed = None if rebuild else _changed_since(store_folder(out), documents)
    if changed is None:
        index = write_version(version, trig_path, ttl_path, index_quads)
    else:
        old, dropped, added = changed
        corpus: dict[ox.NamedNode, set[ox.Quad]] = {}
        for quad in derived.quads():
            if quad.graph_name != ONTOLOGY_GRAPH:
                corpus.setdefault(quad.graph_name, set()).add(quad)
        index = update_version(
            old,
            version,
            dropped=[document_graph(doc_id) for doc_id in dropped],
            added=[cache.read(doc_id)[1]["trig"] for doc_id in added],
            corpus=corpus,
            index=index_quads,
        )
    write_manifest(version, pipeline_fingerprint(), documents)
    with open(trig_path, "ab") as trig:
        ox.serialize(index, trig, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    return len(index)


# Updating the store costs the index graph (worked out again from the whole graph) and a compaction,
# both about what they cost in a full load, plus about 0.1 s per changed document at 1 MB; loading
# it whole costs the index plus every document. Measured at 1 MB (bench/README.md, "Incremental
# builds"): the update took 0.86x the whole load with 1% of the documents changed, 1.12x with 10%.
# So the store is updated while at most this share of the documents changed (added, changed or
# removed), else loaded whole.
INCREMENTAL_SHARE = 0.05


def _changed_since(old: Path | None, documents: dict[str, str]) -> tuple[Path, list[str], list[str]] | None:
    """What changed since the published store ``old`` was written, if the store is to be updated
    rather than rebuilt: (old, documents to drop from it, documents to add to it); else None (no
    store, no manifest, another pipeline, or too many changes)."""
    manifest = read_manifest(old) if old is not None else None
    if manifest is None or manifest.get("pipeline") != pipeline_fingerprint():
        return None
    held: dict[str, str] = manifest["documents"]
    added = sorted(doc_id for doc_id, token in documents.items() if held.get(doc_id) != token)
    dropped = sorted(doc_id for doc_id, token in held.items() if documents.get(doc_id) != token)
    if len(set(added) | set(dropped)) > INCREMENTAL_SHARE * max(len(documents), 1):
        return None
    return old, dropped, added


def _stage_report(out: Path, report: BuildReport, staged: dict[str, str]) -> None:
    staged["report.json"] = _temporary(out)
    Path(staged["report.json"]).write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")


def _validation(out: Path) -> dict:
    """The SHACL check of the graph just written, as report.json records it."""
    started = time.perf_counter()
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    result = validate_file(out)
    status = "conforms" if result.conforms else "violations"
    entry = {"status": status, "at": at, "seconds": round(time.perf_counter() - started, 3)}
    if not result.conforms:
        entry["count"] = len(result.violations)
        entry["counts"] = result.counts()
        entry["violations"] = [f"{v.focus} {v.path or ''}: {v.message}" for v in result.violations[:50]]
    return entry


class _Tell:
    """Calls a :data:`Progress` callback, if any, and counts the documents for it."""

    def __init__(self, progress: Progress | None, total: int | None):
        self.progress = progress
        self.total = total
        self.done = 0
        self.stage("extract")

    def stage(self, name: str) -> None:
        self.name = name
        if self.progress:
            self.progress(name, 0, self.total if name == "extract" else None)

    def advance(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.name, self.done, self.total)


def _count_files(paths: Iterable[str | Path]) -> int:
    """The files a corpus reader would read or skip, for a progress total (no file is opened)."""
    suffixes = TEXT_SUFFIXES | HTML_SUFFIXES | UNSUPPORTED_DOCUMENT_SUFFIXES
    count = 0
    for path in map(Path, paths):
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                count += sum(Path(name).suffix.lower() in suffixes for name in names if not name.startswith("."))
        else:
            count += 1
    return count


def _pending(
    items: Iterable[Document | Skipped | CorpusWarning],
    cache: BuildCache,
    report: BuildReport,
    current: dict[str, Entry],
    *,
    rebuild: bool,
    tell: _Tell,
) -> Iterator[tuple[Document, str]]:
    """The documents of the corpus that need processing, with their cache tokens; records the
    others (cached, skipped) as it goes."""
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append({"path": item.path, "reason": item.reason})
            tell.advance()
        elif isinstance(item, Document) and not readable(item.language):
            report.skipped.append({"path": str(item.path), "reason": _unreadable(item.language)})
            report.skipped_languages[item.language] = report.skipped_languages.get(item.language, 0) + 1
            tell.advance()
        elif isinstance(item, Document):
            if item.replaced:
                report.replaced[item.relpath] = item.replaced
            token = document_token(item)
            cached = None if rebuild else cache.fresh(item.doc_id, token)
            if cached is not None:
                current[item.doc_id] = cached
                report.reused.append(item.relpath)
                tell.advance()
            else:
                yield item, token
        else:
            report.warnings.append(str(item))


def _unreadable(language: str) -> str:
    """Why a document in a language without a pipeline is skipped (one line)."""
    return f"written in {language!r}, a language the build cannot read (it reads {', '.join(READABLE)})"


def _find(doc: str, entries: dict[str, Entry]) -> str:
    """The doc id of a document named by its doc id, relative path or source path."""
    for entry in entries.values():
        if doc in (entry.doc_id, entry.relpath) or Path(doc).resolve() == Path(entry.path):
            return entry.doc_id
    raise BuildError(f"{doc}: no such document in the build (see report.json for its documents)")


def process(
    documents: Iterable[tuple[Document, str]],
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Summary, dict[str, bytes]]]:
    """Run documents through the pipeline into their named graphs (as output pieces) and summaries, in
    the order given.

    Args:
        documents: (document, cache token) pairs.
        workers: processes to use; with more than one, batches of documents go to a pool, at
            most two batches per worker in flight, so the corpus is never all in memory.
        batch_size: documents per batch.
    """
    batches = _batched(documents, batch_size)
    first = next(batches, None)
    second = next(batches, None)
    batches = chain(filter(None, (first, second)), batches)
    if workers <= 1 or second is None:  # one batch: forking would only cost time
        for batch in batches:
            yield from _process_batch(batch)
        return
    _nlp()  # made before the workers fork, so they share it
    _english_nlp()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(workers) as pool:
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(pool.apply_async(_process_batch, (batch,)))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()


def default_workers() -> int:
    """Build processes when none are asked for: one per CPU this process may use, at most four
    (each holds the pipeline and its batches: about 650 MiB at 100 MB of reports)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@cache
def _nlp():
    return make_nlp()


@cache
def _english_nlp():
    return make_english_nlp()


def _extractions(documents: list[Document]) -> Iterator:
    """Each document through the pipeline of its language, in the order given."""
    by_language: dict[str, list[Document]] = {}
    for document in documents:
        by_language.setdefault(primary(document.language), []).append(document)
    done = {}
    for language, group in by_language.items():
        run = extract_english if language == "en" else extract
        nlp = _english_nlp() if language == "en" else _nlp()
        try:
            done.update((extraction.document.doc_id, extraction) for extraction in run(nlp, group))
        except Exception as exc:  # a defect a report brought out: find and name the report
            raise _failed_report(run, nlp, group, exc) from exc
    return (done[document.doc_id] for document in documents)


def _failed_report(run, nlp, group: list[Document], exc: Exception) -> ExtractionFailedError:
    """The report of ``group`` the pipeline fails on alone (the first), as a one-line error."""
    for document in group:
        try:
            list(run(nlp, [document]))
        except Exception as alone:
            exc = alone
            culprit = document.relpath
            break
    else:
        culprit = f"one of {len(group)} reports"
    return ExtractionFailedError(
        f"{culprit}: the extraction failed ({type(exc).__name__}: {exc}); this is a defect of aid-kg, "
        "please report it with the file (set the file aside to build the others)"
    )


def _process_batch(batch: list[tuple[Document, str]]) -> list[tuple[Summary, dict[str, bytes]]]:
    tokens = {document.doc_id: token for document, token in batch}
    results = []
    for extraction in _extractions([document for document, _ in batch]):
        document = extraction.document
        resolved = resolve_document(extraction)
        graph = document_triples(extraction, resolved)
        # Core relations and containment join entities: they are among the shared triples.
        core = Counter(CORE.get(t.predicate) for t in graph.shared)
        core.pop(None, None)
        summary = Summary(
            doc_id=document.doc_id,
            relpath=document.relpath,
            path=str(Path(document.path).resolve()),
            token=tokens[document.doc_id],
            entities=[entity.to_json() for entity in resolved.entities.values()],
            terms={key: list(entity_terms(entity)) for key, entity in resolved.entities.items()},
            edges=[(t.subject.value, t.object.value) for t in graph.shared if is_containment(t.predicate, t.subject)],
            relations=dict(core),
            quads=len(graph.own) + len(graph.shared),
        )
        results.append((summary, graph))
    return [(summary, _chunks(graph)) for summary, graph in results]


def _chunks(graph: DocumentTriples) -> dict[str, bytes]:
    """A document graph as the pieces the outputs are assembled from: TriG for graph.trig; for
    graph.ttl, Turtle of the triples only this document can state and N-Triples of those other
    documents may state too.

    The TriG piece is the Turtle of the whole graph inside a graph block, its prefix lines before
    the block: made from triples, it needs no quad objects (see :func:`kg.rdf.document_triples`).
    The views piece is what the views read of the graph (:mod:`kg.graph.view_facts`), collected
    here, in the worker, so that the views need not read it back from the store (about 3 s of CPU
    for 5 MB of reports, shared by the workers). It is made without views too: the cache entry
    serves the next build, which may write them.
    """
    whole = ox.serialize([*graph.own, *graph.shared], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    prefixes, body = _split_prefix_lines(whole)
    facts = FactCollector()
    facts.add(graph.own)
    facts.add(graph.shared)
    return {
        "trig": b"%s%s {\n%s}\n" % (prefixes, str(graph.graph).encode(), body),
        "ttl": ox.serialize(graph.own, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
        "nt": ox.serialize(graph.shared, format=ox.RdfFormat.N_TRIPLES),
        "views": facts.done().to_json(),
    }


def _split_prefix_lines(turtle: bytes) -> tuple[bytes, bytes]:
    """The ``@prefix`` lines a Turtle serialisation starts with, and the rest."""
    end = 0
    while turtle.startswith(b"@prefix ", end):
        end = turtle.index(b"\n", end) + 1
    return turtle[:end], turtle[end:]


@dataclass
class Totals:
    """What the report sums over the documents' summaries."""

    relations: Counter = field(default_factory=Counter)
    quads: int = 0


@dataclass
class CorpusGraphs:
    """What the corpus-level graphs are made from: the merged entities, the terms made for them
    when their documents were processed, and the documents' containment edges. The quads are
    made again for each use rather than held: at 100 MB they are a million and a half."""

    entities: list[Entity]
    made: dict[str, EntityTerms]
    edges: set[tuple[str, str]]

    def quads(self) -> Iterator[Quad]:
        """Canonical entity labels, gazetteer facts, ontology, then the ``aid:within`` closure."""
        yield from entity_quads(self.entities, self.made)
        gazetteer = list(gazetteer_quads(self.entities))
        yield from gazetteer
        yield from ontology_quads()
        edges = [(ox.NamedNode(child), ox.NamedNode(parent)) for child, parent in self.edges]
        edges += [(q.subject, q.object) for q in gazetteer if is_containment(q.predicate, q.subject)]
        yield from closure_quads(edges)


class _CorpusSummaries:
    """Documents' summaries merged, one at a time, into :class:`CorpusGraphs` and :class:`Totals`."""

    def __init__(self, totals: Totals):
        self.totals = totals
        self.resolver = Resolver()
        self.edges: set[tuple[str, str]] = set()
        self.made: dict[str, EntityTerms] = {}

    def add(self, summary: Summary) -> None:
        self.resolver.merge(DocumentEntities([], {e.key: e for e in summary.entity_objects()}))
        for key, terms in summary.terms.items():
            # Keep the terms of the canonical name-to-be: the longest (then smallest) name.
            terms = EntityTerms(*terms)
            known = self.made.get(key)
            if known is None or (-len(terms.name), terms.name) < (-len(known.name), known.name):
                self.made[key] = terms
        self.edges.update(map(tuple, summary.edges))
        self.totals.relations.update(summary.relations)
        self.totals.quads += summary.quads

    def graphs(self) -> CorpusGraphs:
        entities = [self.resolver.entities[key] for key in sorted(self.resolver.entities)]
        return CorpusGraphs(entities, self.made, self.edges)


class _Counts:
    """Entities per top class (every entity is typed in the entity or gazetteer graph) and
    relations per core predicate, from the corpus graphs and the documents' totals."""

    def __init__(self, totals: Totals):
        self.totals = totals
        self.top_of: dict[str, str] = {}
        self.relations = Counter(totals.relations)
        self.quads = 0

    def add(self, quad: Quad) -> None:
        self.quads += 1
        if quad.predicate == T_RDF.type and quad.graph_name != ONTOLOGY_GRAPH:
            top = top_class(URIRef(quad.object.value))
            if top is not None:
                self.top_of.setdefault(quad.subject.value, top.fragment)
        elif quad.predicate in CORE:
            self.relations[CORE[quad.predicate]] += 1

    def report(self, report: BuildReport) -> None:
        report.triples = self.totals.quads + self.quads
        report.entities = dict(sorted(Counter(self.top_of.values()).items()))
        report.relations = dict(sorted(self.relations.items()))


def build_dataset(paths: Iterable[str | Path]) -> Dataset:
    """The graph of a corpus as an rdflib :class:`Dataset` on an Oxigraph store (built through a
    temporary folder, without validation)."""
    with tempfile.TemporaryDirectory() as folder:
        build(paths, folder)
        store = ox.Store()
        store.bulk_load(path=str(Path(folder) / "graph.trig"), format=ox.RdfFormat.TRIG)
    return new_dataset(store)


def _views(out: Path, facts: BinaryIO | None = None) -> dict:
    """Writers of the network view and the map of the graph just written to ``out``.

    Their facts come from ``facts``, one :class:`ViewFacts` as JSON per line (the documents' and
    the corpus graphs', as :func:`_write_graphs` wrote them), or else (none, or a document whose
    cache entry has none) from the store: at 5 MB of
    reports, reading them back from the on-disk store took 30-40 s, merging the lines 2-3 s.
    """
    from kg.query.saved import open_graph
    from kg.views.map_page import map_data, write_map
    from kg.views.network import project
    from kg.views.network_page import write_network_html

    found = _merged(facts) if facts is not None else None
    if found is None:
        found = read_facts(open_graph(out))
    network = project(out, facts=found)
    return {
        "network.html": lambda path: write_network_html(network, path),
        "map.html": lambda path: write_map(map_data(out, facts=found), path),
    }


def _merged(facts: BinaryIO) -> ViewFacts | None:
    """The views' facts :func:`_write_graphs` wrote, merged; None if it wrote none (it met a
    document without them)."""
    found = None
    facts.seek(0)
    for line in facts:
        found = found or ViewFacts()
        found.add_json(line)
    return found


def _write_graphs(
    cache: BuildCache,
    doc_ids: list[str],
    trig_path: str,
    ttl_path: str,
    report: BuildReport,
    totals: Totals,
    facts: BinaryIO | None = None,
) -> CorpusGraphs:
    """Write graph.trig and graph.ttl in one pass over the cache entries, and count what the
    report gives; return what the corpus-level graphs are made from.

    graph.trig is the documents' TriG pieces one after another (TriG allows prefix lines between
    graphs, and document graphs have no blank nodes to clash), then the corpus graphs. graph.ttl,
    the union of the named graphs, is the documents' Turtle pieces (what only that document
    states), then, in Turtle, every triple that several graphs may state (about entities), once:
    such triples are remembered by a digest of their N-Triples line.

    With ``facts``, the views' facts (:mod:`kg.graph.view_facts`) are written there too, one JSON
    line per document (its cache piece) and one for the corpus graphs, collected as they are made.
    """
    merged = _CorpusSummaries(totals)
    seen: set[bytes] = set()
    with open(trig_path, "wb") as trig, open(ttl_path, "wb") as ttl, tempfile.TemporaryFile(dir=cache.folder) as shared:
        for doc_id in doc_ids:
            summary, pieces = cache.read(doc_id)
            merged.add(summary)
            trig.write(pieces["trig"])
            ttl.write(pieces["ttl"])
            if facts is not None and "views" not in pieces:
                # An entry from before the views' pieces (kg add keeps it): the views read the store.
                facts.truncate(0)
                facts = None
            if facts is not None:
                facts.write(pieces["views"] + b"\n")
            for line in pieces["nt"].splitlines(keepends=True):
                digest = _digest(line)
                if digest not in seen:
                    seen.add(digest)
                    shared.write(line)
        derived = merged.graphs()
        counts = _Counts(totals)
        collector = FactCollector()

        def corpus_triples() -> Iterator[ox.Triple]:
            # The corpus graphs are made once: counted, written to graph.trig in runs, and
            # given to graph.ttl where no document stated them.
            run: list[Quad] = []
            for quad in derived.quads():
                counts.add(quad)
                run.append(quad)
                if len(run) == 10_000:
                    ox.serialize(run, trig, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
                    if facts is not None:
                        collector.add(run)
                    run.clear()
                triple = ox.Triple(quad.subject, quad.predicate, quad.object)
                # str(triple) is its N-Triples line without " .\n", as oxigraph writes it.
                digest = _digest(f"{triple} .\n".encode())
                if digest not in seen:
                    seen.add(digest)
                    yield triple
            ox.serialize(run, trig, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
            if facts is not None:
                collector.add(run)

        shared.seek(0)
        documents = ox.parse(shared, format=ox.RdfFormat.N_TRIPLES)
        ox.serialize(chain(documents, corpus_triples()), ttl, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        if facts is not None:
            facts.write(collector.done().to_json() + b"\n")
    counts.report(report)
    return derived


def _digest(line: bytes) -> bytes:
    return hashlib.blake2b(line, digest_size=16).digest()


def _temporary(folder: Path) -> str:
    """A new empty file in ``folder`` (the same file system as the output it will replace, so the
    move is atomic) with the permissions a new file gets from the umask."""
    fd, tmp = tempfile.mkstemp(prefix=STAGED_PREFIX, suffix=STAGED_SUFFIX, dir=folder)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    return tmp
