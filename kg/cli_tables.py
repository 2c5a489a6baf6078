"""The one terminal table renderer of the ``kg`` command (``kg query``, ``kg stats``, ``kg eval``).

The library returns data (query results, statistics, scores); the CLI turns them into
:class:`TextTable` values and prints them here, through rich. On a terminal a table gets a bold
header and a rule under it and may be wrapped to the terminal's width. Anywhere else (a pipe, a
file, a test's captured output) it is plain text: no colour codes, no box-drawing characters,
a line of ``-`` under the header, no wrapping, no trailing spaces, so the same data always gives
the same bytes and ``kg … | grep`` or ``cut`` see only the cells.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["PLAIN_BOX", "TextTable", "eval_tables", "print_tables", "query_tables", "render_plain", "stats_tables"]

# rich's SIMPLE_HEAD box drawn with ASCII "-": the only line is the one under the header.
PLAIN_BOX = box.Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)
# Wide enough that no table is ever wrapped or cut when the output is not a terminal.
_PLAIN_WIDTH = 100_000


@dataclass
class TextTable:
    """A table to print: a header, rows of plain values, an optional title above and note below.

    Ints and floats are right-aligned (a column is numeric when every non-empty cell of it is);
    floats are written with ``float_format``; None is an empty cell; everything else is ``str()``.
    Cell text is shown as it is: rich markup in a report's sentence is not interpreted.
    """

    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    title: str | None = None
    note: str | None = None
    float_format: str = ".3f"
    numeric: tuple[bool, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.numeric = tuple(
            all(isinstance(row[i], (int, float)) for row in self.rows if row[i] is not None)
            and any(row[i] is not None for row in self.rows)
            for i in range(len(self.header))
        )

    def cell(self, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return format(value, self.float_format)
        return str(value)


def _rich_table(table: TextTable, terminal: bool) -> Table:
    rich_table = Table(
        box=box.SIMPLE_HEAD if terminal else PLAIN_BOX,
        show_edge=False,
        pad_edge=False,
        header_style="bold" if terminal else "",
        title=None,
    )
    for name, numeric in zip(table.header, table.numeric):
        rich_table.add_column(Text(name), justify="right" if numeric else "left", no_wrap=not terminal)
    for row in table.rows:
        rich_table.add_row(*(Text(table.cell(value)) for value in row))
    return rich_table


def _print(console: Console, tables: Sequence[TextTable], terminal: bool) -> None:
    for i, table in enumerate(tables):
        if i:
            console.print()
        if table.title:
            console.print(Text(table.title, style="bold" if terminal else ""))
        console.print(_rich_table(table, terminal))
        if table.note:
            console.print(Text(table.note))


def render_plain(tables: Sequence[TextTable]) -> str:
    """The tables as plain text, as :func:`print_tables` writes them when not on a terminal.

    Args:
        tables: The tables, printed one after another with an empty line between them.

    Returns:
        The text, ending with a newline.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=_PLAIN_WIDTH,
        force_terminal=False,
        no_color=True,
        color_system=None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    _print(console, tables, terminal=False)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def print_tables(tables: Sequence[TextTable], file: TextIO | None = None) -> None:
    """Print tables: through rich with colour and rules on a terminal, else as :func:`render_plain`.

    Args:
        tables: The tables, one after another.
        file: Where to write (default: ``sys.stdout`` at the time of the call, so a redirected or
            captured stdout is honoured).
    """
    file = file if file is not None else sys.stdout
    console = Console(file=file, highlight=False, emoji=False, markup=False)
    if console.is_terminal:
        _print(console, tables, terminal=True)
    else:
        file.write(render_plain(tables))


# --- the tables of each command, from the data the library returns ------------------------------


def query_tables(header: list[str], rows: list[list[str]]) -> list[TextTable]:
    """``kg query``: the cells of :func:`kg.query.saved.table_cells`, and the row count below."""
    count = len(rows)
    return [TextTable(header, rows, note=f"({count} row{'' if count == 1 else 's'})")]


def stats_tables(stats: dict, ranked: Sequence[str]) -> list[TextTable]:
    """``kg stats``: a result of :func:`kg.views.stats.network_stats`, one table per part; the
    components as a last line."""
    tables = [
        TextTable(["", "count"], [["nodes", stats["nodes"]], ["edges", stats["edges"]]]),
        TextTable(["class", "nodes"], [list(item) for item in stats["classes"].items()]),
        TextTable(["subclass", "nodes"], [list(item) for item in stats["subclasses"].items()]),
        TextTable(["predicate", "links"], [list(item) for item in stats["predicates"].items()]),
    ]
    note = f" (estimated from {stats['betweenness_sample']} sources)" if stats["betweenness_sample"] else ""
    for name in ranked:
        rows = [[r["label"], r["class"], r["degree"], r["betweenness"]] for r in stats["most_connected"][name]]
        header = [name[:-1], "class", "degree", "betweenness"]
        tables.append(TextTable(header, rows, title=f"most connected {name}{note}", float_format=".4f"))
    components = stats["components"]
    sizes = ", ".join(map(str, components["sizes"][:10])) + (", …" if len(components["sizes"]) > 10 else "")
    tables[
        -1
    ].note = f"\ncomponents: {components['count']} (sizes: {sizes or 'none'}); isolated nodes: {components['isolated']}"
    return tables


_SCORE_HEADER = ("P", "R", "F1", "tp", "fp", "fn", "tp_gold")


def _score_row(name: str, score) -> list:
    return [name, score.precision, score.recall, score.f1, score.tp, score.fp, score.fn, score.tp_gold]


def eval_tables(report) -> list[TextTable]:
    """``kg eval``: a :class:`kg.evaluate.EvalReport` as a table of entity classes, one of
    predicates, for several documents one row per document, and the answers to the gold files'
    questions."""
    tables = [
        TextTable(["entity class", *_SCORE_HEADER], [_score_row(k, s) for k, s in report.entities.items()]),
        TextTable(["predicate", *_SCORE_HEADER], [_score_row(k, s) for k, s in report.relations.items()]),
    ]
    if len(report.per_document) > 1:
        rates = [(kind, rate) for kind in ("entities", "relations") for rate in ("precision", "recall", "f1")]
        rows = [
            [doc, *(getattr(scores[kind], rate) for kind, rate in rates)] for doc, scores in report.per_document.items()
        ]
        tables.append(TextTable(["document", "entity P", "R", "F1", "relation P", "R", "F1"], rows))
    if report.answers:
        label = f"answers ({len(report.answers)} questions)"
        tables.append(TextTable(["questions", *_SCORE_HEADER], [_score_row(label, report.questions)]))
    return tables
