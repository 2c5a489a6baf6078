"""Tests for kg.graph.resolve: resolution keys, core names, canonical names, alias joining.

Fixtures: mentions are built by hand in this file, as the pipeline would give them for made-up
sentences of the genre (real places with their real codes: 喀什地区 653100, 疏附县 653121, 洛浦县 653224,
温宿县 652922, 拜城县 652926, 浙江省 330000, 广州市
440100, 越秀区 440104, 广东省 440000, 吐鲁番市 650400 (吐鲁番地区 before 2015); schools, programs
and campaigns invented). No pipeline runs here.
"""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kg.corpus.reader import Document
from kg.graph.resolve import Entity, Resolver, core_name, mention_key, resolve_document
from kg.records import Extraction, Mention, Relation, Sentence

AID_KEY = "aid:440000:650000"


def mention(
    label, name, start=0, *, subclass=None, key=None, inner=False, aliases=(), surface=None, rule="test"
) -> Mention:
    surface = surface or name
    end = start + len(surface)
    return Mention(label, subclass or label, name, surface, tuple(aliases), key, start, end, 0, rule, inner)


def places_in(name: str, *surfaces: str) -> list[Mention]:
    """Inner place mentions for the given surfaces, at their offsets in ``name`` (which starts at 0)."""
    return [mention("Place", surface, name.index(surface), inner=True) for surface in surfaces]


def extraction(*mentions: Mention, doc_id: str = "doc-00000000") -> Extraction:
    text = "。" * max(m.end for m in mentions)
    document = Document(doc_id, Path(f"/corpus/{doc_id}.txt"), f"{doc_id}.txt", text, "0" * 64, "utf-8")
    return Extraction(document, [Sentence(0, len(text), text)], list(mentions), [], [])


# --- keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target, inner, expected",
    [
        (mention("Place", "疏附县", subclass="County", key="653121"), [], "place:653121"),
        (
            mention("Place", "托克扎克镇", subclass="Township", key="653121/托克扎克镇"),
            [],
            "place:653121/托克扎克镇",
        ),
        (
            mention("Organization", "广东援疆", subclass="AidCommand", key=AID_KEY),
            places_in("广东援疆", "广东"),
            AID_KEY,
        ),
        (
            mention("Organization", "广东省援疆前方指挥部", subclass="AidCommand", key=AID_KEY),
            places_in("广东省援疆前方指挥部", "广东省"),
            AID_KEY,
        ),
        (
            mention("Organization", "广州市越秀区晨光幼儿园", subclass="School"),
            places_in("广州市越秀区晨光幼儿园", "广州市", "越秀区"),
            "Organization:晨光幼儿园",
        ),
        (mention("Organization", "晨光幼儿园", subclass="School"), [], "Organization:晨光幼儿园"),
        (mention("Place", "红柳驿站", subclass="Site"), [], "Place:红柳驿站"),
    ],
    ids=["coded-place", "nested-unit", "aid-giver", "aid-command", "school-in-places", "bare-school", "site"],
)
def test_mention_key(target, inner, expected):
    assert mention_key(target, inner) == expected


@pytest.mark.parametrize(
    "name, place",
    [
        ("疏附县第一小学", "疏附县"),
        ("洛浦县实验中学", "洛浦县"),
        ("洛浦县一中", "洛浦县"),
        ("洛浦县人民医院", "洛浦县"),
    ],
)
def test_generic_core_keeps_its_places(name, place):
    assert mention_key(mention("Organization", name), places_in(name, place)) == f"Organization:{name}"


@pytest.mark.parametrize(
    "first, second, rule",
    [
        ("疏附县融媒体中心", "洛浦县融媒体中心", "head:融媒体中心"),  # the name is a place and its head
        ("疏附县卫生健康委员会", "洛浦县卫生健康委员会", "place-body"),  # a place and a body every place has
    ],
)
def test_a_place_and_a_bare_head_or_body_gives_one_key_per_place(first, second, rule):
    def key(name):
        return mention_key(mention("Organization", name, rule=rule), places_in(name, name[:3]))

    assert key(first) != key(second)


@pytest.mark.parametrize(
    "first, second",
    [
        (("Ningbo's aid team", "Ningbo", "330200"), ("Wuxi's aid team", "Wuxi", "320200")),
        # English capitalises every word of a name: these cores hold none chosen for one body
        (
            ("Zhongba County People's Hospital", "Zhongba County", "540237"),
            ("Saga County People's Hospital", "Saga County", "540236"),
        ),
        (("Kuqa No. 2 Middle School", "Kuqa", "652902"), ("Wensu No. 2 Middle School", "Wensu", "652922")),
    ],
    ids=["aid-team", "peoples-hospital", "numbered-school"],
)
def test_an_english_name_of_common_words_after_its_place_keeps_the_place(first, second):
    def key(name, place, code):
        return mention_key(
            mention("Organization", name, subclass="Team"), [mention("Place", place, key=code, start=0, inner=True)]
        )

    assert key(*first) != key(*second)


def test_an_english_name_with_a_word_chosen_for_it_is_one_body_with_or_without_its_place():
    place = mention("Place", "Kuqa", key="652902", start=0, inner=True)
    with_place = mention_key(mention("Organization", "Kuqa Hongfeng Textile Co.", subclass="Company"), [place])
    assert with_place == mention_key(mention("Organization", "Hongfeng Textile Co.", subclass="Company"), [])


def test_a_rare_core_in_two_counties_gives_two_keys():
    # made up: one drying-yard project per county, a word jieba's dictionary does not hold
    first = mention_key(
        mention("Program", "拜城县核桃晾晒场项目"), [mention("Place", "拜城县", key="652926", inner=True)]
    )
    second = mention_key(
        mention("Program", "温宿县核桃晾晒场项目"), [mention("Place", "温宿县", key="652922", inner=True)]
    )
    assert first != second


def test_a_rare_core_after_a_county_or_after_its_township_gives_one_key():
    township = mention("Place", "某镇", key="652926/某镇", inner=True, start=3)
    in_county = mention_key(
        mention("Program", "拜城县某镇核桃晾晒场项目"),
        [mention("Place", "拜城县", key="652926", inner=True), township],
    )
    in_township = mention_key(mention("Program", "某镇核桃晾晒场项目"), [replace(township, start=0, end=2)])
    assert in_county == in_township == "Program:核桃晾晒场项目@652926"


@pytest.mark.parametrize(
    "first, second",
    [
        (("Tianjin Xinjiang Aid Command", "120000"), ("Shenzhen Xinjiang Aid Command", "440300")),
        (("Ningbo Kuqa aid team", "330200"), ("Jiaxing Kuqa aid team", "330400")),
    ],
)
def test_an_aid_body_is_told_apart_by_every_place_its_name_starts_with(first, second):
    def key(name, code):
        giver = mention("Place", name.split()[0], key=code, inner=True)
        second_place = mention("Place", name.split()[1], key="650000", inner=True, start=len(giver.name) + 1)
        return mention_key(mention("Organization", name, subclass="AidCommand"), [giver, second_place])

    assert key(*first) != key(*second)


def test_same_generic_core_in_two_places_gives_two_keys():
    first = mention_key(mention("Organization", "疏附县第一小学"), places_in("疏附县第一小学", "疏附县"))
    second = mention_key(mention("Organization", "洛浦县第一小学"), places_in("洛浦县第一小学", "洛浦县"))
    assert first != second


@pytest.mark.parametrize(
    "first, second",
    [
        (("喀什地区疏附县第一中学", "喀什地区", "疏附县"), ("疏附县第一中学", "疏附县")),
        (("疏附县一中", "疏附县"), ("疏附县第一中学", "疏附县")),
        (("疏附县二小", "疏附县"), ("疏附县第二小学", "疏附县")),
        # the province run into the prefecture is no mention of its own
        (("新疆喀什地区疏附县第一中学", "喀什地区", "疏附县"), ("疏附县第一中学", "疏附县")),
    ],
    ids=[
        "prefecture-before-county",
        "shortened-ordinal-middle-school",
        "shortened-ordinal-primary-school",
        "province-without-mention-before-prefecture",
    ],
)
def test_a_generic_core_after_the_same_coded_place_gives_one_key(first, second):
    codes = {"喀什地区": "653100", "疏附县": "653121", "洛浦县": "653224"}

    def key(name, *places):
        inner = [mention("Place", place, name.index(place), key=codes[place], inner=True) for place in places]
        return mention_key(mention("Organization", name), inner)

    assert key(*first) == key(*second)
    assert key(*first) != key(first[0].replace("疏附", "洛浦"), "洛浦县")


@pytest.mark.parametrize(
    "name, places, expected",
    [
        ("广州市越秀区晨光幼儿园", ("广州市", "越秀区"), "晨光幼儿园"),
        ("疏附县第一小学", ("疏附县",), "第一小学"),
        ("晨光幼儿园越秀区分园", ("越秀区",), "晨光幼儿园越秀区分园"),
        ("疏附县·石榴花书屋", ("疏附县",), "石榴花书屋"),
        ("广州市越秀区", ("广州市", "越秀区"), "广州市越秀区"),
        ("石榴花幼儿园", (), "石榴花幼儿园"),
    ],
    ids=["leading-places", "one-place", "place-inside", "interpunct", "only-places", "no-places"],
)
def test_core_name_drops_only_the_places_the_name_starts_with(name, places, expected):
    assert core_name(mention("Organization", name), places_in(name, *places)) == expected


# --- canonical names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        {"乙乙乙": 1, "甲甲甲": 9, "丙丙": 20},
        {"甲甲甲": 9, "丙丙": 20, "乙乙乙": 1},
        {"丙丙": 20, "乙乙乙": 1, "甲甲甲": 9},
    ],
)
def test_entity_name_is_the_longest_then_the_smallest(names):
    # 乙 (U+4E59) sorts before 甲 (U+7532); how often a name was seen does not matter.
    assert Entity("Organization:x", "Organization", "Organization", dict(names)).name == "乙乙乙"


def test_a_simplified_name_comes_before_a_traditional_reports_form_of_the_same_length():
    # 頓 (U+9813) sorts before 顿 (U+987F): the written form of a 繁體 report is an alias
    entity = Entity("Person:x", "Person", "Person", {"扎西頓珠": 1, "扎西顿珠": 1})
    assert (entity.name, entity.aliases) == ("扎西顿珠", ["扎西頓珠"])


def test_entity_aliases_are_the_other_names_sorted():
    entity = Entity("Organization:晨光幼儿园", "Organization", "School", {"晨光幼儿园": 2, "广州市越秀区晨光幼儿园": 1})
    assert entity.aliases == ["晨光幼儿园"]


def test_coded_place_keeps_the_gazetteer_name():
    former = mention(
        "Place", "吐鲁番市", subclass="Prefecture", key="650400", aliases=("吐鲁番地区",), surface="吐鲁番地区"
    )
    resolver = Resolver()
    resolver.add(extraction(former))
    assert resolver.entities["place:650400"].name == "吐鲁番市"


# --- the resolver -----------------------------------------------------------------------------


def school_extraction(name: str, *places: str, doc_id: str) -> Extraction:
    return extraction(mention("Organization", name, subclass="School"), *places_in(name, *places), doc_id=doc_id)


def test_resolver_joins_a_name_with_and_without_its_places_across_documents():
    resolver = Resolver()
    keys = resolver.resolve(
        [school_extraction("疏附县石榴花幼儿园", "疏附县", doc_id="a"), school_extraction("石榴花幼儿园", doc_id="b")]
    )
    assert keys[0][0] == keys[1][0]


def test_a_body_named_by_a_bare_level_word_is_the_reports_places():
    # 县人民医院, located by default in the report's county, and 疏附县人民医院 are one hospital
    county = mention("Place", "疏附县", 0, subclass="County", key="653121")
    full = mention("Organization", "疏附县人民医院", 10, subclass="Hospital", rule="head:人民医院")
    bare = mention("Organization", "县人民医院", 30, subclass="Hospital", rule="head:人民医院")
    place_in_full = mention("Place", "疏附县", 10, subclass="County", key="653121", inner=True)
    located = Relation(2, "locatedIn", 0, None, 0, "default", "place-default")
    document = extraction(county, full, bare, place_in_full)
    document = Extraction(document.document, document.sentences, document.mentions, [located], [])
    keys = resolve_document(document).keys
    assert keys[1] == keys[2]


@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "reversed"])
def test_resolved_name_does_not_depend_on_document_order(reverse):
    documents = [
        school_extraction("疏附县石榴花幼儿园", "疏附县", doc_id="a"),
        school_extraction("石榴花幼儿园", doc_id="b"),
    ]
    resolver = Resolver()
    resolver.resolve(documents[::-1] if reverse else documents)
    entity = resolver.entities["Organization:石榴花幼儿园"]
    assert (entity.name, entity.aliases) == ("疏附县石榴花幼儿园", ["石榴花幼儿园"])


def test_resolver_records_the_gazetteer_key_of_a_place():
    resolver = Resolver()
    resolver.add(extraction(mention("Place", "疏附县", subclass="County", key="653121")))
    assert resolver.entities["place:653121"].gazetteer_key == "653121"


def test_resolver_takes_a_specific_subclass_over_the_top_class():
    resolver = Resolver()
    resolver.add(extraction(mention("Organization", "石榴花幼儿园"), doc_id="a"))
    resolver.add(extraction(mention("Organization", "石榴花幼儿园", subclass="School"), doc_id="b"))
    assert resolver.entities["Organization:石榴花幼儿园"].subclass == "School"


def test_aid_giver_and_command_resolve_to_one_entity_named_by_the_command():
    giver = mention("Organization", "广东援疆", subclass="AidCommand", key=AID_KEY)
    command = mention("Organization", "广东省援疆前方指挥部", 10, subclass="AidCommand", key=AID_KEY)
    resolver = Resolver()
    resolver.add(extraction(giver, command))
    assert resolver.entities[AID_KEY].name == "广东省援疆前方指挥部"


def test_a_program_is_also_named_without_its_first_places():
    name = "疏附县托克扎克镇石榴花路改造工程"
    document = resolve_document(extraction(mention("Program", name), *places_in(name, "疏附县", "托克扎克镇")))
    (entity,) = [e for e in document.entities.values() if e.label == "Program"]
    assert {"托克扎克镇石榴花路改造工程", "石榴花路改造工程"} <= set(entity.names)


@pytest.mark.parametrize(
    "name, place",
    [
        ("疏附县职业技术学校", "疏附县"),  # common words only: every county has one
        ("洛浦县中医医院", "洛浦县"),
        ("疏附县广州中学", "疏附县"),  # a place's name and a head: named for its giver
        ("洛浦县现代农业示范园", "洛浦县"),  # a compound of common words
    ],
)
def test_a_core_of_common_words_and_place_names_keeps_its_places(name, place):
    target = mention("Organization", name, rule="model")
    assert mention_key(target, places_in(name, place)) == f"Organization:{name}"
    document = resolve_document(extraction(target, *places_in(name, place)))
    assert name[len(place) :] not in document.entities[f"Organization:{name}"].names


def test_two_counties_institutions_of_common_words_are_two_entities():
    def school(county, doc_id):
        name = county + "职业技术学校"
        return extraction(mention("Organization", name), *places_in(name, county), doc_id=doc_id)

    keys = Resolver().resolve([school("疏附县", "a"), school("洛浦县", "b")])
    assert keys[0][0] != keys[1][0]


@pytest.mark.parametrize(
    "name, rule",
    [("职业技术学校", "head:学校"), ("便民服务中心", "head:服务中心")],
    ids=["common-words", "a-facility-every-village-has"],
)
def test_a_facility_of_a_generic_name_and_no_place_is_one_per_report(name, rule):
    def school(start=0):
        return mention("Organization", name, start, rule=rule)

    first = resolve_document(extraction(school(), school(10), doc_id="a"))
    second = resolve_document(extraction(school(), doc_id="b"))
    assert first.keys[0] == first.keys[1] != second.keys[0]
    # read from no head noun (a list of central bodies, an alias): one entity across reports
    assert mention_key(mention("Organization", name, rule="organization-list"), [], "a") == f"Organization:{name}"


def test_a_national_body_of_generic_words_is_one_entity_across_reports():
    def outlet(doc_id):
        paper = mention("Organization", "光明日报", subclass="MediaOrganization", rule="head:日报")
        return resolve_document(extraction(paper, doc_id=doc_id)).keys[0]

    assert outlet("a") == outlet("b")


def test_a_name_read_without_its_places_joins_the_same_name_read_with_them():
    # a byline's 疏附县融媒体中心 (no inner place) and the text's, whose 疏附县 has its code
    text = mention("Organization", "疏附县融媒体中心", rule="head:融媒体中心")
    county = mention("Place", "疏附县", key="653121", inner=True)
    byline = mention("Organization", "疏附县融媒体中心", 20, rule="byline")
    keys = resolve_document(extraction(text, county, byline)).keys
    assert keys[0] == keys[2] and keys[0].endswith("@653121")


def test_a_local_body_read_without_its_places_has_the_key_of_the_same_name_read_with_them():
    # a report whose only 疏附县融媒体中心 is its byline, and a report that names it in the text
    def centre(rule):
        return mention("Organization", "疏附县融媒体中心", subclass="MediaOrganization", rule=rule)

    county = mention("Place", "疏附县", key="653121", inner=True)
    byline = resolve_document(extraction(centre("byline"), doc_id="a")).keys[0]
    text = resolve_document(extraction(centre("head:融媒体中心"), county, doc_id="b")).keys[0]
    assert byline == text


def test_a_local_body_after_an_ambiguous_place_read_without_it_keeps_its_whole_name():
    body = mention("Organization", "朝阳区教育局", subclass="GovernmentBody", rule="byline")
    assert mention_key(body, [], "a") == "Organization:朝阳区教育局"  # 朝阳区 of Beijing or of Changchun


def test_a_generic_core_named_alone_is_the_one_institution_of_the_report_that_has_it():
    full = mention("Organization", "疏附县广州中学")
    again = mention("Organization", "广州中学", start=20)
    document = resolve_document(extraction(full, *places_in("疏附县广州中学", "疏附县"), again))
    assert document.keys[0] == document.keys[-1] == "Organization:疏附县广州中学"


def coded_places(name: str, start: int = 0, **codes: str) -> list[Mention]:
    return [mention("Place", place, start + name.index(place), inner=True, key=code) for place, code in codes.items()]


def test_a_givers_name_after_a_receiving_place_is_scoped_by_that_place():
    # 浙江 names the giver; 温宿县 and 拜城县 say which park: two parks, not one
    def park(county, code, doc_id):
        name = county + "浙江工业园区"
        places = coded_places(name, **{county: code, "浙江": "330000"})
        return extraction(mention("Organization", name, subclass="IndustrialPark"), *places, doc_id=doc_id)

    keys = Resolver().resolve([park("温宿县", "652922", "a"), park("拜城县", "652926", "b")])
    assert keys[0][0] == "Organization:温宿县浙江工业园区@652922" != keys[1][0]


def test_a_givers_name_named_again_without_its_place_is_the_same_body():
    full = mention("Organization", "温宿县浙江工业园区")
    again = mention("Organization", "浙江工业园区", start=20)
    document = resolve_document(
        extraction(
            full,
            *coded_places("温宿县浙江工业园区", 温宿县="652922", 浙江="330000"),
            again,
            *coded_places("浙江工业园区", 20, 浙江="330000"),
        )
    )
    assert document.keys[0] == document.keys[3]


def test_a_generic_core_of_two_institutions_of_the_report_is_left_alone():
    first = mention("Organization", "疏附县广州中学")
    second = mention("Organization", "洛浦县广州中学", start=10)
    again = mention("Organization", "广州中学", start=20)
    second_place = mention("Place", "洛浦县", 10, inner=True)
    document = resolve_document(extraction(first, *places_in("疏附县广州中学", "疏附县"), second, second_place, again))
    assert document.keys[-1] == "Organization:广州中学"


def test_core_name_of_a_school_becomes_a_name_of_the_entity():
    resolver = Resolver()
    resolver.add(school_extraction("疏附县石榴花幼儿园", "疏附县", doc_id="a"))
    assert resolver.entities["Organization:石榴花幼儿园"].aliases == ["石榴花幼儿园"]


def test_aid_command_names_keep_the_giver():
    name = "广东省援疆前方指挥部"
    command = mention("Organization", name, subclass="AidCommand", key=AID_KEY)
    resolver = Resolver()
    resolver.add(extraction(command, *places_in(name, "广东省")))
    assert [n for n in resolver.entities[AID_KEY].names if not n.startswith("广东")] == []


CAMPAIGN = "沙枣花开健康行动"


def campaign(start: int = 0) -> Mention:
    return mention("Program", CAMPAIGN, start, subclass="Campaign", aliases=("沙枣花开",), surface="“沙枣花开”健康行动")


def test_bare_alias_joins_the_entity_it_names_within_a_document():
    keys = Resolver().add(extraction(campaign(), mention("Program", "沙枣花开", 20)))
    assert keys[1] == keys[0]


def test_a_name_without_a_key_joins_a_mention_of_that_name_with_one():
    # an aid command in the report's source line (no key) and in its body (its giver's key)
    body = mention("Organization", "广东省援疆前方指挥部", subclass="AidCommand", key=AID_KEY)
    source = mention("Organization", "广东省援疆前方指挥部", start=30, rule="byline")
    document = resolve_document(extraction(body, source))
    assert document.keys == [AID_KEY, AID_KEY]


def test_bare_alias_of_another_class_is_not_joined():
    keys = Resolver().add(extraction(campaign(), mention("Event", "沙枣花开", 20)))
    assert keys[1] != keys[0]


def test_bare_alias_in_another_document_is_not_joined():
    keys = Resolver().resolve(
        [extraction(campaign(), doc_id="a"), extraction(mention("Program", "沙枣花开"), doc_id="b")]
    )
    assert keys[1][0] != keys[0][0]


def test_alias_is_recorded_as_a_name_of_the_entity():
    resolver = Resolver()
    resolver.add(extraction(campaign()))
    assert resolver.entities[f"Program:{CAMPAIGN}"].aliases == ["沙枣花开"]


def test_entity_round_trips_through_json():
    # Every field set away from its default, so a field left out of to_json shows.
    entity = Entity("place:653101", "Place", "County", {"喀什市": 2, "喀什": 1}, "653101", "喀什市", {"County": 3})
    assert Entity.from_json(json.loads(json.dumps(entity.to_json(), ensure_ascii=False))) == entity


# --- aid-giver phrases -----------------------------------------------------------------------


def test_a_giver_phrase_without_a_body_of_that_giver_is_the_giver_place():
    # 广东援疆投资建设某某工程: no command of 广东省 is named, so 广东援疆 is 广东省 itself.
    phrase = Mention("Organization", "AidCommand", "广东援疆", "广东援疆", (), AID_KEY, 0, 4, 0, "aid-giver", False)
    province = Mention("Place", "Province", "广东省", "广东", (), "440000", 0, 2, 0, "gazetteer", True)
    resolved = resolve_document(extraction(phrase, province))
    assert resolved.keys == ["place:440000", "place:440000"]
    assert set(resolved.entities) == {"place:440000"}
    assert resolved.entities["place:440000"].names == {"广东省": 2}


def test_a_giver_phrase_joins_the_body_of_that_giver_the_report_names():
    phrase = Mention("Organization", "AidCommand", "广东援疆", "广东援疆", (), AID_KEY, 0, 4, 0, "aid-giver", False)
    command = Mention(
        "Organization",
        "AidCommand",
        "广东省援疆前方指挥部",
        "广东省援疆前方指挥部",
        (),
        AID_KEY,
        10,
        20,
        0,
        "head",
        False,
    )
    province = Mention("Place", "Province", "广东省", "广东", (), "440000", 0, 2, 0, "gazetteer", True)
    resolved = resolve_document(extraction(phrase, command, province))
    assert resolved.keys[:2] == [AID_KEY, AID_KEY]
    assert resolved.entities[AID_KEY].name == "广东省援疆前方指挥部"


def test_a_division_is_one_node_in_any_language():
    chinese = mention("Organization", "新疆生产建设兵团第一师", key="xpcc:659002", subclass="XPCCDivision")
    english = mention("Organization", "1st Division of the XPCC", key="xpcc:659002", subclass="XPCCDivision")
    assert mention_key(chinese, []) == mention_key(english, []) == "xpcc:659002"


@pytest.mark.parametrize("head", ["援藏工作队", "援青医疗队"])
def test_two_givers_teams_named_by_aid_words_are_two_entities(head):
    # 援藏 is no word chosen for a name: every giver sends a team so named
    def team(giver, doc_id):
        name = giver + head
        return extraction(mention("Organization", name, rule="head:工作队"), *places_in(name, giver), doc_id=doc_id)

    keys = Resolver().resolve([team("广东省", "a"), team("河北省", "b")])
    assert keys[0][0] != keys[1][0]
