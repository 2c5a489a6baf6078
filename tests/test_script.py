"""Tests for kg.reference.script: traditional reports read as simplified, offsets unchanged.

Fixtures: made-up sentences of the genre (place names real, organizations and people invented).
"""

import pytest

from kg.reference.script import full_width_punctuation, is_traditional, to_simplified


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        (
            "天津市對口支援新疆工作前方指揮部在民豐縣開展供熱管網改造。",
            "天津市对口支援新疆工作前方指挥部在民丰县开展供热管网改造。",
        ),
        ("援疆醫療隊走進于田縣，為群眾義診。", "援疆医疗队走进于田县，为群众义诊。"),
    ],
)
def test_traditional_text_becomes_simplified_of_the_same_length(traditional, simplified):
    assert is_traditional(traditional)
    assert to_simplified(traditional) == simplified
    assert len(to_simplified(traditional)) == len(traditional)


@pytest.mark.parametrize(
    "text",
    [
        "浙江省援疆指挥部在新和县成效显著，著名的“乾隆”题字保存完好。",  # 著 and 乾 are simplified too
        "Zhejiang aid to Aksu",
        "",
    ],
)
def test_simplified_or_other_text_is_left_alone(text):
    assert not is_traditional(text)
    assert to_simplified(text) is text


def test_a_traditional_report_gives_simplified_names_and_keeps_the_written_form(extract_text):
    extraction = extract_text("天津市對口支援新疆工作前方指揮部在民豐縣開展供熱管網改造工程。")
    places = {m.name: m for m in extraction.mentions if m.label == "Place" and not m.inner}
    assert "民丰县" in places
    county = places["民丰县"]
    assert county.surface == "民豐縣" and "民豐縣" in county.aliases
    assert extraction.document.text[county.start : county.end] == "民豐縣"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("幼儿园投入使用.学生达1200名,产值5.6亿元.", "幼儿园投入使用。学生达1200名，产值5.6亿元。"),
        ("No.1 中学", "No.1 中学"),  # after no Han character: left alone
    ],
)
def test_half_width_marks_of_chinese_prose_are_read_full_width(text, expected):
    converted = full_width_punctuation(text)
    assert converted == expected and len(converted) == len(text)


def test_a_report_typed_with_half_width_full_stops_has_its_sentences(extract_text):
    extraction = extract_text("广东援疆在疏附县实施“粤喀同心”工程.疏附县第二中学建成投用,学生达1200名.")
    assert len(extraction.sentences) == 2
    assert extraction.sentences[0].text.endswith("工程.")  # the evidence is the text as written
