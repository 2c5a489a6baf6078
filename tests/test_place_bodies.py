"""Tests for kg.extract.components.place_bodies: committees and departments named after their place.

Fixtures: made-up sentences of the genre (real places, invented people).
"""

import pytest


@pytest.mark.parametrize(
    "text, body",
    [
        ("疏附县委副书记王建国介绍了情况。", "疏附县委"),
        ("喀什市委常委李红梅出席活动。", "喀什市委"),
        ("疏附县县委书记王建国介绍了情况。", "疏附县县委"),  # the level written twice
        ("新疆维吾尔自治区党委发文。", "新疆维吾尔自治区党委"),
        ("新疆维吾尔自治区党委宣传部发文。", "新疆维吾尔自治区党委宣传部"),
        # people's organizations and the other bodies of a place, in their short forms
        ("活动由深圳市妇联、疏附县妇联共同主办。", "疏附县妇联"),
        ("疏附县团委组织青年志愿者参加。", "疏附县团委"),
        ("广州市总工会慰问援疆干部。", "广州市总工会"),
        # a prefecture's committee by its short name, read by the recognizer into one word with the title
        ("新疆的援疆干部来到阿克苏。阿克苏地委书记王建国陪同调研。", "阿克苏地委"),
    ],
)
def test_a_place_and_a_committee_suffix_are_an_organization(analyse, text, body):
    doc = analyse(text).doc
    assert (body, "Organization") in {(s.text, s.label_) for s in doc.spans["kg_mentions"]}


@pytest.mark.parametrize(
    "text, body",
    [
        ("广东省委副书记王建国讲话。", "广东省委"),
        ("广东省委组织部副部长王建国讲话。", "广东省委组织部"),
        ("疏附县委宣传部部长李红梅介绍，", "疏附县委宣传部"),
    ],
)
def test_a_province_committee_and_a_committees_department_are_bodies(analyse, text, body):
    doc = analyse(text).doc
    assert (body, "Organization") in {(s.text, s.label_) for s in doc.spans["kg_mentions"]}


def test_an_official_of_the_committee_is_affiliated_with_it(analyse):
    assert ("王建国", "affiliatedWith", "疏附县委") in analyse("疏附县委副书记王建国介绍了情况。").relations()


def test_a_place_followed_by_a_word_that_starts_with_the_suffix_is_no_committee(analyse):
    doc = analyse("疏附县委托第三方开展评估。").doc
    assert "疏附县委" not in {s.text for s in doc.spans["kg_mentions"]}


@pytest.mark.parametrize(
    "text, body",
    [
        ("实施单位：疏附县教育局", "疏附县教育局"),
        ("喀什市发展和改革委员会发布公告。", "喀什市发展和改革委员会"),
        ("墨玉县文化体育广播电视和旅游局组织演出。", "墨玉县文化体育广播电视和旅游局"),
        ("来源：和田地区乡村振兴局", "和田地区乡村振兴局"),
        ("指导单位为新疆生产建设兵团教育局。", "新疆生产建设兵团教育局"),
        # a division and the city it shares its administration with name the body together
        ("第三师图木舒克市党委副书记王建国讲话。", "第三师图木舒克市党委"),
    ],
)
def test_a_place_and_a_department_are_an_organization(analyse, text, body):
    doc = analyse(text).doc
    assert (body, "Organization") in {(s.text, s.label_) for s in doc.spans["kg_mentions"]}


def test_a_department_name_ends_where_a_word_ends(analyse):
    doc = analyse("推动疏附县发展局面持续向好。").doc
    assert not [s.text for s in doc.spans["kg_mentions"] if s.label_ == "Organization"]


@pytest.mark.parametrize(
    "text, body",
    [
        ("广州市对口支援和区域合作局副局长王建国致辞。", "广州市对口支援和区域合作局"),
        ("广州市支援合作办副主任王建国出席。", "广州市支援合作办"),
        ("广州市协作办主任王建国出席。", "广州市协作办"),
    ],
)
def test_offices_of_aid_and_cooperation_are_departments(analyse, text, body):
    assert body in analyse(text).texts("kg_mentions")
