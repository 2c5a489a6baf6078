# Fixtures: the repository's ontology/aid.ttl, IRIs written out from /work/shared/SCHEMA.md, and
# made-up example.org IRIs for terms that are not in the ontology.
import re

import pytest
from rdflib import OWL, RDF, Graph, Literal, URIRef

from kg.graph.namespace import (
    AID,
    GEO,
    IDX,
    ONTOLOGY_PATH,
    PREFIXES,
    RES,
    SHAPES_PATH,
    TOP_CLASSES,
    bind_prefixes,
    load_ontology,
    top_class,
)

QUERIES = ONTOLOGY_PATH.parent.parent / "queries"
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def test_aid_terms_equal_the_terms_declared_in_the_ontology():
    ontology = load_ontology()
    declared = {
        s for t in DECLARATION_TYPES for s in ontology.subjects(RDF.type, t) if str(s).startswith(str(AID))
    }
    assert set(dir(AID)) == declared


@pytest.mark.parametrize("name", ["locatedin", "LocatedIn", "Places", "fundedby", "adCode"])
def test_mistyped_aid_term_raises_attribute_error(name):
    with pytest.raises(AttributeError, match=f"term '{name}' not in namespace"):
        getattr(AID, name)


@pytest.mark.parametrize("name", ["tiein", "Tie", "fundedwithin", "labelkey"])
def test_mistyped_index_term_raises_attribute_error(name):
    with pytest.raises(AttributeError, match=f"term '{name}' not in namespace"):
        getattr(IDX, name)


def test_the_index_terms_are_those_the_saved_queries_use():
    used = {m for path in QUERIES.glob("*.rq") for m in re.findall(r"\bidx:(\w+)", path.read_text(encoding="utf-8"))}
    assert used and all(hasattr(IDX, name) for name in used)


@pytest.mark.parametrize(
    "term, iri",
    [
        (AID.locatedIn, "https://w3id.org/aid-kg/ontology#locatedIn"),
        (AID.Place, "https://w3id.org/aid-kg/ontology#Place"),
        (RES["place/653101"], "https://w3id.org/aid-kg/resource/place/653101"),
        (GEO.lat, "http://www.w3.org/2003/01/geo/wgs84_pos#lat"),
    ],
)
def test_terms_have_the_iris_of_schema_md(term, iri):
    assert term == URIRef(iri)


@pytest.mark.parametrize(
    "prefix, iri",
    [
        ("aid", "https://w3id.org/aid-kg/ontology#"),
        ("res", "https://w3id.org/aid-kg/resource/"),
        ("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
        ("schema", "https://schema.org/"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ],
)
def test_prefixes_map_to_the_namespaces_of_schema_md(prefix, iri):
    assert PREFIXES[prefix] == iri


@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_bind_prefixes_binds_every_prefix(prefix):
    graph = bind_prefixes(Graph())
    assert dict(graph.namespaces())[prefix] == URIRef(PREFIXES[prefix])


def test_bind_prefixes_replaces_rdflibs_geosparql_geo_prefix():
    graph = Graph()
    bind_prefixes(graph)
    graph.add((RES["place/653101"], GEO.lat, Literal("39.47")))
    assert "@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> ." in graph.serialize(format="turtle")


@pytest.mark.parametrize(
    "cls, top",
    [
        (AID.Place, AID.Place),
        (AID.County, AID.Place),
        (AID.Village, AID.Place),
        (AID.Site, AID.Place),
        (AID.AidCommand, AID.Organization),  # via GovernmentBody
        (AID.School, AID.Organization),
        (AID.Campaign, AID.Program),
        (AID.Contest, AID.Event),
        (AID.Person, AID.Person),
        (AID.Film, AID.Work),
    ],
)
def test_top_class_follows_subclass_of(cls, top):
    assert top_class(cls) == top


@pytest.mark.parametrize(
    "cls", [AID.Entity, AID.Statement, AID.Document, AID.Figure, URIRef("http://example.org/Unknown")]
)
def test_top_class_of_a_class_outside_the_six_hierarchies_is_none(cls):
    assert top_class(cls) is None


def test_top_classes_are_the_six_of_schema_md():
    assert [str(c).split("#")[1] for c in TOP_CLASSES] == [
        "Place", "Organization", "Program", "Event", "Person", "Work",
    ]


@pytest.mark.parametrize("path", [ONTOLOGY_PATH, SHAPES_PATH])
def test_ontology_files_exist(path):
    assert path.is_file()


def test_load_ontology_parses_once():
    assert load_ontology() is load_ontology()
