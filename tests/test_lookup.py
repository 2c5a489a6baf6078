"""Tests for kg.query.lookup: names as users type them → nodes of the graph.

Fixture: tests/data/queries/fixture.trig, a hand-written graph of made-up organizations, programs,
people and events in real places of 疏附县 (Kashgar) and 广州市 (origin in tests/data/README.md,
heading "queries"), loaded once per module through kg.query.saved.open_graph. Its two villages are both
called 团结村; 陈志远 has no pinyin label. The injection string is the one named in issue 3.
"""

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import AmbiguousNameError, ParameterError, UnknownNameError
from kg.query.index import INDEX_GRAPH
from kg.query.lookup import _KEY_PREDICATES, Lookup, compact, name_key, name_triples
from kg.query.saved import open_graph

FIXTURE = Path(__file__).resolve().parent / "data" / "queries" / "fixture.trig"
RES = "https://w3id.org/aid-kg/resource/"
SHUFU = RES + "place/653121"
VILLAGE_TOKZAK = RES + "place/653121-tuo-ke-zha-ke-zhen-tuan-jie-cun-81f3d7aa"
VILLAGE_UPAL = RES + "place/653121-wu-pa-er-zhen-tuan-jie-cun-0e92c4b5"
INJECTION = '新和县" } ; DROP ALL ; #'
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
AID_ADCODE = "https://w3id.org/aid-kg/ontology#adcode"


@pytest.fixture(scope="module")
def store():
    return open_graph(FIXTURE)


@pytest.fixture
def lookup(store):
    return Lookup(store)


@pytest.mark.parametrize(
    "text",
    [
        "疏附县",  # the Chinese label
        "疏附",  # the short form (altLabel)
        "Shufu County",  # English
        "shufu county",
        "SHUFU  COUNTY",
        "Shūfù Xiàn",  # the pinyin label, with tones
        "shu fu xian",  # pinyin without tones, other spacing
        "shufu",  # pinyin of the short form
        "Shūfù",
        "653121",  # the adcode
        "res:place/653121",  # a prefixed IRI
        SHUFU,  # the IRI
        "“疏附县”",  # quoted
    ],
)
def test_resolve_finds_a_place_by_any_name(lookup, text):
    assert lookup.resolve(text, "place").value == SHUFU


@pytest.mark.parametrize("text", ["chen zhiyuan", "Chén Zhìyuǎn", "陈志远", "Chen Zhiyuan"])
def test_resolve_computes_pinyin_the_graph_lacks(lookup, text):
    assert lookup.resolve(text, "entity").value == RES + "person/chen-zhi-yuan-94be2d17"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("托克扎克镇团结村", VILLAGE_TOKZAK),
        ("乌帕尔镇 团结村", VILLAGE_UPAL),
        ("疏附县红柳中学", RES + "org/hong-liu-zhong-xue-7e15a0c3"),
    ],
)
def test_resolve_takes_a_name_qualified_by_a_place_it_lies_in(lookup, text, expected):
    assert lookup.resolve(text, "entity").value == expected


def test_resolve_takes_an_english_name_without_its_level(lookup):
    assert lookup.resolve("Guangzhou", "place").value == RES + "place/440100"


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("广东援疆", "funder", RES + "org/guang-dong-sheng-yuan-jiang-qian-fang-zhi-hui-bu-3fa2c1d8"),
        ("广州", "funder", RES + "place/440100"),
        ("hongliu shuxiang", "program", RES + "program/hong-liu-shu-xiang-zhi-jiao-xing-dong-51d0f3a6"),
        ("《杏花谣》", "entity", RES + "work/xing-hua-yao-3e7b9c10"),
        ("part of", "property", "https://w3id.org/aid-kg/ontology#partOf"),
        ("fundedBy", "property", "https://w3id.org/aid-kg/ontology#fundedBy"),
        ("aid:locatedIn", "property", "https://w3id.org/aid-kg/ontology#locatedIn"),
        ("a", "property", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    ],
)
def test_resolve_by_kind(lookup, text, kind, expected):
    assert lookup.resolve(text, kind).value == expected


def test_resolve_lists_every_candidate_of_an_ambiguous_name(lookup):
    with pytest.raises(AmbiguousNameError) as caught:
        lookup.resolve("团结村", "place")
    assert sorted(iri for _, _, iri in caught.value.candidates) == sorted([VILLAGE_TOKZAK, VILLAGE_UPAL])


def test_ambiguity_message_names_candidates_and_a_precise_name(lookup):
    with pytest.raises(AmbiguousNameError) as caught:
        lookup.resolve("tuanjie cun", "place")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(
        "'tuanjie cun' fits 2 places; give a more precise name (with the place it lies in, "
        "e.g. 托克扎克镇团结村) or an IRI: "
    )
    assert f"团结村 (Tuanjie Village), in 乌帕尔镇 [Village] <{VILLAGE_UPAL}>" in message


def test_resolve_suggests_the_closest_labels_for_an_unknown_name(lookup):
    with pytest.raises(UnknownNameError) as caught:
        lookup.resolve("疏附乡", "place")
    assert str(caught.value) == "no place in the graph is named '疏附乡'; closest: 疏附县 (Shufu County)"


def test_unknown_name_of_the_wrong_kind_says_what_it_names(lookup):
    with pytest.raises(UnknownNameError) as caught:
        lookup.resolve("红柳中学", "place")
    assert "it names 疏附县红柳中学 (Shufu County Hongliu Middle School) [School]" in str(caught.value)


def test_an_injection_attempt_is_just_an_unknown_name(lookup, store):
    before = len(store)
    with pytest.raises(UnknownNameError):
        lookup.resolve(INJECTION, "place")
    assert len(store) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  ", "an empty name cannot name a place"),
        (RES + "place/999999", f"the graph has no node <{RES}place/999999>"),
        ("https://example.org/a b", "'https://example.org/a b' is not a valid IRI"),
    ],
)
def test_resolve_rejects_empty_names_and_unknown_iris(lookup, text, message):
    with pytest.raises(ParameterError, match="^" + message.replace("?", r"\?")):
        lookup.resolve(text, "place")


def test_resolve_rejects_an_unknown_kind(lookup):
    with pytest.raises(ParameterError, match="unknown parameter kind 'city'"):
        lookup.resolve("疏附县", "city")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Xīnhé Xiàn", "xinhexian"),
        ("xin he  xian", "xinhexian"),
        ("Wūpà'ěr Zhèn", "wupaerzhen"),
        ("阿依古丽·买买提", "阿依古丽买买提"),
        ("“红柳书香”", "红柳书香"),
        ("《杏花谣》", "杏花谣"),
        ("ＳＨＵＦＵ", "shufu"),
    ],
)
def test_name_key_ignores_tones_case_spaces_and_punctuation(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("iri", "short"),
    [
        (SHUFU, "res:place/653121"),
        ("https://w3id.org/aid-kg/ontology#County", "aid:County"),
        ("https://example.org/x", "https://example.org/x"),
    ],
)
def test_compact_uses_the_project_prefixes(iri, short):
    assert compact(iri) == short


def test_resolving_a_name_again_gives_the_same_node(lookup):
    # Regression: the first answer was once taken out of the shared index.
    first = lookup.resolve("疏附县", "place")
    assert lookup.resolve("疏附县", "place") == first


# --- the name index the build stores (kg.query.lookup.name_triples, in res:graph/index) ----------


def _outcome(lookup: Lookup, text: str, kind: str):
    try:
        return lookup.resolve(text, kind).value
    except ParameterError as exc:
        return type(exc).__name__, str(exc)


@pytest.fixture(scope="module")
def unindexed(store):
    """The fixture graph without the stored name index: names resolve through the whole graph."""
    keys = {str(predicate) for predicate in _KEY_PREDICATES.values()}
    copy = ox.Store()
    copy.extend(quad for quad in store if quad.predicate.value not in keys)
    return copy


def _names(store) -> list[str]:
    """Every name of the fixture as stored, as typed other ways, and a few that name nothing."""
    names = set()
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        if quad.predicate.value in (RDFS_LABEL, SKOS_ALT, AID_ADCODE):
            names |= {quad.object.value, quad.object.value.upper(), quad.object.value[:-1]}
    return sorted(names | {"xinhe", "shufu", "partOf", "located in", "aid:fundedBy", "a", "Kashgar", "团结村"})


@pytest.mark.parametrize("kind", ["entity", "place", "program", "funder", "property"])
def test_the_stored_name_index_resolves_as_the_whole_graph(store, unindexed, kind):
    names, indexed, whole = _names(store), Lookup(store), Lookup(unindexed)
    assert [_outcome(indexed, name, kind) for name in names] == [_outcome(whole, name, kind) for name in names]


def test_a_name_in_the_stored_index_is_found_without_indexing_the_graph(store):
    lookup = Lookup(store)
    assert (lookup.resolve("Shufu County", "place").value, lookup._nodes) == (SHUFU, {})


def test_the_name_index_is_in_the_index_graph(store):
    stored = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, INDEX_GRAPH)}
    assert name_triples(store) <= stored and name_triples(store)
