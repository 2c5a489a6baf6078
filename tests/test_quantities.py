# Fixtures: short made-up sentences in the style of Chinese official aid news, with invented
# dates and figures. None comes from the evaluation article. The parsing itself is tested in
# test_dates.py and test_figures.py; these tests check that the component writes the spans.
from decimal import Decimal

import pytest


def dates(analysis):
    return [(span.text, span._.kg_value.iso) for span in analysis.spans("kg_dates")]


@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("2023年10月27日，援疆医疗队抵达疏附县。", None, [("2023年10月27日", "2023-10-27")]),
        ("5月12日，援疆干部走访农户。", 2024, [("5月12日", "2024-05-12")]),
    ],
)
def test_date_span_and_value(analyse, text, year, expected):
    assert dates(analyse(text, year=year)) == expected


def test_date_without_year_takes_latest_year_written_in_text(analyse):
    analysis = analyse("2023年以来，援疆干部走访农户。6月1日，举办义诊活动。")
    assert dates(analysis)[-1] == ("6月1日", "2023-06-01")


def test_date_without_year_takes_the_year_of_the_title_before_later_plans(analyse):
    # a year-end review's dates are of its year, though it closes on the next year's plans
    text = "广东省2025年援疆工作回顾\n7月8日，疏附县举办义诊活动。2026年，计划安排资金10亿元。"
    assert ("7月8日", "2025-07-08") in dates(analyse(text))


@pytest.mark.parametrize(
    "text",
    [
        "8月6日，疏附县幼儿园改扩建工程开工，预计2026年6月建成。2025年，广州援疆共实施项目30个。",
        "8月6日，疏附县幼儿园改扩建工程开工。2025年，广州援疆共实施项目30个。2026年将继续加大投入。",
    ],
)
def test_date_without_year_does_not_take_a_year_the_text_plans_for(analyse, text):
    assert ("8月6日", "2025-08-06") in dates(analyse(text))


def test_date_without_year_does_not_take_the_year_a_period_starts_from(analyse):
    text = "6月20日，岳普湖县万企兴万村推进会召开。公司从2022年起结对帮扶该村。"
    assert not [date for date in dates(analyse(text)) if date[0] == "6月20日"]


def test_publication_year_wins_over_years_in_text(analyse):
    analysis = analyse("2023年以来，援疆干部走访农户。6月1日，举办义诊活动。", year=2024)
    assert dates(analysis)[-1] == ("6月1日", "2024-06-01")


def test_date_without_any_year_is_not_a_span(analyse):
    assert analyse("6月1日，举办义诊活动。").spans("kg_dates") == []


@pytest.mark.parametrize(
    "text, surface, value, unit, approximate",
    [
        ("累计培训教师1.2万余人次。", "1.2万余人次", Decimal("12000"), "人次", True),
        ("援疆资金投入3000万元。", "3000万元", Decimal("30000000"), "元", False),
    ],
)
def test_figure_span_and_value(analyse, text, surface, value, unit, approximate):
    figure = analyse(text).span("kg_figures", surface)._.kg_value
    assert (figure.value, figure.unit, figure.approximate) == (value, unit, approximate)


@pytest.mark.parametrize("group, label", [("kg_dates", "DATE"), ("kg_figures", "FIGURE")])
def test_quantity_span_labels(analyse, group, label):
    analysis = analyse("2024年3月5日，援疆资金投入3000万元。")
    assert [span.label_ for span in analysis.spans(group)] == [label]
