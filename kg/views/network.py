"""The graph as a network: a networkx projection of the entities and of the relations between them.

Nodes are the entities (instances of the six top classes or their subclasses), keyed by IRI. Edges are
the triples that link two entities (``aid:locatedIn``, ``aid:fundedBy``, ``aid:partOf``…; not the
derived ``aid:within``): one edge per subject, object and predicate, keyed by the predicate's local
name, so ``G.edges[program, place, "locatedIn"]`` is the located-in link of a program.

Node attributes: ``class`` (local name of the most specific class, several joined with ``"; "``),
``top`` (the top class: ``Place``…), ``label_zh``, ``label_en``, ``label_pinyin`` (None where the graph
has none), ``alt_labels`` (list), ``degree`` (edges in and out, in the graph the node sits in) and
``evidence``: the statements of the node's typing, i.e. the sentences that mention it. Edge
attributes: ``predicate`` (local name) and ``evidence``. An evidence list holds dicts ``{"sentence",
"document", "title", "date", "url", "publisher", "path", "strength"}`` (``document`` is the IRI of the
source; missing values are None), one per document and sentence, by document and offset; a fact of
the gazetteer has the gazetteer as its document and no sentence.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import product
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError, NetworkError
from kg.graph.namespace import PREFIXES, RDF, RDFS, SKOS, TOP_CLASSES
from kg.query.saved import QueryResult, open_graph
from kg.views.statements import Statements, read_statements, select

__all__ = [
    "FUNDED_BY",
    "LOCATED_IN",
    "PART_OF",
    "around",
    "from_query",
    "funded_by",
    "funder_scope",
    "funder_scopes",
    "funders",
    "local_name",
    "project",
    "write_gexf",
    "write_graphml",
]

FUNDED_BY, LOCATED_IN, PART_OF = "fundedBy", "locatedIn", "partOf"
SEPARATOR = "; "
_LANGUAGES = {"zh": "label_zh", "en": "label_en", "zh-latn-pinyin": "label_pinyin"}
_DOCUMENT_FIELDS = ("title", "date", "url", "publisher", "path")
_STRENGTH_RANK = {"explicit": 0, "default": 1}
_SOURCE = PREFIXES["aid"] + "Source"

_ENTITIES = """
SELECT ?x ?class ?top WHERE {
  VALUES ?top { %s }
  ?class rdfs:subClassOf* ?top .
  ?x a ?class .
}"""
_SUPERCLASSES = "SELECT ?class ?super WHERE { ?class rdfs:subClassOf+ ?super }"
_LABELS = "SELECT ?x ?p ?name WHERE { VALUES ?p { rdfs:label skos:altLabel } ?x ?p ?name }"
# The object properties that can link two entities: every one of the ontology's but the derived
# aid:within and those whose subjects are statements or figures, never entities.
_LINK_PREDICATES = """
SELECT ?p WHERE { ?p a owl:ObjectProperty FILTER (?p NOT IN (aid:within, aid:inSentence, aid:figureOf)) }"""
# Facts of a whole graph derived from one source (the gazetteer's hierarchy) carry no statements.
_GRAPH_SOURCES = """
SELECT DISTINCT ?s ?p ?o ?source WHERE {
  ?g prov:wasDerivedFrom ?source .
  GRAPH ?g { ?s ?p ?o FILTER (isIRI(?o)) }
}"""
# The source classes are given (VALUES): a property path (a/rdfs:subClassOf*) took 4 s at 5 MB.
_SOURCES = """
SELECT ?source ?field ?value WHERE {
  VALUES ?class { %s }
  ?source a ?class .
  VALUES (?field ?p) {
    ("title" schema:name) ("title" rdfs:label) ("date" schema:datePublished) ("url" schema:url)
    ("publisher" schema:publisher) ("path" aid:sourcePath)
  }
  ?source ?p ?value .
}"""


def local_name(iri: str) -> str:
    """The last segment of an IRI, after ``#`` or ``/``: ``https://…/ontology#County`` → ``County``."""
    return re.split(r"[#/]", iri)[-1]


def project(graph: str | Path | ox.Store, *, statements: Statements | None = None) -> nx.MultiDiGraph:
    """Project a built graph onto a network of entities and the relations between them.

    Args:
        graph: A build folder, a graph file (see :func:`kg.queries.open_graph`) or a store whose
            default graph is the union of the named graphs (one that function returned, or a
            :class:`kg.remote.RemoteStore`).
        statements: the graph's statements, if :func:`kg.views.statements.read_statements` has
            read them already (the build reads them once for both views); else they are read.

    Returns:
        The network, with the attributes described in the module docstring; nodes and edges in
        IRI order.

    Raises:
        GraphFileError: the graph cannot be read.
    """
    store = open_graph(graph) if isinstance(graph, (str, Path)) else graph
    entities, supers = _entities(store)
    evidence = _evidence(store, entities, supers, statements)
    network = nx.MultiDiGraph()
    for iri in sorted(entities):
        network.add_node(iri, **entities[iri], evidence=evidence.pop((iri, str(RDF.type), None), []))
    for s, p, o in sorted(evidence):  # what is left: the links
        network.add_edge(s, o, key=local_name(p), predicate=local_name(p), evidence=evidence[s, p, o])
    _set_degrees(network)
    return network


def _entities(store: ox.Store) -> tuple[dict[str, dict], dict[str, set[str]]]:
    """The entities with their classes and labels, and every class's superclasses."""
    supers = defaultdict(set)
    for row in select(store, _SUPERCLASSES):
        supers[row["class"]["value"]].add(row["super"]["value"])
    classes, tops = defaultdict(set), defaultdict(set)
    for row in select(store, _ENTITIES % " ".join(f"<{top}>" for top in TOP_CLASSES)):
        classes[row["x"]["value"]].add(row["class"]["value"])
        tops[row["x"]["value"]].add(row["top"]["value"])
    entities = {}
    for iri, found in classes.items():
        specific = {cls for cls in found if not any(cls in supers[other] for other in found)}
        entities[iri] = {
            "class": SEPARATOR.join(sorted(map(local_name, specific))),
            # The ontology makes the top classes disjoint; a report that breaks this still gets one.
            "top": local_name(next(str(top) for top in TOP_CLASSES if str(top) in tops[iri])),
            **dict.fromkeys(_LANGUAGES.values()),
            "alt_labels": [],
        }
    label, alt = str(RDFS.label), str(SKOS.altLabel)
    for row in sorted(select(store, _LABELS), key=lambda row: row["name"]["value"]):
        entity, name = entities.get(row["x"]["value"]), row["name"]
        if entity is None or name["type"] != "literal":
            continue
        if row["p"]["value"] == alt:
            entity["alt_labels"].append(name["value"])
        elif (
            row["p"]["value"] == label
            and (key := _LANGUAGES.get(name.get("xml:lang", "").lower()))
            and entity[key] is None
        ):
            entity[key] = name["value"]  # the smallest of several labels in one language
    return entities, supers


def _evidence(
    store: ox.Store, entities: dict, supers: dict, statements: Statements | None
) -> dict[tuple[str, str, str | None], list[dict]]:
    """(subject, predicate, object) → evidence, for every link between two entities and for the typing
    of every entity (as ``(entity, rdf:type, None)``)."""
    source_classes = {cls for cls, ups in supers.items() if _SOURCE in ups} | {_SOURCE}
    sources = defaultdict(dict)
    rows = select(store, _SOURCES % " ".join(f"<{cls}>" for cls in sorted(source_classes)))
    for row in sorted(rows, key=lambda row: row["value"]["value"], reverse=True):
        sources[row["source"]["value"]][row["field"]["value"]] = row["value"]["value"]  # the smallest value wins
    found = defaultdict(dict)
    for predicate in sorted(row["p"]["value"] for row in select(store, _LINK_PREDICATES)):
        for row in select(store, f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}"):
            if row["s"]["value"] in entities and row["o"]["value"] in entities:
                found[row["s"]["value"], predicate, row["o"]["value"]] = {}
    typing = str(RDF.type)
    for s, p, o, source, sentence, start, strength in _statements(statements or read_statements(store)):
        key = (s, p, None if p == typing else o)
        if key in found if p != typing else s in entities:
            _add(found[key], source, sentence, start, strength, sources)
    for row in select(store, _GRAPH_SOURCES):
        key = (row["s"]["value"], row["p"]["value"], row["o"]["value"])
        if key in found:
            _add(found[key], row["source"]["value"], None, -1, None, sources)
    return {key: [item for _, item in sorted(items.values(), key=lambda pair: pair[0])] for key, items in found.items()}


def _statements(statements: Statements) -> Iterator[tuple]:
    """Every statement as ``(subject, predicate, object, source, sentence, start, strength)`` (IRIs and
    text as strings, ``start`` an int or -1, the rest None where the graph has none; an object that is
    a literal is None), one tuple per combination where a statement has several values of one."""
    texts = statements.sentences
    for subjects, predicates, objects, derived, in_sentence, starts, _, strengths in statements.facts.values():
        if not (subjects and predicates and objects):
            continue
        yield from product(
            subjects,
            predicates,
            objects,
            derived or [None],
            [texts[node] for node in in_sentence if node in texts] or [None],
            [int(start) for start in starts] or [-1],
            strengths or [None],
        )


def _add(items: dict, source, sentence, start: int, strength, sources: dict) -> None:
    """Add a statement (or a graph's source) to the evidence of a fact, once per document and sentence.

    ``items`` maps (document, sentence) to (sort key, evidence item); of several statements in one
    sentence the earliest offset counts.
    """
    metadata = sources.get(source, {})
    key = (source or "", start, sentence or "")
    if (source, sentence) in items and items[source, sentence][0] > key:
        items[source, sentence] = (key, items[source, sentence][1])
    _, item = items.setdefault(
        (source, sentence),
        (
            key,
            {
                "sentence": sentence,
                "document": source,
                **{field: metadata.get(field) for field in _DOCUMENT_FIELDS},
                "strength": strength,
            },
        ),
    )
    # One sentence can state a fact explicitly and also carry the report's default aid-giver.
    item["strength"] = min(
        filter(None, (item["strength"], strength)),
        key=lambda s: _STRENGTH_RANK.get(s, len(_STRENGTH_RANK)),
        default=None,
    )


def _set_degrees(network: nx.MultiDiGraph) -> None:
    nx.set_node_attributes(network, dict(network.degree()), "degree")


def _subgraph(network: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The network induced by some nodes, as a copy in IRI order whose ``degree`` counts only its own
    edges.

    Not ``network.subgraph(nodes).copy()``: that iterates the nodes as a set when they are fewer than
    half the network, so the copy's order (and a page or file written from it) would change with
    ``PYTHONHASHSEED``.
    """
    keep = set(nodes)
    order = sorted(keep)
    sub = nx.MultiDiGraph()
    sub.graph.update(network.graph)
    sub.add_nodes_from((node, network.nodes[node]) for node in order)
    sub.add_edges_from(edge for edge in network.edges(order, keys=True, data=True) if edge[1] in keep)
    _set_degrees(sub)
    return sub


def _require(network: nx.MultiDiGraph, node: str) -> None:
    if node not in network:
        raise NetworkError(f"the network has no node <{node}>")


def around(network: nx.MultiDiGraph, node: str, hops: int = 1) -> nx.MultiDiGraph:
    """The neighbourhood of a node: everything within ``hops`` links of it, in either direction.

    Args:
        network: A network of :func:`project`.
        node: The IRI of the node in the middle (resolve a name with :class:`kg.lookup.Lookup`).
        hops: How many links away to go; 0 gives the node alone.

    Returns:
        The subgraph induced by those nodes (with every link among them).

    Raises:
        NetworkError: the network has no such node, or ``hops`` is negative.
    """
    _require(network, node)
    if hops < 0:
        raise NetworkError(f"hops must be 0 or more, not {hops}")
    reached = nx.single_source_shortest_path_length(network.to_undirected(as_view=True), node, cutoff=hops)
    return _subgraph(network, reached)


def from_query(network: nx.MultiDiGraph, result: QueryResult) -> nx.MultiDiGraph:
    """The entities of a query's result and the links among them (a saved query drawn as a network).

    Args:
        network: A network of :func:`project`.
        result: A result of :func:`kg.queries.run_query`; every IRI in any cell that is a node of the
            network is taken (documents, classes and literals are not nodes).

    Returns:
        The subgraph induced by those nodes; empty when the result names no entity.
    """
    return _subgraph(network, {str(cell) for row in result.rows for cell in row if str(cell) in network})


def funders(network: nx.MultiDiGraph) -> list[str]:
    """Every node that something is ``fundedBy``, in IRI order."""
    return sorted({funder for _, funder, key in network.edges(keys=True) if key == FUNDED_BY})


def funder_scope(network: nx.MultiDiGraph, funder: str) -> set[str]:
    """What a funder funded and where: the funder, what it or any of its parts (``partOf``, at any
    depth: a city of a funding province) is ``fundedBy``, the parts that funded it with the
    ``partOf`` chain up to the funder, and the places the funded things are ``locatedIn``.

    Args:
        network: A network of :func:`project`.
        funder: The funder's IRI.

    Returns:
        The nodes.

    Raises:
        NetworkError: the network has no such node.
    """
    _require(network, funder)
    return _scope(funder, _Links(network))


def funder_scopes(network: nx.MultiDiGraph, funders: Iterable[str]) -> dict[str, set[str]]:
    """:func:`funder_scope` of several funders, sharing the look-ups of links between them (the
    network page takes every funder's: 900 funders at 5 MB took 3-9 s one by one).

    Raises:
        NetworkError: the network has no such node.
    """
    links = _Links(network)
    scopes = {}
    for funder in funders:
        _require(network, funder)
        scopes[funder] = _scope(funder, links)
    return scopes


class _Links:
    """A node's links of one predicate, in the network's order, each looked up once."""

    def __init__(self, network: nx.MultiDiGraph):
        self.network = network
        self.found: dict[tuple, list[str]] = {}

    def into(self, node: str, key: str) -> list[str]:
        """The nodes that link to ``node`` by ``key`` (as ``network.in_edges`` gives them)."""
        if (node, key, "in") not in self.found:
            pred = self.network.pred[node]
            self.found[node, key, "in"] = [other for other, keys in pred.items() for k in keys if k == key]
        return self.found[node, key, "in"]

    def out(self, node: str, key: str) -> list[str]:
        """The nodes that ``node`` links to by ``key``."""
        if (node, key, "out") not in self.found:
            succ = self.network.succ[node]
            self.found[node, key, "out"] = [other for other, keys in succ.items() for k in keys if k == key]
        return self.found[node, key, "out"]


def _scope(funder: str, links: _Links) -> set[str]:
    up = {funder: None}  # each part of the funder → the node it is directly part of
    frontier = [funder]
    while frontier:
        parts = []
        for whole in frontier:
            for part in links.into(whole, PART_OF):
                if part not in up:
                    up[part] = whole
                    parts.append(part)
        frontier = parts
    scope = {funder}
    for giver in up:
        for recipient in links.into(giver, FUNDED_BY):
            scope.add(recipient)
            scope.update(links.out(recipient, LOCATED_IN))
            node = giver
            while node is not None and node not in scope:
                scope.add(node)
                node = up[node]
    return scope


def funded_by(network: nx.MultiDiGraph, funder: str) -> nx.MultiDiGraph:
    """The subgraph of :func:`funder_scope`: a funder's programs (and other recipients) and their places.

    Args:
        network: A network of :func:`project`.
        funder: The funder's IRI (resolve a name with :class:`kg.lookup.Lookup`, kind ``funder``).

    Returns:
        The subgraph induced by the funder's scope.

    Raises:
        NetworkError: the network has no such node.
    """
    return _subgraph(network, funder_scope(network, funder))


def _flat(name: str, value):
    """An attribute value as GEXF and GraphML can hold it: evidence as JSON, a list of names joined."""
    if name == "evidence":
        return json.dumps(value, ensure_ascii=False)
    return SEPARATOR.join(value) if isinstance(value, list) else value


def _flattened(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with flat attribute values, None left out, and ``label`` set for Gephi and Cytoscape
    (the Chinese label of a node, the predicate of an edge)."""
    flat = nx.MultiDiGraph()
    for node, data in network.nodes(data=True):
        label = data.get("label_zh") or local_name(node)
        flat.add_node(node, label=label, **{k: _flat(k, v) for k, v in data.items() if v is not None})
    for s, o, key, data in network.edges(keys=True, data=True):
        flat.add_edge(s, o, key=key, label=key, **{k: _flat(k, v) for k, v in data.items() if v is not None})
    return flat


def write_gexf(network: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write a network as GEXF 1.2 (Gephi), with the attributes of :func:`project`.

    ``alt_labels`` becomes one string joined with ``"; "``, ``evidence`` a JSON array; attributes that
    are None are left out; each node gets ``label`` (its Chinese label) and each edge ``label`` (its
    predicate).

    Args:
        network: A network of :func:`project` (or a subgraph of it).
        path: The file to write.

    Returns:
        The path written.

    Raises:
        ExportError: the file cannot be written.
    """
    return _write(nx.write_gexf, network, path)


def write_graphml(network: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write a network as GraphML (Cytoscape, yEd, Gephi), flattened as by :func:`write_gexf`.

    Args:
        network: A network of :func:`project` (or a subgraph of it).
        path: The file to write.

    Returns:
        The path written.

    Raises:
        ExportError: the file cannot be written.
    """
    return _write(nx.write_graphml, network, path)


def _write(writer, network: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    try:
        writer(_flattened(network), path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return path
