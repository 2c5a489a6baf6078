# Fixtures: every sentence and figure below was made up for these tests, in the style of Chinese
# official news about counterpart aid (援疆/援藏 reports); place and body names are invented
# (云溪县, 石泉镇, 江南省援边指挥部) and no text is copied from any article.
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import RuleFileError
from kg.extract import figures
from kg.extract.figures import Figure, find_figures, fold_width, parse_figure


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1968名", "1968", "名"),
        ("4172户", "4172", "户"),
        ("47万人次", "470000", "人次"),
        ("3.17万人次", "31700", "人次"),
        ("36.48亿元", "3648000000", "元"),
        ("1800万元", "18000000", "元"),
        ("2.3亿元", "230000000", "元"),
        ("415万棵", "4150000", "棵"),
        ("1.6万亩", "16000", "亩"),
        ("120列", "120", "列"),
        ("7项", "7", "项"),
        ("31.07%", "31.07", "%"),
        ("65％", "65", "%"),
        ("百分之八十五", "85", "%"),
        ("百分之12.5", "12.5", "%"),
        ("百分之百", "100", "%"),
        ("十二个", "12", "个"),
        ("二十三所", "23", "所"),
        ("一千二百万元", "12000000", "元"),
        ("一点五万元", "15000", "元"),
        ("十三万人", "130000", "人"),
        ("1,250人", "1250", "人"),
        ("３２０名", "320", "名"),
        ("500美元", "500", "美元"),
        ("3个百分点", "3", "个百分点"),
        ("6个月", "6", "个月"),
        ("12千米", "12", "千米"),
        ("8千瓦时", "8", "千瓦时"),
        ("45万千瓦", "450000", "千瓦"),
        ("3千万元", "30000000", "元"),
        ("15年", "15", "年"),
    ],
)
def test_parse_figure_value_and_unit(text, value, unit):
    figure = parse_figure(text)
    assert (figure.value, figure.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("16万余人次", "160000", "人次", "余"),
        ("超85%", "85", "%", "超"),
        ("超过600名", "600", "名", "超过"),
        ("近400万吨", "4000000", "吨", "近"),
        ("将近200户", "200", "户", "将近"),
        ("约1.5亿元", "150000000", "元", "约"),
        ("逾3000人", "3000", "人", "逾"),
        ("7万多元", "70000", "元", "多"),
        ("1500余个", "1500", "个", "余"),
        ("30余项", "30", "项", "余"),
        ("35%以上", "35", "%", "以上"),
        ("百分之六十以上", "60", "%", "以上"),
        ("200人左右", "200", "人", "左右"),
        ("上千名", "1000", "名", "上"),
        ("上万人", "10000", "人", "上"),
        ("近千名", "1000", "名", "近"),
        ("数百名", "100", "名", "数"),
        ("数十万元", "100000", "元", "数"),
        ("几十个", "10", "个", "几"),
        ("百余名", "100", "名", "余"),
        ("千余人", "1000", "人", "余"),
        ("万余户", "10000", "户", "余"),
        ("两千多万元", "20000000", "元", "多"),
        ("三千余万元", "30000000", "元", "余"),
        ("十余万元", "100000", "元", "余"),
        ("十几个", "10", "个", "几"),
        ("十来个", "10", "个", "来"),
    ],
)
def test_parse_figure_approximate(text, value, unit, qualifier):
    figure = parse_figure(text)
    assert (figure.value, figure.unit, figure.approximate, figure.qualifier) == (
        Decimal(value),
        unit,
        True,
        qualifier,
    )


@pytest.mark.parametrize("text", ["1968名", "36.48亿元", "十二个", "百分之八十五", "31.07%"])
def test_exact_figure_has_no_qualifier(text):
    figure = parse_figure(text)
    assert (figure.approximate, figure.qualifier) == (False, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("36.48亿元", "3648000000"), ("2.3亿元", "230000000"), ("31.070%", "31.07")],
)
def test_value_is_written_without_exponent_or_trailing_zeros(text, expected):
    assert str(parse_figure(text).value) == expected


def test_value_is_exact_beyond_decimal_context_precision():
    figure = parse_figure("1234567890123456789012345678901.5万元")
    assert figure.value == Decimal("12345678901234567890123456789015000")


@pytest.mark.parametrize(
    "text",
    [
        "2023年",
        "12月26日",
        "第四届",
        "第18批",
        "第十八",
        "70周年",
        "三年来",
        "十年来",
        "1990年代",
        "二〇二三年",
        "一个",
        "两个",
        "两三个",
        "千名干部",
        "万人",
        "百年",
        "十四五期间",
        "300",
        "0997-2345678",
        "3部门",
        "100人民币",
    ],
)
def test_non_figures_are_not_found(text):
    assert find_figures(text) == []


@pytest.mark.parametrize(("unit", "kind"), [("元", "money"), ("人次", "count"), ("%", "percent")])
def test_unit_kind_comes_from_the_units_file(unit, kind):
    assert figures.unit_kind(unit) == kind


def test_unit_kind_of_unknown_unit_is_none():
    assert figures.unit_kind("光年") is None


@pytest.mark.parametrize("text", ["10—15人", "10-15人", "10～15人"])
def test_end_of_a_number_range_is_not_a_figure(text):
    assert find_figures(text) == []


def test_percent_sign_inside_url_is_not_a_figure():
    assert find_figures("详见http://example.cn/news?q=a90%E4%B8%AD") == []


def test_figure_in_sentence_has_exact_offsets():
    text = "截至2024年底，云溪县累计投入援疆资金3.6亿元。"
    assert find_figures(text) == [
        Figure(
            text="3.6亿元",
            value=Decimal("360000000"),
            unit="元",
            approximate=False,
            qualifier=None,
            start=20,
            end=25,
        )
    ]


def test_qualifier_prefix_is_inside_the_span():
    text = "石泉镇组织近千名群众参加培训"
    (figure,) = find_figures(text)
    assert (figure.text, figure.start, figure.end) == ("近千名", 5, 8)


def test_figures_in_sentence_come_in_order():
    text = "江南省援边指挥部三年来实施项目126个，带动就业超2万人，帮助4150户家庭增收40%以上。"
    assert [f.text for f in find_figures(text)] == ["126个", "超2万人", "4150户", "40%以上"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("最近3天", "3天"), ("节约300吨", "300吨"), ("附近5个村", "5个")],
)
def test_word_ending_in_a_qualifier_is_not_a_qualifier(text, expected):
    (figure,) = find_figures(text)
    assert (figure.text, figure.approximate) == (expected, False)


def test_full_width_figure_keeps_original_text():
    (figure,) = find_figures("完成率达９８．５％。")
    assert (figure.text, figure.value) == ("９８．５％", Decimal("98.5"))


@pytest.mark.parametrize("text", ["共3413户", "3413户以上。", "3413", "", "三千米长"])
def test_parse_figure_rejects_more_or_less_than_one_figure(text):
    assert parse_figure(text) is None


def test_fold_width_keeps_length():
    assert fold_width("１２．５％，共计") == "12.5%，共计"


def test_malformed_qualifier_file_raises(tmp_path, monkeypatch):
    bad = tmp_path / "figures_qualifiers.csv"
    bad.write_text("word,position,scope,not_preceded_by\n近,middle,any,\n", encoding="utf-8")
    monkeypatch.setattr(figures, "QUALIFIERS_FILE", str(bad))
    for cached in (figures._qualifiers, figures._pattern, figures._trigger):
        cached.cache_clear()
    try:
        with pytest.raises(RuleFileError, match="position must be one of"):
            find_figures("近千名")
    finally:
        monkeypatch.undo()
        for cached in (figures._qualifiers, figures._pattern, figures._trigger):
            cached.cache_clear()


_PIECES = st.sampled_from(
    list("0123456789.,%％-/:第〇零一二两三四五六七八九十百千万亿年月日周代来余多近超约上数几个名元人次亩")
    + ["百分之", "个百分点", "平方米", "千米", "以上", "左右", "超过", "2023", "http://a.cn/", "点"]
)
_TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=40).map("".join))


@settings(deadline=None, max_examples=300)
@given(_TEXTS)
def test_any_text_gives_consistent_non_overlapping_figures(text):
    found = find_figures(text)
    assert all(f.text == text[f.start : f.end] for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
