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
        # a factory or park the report calls a project
        (
            "疏附县红枣加工厂是广东援疆重点项目。该项目去年投产。",
            [("疏附县红枣加工厂", "Organization", "Company")],
            [("该项目", "疏附县红枣加工厂")],
        ),
        (
            "疏附县名医工作室今天揭牌。该工作室由广东援疆出资建设。",
            [("疏附县名医工作室", "Organization", "")],
            [("该工作室", "疏附县名医工作室")],
        ),
        (
            "疏附县红柳村帮扶车间投产。该车间吸纳就业80人。",
            [("疏附县红柳村帮扶车间", "Program", "Project")],
            [("该车间", "疏附县红柳村帮扶车间")],
        ),
        (
            "粤喀物理创新实验室今天启用。这个实验室由广东援疆出资建设。",
            [("粤喀物理创新实验室", "Organization", "")],
            [("这个实验室", "粤喀物理创新实验室")],
        ),
    ],
)
def test_a_demonstrative_and_a_head_noun_point_back_at_the_name_of_their_kind(text, named, expected):
    assert pointers(text, spans_of(text, *named)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the school a teacher comes from is named in passing: 这所学校 is the report's school
        ("疏附县第五中学的操场上书声琅琅。王芳来自广州市第七中学。这所学校由广州市援建。", "疏附县第五中学"),
        # with no other school named, the one named in passing is still it
        ("王芳来自广州市第七中学。这所学校有一百年历史。", "广州市第七中学"),
    ],
)
def test_a_body_someone_comes_from_is_the_antecedent_only_when_no_other_fits(text, expected):
    names = [n for n in ("疏附县第五中学", "广州市第七中学") if n in text]
    named = spans_of(text, *((n, "Organization", "School") for n in names))
    assert pointers(text, named) == [("这所学校", expected)]


def test_a_bare_head_opening_a_clause_before_a_role_points_back():
    # 村党支部书记某某: the party secretary of the village named before
    text = "阿亚格曼干村种植红枣。\n村党支部书记王建国说，"
    named = spans_of(text, ("阿亚格曼干村", "Place", "Village"))
    assert pointers(text, named) == [("村", "阿亚格曼干村")]


@pytest.mark.parametrize(
    "text, body, subclass, expected",
    [
        ("某省援藏某县工作组今年开展调研。为此，工作组把某工程列为重点。", "某省援藏某县工作组", "Team", ["工作组"]),
        ("某市援疆指挥部召开会议。会上，指挥部投入资金建设中心。", "某市援疆指挥部", "AidCommand", ["指挥部"]),
        # no verb after the word: 工作组驻地 is a noun of its own
        ("某省援藏某县工作组今年开展调研。工作组驻地在县城。", "某省援藏某县工作组", "Team", []),
    ],
)
def test_an_aid_bodys_bare_head_opening_a_clause_before_a_verb_points_back(text, body, subclass, expected):
    named = spans_of(text, (body, "Organization", subclass))
    assert pointers(text, named) == [(word, body) for word in expected]
