# Fixtures: the repository's ontology/aid.ttl and ontology/shapes.ttl; expected domains and ranges
# are copied from the core-property table of /work/shared/SCHEMA.md.
import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, SDO, XSD

from kg.graph.namespace import AID, ONTOLOGY_PATH, SHAPES_PATH, TOP_CLASSES, load_ontology, top_class

ONTOLOGY = load_ontology()
# Classes for records about the corpus rather than entities of the graph, plus the union class.
RECORD_CLASSES = {AID.Entity, AID.Source, AID.Document, AID.Statement, AID.Sentence, AID.Figure, AID.Gazetteer}
AID_CLASSES = sorted(c for c in ONTOLOGY.subjects(RDF.type, OWL.Class) if str(c).startswith(str(AID)))
AID_PROPERTIES = sorted(
    p
    for t in (OWL.ObjectProperty, OWL.DatatypeProperty)
    for p in ONTOLOGY.subjects(RDF.type, t)
    if str(p).startswith(str(AID))
)
AID_TERMS = AID_CLASSES + AID_PROPERTIES


def _members(node) -> set:
    """A class or datatype, or the members of an owl:unionOf."""
    union = ONTOLOGY.value(node, OWL.unionOf)
    return set(Collection(ONTOLOGY, union)) if union is not None else {node}


def _name(term) -> str:
    return str(term).split("#")[-1]


def test_ontology_declares_version_0_1_0():
    header = URIRef("https://w3id.org/aid-kg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ONTOLOGY
    assert ONTOLOGY.value(header, OWL.versionInfo) == Literal("0.1.0")


def test_shapes_conform_to_the_shacl_meta_shapes():
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    conforms, _, _ = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms


@pytest.mark.parametrize("cls", sorted(set(AID_CLASSES) - RECORD_CLASSES), ids=_name)
def test_every_entity_class_reaches_a_top_class(cls):
    assert top_class(cls) in TOP_CLASSES


@pytest.mark.parametrize("cls", sorted(RECORD_CLASSES), ids=_name)
def test_record_classes_are_outside_the_six_hierarchies(cls):
    assert top_class(cls) is None


@pytest.mark.parametrize("cls", TOP_CLASSES, ids=_name)
def test_top_classes_are_subclasses_of_entity(cls):
    assert (cls, RDFS.subClassOf, AID.Entity) in ONTOLOGY


def test_top_classes_are_pairwise_disjoint():
    disjoint = ONTOLOGY.value(predicate=RDF.type, object=OWL.AllDisjointClasses)
    assert set(Collection(ONTOLOGY, ONTOLOGY.value(disjoint, OWL.members))) == set(TOP_CLASSES)


@pytest.mark.parametrize(
    "cls, superclass",
    [
        (AID.Place, SDO.Place),
        (AID.Organization, SDO.Organization),
        (AID.Organization, PROV.Organization),
        (AID.Program, PROV.Activity),
        (AID.Event, SDO.Event),
        (AID.Person, SDO.Person),
        (AID.Person, PROV.Person),
        (AID.Work, SDO.CreativeWork),
        (AID.Document, SDO.CreativeWork),
        (AID.Document, PROV.Entity),
        (AID.Gazetteer, PROV.Entity),
        (AID.Statement, RDF.Statement),
        (AID.Statement, PROV.Entity),
    ],
)
def test_classes_align_with_schema_org_and_prov(cls, superclass):
    assert superclass in set(ONTOLOGY.transitive_objects(cls, RDFS.subClassOf))


@pytest.mark.parametrize("term", AID_TERMS, ids=_name)
def test_every_term_has_en_and_zh_labels(term):
    languages = {label.language for label in ONTOLOGY.objects(term, RDFS.label)}
    assert {"en", "zh"} <= languages


@pytest.mark.parametrize("term", AID_TERMS, ids=_name)
def test_every_term_has_a_comment(term):
    assert ONTOLOGY.value(term, RDFS.comment) is not None


@pytest.mark.parametrize("prop", AID_PROPERTIES, ids=_name)
def test_every_property_has_domain_and_range(prop):
    assert ONTOLOGY.value(prop, RDFS.domain) is not None
    assert ONTOLOGY.value(prop, RDFS.range) is not None


@pytest.mark.parametrize(
    "prop, domain, range_",
    [
        (AID.locatedIn, {AID.Organization, AID.Program, AID.Event, AID.Place, AID.Person}, {AID.Place}),
        (AID.partOf, {AID.Place, AID.Program, AID.Organization}, {AID.Place, AID.Program, AID.Organization}),
        (AID.fundedBy, {AID.Program, AID.Organization, AID.Event, AID.Work}, {AID.Organization, AID.Place}),
        (AID.participant, {AID.Program, AID.Event}, {AID.Person, AID.Organization}),
        (AID.affiliatedWith, {AID.Person}, {AID.Organization, AID.Place}),
        (AID.pairedWith, {AID.Organization, AID.Place}, {AID.Organization, AID.Place}),
        (AID.date, {AID.Event, AID.Program}, {XSD.date, XSD.gYearMonth, XSD.gYear}),
    ],
    ids=lambda v: _name(v) if isinstance(v, URIRef) else "",
)
def test_core_property_domain_and_range_follow_schema_md(prop, domain, range_):
    assert _members(ONTOLOGY.value(prop, RDFS.domain)) == domain
    assert _members(ONTOLOGY.value(prop, RDFS.range)) == range_


@pytest.mark.parametrize(
    "prop, characteristic",
    [(AID.pairedWith, OWL.SymmetricProperty), (AID.within, OWL.TransitiveProperty)],
)
def test_property_characteristics(prop, characteristic):
    assert (prop, RDF.type, characteristic) in ONTOLOGY


def test_part_of_is_not_transitive():
    # partOf holds stated, direct containment; the closure lives in aid:within.
    assert (AID.partOf, RDF.type, OWL.TransitiveProperty) not in ONTOLOGY


@pytest.mark.parametrize("path", [ONTOLOGY_PATH, SHAPES_PATH], ids=lambda p: p.name)
def test_every_aid_term_used_is_declared(path):
    graph = Graph().parse(path, format="turtle")
    used = {node for triple in graph for node in triple if isinstance(node, URIRef) and str(node).startswith(str(AID))}
    assert used - set(AID_TERMS) == set()
