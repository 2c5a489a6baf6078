"""Tests for kg.extract.components.place_bodies: Party committees named after their place.

Fixtures: made-up sentences of the genre (real places, invented people).
"""

import pytest


@pytest.mark.parametrize(
    "text, body",
    [
        ("疏附县委副书记王建国介绍了情况。", "疏附县委"),
        ("喀什市委常委李红梅出席活动。", "喀什市委"),
        ("新疆维吾尔自治区党委宣传部发文。", "新疆维吾尔自治区党委"),
    ],
)
def test_a_place_and_a_committee_suffix_are_an_organization(analyse, text, body):
    doc = analyse(text).doc
    assert (body, "Organization") in {(s.text, s.label_) for s in doc.spans["kg_mentions"]}


def test_an_official_of_the_committee_is_affiliated_with_it(analyse):
    assert ("王建国", "affiliatedWith", "疏附县委") in analyse("疏附县委副书记王建国介绍了情况。").relations()


def test_a_place_followed_by_a_word_that_starts_with_the_suffix_is_no_committee(analyse):
    doc = analyse("疏附县委托第三方开展评估。").doc
    assert "疏附县委" not in {s.text for s in doc.spans["kg_mentions"]}
