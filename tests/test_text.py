"""Tests for kg.extract.reading_view: the reading view and sentence spans.

Fixtures: the paragraphs below are made up for these tests in the layout of Chinese official
news reports (headline, byline, dateline, body, photo captions and credits, sentences broken by
page layout); names of places, people and organisations are chosen freely and none is taken from
the sample article. The rule examples come from data/rules/reading_view.csv (also made up).
Property tests generate arbitrary text with hypothesis.
"""

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.errors import RuleFileError
from kg.extract.reading_view import MAX_SENTENCE_LEN, ReadingView, load_rules, reading_view, sentence_spans

HEADLINE = "深圳援疆三年结硕果"
BODY = "三年来，深圳援疆前方指挥部累计投入资金十二亿元，建成学校二十所、医院五家。"
BROKEN_FIRST = "今年以来，深圳援疆前方指挥部在疏附县援建的幼儿园已经"
BROKEN_SECOND = "投入使用，可容纳三百名儿童。"
DATED_CAPTION = "2024年6月1日，疏附县的孩子们在新操场上做游戏。"
LATER = "此外，当地还新建了一座图书馆。"


def view_of(*paragraphs: str, sep: str = "\n\n") -> str:
    return reading_view(sep.join(paragraphs)).text


def copied(document: str, view: ReadingView, start: int, end: int) -> str:
    """The document characters a view span was copied from, gaps left out."""
    return "".join(document[i] for i in view.source_offsets[start:end])


# --- sentence_spans ----------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("援建学校二十所。援建医院五家！效果如何？", ["援建学校二十所。", "援建医院五家！", "效果如何？"]),
        ("“孩子们很喜欢新教室！”园长说。", ["“孩子们很喜欢新教室！”", "园长说。"]),
        ("他说：“真好。”）然后离开。", ["他说：“真好。”）", "然后离开。"]),
        ("真的吗？！是的……", ["真的吗？！", "是的……"]),
        ("Done! Really? yes", ["Done!", "Really?", "yes"]),
        ("第一项；第二项。", ["第一项；第二项。"]),
        ("标题\n正文第一句。", ["标题", "正文第一句。"]),
        ("  \u3000开头有空格。  \n\n\n  结尾没有句号  ", ["开头有空格。", "结尾没有句号"]),
        ("", []),
        ("\n \n\t", []),
        ("。。", ["。。"]),
        ("观看舞剧《加油！向未来》首演。好评如潮。", ["观看舞剧《加油！向未来》首演。", "好评如潮。"]),
        ("《。省》", ["《。省》"]),
        ("书名《未完。然后。", ["书名《未完。", "然后。"]),
        ("《上\n册。》", ["《上", "册。》"]),
    ],
    ids=["terminators", "closing-quote", "nested-closers", "terminator-run", "ascii", "semicolon",
         "line-break", "whitespace", "empty", "blank", "only-punctuation", "title-holds-terminator",
         "title-of-punctuation", "unclosed-title", "title-across-lines"],
)
def test_text_sentence_spans(text, expected):
    assert sentences(text) == expected


# Issue 18: a line without 。！？ was one sentence, however long.
def test_text_long_sentence_is_cut_after_clause_punctuation():
    clause = "甲" * 150 + "，"
    spans = sentence_spans(clause * 10 + "乙。")
    assert [e - s for s, e in spans] == [453, 453, 453, 153]
    assert all(s == 0 or (clause * 10)[s - 1] == "，" for s, _ in spans)


def test_text_long_sentence_prefers_a_semicolon_to_a_comma():
    text = "甲" * 200 + "；" + "乙" * 100 + "，" + "丙" * 400
    assert sentence_spans(text)[0] == (0, 201)


def test_text_long_sentence_without_punctuation_is_cut_every_max_length():
    text = "甲" * (2 * MAX_SENTENCE_LEN + 7)
    assert sentence_spans(text) == [(0, 500), (500, 1000), (1000, 1007)]


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="甲乙，；、。 \n", min_size=0, max_size=3000))
@example("甲" * 1200)
@example(("甲" * 90 + "、") * 12)
def test_text_sentences_are_never_longer_than_the_limit(text):
    spans = sentence_spans(text)
    assert all(0 < e - s <= MAX_SENTENCE_LEN for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    kept = "".join(text[s:e] for s, e in spans)
    assert kept.replace(" ", "") == "".join(text.split())



# --- joining sentences broken by layout -----------------------------------------------------


@pytest.mark.parametrize(
    ("sep", "view_sep"),
    [("\n\n", "\n\n"), ("\n\n\n\n", "\n\n"), ("\n", "\n"), ("\n  \u3000\n", "\n\n")],
    ids=["blank", "blanks", "newline", "spaces"],
)
def test_text_joins_sentence_broken_across_line_break(sep, view_sep):
    view = view_of(HEADLINE, BROKEN_FIRST, BROKEN_SECOND, sep=sep)
    assert view == HEADLINE + view_sep + BROKEN_FIRST + BROKEN_SECOND


STORY = "疏附县新建的幼儿园今年9月正式投入使用，可容纳300名幼儿。"


@pytest.mark.parametrize("heading", ["相关新闻", "【延伸阅读】", "推荐阅读："])
def test_text_a_related_reading_heading_after_the_story_ends_it(heading):
    view = reading_view(f"{STORY}\n\n{heading}\n\n广州援建莎车县人民医院新院区启用\n深圳援疆产业园新增企业20家")
    assert view.text == STORY


def test_text_a_related_reading_heading_above_the_story_is_left_alone():
    assert reading_view(f"相关新闻\n{STORY}").text == f"相关新闻\n{STORY}"


def test_text_joins_sentence_broken_by_page_layout():
    first, second = "上海援疆干部在巴楚县的戈壁滩上，如今建起了光伏电", "站，年发电量达两亿千瓦时。"
    assert view_of(HEADLINE, first, second) == HEADLINE + "\n\n" + first + second


def test_text_joins_short_broken_line_with_comma():
    assert view_of(HEADLINE, "在墨玉县，昔日", "荒滩变良田。") == HEADLINE + "\n\n在墨玉县，昔日荒滩变良田。"


def test_text_moves_caption_after_joined_sentence():
    assert view_of(HEADLINE, BROKEN_FIRST, DATED_CAPTION, BROKEN_SECOND, LATER) == "\n\n".join(
        [HEADLINE, BROKEN_FIRST + BROKEN_SECOND, DATED_CAPTION, LATER]
    )


def test_text_moves_several_captions_in_order():
    caption_two = "图为疏附县职业高中的实训车间。"
    view = view_of(HEADLINE, BROKEN_FIRST, DATED_CAPTION, caption_two, BROKEN_SECOND)
    expected = [HEADLINE, BROKEN_FIRST + BROKEN_SECOND, DATED_CAPTION, "疏附县职业高中的实训车间。"]
    assert view == "\n\n".join(expected)


@pytest.mark.parametrize(
    "following",
    [
        "产业帮扶见实效",  # a headline: the broken sentence continues elsewhere on the page
        "（二）加强干部人才交流。",
        "据悉，该项目总投资1.2亿元。",
        "一、产业援疆成效显著",
    ],
    ids=["headline", "list-item", "discourse-opener", "section"],
)
def test_text_does_not_join_before_new_sentence(following):
    paragraphs = [HEADLINE, BROKEN_FIRST, following]
    assert view_of(*paragraphs) == "\n\n".join(paragraphs)


@pytest.mark.parametrize(
    "rows",
    [
        # a row ending in its amount is complete without punctuation
        ["疏附县托克扎克镇阿亚格曼干村肉牛养殖小区项目　1850万元", "疏附县托克扎克镇庭院经济示范项目　640万元"],
        # items led by a dash or an arrow start anew
        [
            "今年实施的项目有：",
            "—托克扎克镇阿亚格曼干村饮水工程，建设管网12公里",
            "—托克扎克镇幼儿园改扩建工程，新增学位90个",
        ],
        [
            "今年实施的项目有：",
            "▶托克扎克镇阿亚格曼干村庭院经济提升项目建设葡萄架200亩",
            "▶托克扎克镇幼儿园改扩建工程新增学位90个并配套建设操场",
        ],
        # a table's rows (cells parted by wide spaces), the last cell a clause of prose
        [
            "托克扎克镇设施农业提升工程　疏附县托克扎克镇　1350　改造日光温室120座，配套水肥一体化设施",
            "疏附县第三中学“某某书院”　疏附县城区　980　新建图书馆、创客教室",
        ],
    ],
    ids=["amount", "dash", "arrow", "table"],
)
def test_text_rows_of_a_list_stay_apart(rows):
    assert view_of(HEADLINE, *rows, sep="\n") == "\n".join([HEADLINE, *rows])


def test_text_does_not_join_across_caption_then_headline():
    paragraphs = [HEADLINE, BROKEN_FIRST, DATED_CAPTION, "产业帮扶见实效"]
    assert view_of(*paragraphs) == "\n\n".join(paragraphs)


@pytest.mark.parametrize(
    "first",
    [
        "产业帮扶见实效",
        "援疆干部人才：扎根边疆写担当",
        "开拓创新 深圳援疆干部人才谱写民族团结新篇章",
        "二、疏附县第二中学宿舍楼及食堂改造工程项目",  # a long numbered section heading
    ],
    ids=["short", "colon", "spaced-long", "numbered-long"],
)
def test_text_headline_stays_on_its_own_line(first):
    assert view_of(HEADLINE, first, BODY) == "\n\n".join([HEADLINE, first, BODY])


def test_text_first_line_is_never_joined():
    title = "深圳援疆前方指挥部在疏附县援建的幼儿园投入使用"
    assert view_of(title, BODY) == title + "\n\n" + BODY


def test_text_keeps_single_line_breaks_between_headline_lines():
    assert view_of("产业帮扶见实效\n乡村振兴开新局", BODY) == "产业帮扶见实效\n乡村振兴开新局\n\n" + BODY


# --- bylines, datelines, credits, duplicates ------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    ["本报记者 王海涛", "记者 李文静 报道", "（记者 周强 摄）", "本报记者 王海涛 通讯员 马兰", "文/本报记者 孙立新",
     "责任编辑：陈晓雨", "本版图片由和田地区融媒体中心提供", "陈光明 摄", "（完）"],
)
def test_text_removes_byline_line(byline):
    assert view_of(HEADLINE, byline, BODY) == HEADLINE + "\n\n" + BODY


def test_text_removes_byline_line_inside_paragraph():
    assert view_of(HEADLINE + "\n本报记者 王海涛\n" + BODY) == HEADLINE + "\n" + BODY


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("本报喀什6月3日电（记者 赵一鸣）" + BODY, BODY),
        ("新华社和田5月12日电 " + BODY, BODY),
        ("本报讯（通讯员 马兰）" + BODY, BODY),
        ("【天山网讯】" + BODY, BODY),
        ("据新华社电 " + BODY, BODY),
    ],
    ids=["paper", "agency", "undated", "bracketed", "reported-by"],
)
def test_text_removes_dateline_prefix(line, kept):
    assert view_of(HEADLINE, line) == HEADLINE + "\n\n" + kept


def test_text_keeps_date_at_start_of_body_sentence():
    line = "今年6月3日电力公司完成了电网改造。"
    assert view_of(HEADLINE, line) == HEADLINE + "\n\n" + line


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("图为疏附县托克扎克镇的蔬菜大棚。（李明 摄）", "疏附县托克扎克镇的蔬菜大棚。"),
        ("上图：和田玉石市场一角。", "和田玉石市场一角。"),
        ("牧民赶着羊群转场。（新华社发）", "牧民赶着羊群转场。"),
        ("医疗队在村卫生室为村民义诊。 杨帆 摄", "医疗队在村卫生室为村民义诊。"),
        ("疏附县的蔬菜大棚喜获丰收。（图片由受访者提供）", "疏附县的蔬菜大棚喜获丰收。"),
        ("活动持续三天。（记者 周强 通讯员 马兰）", "活动持续三天。"),
    ],
    ids=["figure-is", "figure-colon", "agency-photo", "photographer", "supplied", "trailing-byline"],
)
def test_text_removes_credit_keeps_caption(line, kept):
    assert view_of(HEADLINE, line) == HEADLINE + "\n\n" + kept


def test_text_removes_caption_repeating_earlier_sentence():
    body = DATED_CAPTION + "孩子们说，新操场又大又漂亮。"
    assert view_of(HEADLINE, body, DATED_CAPTION, LATER) == "\n\n".join([HEADLINE, body, LATER])


def test_text_removes_repeated_paragraph():
    assert view_of(HEADLINE, BODY, LATER, BODY) == "\n\n".join([HEADLINE, BODY, LATER])


def test_text_keeps_a_labelled_field_each_item_of_a_list_repeats():
    first, second = "一、疏附县红枣加工项目", "二、疏附县核桃加工项目"
    field = "资金来源：广州市援疆资金"
    assert view_of(HEADLINE, first, field, second, field) == "\n\n".join([HEADLINE, first, field, second, field])


def test_text_keeps_caption_before_its_body_sentence():
    paragraphs = [HEADLINE, DATED_CAPTION, DATED_CAPTION + "孩子们说，新操场又大又漂亮。"]
    assert view_of(*paragraphs) == "\n\n".join(paragraphs)


def test_text_does_not_normalise_punctuation():
    line = "投资１２亿元,建成学校20所(含幼儿园)!"
    assert view_of(HEADLINE, line) == HEADLINE + "\n\n" + line


def test_text_empty_document():
    view = reading_view("")
    assert (view.text, list(view.source_offsets)) == ("", [0])


def test_text_document_of_only_bylines():
    assert reading_view("本报记者 王海涛\n\n（完）").text == ""


# --- offsets back into the document ---------------------------------------------------------

LAYOUT = "\n\n".join(
    [
        "  深圳援疆三年结硕果",
        "本报记者 王海涛",
        "本报喀什6月3日电（记者 赵一鸣）" + BROKEN_FIRST,
        DATED_CAPTION,
        "\u3000\u3000" + BROKEN_SECOND + "（完）",
        "图为疏附县托克扎克镇的蔬菜大棚。（李明 摄）",
        DATED_CAPTION,
        LATER,
    ]
)


def test_text_view_characters_equal_their_source():
    view = reading_view(LAYOUT)
    assert copied(LAYOUT, view, 0, len(view.text)) == view.text


def test_text_offsets_are_one_per_character_plus_end():
    view = reading_view(LAYOUT)
    assert len(view.source_offsets) == len(view.text) + 1


def test_text_every_sentence_round_trips():
    view = reading_view(LAYOUT)
    for start, end in sentence_spans(view.text):
        doc_start, doc_end = view.to_source(start, end)
        inside = [i for i in view.source_offsets[start:end]]
        assert copied(LAYOUT, view, start, end) == view.text[start:end]
        assert doc_start == min(inside) and doc_end == max(inside) + 1


def test_text_to_source_covers_removed_gap():
    view = reading_view(LAYOUT)
    start = view.text.index(BROKEN_FIRST)
    end = start + len(BROKEN_FIRST + BROKEN_SECOND)
    doc_start, doc_end = view.to_source(start, end)
    expected = BROKEN_FIRST + "\n\n" + DATED_CAPTION + "\n\n\u3000\u3000" + BROKEN_SECOND
    assert LAYOUT[doc_start:doc_end] == expected


def test_text_to_source_of_dateline_paragraph_starts_after_dateline():
    view = reading_view(LAYOUT)
    start = view.text.index(BROKEN_FIRST)
    doc_start, _ = view.to_source(start, start + 4)
    assert LAYOUT[doc_start:doc_start + 4] == BROKEN_FIRST[:4]


def test_text_to_source_empty_span():
    view = reading_view(LAYOUT)
    assert view.to_source(3, 3) == (view.source_offsets[3],) * 2


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 10_000)])
def test_text_to_source_rejects_span_outside_view(start, end):
    with pytest.raises(ValueError, match="outside the view"):
        reading_view(LAYOUT).to_source(start, end)


# --- properties on arbitrary text -----------------------------------------------------------

GENRE_ALPHABET = list("援疆建设学校医院上海疏附县镇村记者本报电讯摄图为提供完年月日0123456789，。！？；：、“”（）《》 \u3000\n") + [
    "\n\n"
]
# Without the characters of dates and credits no line can be a caption, so nothing is reordered.
NO_CAPTION_ALPHABET = [c for c in GENRE_ALPHABET if c not in "摄图为提供年月日"]


@settings(max_examples=300, deadline=None)
@given(st.text() | st.lists(st.sampled_from(GENRE_ALPHABET)).map("".join))
def test_text_view_of_any_text_maps_into_it(text):
    view = reading_view(text)
    assert len(view.source_offsets) == len(view.text) + 1
    assert all(0 <= i < len(text) for i in view.source_offsets[:-1])
    assert copied(text, view, 0, len(view.text)) == view.text
    for start, end in sentence_spans(view.text):
        doc_start, doc_end = view.to_source(start, end)
        assert 0 <= doc_start < doc_end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NO_CAPTION_ALPHABET)).map("".join))
def test_text_view_without_captions_is_monotonic(text):
    offsets = list(reading_view(text).source_offsets[:-1])
    assert offsets == sorted(set(offsets))


ANY_TEXT = st.text() | st.lists(st.sampled_from(GENRE_ALPHABET)).map("".join)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_text_view_offsets_increase_within_each_line(text):
    view = reading_view(text)
    line_start = 0
    for line in view.text.split("\n"):
        offsets = list(view.source_offsets[line_start : line_start + len(line)])
        assert all(a < b for a, b in zip(offsets, offsets[1:])), line
        line_start += len(line) + 1


@st.composite
def text_and_nested_spans(draw):
    """A text and two view spans of its reading view, the second inside the first."""
    text = draw(ANY_TEXT)
    length = len(reading_view(text).text)
    outer_start, outer_end = sorted(draw(st.lists(st.integers(0, length), min_size=2, max_size=2)))
    inner_start, inner_end = sorted(draw(st.lists(st.integers(outer_start, outer_end), min_size=2, max_size=2)))
    return text, (outer_start, outer_end), (inner_start, inner_end)


@settings(max_examples=300, deadline=None)
@given(text_and_nested_spans())
def test_text_to_source_is_inside_the_text_and_monotone(case):
    text, outer, inner = case
    view = reading_view(text)
    outer_start, outer_end = view.to_source(*outer)
    inner_start, inner_end = view.to_source(*inner)
    assert 0 <= outer_start <= outer_end <= len(text)
    assert (outer_start < outer_end) == (outer[0] < outer[1])
    if inner[0] < inner[1]:  # an empty span maps to a point, inside or not
        assert outer_start <= inner_start < inner_end <= outer_end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_text_sentence_spans_of_any_text(text):
    spans = sentence_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_text_keeps_many_short_lines():
    # Many lines: a pass that is not linear would make this test hang (no timing assertion).
    text = "援" * 200_000 + "\n" + "\n".join(f"援疆{i}" for i in range(50_000))
    assert len(reading_view(text).text) == len(text)


def test_text_joins_long_hard_wrapped_paragraph():
    # A whole document hard-wrapped mid-sentence becomes one line; a join that copied the growing
    # line at every step would make this test hang (no timing assertion).
    lines = [f"深圳援疆第{i}批干部人才在疏附县开展结对帮扶并且" for i in range(20_000)]
    text = "\n".join([HEADLINE] + lines + ["取得实效。"])
    assert reading_view(text).text == HEADLINE + "\n" + "".join(lines) + "取得实效。"


# --- the rule file -----------------------------------------------------------------------

RULES = load_rules()


def applies(rule, example: str) -> bool:
    if rule.kind == "byline":
        return rule.pattern.fullmatch(example) is not None
    if rule.kind.endswith("_suffix") or rule.kind == "row_end":
        match = re.compile(rf"(?:{rule.pattern.pattern})\s*\Z").search(example)
        return match is not None and match.start() > 0
    match = rule.pattern.match(example)
    return match is not None and match.end() > 0


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.kind}-{r.name}" for r in RULES])
def test_text_rule_matches_its_examples(rule):
    assert rule.examples and all(applies(rule, example) for example in rule.examples)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("kind,name,pattern,example\nbyline,x,(unclosed,例\n", "bad pattern"),
        ("kind,name,pattern,example\nbylines,x,abc,abc\n", "unknown kind 'bylines'"),
        ("kind,name,pattern,example\nbyline,x,{NOPE}abc,abc\n", "unknown macro {NOPE}"),
        ("kind,name,regex,example\nbyline,x,abc,abc\n", "missing column 'pattern'"),
    ],
    ids=["bad-regex", "bad-kind", "bad-macro", "bad-header"],
)
def test_text_malformed_rule_file_raises(tmp_path: Path, content, message):
    path = tmp_path / "rules.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError, match=re.escape(message)):
        load_rules(path)


@pytest.mark.parametrize(
    "line, read",
    [
        # a name padded to the width of three characters, in running prose
        ("县人民医院副院长王　海介绍，医院已开诊。", "县人民医院副院长王海介绍，医院已开诊。"),
        ("援疆干部从喀什 地区出发，项目已开工。", "援疆干部从喀什地区出发，项目已开工。"),
        # a printed page's letter spacing
        ("由广州市援建的疏　附　县第二中学宿舍楼", "由广州市援建的疏附县第二中学宿舍楼"),
        # the parts of a headline stay apart
        ("疏附县宿舍楼完工 1200名学生住进新楼", "疏附县宿舍楼完工 1200名学生住进新楼"),
        ("援疆干部扎根边疆 情系群众", "援疆干部扎根边疆 情系群众"),
        # names a byline sets apart, in brackets or after the reporter's title
        ("喀什讯（记者 王海涛 李明）5月20日，项目开工。", "喀什讯（记者 王海涛 李明）5月20日，项目开工。"),
        ("本报记者 王海涛 李明 报道：5月20日，项目开工。", "本报记者 王海涛 李明 报道：5月20日，项目开工。"),
        # the cells of a row and the name opening a line of a list of people
        (
            "2 疏附县红枣加工项目 疏附县托克扎克镇 新建生产线2条，年加工8000吨 2650 疏附县农业农村局",
            "2 疏附县红枣加工项目 疏附县托克扎克镇 新建生产线2条，年加工8000吨 2650 疏附县农业农村局",
        ),
        ("王海涛　广州市援疆工作队副领队，挂职疏附县副县长", "王海涛　广州市援疆工作队副领队，挂职疏附县副县长"),
    ],
)
def test_text_spaces_that_pad_chinese_words_are_not_read(line, read):
    text = "标题\n\n" + line
    view = reading_view(text)
    assert view.text == "标题\n\n" + read
    assert all(text[view.source_offsets[i]] == char for i, char in enumerate(view.text))

