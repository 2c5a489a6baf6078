"""SHACL validation of a built graph against ``ontology/shapes.ttl``: a check run on demand
(``kg validate``, ``kg build --validate``), not a stage of every build."""

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import RDF, SH, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphFileError, ShapesError
from kg.graph.namespace import AIDSH, SHAPES_PATH, load_ontology

__all__ = ["ValidationResult", "Violation", "validate", "validate_file", "validate_quads"]


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

    def to_json(self) -> dict:
        return {"conforms": self.conforms, "counts": self.counts(), "violations": [asdict(v) for v in self.violations]}

    def to_table(self) -> str:
        """One line per violation (focus, path, message), then the counts per message."""
        if self.conforms:
            return "Conforms: no violations."
        lines = [f"{v.severity}: {v.focus} {v.path or '-'}: {v.message}" for v in self.violations]
        lines.append(f"{len(self.violations)} violation(s):")
        lines += [f"  {count:6}  {message}" for message, count in self.counts().items()]
        return "\n".join(lines)


def validate(graph: Graph) -> ValidationResult:
    """Validate a graph against the project's SHACL shapes.

    The graph is copied, with the ontology, into an in-memory rdflib graph first: the shapes find
    subclass instances through the ontology's ``rdfs:subClassOf`` triples; pyshacl's many small
    look-ups are two orders of magnitude slower through the oxrdflib store; and the caller's
    graph is left untouched. About 5 s of CPU for 100k triples.

    Args:
        graph: The build's graph: a plain ``Graph``, or a ``Dataset`` whose named graphs are
            validated together as one union.

    Returns:
        Whether the graph conforms, and every violation.
    """
    triples = (q[:3] for q in graph.quads()) if isinstance(graph, Dataset) else iter(graph)
    return _validate_triples(triples)


def validate_file(path: str | Path, shapes: str | Path | None = None) -> ValidationResult:
    """Validate a graph file, or a build folder's ``graph.trig``, as one union of its graphs.

    pyshacl holds the whole graph in memory: 1 MB of reports make 340k triples, validated in
    about 20 s with a peak of 430 MiB.

    Args:
        path: a build folder or a graph file whose extension names its format (.trig, .nq, .ttl,
            .nt, .jsonld, .rdf).
        shapes: a Turtle file of SHACL shapes; None: ``ontology/shapes.ttl``.

    Raises:
        GraphFileError: the graph file is missing, of an unknown format, or does not parse.
        ShapesError: the shapes file is missing or does not parse.
    """
    path = Path(path)
    file = path / "graph.trig" if path.is_dir() else path
    if not file.is_file():
        hint = f" (build one with: kg build --out {path})" if path.is_dir() or not path.suffix else ""
        raise GraphFileError(f"{file}: no such graph file{hint}")
    rdf_format = ox.RdfFormat.from_extension(file.suffix.lstrip("."))
    if rdf_format is None:
        raise GraphFileError(f"{file}: unknown graph format (use .trig, .nq, .ttl, .nt, .jsonld or .rdf)")
    return _validate_triples(_parse(file, rdf_format), shapes=_shapes(Path(shapes) if shapes else SHAPES_PATH))


def _parse(file: Path, rdf_format: ox.RdfFormat) -> Iterator[tuple[Node, Node, Node]]:
    try:
        for q in ox.parse(path=str(file), format=rdf_format):
            yield _rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphFileError(f"{file}: cannot parse: {exc}") from exc


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
    triples: Iterable[tuple[Node, Node, Node]], use_shapes: list[Node] | None = None, shapes: Graph | None = None
) -> ValidationResult:
    data = Graph()
    data += load_ontology()
    data.addN((s, p, _plain(o), data) for s, p, o in triples)
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else _shapes(SHAPES_PATH),
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


@lru_cache(maxsize=4)
def _shapes(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except (SyntaxError, ValueError, OSError) as exc:
        # rdflib's Turtle errors go on with a dump of the text: the first two lines say what is wrong.
        reason = " ".join(str(exc).split(" at ^ in:")[0].split())
        raise ShapesError(f"{path}: cannot read the SHACL shapes (Turtle): {reason}") from exc


@cache
def _document_shapes() -> list[Node]:
    """The named shapes not marked ``aidsh:checkedOn aidsh:CorpusGraphs``."""
    shapes = _shapes(SHAPES_PATH)
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
