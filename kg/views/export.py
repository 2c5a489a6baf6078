"""Exports of a built graph: a table of aid activities (CSV, JSON) and the graph in other RDF formats.

The graph is read with pyoxigraph (a build folder means its ``graph.trig``) straight into an index
of the few predicates an export needs, so no triple store or SPARQL engine is involved.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import IO, BinaryIO, TextIO

import pyoxigraph as ox
from rdflib import OWL, RDF, URIRef

from kg.errors import ExportError
from kg.graph.namespace import AID, GEO, PREFIXES, PROV, RDFS, SDO, load_ontology

__all__ = [
    "ACTIVITY_COLUMNS",
    "ACTIVITY_FORMATS",
    "GRAPH_FORMATS",
    "PRECISION",
    "SEPARATOR",
    "activities",
    "export_graph",
    "flatten_activity",
    "write_activities",
]

ACTIVITY_FORMATS = ("csv", "json")
# Turtle cannot hold named graphs, so it gets the union of all graphs; the others keep them.
GRAPH_FORMATS = {
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
}
_UNION_FORMATS = {"turtle"}
# Most specific first: the gazetteer's levels (kg.gazetteer.LEVELS) reversed, after "site", a named
# station, port or ruin (aid:Site), which is more precise than any division it lies in.
PRECISION = ("site", "village", "township", "county", "prefecture", "region", "province")
SEPARATOR = "; "

# CSV column → (field of an activity row, key of the field's items or None for a plain value).
_COLUMNS = (
    ("program", "program", None),
    ("name_zh", "name_zh", None),
    ("name_en", "name_en", None),
    ("class", "class", None),
    ("funders", "funders", "iri"),
    ("funder_names", "funders", "name_zh"),
    ("funder_evidence", "funders", "evidence"),
    ("places", "places", "iri"),
    ("place_names", "places", "name_zh"),
    ("place_levels", "places", "level"),
    ("place_adcodes", "places", "adcode"),
    ("place_lats", "places", "lat"),
    ("place_longs", "places", "long"),
    ("coordinates_from", "places", "coordinates_from"),
    ("precision", "precision", None),
    ("dates", "dates", None),
    ("figures", "figures", "text"),
    ("documents", "documents", "iri"),
    ("document_titles", "documents", "title"),
    ("document_urls", "documents", "url"),
    ("document_publishers", "documents", "publisher"),
    ("document_dates", "documents", "date"),
    ("document_paths", "documents", "path"),
    ("evidence", "evidence", "sentence"),
)
ACTIVITY_COLUMNS = tuple(column for column, _, _ in _COLUMNS)


def _node(term: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(term))


TYPE, LABEL = _node(RDF.type), _node(RDFS.label)
LOCATED_IN, PART_OF, FUNDED_BY, DATE = (_node(AID.locatedIn), _node(AID.partOf), _node(AID.fundedBy), _node(AID.date))
LEVEL, ADCODE, LAT, LONG = _node(AID.level), _node(AID.adcode), _node(GEO.lat), _node(GEO.long)
FIGURE_OF, VALUE, UNIT, APPROXIMATE = (_node(AID.figureOf), _node(AID.value), _node(AID.unit), _node(AID.approximate))
SUBJECT, PREDICATE, OBJECT = _node(RDF.subject), _node(RDF.predicate), _node(RDF.object)
DERIVED_FROM, IN_SENTENCE, SENTENCE, START, END = (
    _node(PROV.wasDerivedFrom),
    _node(AID.inSentence),
    _node(AID.sentence),
    _node(AID.startOffset),
    _node(AID.endOffset),
)
STRENGTH = _node(AID.evidenceStrength)
DOCUMENT_FIELDS = {
    "title": _node(SDO.name),
    "url": _node(SDO.url),
    "publisher": _node(SDO.publisher),
    "date": _node(SDO.datePublished),
    "path": _node(AID.sourcePath),
}
_READ = {
    TYPE,
    LABEL,
    LOCATED_IN,
    PART_OF,
    FUNDED_BY,
    DATE,
    LEVEL,
    ADCODE,
    LAT,
    LONG,
    FIGURE_OF,
    VALUE,
    UNIT,
    APPROXIMATE,
    SUBJECT,
    PREDICATE,
    OBJECT,
    DERIVED_FROM,
    IN_SENTENCE,
    SENTENCE,
    START,
    END,
    STRENGTH,
    *DOCUMENT_FIELDS.values(),
}


class _Graph:
    """The facts an export reads, by predicate and subject, from all graphs at once (their union)."""

    def __init__(self, quads: Iterable[ox.Quad]):
        self._facts: dict[ox.NamedNode, dict[object, set]] = {predicate: defaultdict(set) for predicate in _READ}
        for quad in quads:
            if quad.predicate in self._facts:
                self._facts[quad.predicate][quad.subject].add(quad.object)
        self.statements = self._inverse(SUBJECT)
        self.figures = self._inverse(FIGURE_OF)

    def _inverse(self, predicate) -> dict[object, list]:
        inverse = defaultdict(list)
        for subject, objects in self._facts[predicate].items():
            for obj in objects:
                inverse[obj].append(subject)
        return inverse

    def subjects(self, predicate) -> list:
        return sorted(self._facts[predicate], key=str)

    def objects(self, subject, predicate) -> set:
        return self._facts[predicate].get(subject, set())

    def node(self, subject, predicate):
        """One object, the first by its N-Triples form when there are several."""
        return min(self.objects(subject, predicate), key=str, default=None)

    def value(self, subject, predicate, language: str | None = None) -> str | None:
        """The lexical form of one object (the smallest), optionally only among ``@language`` literals."""
        values = [
            obj.value
            for obj in self.objects(subject, predicate)
            if language is None or getattr(obj, "language", None) == language
        ]
        return min(values, default=None)

    def evidence_of(self, subject, predicate, obj) -> list:
        """The statement nodes of one triple."""
        return [
            node
            for node in self.statements.get(subject, ())
            if predicate in self.objects(node, PREDICATE) and obj in self.objects(node, OBJECT)
        ]


@cache
def _superclasses() -> dict[ox.NamedNode, frozenset[ox.NamedNode]]:
    """Every class of the package's ontology → its superclasses, itself included."""
    ontology = load_ontology()
    return {
        _node(cls): frozenset(
            _node(up) for up in ontology.transitive_objects(cls, RDFS.subClassOf) if isinstance(up, URIRef)
        )
        for cls in ontology.subjects(RDF.type, OWL.Class)
        if isinstance(cls, URIRef)
    }


def _classes_under(top: URIRef) -> frozenset[ox.NamedNode]:
    return frozenset(cls for cls, ups in _superclasses().items() if _node(top) in ups)


def activities(graph_path) -> list[dict]:
    """One row per program (``aid:Program`` or a subclass), like the rows of AidData or IATI files.

    Each row is a dict of plain JSON values; multi-valued fields are lists, in a fixed order:

    * ``program``: the IRI. ``name_zh``, ``name_en``: the ``rdfs:label`` in that language (None if
      absent). ``class``: the local name of the most specific program class (``Project``); a
      program that reports classify differently gets all of them, sorted and joined with ``"; "``.
    * ``funders``: ``{"iri", "name_zh", "evidence"}`` for every ``aid:fundedBy``, by IRI;
      ``evidence`` is ``"explicit"`` if any statement of the link is explicit, ``"default"`` if
      the only evidence is the report's overall aid-giver, None if the link has no statement.
    * ``places``: ``{"iri", "name_zh", "level", "adcode", "lat", "long", "coordinates_from"}`` for
      every ``aid:locatedIn``, most specific first (see :data:`PRECISION`), then by IRI. ``level``
      is ``aid:level``, or ``"site"`` for an ``aid:Site``, or None. ``lat``/``long`` (floats) are
      the place's own, else those of its nearest ancestor along ``aid:partOf``/``aid:locatedIn``
      that has both; ``coordinates_from`` is the IRI of the place they belong to (the place itself
      or that ancestor), None when no ancestor has coordinates either.
    * ``precision``: the level of the first (most specific) place; None without a place or level.
    * ``dates``: the ``aid:date`` values as written (``2024``, ``2024-05``, ``2024-05-20``), sorted.
    * ``figures``: ``{"iri", "label_zh", "value", "unit", "approximate", "text"}`` in the order of
      their sentences; ``value`` is an int when whole, else a float; ``text`` reads
      ``"130000 人次 (approx.)"``.
    * ``documents``: ``{"iri", "title", "url", "publisher", "date", "path"}`` of every source of
      a statement about the program or its figures, by IRI (missing metadata is None).
    * ``evidence``: ``{"document", "start", "end", "sentence"}`` of those statements, without
      repeats, by document and offset.

    The rows come sorted by program IRI. :func:`flatten_activity` makes the CSV form.

    Args:
        graph_path: A build folder (its ``graph.trig`` is read) or a graph file (``.trig``,
            ``.nq``, ``.ttl``, ``.nt``, ``.jsonld``), or a store (pyoxigraph's, or
            :class:`kg.remote.RemoteStore`). All graphs are read as one.

    Returns:
        The rows.

    Raises:
        ExportError: the graph is missing, of an unknown file type or cannot be parsed.
    """
    graph = _Graph(_read_quads(graph_path))
    program_classes = _classes_under(AID.Program)
    site_classes = _classes_under(AID.Site)
    rows = []
    for program in graph.subjects(TYPE):
        classes = graph.objects(program, TYPE) & program_classes
        if not classes:
            continue
        places = _places(graph, program, site_classes)
        figures = sorted(graph.figures.get(program, ()), key=lambda figure: (_position(graph, figure), str(figure)))
        documents, evidence = _provenance(graph, [program, *figures])
        rows.append(
            {
                "program": program.value,
                "name_zh": graph.value(program, LABEL, "zh"),
                "name_en": graph.value(program, LABEL, "en"),
                "class": _class_name(classes),
                "funders": _funders(graph, program),
                "places": places,
                "precision": places[0]["level"] if places else None,
                "dates": sorted(obj.value for obj in graph.objects(program, DATE)),
                "figures": [_figure(graph, figure) for figure in figures],
                "documents": documents,
                "evidence": evidence,
            }
        )
    return rows


def _class_name(classes: set[ox.NamedNode]) -> str:
    supers = _superclasses()
    specific = {cls for cls in classes if not any(cls != other and cls in supers[other] for other in classes)}
    return SEPARATOR.join(sorted(cls.value.rsplit("#", 1)[-1] for cls in specific))


def _funders(graph: _Graph, program) -> list[dict]:
    funders = []
    for funder in sorted(graph.objects(program, FUNDED_BY), key=str):
        strengths = {graph.value(node, STRENGTH) for node in graph.evidence_of(program, FUNDED_BY, funder)}
        funders.append(
            {
                "iri": funder.value,
                "name_zh": graph.value(funder, LABEL, "zh"),
                "evidence": next((s for s in ("explicit", "default") if s in strengths), None),
            }
        )
    return funders


def _places(graph: _Graph, program, site_classes: frozenset) -> list[dict]:
    places = []
    for place in graph.objects(program, LOCATED_IN):
        level = graph.value(place, LEVEL) or ("site" if graph.objects(place, TYPE) & site_classes else None)
        source = _with_coordinates(graph, place)
        places.append(
            {
                "iri": place.value,
                "name_zh": graph.value(place, LABEL, "zh"),
                "level": level,
                "adcode": graph.value(place, ADCODE),
                "lat": float(graph.value(source, LAT)) if source else None,
                "long": float(graph.value(source, LONG)) if source else None,
                "coordinates_from": source.value if source else None,
            }
        )
    rank = {level: i for i, level in enumerate(PRECISION)}
    return sorted(places, key=lambda p: (rank.get(p["level"], len(rank)), p["iri"]))


def _with_coordinates(graph: _Graph, place):
    """The place itself if it has coordinates, else its nearest ancestor that has (breadth first)."""
    frontier, seen = [place], {place}
    while frontier:
        for node in frontier:
            if graph.value(node, LAT) is not None and graph.value(node, LONG) is not None:
                return node
        parents = []
        for node in frontier:
            for parent in sorted(graph.objects(node, PART_OF) | graph.objects(node, LOCATED_IN), key=str):
                if parent not in seen:
                    seen.add(parent)
                    parents.append(parent)
        frontier = parents
    return None


def _position(graph: _Graph, node) -> tuple[str, int]:
    """Where a node is first stated: (document IRI, start offset); ("", -1) if nowhere."""
    positions = [
        (str(graph.node(statement, DERIVED_FROM)), int(graph.value(statement, START)))
        for statement in graph.statements.get(node, ())
        if graph.value(statement, START) is not None
    ]
    return min(positions, default=("", -1))


def _figure(graph: _Graph, figure) -> dict:
    number = Decimal(graph.value(figure, VALUE))
    unit = graph.value(figure, UNIT) or ""
    approximate = graph.value(figure, APPROXIMATE) in ("true", "1")
    written = format(number.normalize(), "f")
    return {
        "iri": figure.value,
        "label_zh": graph.value(figure, LABEL, "zh"),
        "value": int(number) if number == number.to_integral_value() else float(number),
        "unit": unit,
        "approximate": approximate,
        "text": " ".join(filter(None, (written, unit))) + (" (approx.)" if approximate else ""),
    }


def _provenance(graph: _Graph, subjects: list) -> tuple[list[dict], list[dict]]:
    sources, sentences = set(), set()
    for subject in subjects:
        for statement in graph.statements.get(subject, ()):
            source = graph.node(statement, DERIVED_FROM)
            if source is None:
                continue
            sources.add(source)
            sentence_node = graph.node(statement, IN_SENTENCE)
            sentence = None if sentence_node is None else graph.value(sentence_node, SENTENCE)
            if sentence is not None:
                start, end = (_offset(graph.value(statement, key)) for key in (START, END))
                sentences.add((source.value, start, end, sentence))
    documents = [
        {"iri": source.value, **{key: graph.value(source, predicate) for key, predicate in DOCUMENT_FIELDS.items()}}
        for source in sorted(sources, key=lambda node: node.value)
    ]
    evidence = [
        {"document": document, "start": start, "end": end, "sentence": sentence}
        for document, start, end, sentence in sorted(
            sentences, key=lambda s: (s[0], _offset_key(s[1]), _offset_key(s[2]), s[3])
        )
    ]
    return documents, evidence


def _offset(lexical: str | None) -> int | None:
    return None if lexical is None else int(lexical)


def _offset_key(offset: int | None) -> int:
    return -1 if offset is None else offset


def flatten_activity(row: dict) -> dict[str, str]:
    """The CSV form of an activity row: one string per column of :data:`ACTIVITY_COLUMNS`.

    A list becomes its items joined with :data:`SEPARATOR` (``"; "``); a list of records is split
    into parallel columns (``places``, ``place_names``, ``place_levels`` …: the n-th item of each
    belongs to the n-th place), where a missing value leaves an empty item (``"37.1; ; 79.9"``).
    None becomes ``""``. ``figures`` keeps each figure's ``text``, ``evidence`` each ``sentence``.
    A value that itself contains ``"; "`` cannot be told apart from two values: the JSON export
    keeps the lists and records whole.

    Args:
        row: A row of :func:`activities`.

    Returns:
        Column name → cell text, in :data:`ACTIVITY_COLUMNS` order.
    """
    flat = {}
    for column, field, key in _COLUMNS:
        value = row[field]
        flat[column] = _cell([item[key] for item in value] if key else value)
    return flat


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return SEPARATOR.join(_cell(item) for item in value)
    return str(value)


def write_activities(rows: list[dict], target: str | Path | TextIO, format: str = "csv") -> None:
    """Write activity rows as CSV (flattened, with a header row) or JSON (a list of the rows).

    Both are UTF-8 without a byte-order mark; CSV follows RFC 4180 (``\\r\\n`` line ends, quoting
    where needed), JSON is indented with Chinese written as is.

    Args:
        rows: Rows of :func:`activities`.
        target: A file path, or an open text stream (``sys.stdout``; for CSV opened with
            ``newline=""``).
        format: ``"csv"`` or ``"json"``.

    Raises:
        ExportError: an unknown format, or the file cannot be written.
    """
    if format not in ACTIVITY_FORMATS:
        raise ExportError(f"unknown activity format '{format}': choose one of {', '.join(ACTIVITY_FORMATS)}")
    if not isinstance(target, (str, Path)):
        _write_rows(rows, target, format)
        return
    try:
        with open(target, "w", encoding="utf-8", newline="") as stream:
            _write_rows(rows, stream, format)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write ({exc.strerror or exc})") from exc


def _write_rows(rows: list[dict], stream: IO[str], format: str) -> None:
    if format == "json":
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    writer = csv.DictWriter(stream, fieldnames=ACTIVITY_COLUMNS)
    writer.writeheader()
    writer.writerows(flatten_activity(row) for row in rows)


def export_graph(graph_path: str | Path, out: str | Path | BinaryIO, format: str) -> int:
    """Write a graph as Turtle (the union of all graphs), N-Quads, TriG or JSON-LD (named graphs kept).

    Duplicate statements are dropped, blank nodes renamed ``b0``, ``b1`` … in the order the input
    first uses them, and the statements sorted (by graph, subject, predicate, object), so the same
    input gives the same bytes.
    Language tags come out in lower case (``zh-latn-pinyin``), which BCP 47 treats as the same tag.
    JSON-LD is written in expanded form (full IRIs, no ``@context``), on one line.

    Args:
        graph_path: A build folder (its ``graph.trig``) or a graph file, as for :func:`activities`.
        out: A file path, or a binary stream (``sys.stdout.buffer``).
        format: One of :data:`GRAPH_FORMATS`: ``"jsonld"``, ``"nquads"``, ``"trig"``, ``"turtle"``.

    Returns:
        The number of triples (Turtle) or quads written.

    Raises:
        ExportError: an unknown format; the graph is missing, of an unknown file type or cannot be
            parsed; the output cannot be written.
    """
    if format not in GRAPH_FORMATS:
        raise ExportError(f"unknown graph format '{format}': choose one of {', '.join(GRAPH_FORMATS)}")
    quads = set(_renumber_blank_nodes(_read_quads(graph_path)))
    if format in _UNION_FORMATS:
        statements = sorted(
            {quad.triple for quad in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))
        )
    else:
        statements = sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    if not isinstance(out, (str, Path)):
        ox.serialize(statements, out, GRAPH_FORMATS[format], prefixes=PREFIXES)
        return len(statements)
    try:
        with open(out, "wb") as stream:
            ox.serialize(statements, stream, GRAPH_FORMATS[format], prefixes=PREFIXES)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    return len(statements)


def _renumber_blank_nodes(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Blank nodes renamed b0, b1 … in the order the input first uses them.

    A parser invents a random label for an anonymous blank node (``[ … ]``, a list), which would
    make two exports of the same file differ.
    """
    labels: dict[ox.BlankNode, ox.BlankNode] = {}

    def rename(term):
        if isinstance(term, ox.BlankNode):
            return labels.setdefault(term, ox.BlankNode(f"b{len(labels)}"))
        return term

    return [ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(q.graph_name)) for q in quads]


def _read_quads(graph_path) -> list[ox.Quad]:
    if not isinstance(graph_path, (str, Path)):  # a store: pyoxigraph's, or kg.remote.RemoteStore
        return list(graph_path.quads_for_pattern(None, None, None))
    path = Path(graph_path)
    if path.is_dir():
        path = path / "graph.trig"
    if not path.is_file():
        raise ExportError(f"{path}: no such file")
    rdf_format = ox.RdfFormat.from_extension(path.suffix[1:].lower())
    if rdf_format is None:
        raise ExportError(
            f"{path}: unknown graph file type (expected a build folder or a .trig, .nq, .ttl, .nt or .jsonld file)"
        )
    try:
        # From an open file, not path=, whose messages would repeat the path.
        with open(path, "rb") as stream:
            return list(ox.parse(stream, rdf_format))
    except SyntaxError as exc:
        raise ExportError(f"{path}: cannot parse {rdf_format.name}: {exc}") from exc
    except OSError as exc:
        raise ExportError(f"{path}: cannot read ({exc.strerror or exc})") from exc
