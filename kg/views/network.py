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
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError, NetworkError
from kg.graph.namespace import OWL, PREFIXES, RDF, RDFS, SDO, SKOS, TOP_CLASSES
from kg.graph.view_facts import ViewFacts, read_facts
from kg.query.saved import QueryResult, open_graph

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

_OBJECT_PROPERTY = str(OWL.ObjectProperty)
# The object properties that cannot link two entities: the derived aid:within and those whose
# subjects are statements or figures, never entities.
_NOT_LINKS = {PREFIXES["aid"] + name for name in ("within", "inSentence", "figureOf")}
_SOURCE_FIELDS = {
    str(SDO.name): "title",
    str(RDFS.label): "title",
    str(SDO.datePublished): "date",
    str(SDO.url): "url",
    str(SDO.publisher): "publisher",
    PREFIXES["aid"] + "sourcePath": "path",
}


def local_name(iri: str) -> str:
    """The last segment of an IRI, after ``#`` or ``/``: ``https://…/ontology#County`` → ``County``."""
    return re.split(r"[#/]", iri)[-1]


def project(graph: str | Path | ox.Store, *, facts: ViewFacts | None = None) -> nx.MultiDiGraph:
    """Project a built graph onto a network of entities and the relations between them.

    Args:
        graph: A build folder, a graph file (see :func:`kg.queries.open_graph`) or a store whose
            default graph is the union of the named graphs (one that function returned, or a
            :class:`kg.remote.RemoteStore`). Not read when ``facts`` are given.
        facts: the graph's facts, if the build collected them (:mod:`kg.graph.view_facts`);
            else they are read from ``graph``.

    Returns:
        The network, with the attributes described in the module docstring; nodes and edges in
        IRI order.

    Raises:
        GraphFileError: the graph cannot be read.
    """
    if facts is None:
        facts = read_facts(open_graph(graph) if isinstance(graph, (str, Path)) else graph)
    entities, supers = _entities(facts)
    evidence = _evidence(facts, entities, supers)
    network = nx.MultiDiGraph()
    for iri in sorted(entities):
        network.add_node(iri, **entities[iri], evidence=evidence.pop((iri, str(RDF.type), None), []))
    for s, p, o in sorted(evidence):  # what is left: the links
        network.add_edge(s, o, key=local_name(p), predicate=local_name(p), evidence=evidence[s, p, o])
    _set_degrees(network)
    return network


def _entities(facts: ViewFacts) -> tuple[dict[str, dict], dict[str, set[str]]]:
    """The entities with their classes and labels, and every class's superclasses."""
    supers = facts.superclasses()
    tops_of = defaultdict(set)  # class → the top classes it is under
    for top in map(str, TOP_CLASSES):
        for cls in facts.classes_under(top):
            tops_of[cls].add(top)
    classes, tops = defaultdict(set), defaultdict(set)
    for node, found in facts.objects(str(RDF.type)).items():
        for cls in found:
            if cls in tops_of:
                classes[node].add(cls)
                tops[node] |= tops_of[cls]
    entities = {}
    for iri, found in classes.items():
        specific = {cls for cls in found if not any(cls in supers.get(other, ()) for other in found)}
        entities[iri] = {
            "class": SEPARATOR.join(sorted(map(local_name, specific))),
            # The ontology makes the top classes disjoint; a report that breaks this still gets one.
            "top": local_name(next(str(top) for top in TOP_CLASSES if str(top) in tops[iri])),
            **dict.fromkeys(_LANGUAGES.values()),
            "alt_labels": [],
        }
    for node, names in facts.values(str(SKOS.altLabel)).items():
        if node in entities:
            entities[node]["alt_labels"] = sorted(name for name, _ in names)
    for node, names in facts.values(str(RDFS.label)).items():
        if node in entities:
            for name, tag in sorted(names):
                key = _LANGUAGES.get(tag)
                if key and entities[node][key] is None:
                    entities[node][key] = name  # the smallest of several labels in one language
    return entities, supers


def _evidence(facts: ViewFacts, entities: dict, supers: dict) -> dict[tuple[str, str, str | None], list[dict]]:
    """(subject, predicate, object) → evidence, for every link between two entities and for the typing
    of every entity (as ``(entity, rdf:type, None)``)."""
    source_classes = {cls for cls, ups in supers.items() if _SOURCE in ups} | {_SOURCE}
    typed = facts.instances()
    sources = defaultdict(dict)
    for source in set().union(*(typed.get(cls, ()) for cls in source_classes)):
        for predicate, name in _SOURCE_FIELDS.items():
            for value, _ in facts.values(predicate).get(source, ()):
                if name not in sources[source] or value < sources[source][name]:
                    sources[source][name] = value  # the smallest value wins
    found = defaultdict(dict)
    links = sorted(set(typed.get(_OBJECT_PROPERTY, ())) - _NOT_LINKS)
    for predicate in links:
        for s, objects in facts.objects(predicate).items():
            if s in entities:
                for o in objects:
                    if o in entities:
                        found[s, predicate, o] = {}
    typing = str(RDF.type)
    for s, p, o, source, sentence, start, strength in _statements(facts):
        key = (s, p, None if p == typing else o)
        if key in found if p != typing else s in entities:
            _add(found[key], source, sentence, start, strength, sources)
    for s, p, o, source in facts.graph_sources:
        if (s, p, o) in found:
            _add(found[s, p, o], source, None, -1, None, sources)
    return {key: [item for _, item in sorted(items.values(), key=lambda pair: pair[0])] for key, items in found.items()}


def _statements(facts: ViewFacts) -> Iterator[tuple]:
    """Every statement as ``(subject, predicate, object, source, sentence, start, strength)`` (IRIs and
    text as strings, ``start`` an int or -1, the rest None where the graph has none; an object that is
    a literal is None)."""
    texts = facts.sentences
    for _, s, p, o, source, sentence, start, _, strength in facts.statements:
        yield s, p, o, source, texts.get(sentence), -1 if start is None else int(start), strength


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
