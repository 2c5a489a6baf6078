"""The persistent Oxigraph store of a build (``OUT/store``): written beside the old one, published whole.

Layout. ``OUT/store`` is a symbolic link to a version folder ``OUT/.stores/v-<time>-<pid>``, a
RocksDB database that pyoxigraph opens. A build writes a new version folder, fills it completely
(bulk loads, then ``flush``), and only then points the link at it with one ``rename`` of a new
link over the old (atomic on POSIX). Why not rename the folder itself: a folder cannot be renamed
onto a non-empty folder, so replacing one would take two renames with a moment in between where
there is no store at all.

Readers open the folder the link points to *at that moment* (the link is resolved first, so a
reader never mixes files of two versions) with :meth:`pyoxigraph.Store.read_only`: any number of
processes at once, while a build writes the next version elsewhere. A published version is never
written again, which is what makes read-only opening safe (pyoxigraph: a read-only instance beside
a writing process is undefined behaviour). A reader that opened a version keeps reading it after
the link moves; the build keeps the previous version and removes older ones, and on Linux even a
removed version stays readable for a process that has it open (its files are open).

A build that is killed leaves the link and the version it points to untouched; its unfinished
folder is removed by the next build.

Writing a version. A full build bulk-loads graph.trig and graph.ttl (:func:`write_version`). An
incremental build, where few documents changed since the version published last, starts from a
copy of that version instead (:func:`update_version`): ``Store.backup`` of a published version
hard-links its immutable table files into the new folder, so the copy is instant and the old
version is never written; then the changed documents' graphs are removed and added there, the
corpus graphs, the union default graph and the index graph are made equal to what a full build
would write, the store is compacted, and the version is published as any other. Each version records the documents it
holds with their cache tokens (:data:`MANIFEST`), which is how the next build knows what changed
since *this store* (the build cache may be ahead of it, after a killed build).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphFileError
from kg.graph.namespace import INDEX_GRAPH_IRI

__all__ = [
    "MANIFEST",
    "STORE_LINK",
    "STORES_DIR",
    "new_version",
    "open_store",
    "publish",
    "read_manifest",
    "store_folder",
    "update_version",
    "write_manifest",
    "write_version",
]

STORE_LINK = "store"
STORES_DIR = ".stores"
# In a version folder, beside RocksDB's files (which it leaves alone): the documents the version
# holds, {"pipeline": fingerprint, "documents": {doc id: cache token}}.
MANIFEST = "kg-documents.json"
_INDEX_GRAPH = ox.NamedNode(str(INDEX_GRAPH_IRI))
_DEFAULT = ox.DefaultGraph()

Index = Callable[[ox.Store], list[ox.Quad]]
"""Works out the index graph's quads from a store whose default graph is the union of its data
graphs (:func:`kg.query.index.index_quads`; passed in, the graph layer does not import queries).
It reads the default graph only: :func:`write_version` runs it while the named graphs load."""


def store_folder(out: str | Path) -> Path | None:
    """The version folder ``OUT/store`` points to now, or None when the build has no store."""
    link = Path(out) / STORE_LINK
    try:
        target = os.readlink(link)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:  # a plain folder (copied with the link dereferenced): use it as it is
        return link if link.is_dir() else None
    folder = (link.parent / target).resolve()
    return folder if folder.is_dir() else None


def open_store(out: str | Path) -> ox.Store | None:
    """Open the store of a build folder read-only, or return None when it has none.

    Raises:
        GraphFileError: the store exists but cannot be opened.
    """
    for attempt in range(3):
        folder = store_folder(out)
        if folder is None:
            return None
        try:
            return ox.Store.read_only(str(folder))
        except OSError as exc:
            # A build may have removed this version between reading the link and opening it
            # (two builds since): read the link again.
            if attempt == 2 or store_folder(out) == folder:
                raise GraphFileError(f"{folder}: cannot open the graph store ({exc})") from exc
    return None


def new_version(out: str | Path) -> Path:
    """A new, empty version folder path in ``OUT/.stores`` (not created: pyoxigraph creates it)."""
    stores = Path(out) / STORES_DIR
    stores.mkdir(parents=True, exist_ok=True)
    return stores / f"v-{time.time_ns()}-{os.getpid()}"


def publish(out: str | Path, version: Path) -> None:
    """Point ``OUT/store`` at a complete version folder, then remove the versions older than the
    one it pointed to before (kept for readers that opened it a moment ago) and unfinished ones."""
    out = Path(out)
    previous = store_folder(out)
    link = out / STORE_LINK
    staged = out / f".{STORE_LINK}.link-{os.getpid()}"
    staged.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, out), staged)
    if link.is_dir() and not link.is_symlink():  # a plain folder cannot be replaced by a rename
        shutil.rmtree(link)
    os.replace(staged, link)
    keep = {version.resolve(), previous.resolve() if previous else None}
    for folder in (out / STORES_DIR).iterdir():
        if folder.resolve() not in keep and not _in_progress(folder):
            shutil.rmtree(folder, ignore_errors=True)


def discard(version: Path) -> None:
    """Remove a version folder that was not published (a failed build)."""
    shutil.rmtree(version, ignore_errors=True)


def _in_progress(folder: Path) -> bool:
    """Whether a version folder belongs to a build still running (another process's)."""
    pid = folder.name.rsplit("-", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_version(version: Path, trig_path: str, ttl_path: str, index: Index) -> list[ox.Quad]:
    """Fill a new version folder from the graph files: the named graphs of graph.trig, graph.ttl
    (the set union of the data graphs) as the default graph, then the index graph. Returns the
    index quads.

    Both files go through pyoxigraph's bulk loader (sorted table files, not a transaction per quad),
    ``lenient``: no IRI validation, the files were just written by oxigraph's own serializer from
    valid terms. The named graphs load in a second thread while this one loads the default graph
    and works out the index from it (the index reads only the default graph; a bulk load releases
    the GIL): on an idle 2-core computer the stage takes half the time of doing it in turn (4.9
    against 9.1 s at 1 MB); only on a computer whose cores are busy with other work is it no faster
    (bench/README.md, "The store's share of a build").

    Raises:
        OSError, SyntaxError: from pyoxigraph.
    """
    store = ox.Store(str(version))
    with ThreadPoolExecutor(max_workers=1) as pool:
        named = pool.submit(store.bulk_load, path=trig_path, format=ox.RdfFormat.TRIG, lenient=True)
        store.bulk_load(path=ttl_path, format=ox.RdfFormat.TURTLE, to_graph=_DEFAULT, lenient=True)
        quads = index(store)
        named.result()
    store.bulk_extend(quads)
    store.flush()
    return quads


def update_version(
    old: Path,
    version: Path,
    *,
    dropped: Iterable[ox.NamedNode],
    added: Iterable[bytes],
    corpus: dict[ox.NamedNode, set[ox.Quad]],
    index: Index,
) -> list[ox.Quad]:
    """Make a new version folder from a published one and what changed since, holding what
    :func:`write_version` would write for the new graph files. Returns the index quads.

    Args:
        old: the published version (only read: it is copied by ``Store.backup``).
        version: the new version folder (must not exist).
        dropped: the named graphs of the documents removed or changed since ``old``.
        added: TriG of the named graphs of the documents added or changed (each one graph).
        corpus: every quad of each corpus-level graph but the ontology, by graph (the entity,
            gazetteer and closure graphs): each is made equal to this. The ontology graph is kept
            as it is: it changes only with the pipeline, and a new pipeline rebuilds the store
            (its blank nodes could not be compared anyway).
        index: works out the index graph (see :data:`Index`).

    The default graph stays the set union of the data graphs: a triple of a removed graph (or a
    quad removed from a corpus graph) leaves it unless another data graph still holds it, then
    every triple of the new graphs and quads is added to it.

    Raises:
        OSError: from pyoxigraph.
    """
    ox.Store.read_only(str(old)).backup(str(version))
    store = ox.Store(str(version))
    dropped = list(dropped)
    new = [q for trig in added for q in ox.parse(trig, format=ox.RdfFormat.TRIG)]
    for graph, quads in corpus.items():
        held = set(store.quads_for_pattern(None, None, None, graph))
        _remove(store, held - quads)
        # What left a corpus graph is checked against the union as a dropped graph is.
        store.extend(ox.Quad(q.subject, q.predicate, q.object, _REMOVED) for q in held - quads)
        new += quads - held
    # One update in Rust, not a look-up per triple from Python (bench/README.md).
    gone = [*dropped, _REMOVED]
    store.update(_LEAVE_UNION % (" ".join(map(str, gone)), ", ".join(map(str, [*gone, _INDEX_GRAPH]))))
    for graph in gone:
        store.remove_graph(graph)
    # Written as sorted files, as a full load is: no transaction the size of the change.
    store.bulk_extend(new)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in new)
    quads = index(store)
    held = set(store.quads_for_pattern(None, None, None, _INDEX_GRAPH))
    fresh = set(quads)
    _remove(store, held - fresh)
    store.bulk_extend(fresh - held)
    # Compacted: an updated store keeps its deletions and small added files apart, and queries read
    # through them (at 1 MB after an update of 40% of the documents, most saved queries took 1.2-2x
    # as long as on a store loaded whole; compacted, as long). About 2 s at 1 MB.
    store.optimize()
    store.flush()
    return quads


# A scratch graph of an update: the triples that left the corpus graphs, until the union is updated.
_REMOVED = ox.NamedNode(str(INDEX_GRAPH_IRI).rsplit("/", 1)[0] + "/removed")
# Remove from the union default graph the triples of the graphs given first that no graph outside
# the second list (those graphs and the index graph) holds.
_LEAVE_UNION = """
DELETE { ?s ?p ?o }
WHERE {
  VALUES ?gone { %s }
  GRAPH ?gone { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER (?other NOT IN (%s)) }
}"""


def _remove(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    for quad in quads:
        store.remove(quad)


def write_manifest(version: Path, pipeline: str, documents: dict[str, str]) -> None:
    """Record the documents a complete version holds (doc id → cache token)."""
    data = {"pipeline": pipeline, "documents": documents}
    (version / MANIFEST).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a version folder, or None when it has none or an unreadable one (a store
    written before manifests: the next build writes the store whole)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        return None
    return data
