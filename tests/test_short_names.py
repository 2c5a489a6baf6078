"""Tests for kg.extract.components.short_names: names given again in short (a brand, a declared short form).

Fixtures: made-up sentences of the genre (real places; companies and people invented).
"""

import pytest


def organizations(analyse, text):
    doc = analyse(text).doc
    return [(s.text, s._.kg_name) for s in doc.spans["kg_mentions"] if s.label_ == "Organization"]


@pytest.mark.parametrize(
    "text, short, full",
    [
        ("疏附县金穗果业有限公司年产值过亿。金穗果业总经理王建国介绍，", "金穗果业", "疏附县金穗果业有限公司"),
        ("云杉光电（四川）有限公司二期厂房封顶。云杉光电负责人李红梅说，", "云杉光电", "云杉光电(四川)有限公司"),
        # a short place form opens the name; 科技 pads the industry word and is dropped too
        ("喀什金穗纺织科技有限公司二期投产。金穗纺织总经理王建国说，", "金穗纺织", "喀什金穗纺织科技有限公司"),
    ],
)
def test_a_company_named_again_by_its_brand_is_the_same_company(analyse, text, short, full):
    assert (short, full) in organizations(analyse, text)


def test_a_brand_of_two_characters_is_not_looked_for(analyse):
    # 金穗 alone is an ordinary word too often: only brands of three characters or more count
    found = organizations(analyse, "疏附县金穗有限公司开业。金穗小麦长势好。")
    assert not [text for text, _ in found if text == "金穗"]


DECLARING = (
    "广东省对口支援新疆喀什地区前方指挥部（以下简称“粤喀前指”）副总指挥林志强介绍，粤喀前指今年援建疏附县冷链物流园。"
)


def test_a_declared_short_form_is_an_alias_and_its_later_mentions_the_same_body(analyse):
    found = organizations(analyse, DECLARING)
    assert ("粤喀前指", "广东省对口支援新疆喀什地区前方指挥部") in found
    full = analyse(DECLARING).span("kg_mentions", "广东省对口支援新疆喀什地区前方指挥部")
    assert "粤喀前指" in full._.kg_aliases


def test_the_declaration_is_no_name_of_its_own_and_the_title_after_it_is_the_bodys(analyse):
    analysis = analyse(DECLARING)
    assert not [s for s in analysis.doc.spans["kg_mentions"] if "以下简称" in s.text or s.text == "“粤喀前指”"]
    assert ("林志强", "affiliatedWith", "广东省对口支援新疆喀什地区前方指挥部") in analysis.relations()


def test_a_declared_short_form_holding_another_name_is_still_the_body(analyse):
    # 佛山援疆 inside 佛山援疆前指 reads as an aid-giver of its own: the declared form holds it
    text = (
        "佛山市对口支援新疆伽师县前方指挥部（以下简称“佛山援疆前指”）召开会议。佛山援疆前指总指挥陈立新出席。"
    )
    found = organizations(analyse, text)
    assert ("佛山援疆前指", "佛山市对口支援新疆伽师县前方指挥部") in found
    assert ("陈立新", "affiliatedWith", "佛山援疆前指") in analyse(text).relations()
