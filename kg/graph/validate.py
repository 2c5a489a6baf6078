"""SHACL validation of a built graph against ``ontology/shapes.ttl``."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import pyoxigraph as ox
import pyshacl
from rdflib import RDF, SH, XSD, BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph.namespace import AIDSH, SHAPES_PATH, load_ontology

__all__ = ["ValidationResult", "Violation", "validate", "validate_quads"]


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result.

    Attributes:
        focus: The node that fails: its IRI, or ``_:id`` for a blank node.
        path: The IRI of the property at fault, or ``None`` when the node itself fails (an
            ``aid:adcode`` on something that is not an ``aid:Place``).
        message: The shape's message, e.g. ``aid:locatedIn must point to an aid:Place.``
        severity: ``Violation``, ``Warning`` or ``Info``.
    """

    focus: str
    path: str | None
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating a graph.

    Attributes:
        conforms: True when the graph has no violations.
        violations: Every result, sorted by focus node, path and message.
    """

    conforms: bool
    violations: list[Violation]

    def counts(self) -> dict[str, int]:
        """Count the violations per message, for a build report.

        Returns:
            Message to number of violations, most frequent first.
        """
        return dict(Counter(v.message for v in self.violations).most_common())


def validate(graph: Graph) -> ValidationResult:
    """Validate a graph against the project's SHACL shapes.

    The graph is copied, with the ontology, into an in-memory rdflib graph first: the shapes find
    subclass instances through the ontology's ``rdfs:subClassOf`` triples; pyshacl's many small
    look-ups are two orders of magnitude slower through the oxrdflib store; and the caller's
    graph is left untouched. About 5 s of CPU for 100k triples.

    Args:
        graph: The build's graph: a plain ``Graph``, or a ``Dataset``/``ConjunctiveGraph`` whose
            named graphs are validated together as one union.

    Returns:
        Whether the graph conforms, and every violation.
    """
    triples = (q[:3] for q in graph.quads()) if isinstance(graph, ConjunctiveGraph) else iter(graph)
    return _validate_triples(triples)


def validate_quads(
    quads: Iterable[ox.Quad | tuple[Node, Node, Node, Node]], *, documents: bool = False
) -> ValidationResult:
    """Validate the union of quads (pyoxigraph quads or tuples of rdflib terms) against the
    shapes; see :func:`validate`.

    Args:
        quads: the graphs to validate.
        documents: the quads are document graphs (with their entities' types as context):
            leave out the shapes marked ``aidsh:checkedOn aidsh:CorpusGraphs``, which only the
            corpus-level graphs can satisfy (entity labels are made there).
    """
    return _validate_triples(
        (
            (_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)) if isinstance(q, ox.Quad) else q[:3]
            for q in quads
        ),
        use_shapes=_document_shapes() if documents else None,
    )


def _validate_triples(
    triples: Iterable[tuple[Node, Node, Node]], use_shapes: list[Node] | None = None
) -> ValidationResult:
    data = Graph()
    data += load_ontology()
    data.addN((s, p, _plain(o), data) for s, p, o in triples)
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=_shapes(),
        inference="none",
        abort_on_first=False,
        inplace=True,
        use_shapes=use_shapes,
    )
    violations = sorted(
        (_violation(report, result) for result in report.subjects(RDF.type, SH.ValidationResult)),
        key=lambda v: (v.focus, v.path or "", v.message),
    )
    return ValidationResult(conforms=bool(conforms), violations=violations)


def _plain(term: Node) -> Node:
    # RDF 1.1 makes "x" and "x"^^xsd:string one term; Oxigraph returns the typed form, rdflib
    # tells the two apart, and pyshacl's sh:in compares terms with the shapes' plain form.
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


@lru_cache(maxsize=200_000)
def _rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


@cache
def _shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


@cache
def _document_shapes() -> list[Node]:
    """The named shapes not marked ``aidsh:checkedOn aidsh:CorpusGraphs``."""
    shapes = _shapes()
    named = {
        s for kind in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, kind) if isinstance(s, URIRef)
    }
    corpus_only = set(shapes.subjects(AIDSH.checkedOn, AIDSH.CorpusGraphs))
    return sorted(named - corpus_only)


def _violation(report: Graph, result: Node) -> Violation:
    path = report.value(result, SH.resultPath)
    severity = report.value(result, SH.resultSeverity)
    return Violation(
        focus=_text(report.value(result, SH.focusNode)),
        path=str(path) if isinstance(path, URIRef) else None,
        message=str(report.value(result, SH.resultMessage)),
        severity=str(severity).removeprefix(str(SH)),
    )


def _text(node: Node) -> str:
    return str(node) if isinstance(node, URIRef) else node.n3()
