"""Tests for kg.graph.rdf: slugs, entity IRIs, the quads of a document graph, the ``aid:within`` closure.

Fixtures: entities, divisions and extractions are built by hand in this file from made-up names
of the genre (洛浦县 and 托克扎克镇 are real places with their real codes; the programs and schools
are invented). No pipeline runs here: kg.graph.rdf reads plain dataclasses.
"""

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.corpus.reader import Document
from kg.extract.dates import DateValue
from kg.graph.namespace import RES
from kg.graph.rdf import (
    CLOSURE_GRAPH,
    ENTITY_GRAPH,
    T_PROV,
    T_RDF,
    T_RDFS,
    T_SKOS,
    T_XSD,
    A,
    EntityTerms,
    closure_quads,
    division_iri,
    document_graph,
    document_quads,
    entity_iri,
    entity_quads,
    entity_terms,
    slug,
)
from kg.graph.resolve import DocumentEntities, Entity
from kg.records import Extraction, Mention, Relation, Sentence
from kg.reference.gazetteer import Division

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEXT = "2025年6月10日，洛浦县“红枣”帮扶计划在洛浦县启动。"
PROGRAM = "红枣帮扶计划"


def place(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{RES}place/{name}")


def program(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{RES}program/{name}")


# --- slug -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("洛浦县", "luo-pu-xian"),
        ("石榴花幼儿园", "shi-liu-hua-you-er-yuan"),
        ("ABC 中学", "abc-zhong-xue"),
        ("653121/托克扎克镇", "653121-tuo-ke-zha-ke-zhen"),
        ("“春苗”计划", "chun-miao-ji-hua"),
    ],
)
def test_slug_is_lower_case_ascii_pinyin_with_hyphens(text, expected):
    assert slug(text) == expected


@pytest.mark.parametrize("text", ["", "《》！", "·"])
def test_slug_of_a_name_without_letters_is_x(text):
    assert slug(text) == "x"


def test_slug_is_cut_at_the_limit_without_a_trailing_hyphen():
    cut = slug("一" * 30)
    assert len(cut) <= 40 and SLUG_RE.match(cut), cut


# --- entity IRIs ------------------------------------------------------------------------------


def test_coded_place_iri_is_its_code():
    entity = Entity("place:653224", "Place", "County", {"洛浦县": 1}, gazetteer_key="653224")
    assert entity_iri(entity) == place("653224")


def test_iri_depends_on_the_key_not_on_the_names_seen():
    first = Entity("Organization:石榴花幼儿园", "Organization", "School", {"石榴花幼儿园": 1})
    second = Entity("Organization:石榴花幼儿园", "Organization", "School", {"疏附县石榴花幼儿园": 3, "石榴花幼儿园": 0})
    assert entity_iri(first) == entity_iri(second)


def test_different_keys_give_different_iris():
    first = Entity("Organization:疏附县第一小学", "Organization", "School", {"疏附县第一小学": 1})
    second = Entity("Organization:洛浦县第一小学", "Organization", "School", {"洛浦县第一小学": 1})
    assert entity_iri(first) != entity_iri(second)


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Place", "place"),
        ("Organization", "org"),
        ("Program", "program"),
        ("Event", "event"),
        ("Person", "person"),
        ("Work", "work"),
    ],
)
def test_uncoded_iri_is_kind_slug_and_hash(label, kind):
    entity = Entity(f"{label}:沙枣花开", label, label, {"沙枣花开": 1})
    assert re.fullmatch(rf"{re.escape(str(RES))}{kind}/sha-zao-hua-kai-[0-9a-f]{{8}}", entity_iri(entity).value)


def test_aid_giver_iri_is_an_organization_iri():
    entity = Entity("aid:440000:650000", "Organization", "AidCommand", {"广东援疆": 1})
    assert entity_iri(entity).value.startswith(f"{RES}org/")


def test_nested_unit_iri_equals_its_gazetteer_division_iri():
    township = Division(
        code=None, name="托克扎克镇", level="township", parent="653121", lat=None, lon=None,
        short_names=(), former_names=(), en="Tokzak Town", pinyin="Tuōkèzhākè Zhèn",
    )  # fmt: skip
    entity = Entity("place:653121/托克扎克镇", "Place", "Township", {"托克扎克镇": 1}, gazetteer_key=township.key)
    assert entity_iri(entity) == division_iri(township)


def test_coded_division_iri_is_its_code():
    county = Division(
        code="653224", name="洛浦县", level="county", parent="653200", lat=None, lon=None,
        short_names=("洛浦",), former_names=(), en="Lop County", pinyin="Luòpǔ Xiàn",
    )  # fmt: skip
    assert division_iri(county) == place("653224")


# --- document quads ---------------------------------------------------------------------------


def document(text: str = TEXT) -> Document:
    return Document(
        doc_id="lop-test-0000abcd", path=Path("/corpus/lop.txt"), relpath="lop.txt", text=text,
        content_hash="0" * 64, encoding="utf-8",
    )  # fmt: skip


def mention(label, subclass, name, start, key=None, rule="test") -> Mention:
    return Mention(label, subclass, name, name, (), key, start, start + len(name), 0, rule, False)


def lop_program_extraction(relations: list[Relation]) -> tuple[Extraction, DocumentEntities]:
    """洛浦县“红枣”帮扶计划: mention 0 the program, 1 and 2 洛浦县 (twice), with the given relations."""
    mentions = [
        mention("Program", "Campaign", PROGRAM, TEXT.index("“红枣”")),
        mention("Place", "County", "洛浦县", TEXT.index("洛浦县"), key="653224"),
        mention("Place", "County", "洛浦县", TEXT.rindex("洛浦县"), key="653224"),
    ]
    keys = [f"Program:{PROGRAM}", "place:653224", "place:653224"]
    entities = {
        keys[0]: Entity(keys[0], "Program", "Campaign", {PROGRAM: 1, "红枣": 0}),
        keys[1]: Entity(keys[1], "Place", "County", {"洛浦县": 2}, gazetteer_key="653224"),
    }
    extraction = Extraction(document(), [Sentence(0, len(TEXT), TEXT)], mentions, relations, [])
    return extraction, DocumentEntities(keys, entities)


def relation(predicate, subject=0, obj=None, literal=None, strength="explicit", rule="test") -> Relation:
    return Relation(subject, predicate, obj, literal, 0, strength, rule)


def quads_of(relations: list[Relation]) -> list[tuple]:
    return list(document_quads(*lop_program_extraction(relations)))


def test_every_quad_is_in_the_document_graph():
    quads = quads_of([relation("locatedIn", obj=1)])
    assert {g for *_, g in quads} == {document_graph("lop-test-0000abcd")}


def test_alt_labels_are_all_the_names_the_document_gives():
    extraction, resolved = lop_program_extraction([])
    program, county = (entity_iri(resolved.entities[key]) for key in resolved.keys[:2])
    alt = {(s, o.value) for s, p, o, _ in document_quads(extraction, resolved) if p == T_SKOS.altLabel}
    assert alt == {(program, PROGRAM), (program, "红枣"), (county, "洛浦县")}


def test_document_graph_has_no_canonical_labels():
    extraction, resolved = lop_program_extraction([])
    assert [q for q in document_quads(extraction, resolved) if q.predicate == T_RDFS.label] == []


def test_entity_graph_has_the_canonical_labels_in_three_languages():
    entity = Entity(f"Program:{PROGRAM}", "Program", "Campaign", {PROGRAM: 1, "红枣": 3})
    labels = {o.language: o.value for _, p, o, g in entity_quads([entity]) if p == T_RDFS.label and g == ENTITY_GRAPH}
    # Oxigraph writes language tags in lower case (they are case-insensitive).
    assert (sorted(labels), labels["zh"]) == (["en", "zh", "zh-latn-pinyin"], PROGRAM)


@pytest.mark.parametrize("made_for, expected", [(PROGRAM, "made before"), ("红枣", None)], ids=["same-name", "other-name"])
def test_entity_graph_reuses_terms_made_for_the_canonical_name_only(made_for, expected):
    entity = Entity(f"Program:{PROGRAM}", "Program", "Campaign", {PROGRAM: 1, "红枣": 3})
    made = {entity.key: EntityTerms(entity_iri(entity).value, made_for, "made before", "made before")}
    english = [o.value for _, p, o, _ in entity_quads([entity], made) if p == T_RDFS.label and o.language == "en"]
    assert english == [expected or entity_terms(entity).en]


def test_relation_becomes_a_triple_between_entity_iris():
    triples = {(s, p, o) for s, p, o, _ in quads_of([relation("locatedIn", obj=1)])}
    iri = entity_iri(Entity(f"Program:{PROGRAM}", "Program", "Campaign", {PROGRAM: 1}))
    assert (iri, A.locatedIn, place("653224")) in triples


@pytest.mark.parametrize(
    "iso, precision, datatype",
    [("2025-06-10", "day", T_XSD.date), ("2025-06", "month", T_XSD.gYearMonth), ("2025", "year", T_XSD.gYear)],
)
def test_date_literal_has_the_datatype_of_its_precision(iso, precision, datatype):
    date = DateValue("2025年6月10日", iso, precision, None, False, 0, 10)
    dates = [o for _, p, o, _ in quads_of([relation("date", literal=date)]) if p == A.date]
    assert dates == [ox.Literal(iso, datatype=datatype)]


def test_relation_between_two_mentions_of_one_entity_is_dropped():
    quads = quads_of([relation("partOf", subject=1, obj=2)])
    assert [q for q in quads if q.predicate == A.partOf] == []


def test_a_statement_node_names_the_triple_of_its_relation():
    quads = quads_of([relation("locatedIn", obj=1)])
    statements = {s for s, p, o, _ in quads if p == T_RDF.predicate and o == A.locatedIn}
    objects = {o for s, p, o, _ in quads if s in statements and p == T_RDF.object}
    assert (len(statements), objects) == (1, {place("653224")})


def test_each_statement_has_one_rule_when_two_rules_find_the_same_triple():
    quads = quads_of(
        [
            relation("locatedIn", obj=1, rule="name-place"),
            relation("locatedIn", obj=2, rule="locative", strength="default"),
        ]
    )
    rules: dict[ox.NamedNode, set] = {}
    for s, p, o, _ in quads:
        if p == A.extractedBy:
            rules.setdefault(s, set()).add(o.value)
    assert rules, "the relations should have statements"
    assert {node: found for node, found in rules.items() if len(found) != 1} == {}



# Issue 18: every statement repeated the text of its sentence, so a long sentence cost its length
# times its statements.
def test_statements_of_one_sentence_point_to_one_sentence_node():
    quads = quads_of([relation("locatedIn", obj=1), relation("fundedBy", obj=2)])
    sentences = {o for s, p, o, _ in quads if p == A.inSentence}
    assert sentences == {ox.NamedNode(f"{RES}sentence/lop-test-0000abcd/0-{len(TEXT)}")}
    facts = {(p, o.value) for s, p, o, _ in quads if s in sentences}
    assert facts == {
        (T_RDF.type, A.Sentence.value),
        (A.sentence, TEXT),
        (A.startOffset, "0"),
        (A.endOffset, str(len(TEXT))),
        (T_PROV.wasDerivedFrom, f"{RES}doc/lop-test-0000abcd"),
    }


def test_the_text_of_a_sentence_is_stated_once_however_many_statements_cite_it():
    quads = quads_of([relation("locatedIn", obj=1), relation("fundedBy", obj=2), relation("participant", obj=1)])
    assert [p for _, p, o, _ in quads if o.value == TEXT] == [A.text, A.sentence]


# --- closure ----------------------------------------------------------------------------------


def within(edges) -> set[tuple[ox.NamedNode, ox.NamedNode]]:
    quads = list(closure_quads(edges))
    assert all(p == A.within and g == CLOSURE_GRAPH for _, p, _, g in quads)
    return {(s, o) for s, _, o, _ in quads}


def test_closure_is_transitive():
    village, town, county = place("653121/x"), place("653121"), place("653100")
    assert within([(village, town), (town, county)]) == {(village, town), (village, county), (town, county)}


def test_closure_starts_from_any_entity_located_in_a_place():
    school, county, prefecture = ox.NamedNode(f"{RES}org/shi-liu-hua-12345678"), place("653121"), place("653100")
    assert within([(school, county), (county, prefecture)]) == {
        (school, county),
        (school, prefecture),
        (county, prefecture),
    }


def test_closure_does_not_follow_partof_between_programs():
    sub, campaign, county = program("sub-1"), program("campaign-2"), place("653224")
    assert within([(sub, campaign), (campaign, county)]) == {(campaign, county)}


def test_closure_of_a_cycle_ends_and_has_no_self_loops():
    first, second = place("653121"), place("653100")
    assert within([(first, second), (second, first)]) == {(first, second), (second, first)}


def test_closure_yields_each_ancestor_once():
    start, left, right, top = place("1"), place("2"), place("3"), place("4")
    quads = list(closure_quads([(start, left), (start, right), (left, top), (right, top)]))
    assert len(quads) == len(set(quads))
