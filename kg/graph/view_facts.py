"""The facts the views read (the network page, the map, the activities export), in plain Python.

At 5 MB of reports, reading these facts back from the on-disk store took most of the views'
time (30-40 s: every row decoded from RocksDB, then parsed into Python), whatever the queries;
from an in-memory store the same queries still took 30 s. So the build collects them as it makes
the graph: each document's facts with its named graph (in the worker, kept in the build cache),
the corpus graphs' as they are written, all merged into one :class:`ViewFacts` handed to the
views. A graph without a build (``kg viz`` on a store or a graph file) is read into the same
structure by :func:`read_facts`, so the views have one code path and both sources give them
equal facts.

What is kept, of the union of the graphs (each triple once):

* ``nodes``: the triples of ``rdf:type``, ``rdfs:subClassOf`` and the object properties whose
  object is an IRI or a blank node (``_:id``), by predicate and subject, except the statements'
  and sentences' own facts (below) and their ``rdf:type``;
* ``literals``: the triples with a literal object of the predicates in :data:`LITERAL_PREDICATES`,
  the literal as ``(lexical form, tag)``: its language (lower case, as pyoxigraph gives it), else
  its datatype IRI, "" for a plain string;
* ``statements``: one row per statement (an ``aid:Statement``: a node with a subject, a predicate
  and an object), ``[node, *values]`` with its value of each of :data:`STATEMENT_FACTS` (IRIs as
  they are, blank nodes ``_:id``, literals as their lexical form; a literal ``rdf:object``, a date
  or a number, as None, and None where the graph gives none), one row per combination where it
  has several values of one (none in a build); ``sentences``: sentence node → its text;
* ``graph_sources``: ``(subject, predicate, object, source)`` for the triples with a node object
  of each named graph derived as a whole from one source (``graph prov:wasDerivedFrom source``,
  stated in that graph: the gazetteer's).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import product

import pyoxigraph as ox

from kg.graph.namespace import AID, GEO, ONTOLOGY_PATH, OWL, PREFIXES, PROV, RDF, RDFS, SDO, SKOS, XSD

__all__ = ["LITERAL_PREDICATES", "STATEMENT_FACTS", "FactCollector", "ViewFacts", "read_facts"]

# The facts of a statement, in the order of ViewFacts.statements' rows (after the node).
STATEMENT_FACTS = tuple(
    str(term)
    for term in (
        RDF.subject,
        RDF.predicate,
        RDF.object,
        PROV.wasDerivedFrom,
        AID.inSentence,
        AID.startOffset,
        AID.endOffset,
        AID.evidenceStrength,
    )
)
_FACT_INDEX = {predicate: i for i, predicate in enumerate(STATEMENT_FACTS)}
_OBJECT = _FACT_INDEX[str(RDF.object)]
_SENTENCE = str(AID.sentence)
_TYPE = str(RDF.type)
_DERIVED = str(PROV.wasDerivedFrom)
# The statements and sentences are most of a graph; their facts are kept apart (above), and their
# class is not one the views look for.
_UNTYPED = {str(AID.Statement), str(AID.Sentence)}
_NOT_NODES = {*STATEMENT_FACTS, _SENTENCE}
_OBJECT_PROPERTY = str(OWL.ObjectProperty)
LITERAL_PREDICATES = frozenset(
    str(term)
    for term in (
        RDFS.label,
        SKOS.altLabel,
        AID.level,
        AID.adcode,
        GEO.lat,
        GEO.long,
        AID.value,
        AID.unit,
        AID.approximate,
        AID.date,
        SDO.name,
        SDO.url,
        SDO.publisher,
        SDO.datePublished,
        AID.sourcePath,
    )
)
_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


@dataclass
class ViewFacts:
    """What the views read of a graph (see the module docstring)."""

    nodes: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    literals: dict[str, dict[str, set[tuple[str, str]]]] = field(default_factory=dict)
    # Rows, not a dict of lists by node: read back from JSON, they took a fifth of the time.
    statements: list[list[str | None]] = field(default_factory=list)
    sentences: dict[str, str] = field(default_factory=dict)
    graph_sources: set[tuple[str, str, str, str]] = field(default_factory=set)

    def objects(self, predicate: str) -> dict[str, set[str]]:
        """Subject → its node objects of ``predicate`` (IRIs, blank nodes ``_:id``)."""
        return self.nodes.get(predicate, {})

    def values(self, predicate: str) -> dict[str, set[tuple[str, str]]]:
        """Subject → its literal objects of ``predicate``, as ``(lexical form, tag)``."""
        return self.literals.get(predicate, {})

    def instances(self) -> dict[str, set[str]]:
        """Class → the nodes typed with it (``rdf:type``)."""
        found = defaultdict(set)
        for node, classes in self.objects(_TYPE).items():
            for cls in classes:
                found[cls].add(node)
        return found

    def superclasses(self) -> dict[str, set[str]]:
        """Class → every class it is a subclass of (``rdfs:subClassOf+``)."""
        direct = self.objects(str(RDFS.subClassOf))
        found = {}
        for cls in direct:
            seen, stack = set(), list(direct[cls])
            while stack:
                up = stack.pop()
                if up not in seen:
                    seen.add(up)
                    stack.extend(direct.get(up, ()))
            found[cls] = seen
        return found

    def classes_under(self, top: str) -> set[str]:
        """A class and every class under it (``rdfs:subClassOf*``)."""
        return {top} | {cls for cls, ups in self.superclasses().items() if top in ups}

    def add_json(self, data: bytes) -> None:
        """Add the facts of another part of the graph, as :meth:`to_json` wrote them (a triple
        stated twice is kept once). Read straight into these facts: through a ViewFacts of its
        own each, the documents' facts took half as long again to merge at 5 MB."""
        found = json.loads(data)
        for mine, theirs, make in ((self.nodes, found["nodes"], str), (self.literals, found["literals"], tuple)):
            for predicate, subjects in theirs.items():
                known = mine.setdefault(predicate, {})
                for subject, objects in subjects.items():
                    objects = objects if make is str else map(tuple, objects)
                    if subject in known:
                        known[subject].update(objects)
                    else:
                        known[subject] = set(objects)
        self.statements += found["statements"]  # a statement is in one document's graph only
        self.sentences.update(found["sentences"])
        self.graph_sources.update(map(tuple, found["graph_sources"]))

    def to_json(self) -> bytes:
        """The facts as JSON (a build cache piece; see :meth:`add_json`)."""
        data = {
            "nodes": {p: {s: sorted(o) for s, o in subjects.items()} for p, subjects in self.nodes.items()},
            "literals": {p: {s: sorted(o) for s, o in subjects.items()} for p, subjects in self.literals.items()},
            "statements": self.statements,
            "sentences": self.sentences,
            "graph_sources": sorted(self.graph_sources),
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@cache
def _node_predicates() -> frozenset[str]:
    """rdf:type, rdfs:subClassOf and the object properties of the ontology a build puts in its graph."""
    typing = ox.NamedNode(_TYPE), ox.NamedNode(_OBJECT_PROPERTY)
    ontology = ox.parse(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE)
    properties = {t.subject.value for t in ontology if (t.predicate, t.object) == typing}
    return frozenset({_TYPE, str(RDFS.subClassOf), *properties} - _NOT_NODES)


class FactCollector:
    """Collects :class:`ViewFacts` from the triples (or quads) of a graph as they are made."""

    def __init__(self):
        self.facts = ViewFacts()
        self._nodes = _node_predicates()
        self._statements: dict[str, list[list[str | None]]] = {}  # node → its values of each fact
        self._derived: dict[str, set[str]] = defaultdict(set)  # graph → its sources
        self._in_graph: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # graph → its node triples

    def add(self, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        """Take in triples; quads also give their graph (for :attr:`ViewFacts.graph_sources`)."""
        nodes, literals, statements, sentences = (
            self.facts.nodes,
            self.facts.literals,
            self._statements,
            self.facts.sentences,
        )
        for triple in triples:
            subject, predicate, obj = _node(triple.subject), triple.predicate.value, triple.object
            graph = getattr(triple, "graph_name", None)
            literal = isinstance(obj, ox.Literal)
            if predicate in _FACT_INDEX:
                index = _FACT_INDEX[predicate]
                value = None if literal and index == _OBJECT else (obj.value if literal else _node(obj))
                if subject not in statements:
                    statements[subject] = [[] for _ in STATEMENT_FACTS]
                values = statements[subject][index]
                if value not in values:
                    values.append(value)
                if predicate == _DERIVED and isinstance(graph, ox.NamedNode) and graph.value == subject:
                    self._derived[subject].add(_node(obj))
            elif predicate == _SENTENCE:
                if literal:
                    sentences[subject] = obj.value
            elif literal:
                if predicate in LITERAL_PREDICATES:
                    literals.setdefault(predicate, {}).setdefault(subject, set()).add(_tagged(obj))
            elif predicate in self._nodes and (predicate != _TYPE or obj.value not in _UNTYPED):
                nodes.setdefault(predicate, {}).setdefault(subject, set()).add(_node(obj))
            if isinstance(graph, ox.NamedNode) and not literal:
                self._in_graph[graph.value].append((subject, predicate, _node(obj)))

    def done(self) -> ViewFacts:
        """The facts collected."""
        facts = self.facts
        facts.statements = _rows(self._statements)
        for graph, sources in self._derived.items():
            facts.graph_sources |= {(*triple, source) for triple in self._in_graph.get(graph, ()) for source in sources}
        self._in_graph.clear()
        return facts


def _rows(statements: dict[str, list[list[str | None]]]) -> list[list[str | None]]:
    """Node → its values of each fact, as :attr:`ViewFacts.statements` rows: only the statements
    (sentences and documents have offsets and sources too, but no subject)."""
    rows = []
    for node, values in statements.items():
        if values[0] and values[1] and values[2]:
            rows.extend([node, *combination] for combination in product(*(found or [None] for found in values)))
    return rows


def _node(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _tagged(literal: ox.Literal) -> tuple[str, str]:
    if literal.language:
        return literal.value, literal.language
    datatype = literal.datatype.value
    return literal.value, "" if datatype == _STRING else datatype


def _select(store, text: str) -> list[dict[str, dict]]:
    """Rows of a SELECT as SPARQL JSON bindings (``{"type", "value", "xml:lang", "datatype"}`` per
    bound variable): the store writes the whole result in one call and :mod:`json` reads it (a
    Python term per cell took three times as long).

    Args:
        store: a :class:`pyoxigraph.Store` or a :class:`kg.query.remote.RemoteStore`.
        text: the query, with the project's prefixes available.
    """
    results = store.query(text, prefixes=PREFIXES)
    return json.loads(results.serialize(format=ox.QueryResultsFormat.JSON))["results"]["bindings"]


def _csv(store, text: str) -> list[list[str]]:
    """Rows of a SELECT as SPARQL CSV (lexical values; blank nodes ``_:id``), without the header:
    the store writes CSV faster than JSON, and :mod:`csv` reads it in a fraction of the time."""
    results = store.query(text, prefixes=PREFIXES)
    rows = csv.reader(io.StringIO(results.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8"), newline=""))
    next(rows, None)
    return list(rows)


def _cell(cell: dict) -> str:
    return f"_:{cell['value']}" if cell["type"] == "bnode" else cell["value"]


def _literal(cell: dict) -> tuple[str, str]:
    if "xml:lang" in cell:
        return cell["value"], cell["xml:lang"].lower()
    datatype = cell.get("datatype", _STRING)
    return cell["value"], "" if datatype in (_STRING, _LANG_STRING) else datatype


# The graph's own object properties: a graph file may have others than the package's ontology.
_OBJECT_PROPERTIES = "SELECT ?p WHERE { ?p a owl:ObjectProperty }"
# By predicate (an index look-up each): of every triple, this query took 33 s at 5 MB.
_NODES = """SELECT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o
  FILTER (!isLiteral(?o) && (?p != rdf:type || ?o NOT IN (%s))) }"""
_LITERALS = "SELECT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o FILTER (isLiteral(?o)) }"
_FACT = "SELECT ?s ?o (isLiteral(?o) AS ?literal) WHERE { ?s <%s> ?o }"
_SENTENCES = "SELECT ?s ?o WHERE { ?s <%s> ?o FILTER (isLiteral(?o)) }" % _SENTENCE
_GRAPH_SOURCES = """
SELECT DISTINCT ?s ?p ?o ?source WHERE {
  ?g prov:wasDerivedFrom ?source .
  GRAPH ?g { ?s ?p ?o FILTER (!isLiteral(?o)) }
}"""


def read_facts(store) -> ViewFacts:
    """The views' facts of a store whose default graph is the union of its graphs (as
    :func:`kg.query.saved.open_graph` opens one, or a :class:`kg.query.remote.RemoteStore`).

    Each statement fact is read on its own and joined here: the on-disk store answers one triple
    pattern quickly but a join of several slowly (10-50 s at 5 MB).
    """
    facts = ViewFacts()
    iris = lambda terms, sep=" ": sep.join(f"<{term}>" for term in sorted(terms))  # noqa: E731
    predicates = {_TYPE, str(RDFS.subClassOf), *(p for (p,) in _csv(store, _OBJECT_PROPERTIES))} - _NOT_NODES
    for row in _select(store, _NODES % (iris(predicates), iris(_UNTYPED, ", "))):
        facts.nodes.setdefault(row["p"]["value"], {}).setdefault(_cell(row["s"]), set()).add(_cell(row["o"]))
    for row in _select(store, _LITERALS % iris(LITERAL_PREDICATES)):
        facts.literals.setdefault(row["p"]["value"], {}).setdefault(_cell(row["s"]), set()).add(_literal(row["o"]))
    statements: dict = defaultdict(lambda: [[] for _ in STATEMENT_FACTS])
    for i, predicate in enumerate(STATEMENT_FACTS):
        for node, value, literal in _csv(store, _FACT % predicate):
            values = statements[node][i]
            value = None if literal == "true" and i == _OBJECT else value
            if value not in values:
                values.append(value)
    facts.statements = _rows(statements)
    facts.sentences = dict(_csv(store, _SENTENCES))
    facts.graph_sources = {
        (_cell(row["s"]), row["p"]["value"], _cell(row["o"]), _cell(row["source"]))
        for row in _select(store, _GRAPH_SOURCES)
    }
    return facts
