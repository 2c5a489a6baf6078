# Fixtures: every sentence and date below was made up for these tests, in the style of Chinese
# official news about counterpart aid (datelines, event dates, plan periods); place and body names
# are invented (云溪县, 石泉镇, 江南省援边指挥部) and no text is copied from any article.
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import RuleFileError
from kg.extract import dates
from kg.extract.dates import DateValue, find_dates


@pytest.mark.parametrize(
    ("text", "iso", "precision", "end_iso"),
    [
        ("2022年8月19日", "2022-08-19", "day", None),
        ("2022年8月", "2022-08", "month", None),
        ("2022年", "2022", "year", None),
        ("二〇二二年八月十九日", "2022-08-19", "day", None),
        ("二〇二二年十二月三十一日", "2022-12-31", "day", None),
        ("二O二一年五月", "2021-05", "month", None),
        ("2022-08-19", "2022-08-19", "day", None),
        ("2022/8/19", "2022-08-19", "day", None),
        ("2022.08.19", "2022-08-19", "day", None),
        ("２０２２年８月１９日", "2022-08-19", "day", None),
        ("2024年2月29日", "2024-02-29", "day", None),
        ("2026年3月8日至10日", "2026-03-08", "day", "2026-03-10"),
        ("2026年3月8日—10日", "2026-03-08", "day", "2026-03-10"),
        ("2026年3月8—10日", "2026-03-08", "day", "2026-03-10"),
        ("2026年3月28日至4月2日", "2026-03-28", "day", "2026-04-02"),
        ("2025年12月29日至2026年1月3日", "2025-12-29", "day", "2026-01-03"),
        ("2025年12月29日至1月3日", "2025-12-29", "day", "2026-01-03"),
        ("2024年11月至2025年2月", "2024-11", "month", "2025-02"),
        ("2024年3月至6月", "2024-03", "month", "2024-06"),
        ("2021年至2023年", "2021", "year", "2023"),
        ("2021年到2023年", "2021", "year", "2023"),
        ("2021—2023年", "2021", "year", "2023"),
        ("2021-2023年", "2021", "year", "2023"),
    ],
)
def test_date_forms(text, iso, precision, end_iso):
    (date,) = find_dates(text)
    assert (date.iso, date.precision, date.end_iso, date.text) == (iso, precision, end_iso, text)


@pytest.mark.parametrize(
    ("text", "iso", "end_iso"),
    [
        ("9月6日", "2025-09-06", None),
        ("9月6号", "2025-09-06", None),
        ("九月六日", "2025-09-06", None),
        ("10月15日—16日", "2025-10-15", "2025-10-16"),
        ("10月15—16日", "2025-10-15", "2025-10-16"),
        ("12月30日至1月2日", "2025-12-30", "2026-01-02"),
        ("今年4月3日", "2025-04-03", None),
    ],
)
def test_month_day_takes_default_year(text, iso, end_iso):
    (date,) = find_dates(text, default_year=2025)
    assert (date.iso, date.end_iso, date.inferred_year) == (iso, end_iso, True)


def test_explicit_year_is_not_inferred():
    (date,) = find_dates("2022年8月19日", default_year=2025)
    assert (date.iso, date.inferred_year) == ("2022-08-19", False)


@pytest.mark.parametrize("text", ["9月6日", "10月15日—16日", "10月15—16日"])
def test_month_day_without_default_year_is_skipped(text):
    assert find_dates(text) == []


def test_dateline_is_a_date():
    text = "新华社乌鲁木齐5月12日电 云溪县近日启动援疆项目。"
    assert find_dates(text, default_year=2025) == [
        DateValue(
            text="5月12日",
            iso="2025-05-12",
            precision="day",
            end_iso=None,
            inferred_year=True,
            start=7,
            end=12,
        )
    ]


def test_range_in_sentence_has_exact_offsets():
    text = "石泉镇将于2026年3月8日至10日举办第二届农民丰收节。"
    (date,) = find_dates(text)
    assert (date.start, date.end, date.text) == (5, 18, "2026年3月8日至10日")


def test_dates_in_sentence_come_in_order():
    text = "该项目于2021年5月开工，2022年8月19日竣工，计划2023—2025年持续投入。"
    assert [d.iso for d in find_dates(text)] == ["2021-05", "2022-08-19", "2023"]


@pytest.mark.parametrize(
    "text",
    [
        "13月5日",
        "2月30日",
        "2023年2月29日",
        "2023年13月",
        "2023年4月31日",
        "0月5日",
    ],
)
def test_invalid_dates_are_skipped(text):
    assert find_dates(text, default_year=2024) == []


@pytest.mark.parametrize(
    "text",
    ["今年", "去年", "上月", "近日", "日前", "三年来", "今年3月", "3月", "去年12月5日", "明年5月1日"],
)
def test_relative_and_month_only_expressions_are_skipped(text):
    assert find_dates(text, default_year=2024) == []


@pytest.mark.parametrize("text", ["1990年代", "1000年", "电话0997-2345678", "版本v2023.1.2", "12.26", "3.15"])
def test_non_dates_are_not_found(text):
    assert find_dates(text, default_year=2024) == []


@pytest.mark.parametrize(("text", "found"), [("2023年度", "2023年"), ("截至2024年底", "2024年")])
def test_year_before_a_period_word_is_a_year(text, found):
    (date,) = find_dates(text)
    assert (date.text, date.iso, date.precision) == (found, found[:4], "year")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2023年12月到云溪县调研", "2023年12月"),
        ("2022年8月19日至今", "2022年8月19日"),
        ("2022年8月19日至2023年", "2022年8月19日"),
        ("2022年8月19日至8日", "2022年8月19日"),
    ],
)
def test_range_end_that_does_not_fit_leaves_the_start_alone(text, found):
    (date,) = find_dates(text)
    assert (date.text, date.end_iso) == (found, None)


def test_malformed_token_file_raises(tmp_path, monkeypatch):
    bad = tmp_path / "dates_tokens.csv"
    bad.write_text("token,role\n至,joiner\n", encoding="utf-8")
    monkeypatch.setattr(dates, "TOKENS_FILE", str(bad))
    dates._tokens.cache_clear()
    dates._pattern.cache_clear()
    try:
        with pytest.raises(RuleFileError, match="role must be one of"):
            find_dates("2023年")
    finally:
        monkeypatch.undo()
        dates._tokens.cache_clear()
        dates._pattern.cache_clear()


_PIECES = st.sampled_from(
    list("0123456789.-/—～至到年月日号电代〇零○O一二三四五六七八九十今去上度底")
    + ["2023", "2024", "12", "31", "二〇二三", "十二", "二十九"]
)
_TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=40).map("".join))


@settings(deadline=None, max_examples=300)
@given(_TEXTS, st.one_of(st.none(), st.integers(min_value=1800, max_value=2099)))
def test_any_text_gives_consistent_non_overlapping_dates(text, default_year):
    found = find_dates(text, default_year=default_year)
    assert all(d.text == text[d.start : d.end] for d in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize(
    "text, publication_year, expected",
    [
        ("去年11月竣工投用。", 2025, [("去年11月", "2024-11")]),
        ("今年3月2日暴雪过后。", 2025, [("今年3月2日", "2025-03-02")]),  # not 3月2日 with the default
        ("前年5月开工。", 2025, [("前年5月", "2023-05")]),
        ("去年11月竣工投用。", None, []),  # no publication year: nothing to count from
        (
            "2019年动工，当年10月封顶，次年3月投产。",
            None,
            [("2019年", "2019"), ("当年10月", "2019-10"), ("次年3月", "2020-03")],
        ),
        ("当年10月封顶。", 2025, []),  # no year written before it
        ("去年以来，变化很大。", 2025, []),  # a year word alone is too loose to date anything
        ("去年建成。", 2025, [("去年", "2024")]),  # but before a milestone it dates that milestone
    ],
)
def test_a_month_after_a_relative_year_word_counts_from_its_base(text, publication_year, expected):
    found = find_dates(text, default_year=2025, publication_year=publication_year)
    assert [(d.text, d.iso) for d in found] == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("17日，推介会在疏附县举行。", (2026, 5, 18), [("17日", "2026-05-17")]),
        (
            "活动持续两天。23日上午，展销会闭幕。",
            (2026, 5, 18),
            [("23日", "2026-04-23")],
        ),  # after the day: the month before
        ("25日，会议召开。", (2026, 1, 18), [("25日", "2025-12-25")]),
        ("17日，推介会在疏附县举行。", None, []),  # no publication date: no month to put it in
        ("月薪8000元，20日到账。", (2026, 5, 18), []),  # not where a clause starts its account
    ],
)
def test_a_day_written_alone_is_in_the_month_of_publication(text, published, expected):
    found = find_dates(text, default_year=2026, publication_year=2026, publication_day=published)
    assert [(d.text, d.iso) for d in found] == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("昨天，推介会在疏附县举行。", (2026, 5, 18), [("昨天", "2026-05-17")]),
        ("昨日上午，项目开工。", (2026, 3, 1), [("昨日", "2026-02-28")]),
        ("活动于今日在疏附县举行。", (2026, 5, 18), [("今日", "2026-05-18")]),
        ("今天的疏附县更加美丽。", (2026, 5, 18), []),  # "today's": no day an account is of
        ("昨天，推介会在疏附县举行。", None, []),  # no publication date: no day to count from
    ],
)
def test_a_day_counted_from_the_report_opens_a_clause(text, published, expected):
    found = find_dates(text, default_year=2026, publication_year=2026, publication_day=published)
    assert [(d.text, d.iso) for d in found] == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("教育方面，11月，首届少儿书画展在疏附县开展。", (2026, 12, 20), [("11月", "2026-11")]),
        ("教育方面，11月，首届少儿书画展在疏附县开展。", (2027, 1, 8), [("11月", "2026-11")]),  # a review looking back
        (
            "回顾2026年：10月，疏附县举办农民丰收节。展望2027年。",
            None,
            [("2026年", "2026"), ("10月", "2026-10"), ("2027年", "2027")],
        ),
        ("每年3月，杏花开放。", (2026, 5, 18), []),  # a recurring month
        ("3月份，项目开工。", (2026, 5, 18), []),
    ],
)
def test_a_month_opening_a_clause_is_the_month_of_what_it_tells(text, published, expected):
    found = find_dates(text, default_year=2027, publication_year=published and published[0], publication_day=published)
    assert [(d.text, d.iso) for d in found] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("疏附县冷库已于8月建成投产。", [("8月", "2026-08")]),
        ("加工厂于6月下旬开始试生产。", [("6月", "2026-06")]),
        ("自3月起，夜校每周开课。", [("3月", "2026-03")]),
        ("大棚从5月至8月都有收成。", [("5月", "2026-05")]),  # 至 ends the range: its month is not a date
        ("计划用8个月完成。", []),
    ],
)
def test_a_month_after_a_preposition_of_time_is_the_month_of_what_it_tells(text, expected):
    published = (2026, 9, 10)
    found = find_dates(text, default_year=2026, publication_year=2026, publication_day=published)
    assert [(d.text, d.iso) for d in found] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("疏附县冷库工程前年已竣工。", [("前年", "2024")]),
        ("2023年项目开工，次年建成。", [("2023年", "2023"), ("次年", "2024")]),
        ("今年以来，成效明显。", []),  # no milestone after it: no date
    ],
)
def test_a_relative_year_before_a_milestone_dates_it(text, expected):
    found = find_dates(text, default_year=2026, publication_year=2026)
    assert [(d.text, d.iso) for d in found] == expected
