"""Tests for kg.cli_tables: the one renderer of kg query, kg stats and kg eval tables.

Fixtures: tables and scores written inline; no graph is read.
"""

import io

import pytest

from kg.cli_tables import TextTable, eval_tables, print_tables, render_plain
from kg.evaluate import EvalReport, Score


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


TABLE = TextTable(["place", "degree", "share"], [["新和县", 12, 0.5], ["[bold]x[/bold]", 3, None]], title="places")


def test_plain_table_has_a_dash_rule_right_aligned_numbers_and_no_trailing_spaces():
    assert render_plain([TABLE]).splitlines() == [
        "places",
        "place            degree   share",
        "--------------- -------- ------",
        "新和县               12   0.500",
        "[bold]x[/bold]        3",
    ]


def test_print_tables_off_a_terminal_writes_the_plain_text():
    out = io.StringIO()
    print_tables([TABLE], file=out)
    assert out.getvalue() == render_plain([TABLE])


def test_print_tables_on_a_terminal_draws_with_rich():
    out = _Terminal()
    print_tables([TABLE], file=out)
    # Escape codes (bold header) and rich's box-drawing rule, which a pipe never gets.
    assert "\x1b[" in out.getvalue() and "─" in out.getvalue()


@pytest.mark.parametrize("text", ["\x1b[", "─", "━", "│"])
def test_plain_text_has_no_escape_codes_or_box_drawing(text):
    assert text not in render_plain([TABLE])


def test_eval_tables_have_classes_predicates_and_one_row_per_document():
    report = EvalReport(
        {"Place": Score(tp=3, fp=1, fn=2, tp_gold=2), "all": Score(tp=3, fp=1, fn=2, tp_gold=2)},
        {"partOf": Score(tp=1, tp_gold=1), "all": Score(tp=1, tp_gold=1)},
        ["a.txt", "b.txt"],
        {},
        {
            "a.txt": {"entities": Score(tp=1, tp_gold=1), "relations": Score()},
            "b.txt": {"entities": Score(), "relations": Score()},
        },
    )
    lines = render_plain(eval_tables(report)).splitlines()
    assert lines[2] == "Place          0.750   0.500   0.600    3    1    2         2"
    assert [line.split()[0] for line in lines[-2:]] == ["a.txt", "b.txt"]
