"""The build job: a corpus → the graph files and a build report, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import RDF, Dataset

from .corpus import Document, Skipped, iter_corpus
from .errors import GraphFileError
from .extract import extract
from .namespace import AID, bind_prefixes, top_class
from .pipeline import make_nlp
from .rdf import ONTOLOGY_GRAPH, closure_quads, document_quads, gazetteer_quads, ontology_quads
from .resolve import Resolver
from .validate import validate

OUTPUT_FILES = ("graph.trig", "graph.ttl", "report.json")
CORE_PREDICATES = ("locatedIn", "partOf", "fundedBy", "participant", "affiliatedWith", "pairedWith", "date")


@dataclass
class BuildReport:
    """What a build read, skipped and produced."""

    documents: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    shacl_conforms: bool | None = None
    shacl_violations: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


def new_dataset() -> Dataset:
    """An empty dataset on the Oxigraph store (measured 12-300x faster than rdflib's memory store)."""
    dataset = Dataset(store="Oxigraph")
    bind_prefixes(dataset)
    return dataset


def build_dataset(paths: Iterable[str | Path], report: BuildReport | None = None) -> Dataset:
    """Read, extract, resolve and convert a corpus into a dataset of named graphs.

    Args:
        paths: files and folders of reports.
        report: filled in with what was read and skipped, if given.

    Raises:
        CorpusError: a path does not exist.
    """
    report = report if report is not None else BuildReport()
    documents: list[Document] = []
    for item in iter_corpus(paths):
        if isinstance(item, Skipped):
            report.skipped.append({"path": item.path, "reason": item.reason})
        elif isinstance(item, Document):
            documents.append(item)
        else:
            report.warnings.append(str(item))
    documents.sort(key=lambda d: d.doc_id)
    extractions = list(extract(make_nlp(), documents))
    resolver = Resolver()
    keys = resolver.resolve(extractions)

    dataset = new_dataset()
    quads = []
    for extraction, doc_keys in zip(extractions, keys):
        report.documents.append(extraction.document.relpath)
        quads.extend(
            document_quads(extraction, resolver.entities, doc_keys, resolver.names_seen[extraction.document.doc_id])
        )
    quads.extend(gazetteer_quads(resolver.entities.values()))
    quads.extend(ontology_quads())
    containment = [(s, o) for s, p, o, _ in quads if p in (AID.locatedIn, AID.partOf)]
    quads.extend(closure_quads(containment))
    dataset.addN(quads)
    report.triples = len(quads)
    _count(report, quads)
    return dataset


def _count(report: BuildReport, quads) -> None:
    top_of = {}
    for s, p, o, g in quads:
        if p == RDF.type and g != ONTOLOGY_GRAPH and s not in top_of:
            top = top_class(o)
            if top is not None:
                top_of[s] = top.fragment
    entities = Counter(top_of.values())
    core = {getattr(AID, name) for name in CORE_PREDICATES}
    relations = Counter(p.fragment for s, p, o, g in quads if p in core)
    report.entities = dict(sorted(entities.items()))
    report.relations = dict(sorted(relations.items()))


def build(paths: Iterable[str | Path], out_dir: str | Path, *, shacl: bool = True) -> BuildReport:
    """Build the graph of a corpus into ``out_dir`` (graph.trig, graph.ttl, report.json).

    Every file is written to a temporary file beside it and moved into place only when complete,
    so an interrupted or failed build leaves the previous outputs as they were.

    Args:
        paths: files and folders of reports.
        out_dir: output folder (created if missing).
        shacl: validate the graph against ``ontology/shapes.ttl``.

    Raises:
        CorpusError: a path does not exist.
        GraphFileError: the output folder cannot be written.
    """
    started = time.perf_counter()
    report = BuildReport()
    dataset = build_dataset(paths, report)
    if shacl:
        result = validate(dataset)
        report.shacl_conforms = result.conforms
        report.shacl_violations = [f"{v.focus} {v.path or ''}: {v.message}" for v in result.violations[:50]]
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write_atomic(out / "graph.trig", lambda path: dataset.serialize(path, format="trig"))
        _write_atomic(out / "graph.ttl", lambda path: _union(dataset).serialize(path, format="turtle"))
        report.outputs = [str(out / name) for name in OUTPUT_FILES]
        report.seconds = round(time.perf_counter() - started, 3)
        _write_atomic(
            out / "report.json",
            lambda path: Path(path).write_text(
                json.dumps(report.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
            ),
        )
    except OSError as exc:
        raise GraphFileError(f"{out}: cannot write the build outputs ({exc.strerror or exc})") from exc
    return report


def _union(dataset: Dataset):
    from rdflib import Graph

    union = Graph(store="Oxigraph")
    bind_prefixes(union)
    union.addN((s, p, o, union) for s, p, o, _ in dataset.quads((None, None, None, None)))
    return union


def _write_atomic(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
