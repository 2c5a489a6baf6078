"""Tests for kg.extract.anaphora: which phrases point back at which names.

Fixtures: made-up sentences of the genre; spans are built by hand with the offsets the pipeline
would give (real places: 疏附县, 阿图什市; the school is invented).
"""

from dataclasses import dataclass

import pytest

from kg.extract.anaphora import find_anaphors


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    subclass: str
    name: str

    @property
    def text(self):
        return self.name


def spans_of(text, *named):
    return [
        Span(text.index(name), text.index(name) + len(name), label, subclass, name) for name, label, subclass in named
    ]


def pointers(text, spans):
    def sentence_of(pos):
        return text.count("。", 0, pos)

    found = find_anaphors(text, spans, range(len(spans)), sentence_of)
    return [(text[start:end], spans[i].name) for start, end, i in found]


@pytest.mark.parametrize(
    "text, named, expected",
    [
        ("疏附县地处喀什西部。该县盛产红枣。", [("疏附县", "Place", "County")], [("该县", "疏附县")]),
        ("阿图什市地处喀什北部。该市坚持就业优先。", [("阿图什市", "Place", "County")], [("该市", "阿图什市")]),
        # 该市场 is "the market": 市 does not end a word there
        ("阿图什市地处喀什北部。该市场每天人流过万。", [("阿图什市", "Place", "County")], []),
        (
            "疏附县第五中学去年建成。该校有学生900人。",
            [("疏附县第五中学", "Organization", "School")],
            [("该校", "疏附县第五中学")],
        ),
    ],
)
def test_a_demonstrative_and_a_head_noun_point_back_at_the_name_of_their_kind(text, named, expected):
    assert pointers(text, spans_of(text, *named)) == expected


def test_a_bare_head_opening_a_clause_before_a_role_points_back():
    # 村党支部书记某某: the party secretary of the village named before
    text = "阿亚格曼干村种植红枣。\n村党支部书记王建国说，"
    named = spans_of(text, ("阿亚格曼干村", "Place", "Village"))
    assert pointers(text, named) == [("村", "阿亚格曼干村")]
