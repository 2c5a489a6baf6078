"""Dates and quoted figures, from :mod:`kg.dates` and :mod:`kg.figures`."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.dates import find_dates
from kg.extract.extensions import doc_text, set_quantities
from kg.extract.figures import find_figures
from kg.reference.rules import load_words

EXPLICIT_YEAR_RE = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})年")
# Words right before a year that make it one to come (预计2026年, 计划于2027年, 到2030年)
PLANNED_BEFORE = (*load_words("future_words.txt"), "到", "计划于", "预计于", "力争到")
# Words right before a year that make it the start of a long period (从2022年起, 自2010年以来)
SINCE_BEFORE = ("自", "从")
# Words right after a year that make it one planned for (2025年将…, 2026年计划…, 2025年力争…)
PLANNED_AFTER = ("将", "计划", "拟", "预计", "力争", "要")


TITLE_CHARS = 60  # a first line longer than this is prose, not a title


class QuantityRecognizer:
    """Write dates to ``doc.spans["kg_dates"]`` and figures to ``doc.spans["kg_figures"]``.

    A date written without a year (12月6日) takes ``doc._.kg_year`` (the publication year, set
    by the caller), or else the year the report's title writes (某省2025年援疆工作综述: its dates
    are of 2025, though it ends on the next year's plans), or else the latest year the document
    writes out; a month after 今年 or 去年
    is dated only from the publication year, and a day written alone (17日，…) only from the
    publication date (``doc._.kg_date``).
    """

    def __init__(self, nlp: Language, name: str = "kg_quantities"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        year = doc._.kg_year or _title_year(text) or _latest_year(text)
        dates = find_dates(text, default_year=year, publication_year=doc._.kg_year, publication_day=doc._.kg_date)
        set_quantities(doc, dates, find_figures(text))
        return doc


def _title_year(text: str) -> int | None:
    """The year the first line writes, when it is a title (short, no sentence end)."""
    title = text.lstrip().split("\n", 1)[0]
    if len(title) > TITLE_CHARS or "。" in title:
        return None
    match = EXPLICIT_YEAR_RE.search(title)
    return int(match.group(1)) if match else None


def _latest_year(text: str) -> int | None:
    """The latest year the text writes out, but for one it plans for (预计2026年6月建成, 到2027年,
    2026年将…)
    or one a period starts from (公司从2022年起结对): a report is written in the year of what it
    reports, not of what it expects or looks back to."""
    years = [
        int(match.group(1))
        for match in EXPLICIT_YEAR_RE.finditer(text)
        if not text[max(0, match.start() - 4) : match.start()].endswith((*PLANNED_BEFORE, *SINCE_BEFORE))
        and not text.startswith(PLANNED_AFTER, match.end())  # 2025年|将…
    ]
    return max(years) if years else None


@Language.factory("kg_quantities", assigns=["doc.spans"])
def make_quantity_recognizer(nlp: Language, name: str) -> QuantityRecognizer:
    """Factory of :class:`QuantityRecognizer`."""
    return QuantityRecognizer(nlp, name)
