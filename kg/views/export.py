"""Exports of a built graph: a table of aid activities (CSV, JSON) and the graph in other RDF formats.

A graph file (a build folder means its ``graph.trig``) is read with pyoxigraph straight into an
index of the few predicates an export needs, so no triple store or SPARQL engine is involved. A
store is read as the views read it (:mod:`kg.graph.view_facts`), and the views give the facts the
build collected.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from itertools import product
from pathlib import Path
from typing import IO, BinaryIO, TextIO

import pyoxigraph as ox
from rdflib import OWL, RDF, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from kg.errors import ExportError
from kg.graph.namespace import AID, GEO, PREFIXES, PROV, RDFS, SDO, load_ontology
from kg.graph.view_facts import STATEMENT_FACTS, ViewFacts, read_facts

__all__ = [
    "ACTIVITY_COLUMNS",
    "ACTIVITY_FORMATS",
    "GRAPH_FORMATS",
    "PRECISION",
    "SEPARATOR",
    "activities",
    "export_graph",
    "flatten_activity",
    "jsonld_context",
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
# Terms of the JSON-LD @context beside the ontology's own properties (their local names): the
# reused vocabulary that a build writes. Every other predicate is written as a compact IRI.
_JSONLD_TERMS = {
    "label": RDFS.label,
    "altLabel": SKOS.altLabel,
    "wasDerivedFrom": PROV.wasDerivedFrom,
    "subject": RDF.subject,
    "predicate": RDF.predicate,
    "object": RDF.object,
    "name": SDO.name,
    "url": SDO.url,
    "publisher": SDO.publisher,
    "datePublished": SDO.datePublished,
    "lat": GEO.lat,
    "long": GEO.long,
    "language": DCTERMS.language,
}
# Of those, the ones whose values are always nodes: "@type": "@id" lets a value be a plain string.
_JSONLD_NODE_TERMS = {"wasDerivedFrom", "subject", "predicate"}
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
    ("top_class", "top_class", None),
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

    def __init__(self, facts: dict[ox.NamedNode, dict[object, set]]):
        self._facts = facts  # predicate → subject → objects, for each predicate of _READ
        self.statements = self._inverse(SUBJECT)
        self.figures = self._inverse(FIGURE_OF)
        self._stated: dict[tuple, list] | None = None

    @classmethod
    def of_quads(cls, quads: Iterable[ox.Quad]) -> _Graph:
        facts = {predicate: defaultdict(set) for predicate in _READ}
        for quad in quads:
            if quad.predicate in facts:
                facts[quad.predicate][quad.subject].add(quad.object)
        return cls(facts)

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
        if self._stated is None:  # indexed once: a program has hundreds of statements at 5 MB
            self._stated = defaultdict(list)
            for node, subjects in self._facts[SUBJECT].items():
                for key in product(subjects, self.objects(node, PREDICATE), self.objects(node, OBJECT)):
                    self._stated[key].append(node)
        return self._stated.get((subject, predicate, obj), [])


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


def activities(graph_path, *, events: bool = False, facts: ViewFacts | None = None) -> list[dict]:
    """One row per program (``aid:Program`` or a subclass), like the rows of AidData or IATI files;
    with ``events``, also one per event (``aid:Event``: a dated, one-off happening such as a
    free clinic or a first freight train, where most of a graph's dates are).

    Each row is a dict of plain JSON values; multi-valued fields are lists, in a fixed order:

    * ``program``: the IRI. ``name_zh``, ``name_en``: the ``rdfs:label`` in that language (None if
      absent). ``class``: the local name of the most specific program class (``Project``); a
      program that reports classify differently gets all of them, sorted and joined with ``"; "``.
      ``top_class``: ``"Program"`` or ``"Event"``.
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
    * ``dates``: the ``aid:date`` values as written (``2024``, ``2024-05``, ``2024-05-20``), sorted;
      empty when the graph gives none (reports date events far more often than programs).
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
        events: Also a row per event (the key ``program`` then holds the event's IRI).
            Not read when ``facts`` are given.
        facts: the graph's facts, if the build collected them (:mod:`kg.graph.view_facts`).

    Returns:
        The rows.

    Raises:
        ExportError: the graph is missing, of an unknown file type or cannot be parsed.
    """
    top_classes = {"Program": _classes_under(AID.Program)}
    if events:
        top_classes["Event"] = _classes_under(AID.Event)
    site_classes = _classes_under(AID.Site)
    if facts is None and isinstance(graph_path, (str, Path)):
        graph = _Graph.of_quads(_read_quads(graph_path))
    else:
        programs = frozenset().union(*top_classes.values())
        graph = _Graph(_activity_facts(facts or read_facts(graph_path), programs, site_classes))
    rows = []
    for program in graph.subjects(TYPE):
        top, classes = next(
            ((top, found) for top, under in top_classes.items() if (found := graph.objects(program, TYPE) & under)),
            (None, None),
        )
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
                "top_class": top,
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
    JSON-LD is written compacted with the context of :func:`jsonld_context`: one object per named
    graph (``{"@id": "res:graph/…", "@graph": [nodes]}``), nodes with readable keys
    (``"label"``, ``"locatedIn"``, ``"fundedBy"``), IRIs as compact IRIs (``"res:place/652925"``),
    integers and booleans as JSON numbers and booleans, other typed values as
    ``{"@value": "37.277143", "@type": "xsd:decimal"}`` (a decimal written as a JSON number would
    come back as an ``xsd:double``), language-tagged labels as ``{"@value", "@language"}``. A
    JSON-LD processor expands it to the same quads; compacting it again with its own context
    gives it back unchanged.

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
        _serialize(statements, out, format)
        return len(statements)
    try:
        with open(out, "wb") as stream:
            _serialize(statements, stream, format)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    return len(statements)


def _serialize(statements: list, stream: BinaryIO, format: str) -> None:
    if format == "jsonld":
        document = {"@context": jsonld_context(), "@graph": _jsonld_graphs(statements)}
        stream.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
        stream.write(b"\n")
    else:
        ox.serialize(statements, stream, GRAPH_FORMATS[format], prefixes=PREFIXES)


@cache
def _jsonld_terms() -> dict[str, tuple[str, bool]]:
    """Term → (IRI, whether its values are always nodes): the ontology's properties by local name,
    then :data:`_JSONLD_TERMS`."""
    ontology = load_ontology()
    terms = {}
    for kind, nodes in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
        for prop in ontology.subjects(RDF.type, kind):
            if isinstance(prop, URIRef) and str(prop).startswith(str(AID)):
                terms[str(prop)[len(str(AID)) :]] = (str(prop), nodes)
    for term, iri in _JSONLD_TERMS.items():
        terms[term] = (str(iri), term in _JSONLD_NODE_TERMS)
    return dict(sorted(terms.items()))


def jsonld_context() -> dict:
    """The ``@context`` of the JSON-LD export: the project's prefixes (``aid``, ``res``, ``rdfs``…)
    and a term per property a build writes (``label`` for ``rdfs:label``, ``locatedIn`` for
    ``aid:locatedIn``…; ``"@type": "@id"`` where the value is always a node).

    Returns:
        A new dict, JSON-ready; pass it to a JSON-LD processor to compact other data the same way.
    """
    context: dict = dict(PREFIXES)
    for term, (iri, nodes) in _jsonld_terms().items():
        context[term] = {"@id": _compact(iri), "@type": "@id"} if nodes else {"@id": _compact(iri)}
    return context


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        rest = iri[len(namespace) :]
        if iri.startswith(namespace) and rest and not rest.startswith("//"):
            return f"{prefix}:{rest}"
    return iri


def _jsonld_node_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _compact(term.value)


def _jsonld_value(term, as_node: bool):
    """A value of a node object; ``as_node``: under a term whose values are coerced to IRIs."""
    if not isinstance(term, ox.Literal):
        identifier = _jsonld_node_id(term)
        return identifier if as_node else {"@id": identifier}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if datatype == str(XSD.string):
        return term.value
    # JSON-LD reads a JSON integer as xsd:integer in canonical form and true/false as xsd:boolean.
    if datatype == str(XSD.integer) and term.value == str(int(term.value)):
        return int(term.value)
    if datatype == str(XSD.boolean) and term.value in ("true", "false"):
        return term.value == "true"
    return {"@value": term.value, "@type": _compact(datatype)}


def _jsonld_nodes(triples: list) -> list[dict]:
    by_iri = {iri: term for term, (iri, _) in _jsonld_terms().items()}
    node_terms = {term for term, (_, nodes) in _jsonld_terms().items() if nodes}
    nodes: dict[str, dict] = {}
    for subject, predicate, obj in triples:
        node = nodes.setdefault(_jsonld_node_id(subject), {"@id": _jsonld_node_id(subject)})
        if predicate.value == str(RDF.type) and not isinstance(obj, ox.Literal):
            key, value = "@type", _jsonld_node_id(obj)
        else:
            key = by_iri.get(predicate.value)
            as_node = key in node_terms
            # A literal cannot go under a term that makes its values IRIs: it takes the compact IRI.
            if key is None or (as_node and isinstance(obj, ox.Literal)):
                key, as_node = _compact(predicate.value), False
            value = _jsonld_value(obj, as_node)
        node.setdefault(key, []).append(value)
    # One value stands alone, several are a list (a processor's compactArrays).
    return [
        {key: values[0] if key != "@id" and len(values) == 1 else values for key, values in node.items()}
        for node in nodes.values()
    ]


def _jsonld_graphs(statements: list) -> list[dict]:
    """Statements sorted by graph, subject, predicate and object, as a top-level ``@graph``."""
    graphs: dict = {}
    for quad in statements:
        graphs.setdefault(quad.graph_name, []).append(quad.triple)
    top = []
    for name, triples in graphs.items():
        nodes = _jsonld_nodes(triples)
        if isinstance(name, ox.DefaultGraph):
            top.extend(nodes)
        else:
            top.append({"@id": _jsonld_node_id(name), "@graph": nodes})
    return top


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


# What activities() reads of the views' facts (kg.graph.view_facts): the facts of the programs, of
# their figures and of the statements about either, then of places, funders and documents.
_PROGRAM_FACTS = (TYPE, LABEL, LOCATED_IN, FUNDED_BY, DATE)
_FIGURE_FACTS = (FIGURE_OF, VALUE, UNIT, APPROXIMATE, LABEL)
_PLACE_FACTS = (PART_OF, LOCATED_IN, LEVEL, ADCODE, LAT, LONG)


def _activity_facts(facts: ViewFacts, programs: frozenset, sites: frozenset) -> dict:
    """What :func:`activities` reads, from the views' facts: predicate → subject → objects, in
    pyoxigraph terms (made straight into the index: through a triple each, it took twice as long)."""
    read = {predicate: defaultdict(set) for predicate in _READ}
    made: dict = {}  # each term made once

    def term(value: str | tuple[str, str]):
        if value not in made:
            made[value] = _literal(*value) if isinstance(value, tuple) else _term(value)
        return made[value]

    def add(predicates, subjects=None) -> None:
        """The facts of these predicates (about these subjects, or about all)."""
        for predicate in predicates:
            for found in (facts.objects(predicate.value), facts.values(predicate.value)):
                for subject in found if subjects is None else subjects:
                    if found.get(subject):
                        read[predicate][term(subject)].update(map(term, found[subject]))

    types = facts.objects(TYPE.value)
    program_classes, site_classes = {c.value for c in programs}, {c.value for c in sites}
    about = {node for node, classes in types.items() if classes & program_classes}
    funders = {funder for program in about for funder in facts.objects(FUNDED_BY.value).get(program, ())}
    figures = [figure for figure, of in facts.objects(FIGURE_OF.value).items() if not of.isdisjoint(about)]
    located = set().union(*facts.objects(LOCATED_IN.value).values())
    add(_PROGRAM_FACTS, about)
    add(_FIGURE_FACTS, figures)
    add(_PLACE_FACTS)
    for node, classes in types.items():
        if classes & site_classes:
            read[TYPE][term(node)].update(map(term, classes & site_classes))
    add((LABEL,), located | funders)
    add(DOCUMENT_FIELDS.values())
    about |= set(figures)
    predicates = [ox.NamedNode(fact) for fact in STATEMENT_FACTS]
    sentence = STATEMENT_FACTS.index(IN_SENTENCE.value)
    for node, *values in facts.statements:
        if values[0] not in about:
            continue
        statement = term(node)
        for predicate, value in zip(predicates, values):
            # A literal object (None) is never one of the nodes an export matches objects with.
            if value is not None:
                read[predicate][statement].add(term((value, "") if predicate in (START, END, STRENGTH) else value))
        if values[sentence] in facts.sentences:
            read[SENTENCE][term(values[sentence])].add(term((facts.sentences[values[sentence]], "")))
    return read


def _term(value: str):
    """A node of :class:`kg.graph.view_facts.ViewFacts` (an IRI, or a blank node ``_:id``) as a pyoxigraph term."""
    return ox.BlankNode(value[2:]) if value.startswith("_:") else ox.NamedNode(value)


def _literal(value: str, tag: str) -> ox.Literal:
    """A literal of :class:`kg.graph.view_facts.ViewFacts` (its language or datatype in ``tag``)."""
    if not tag:
        return ox.Literal(value)
    if ":" in tag:
        return ox.Literal(value, datatype=ox.NamedNode(tag))
    return ox.Literal(value, language=tag)


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
