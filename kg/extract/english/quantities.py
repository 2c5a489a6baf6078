"""Dates and figures in English text, as :class:`~kg.records.DateValue` and
:class:`~kg.records.Figure` values (the same records the Chinese rules make).

Dates: ``April 13, 2018``, ``13 April 2018``, ``Apr 13``, ``Oct 12 to 14``, ``September 2020``,
``2024-09-12``, and a year after ``in``/``since``/``by``/``from`` (``since 2019``). A date without a
year takes the document's year. Figures: a number, optionally with a magnitude word (million,
billion) and a qualifier before it (more than, about, nearly), and the word after it as its unit
(``2.13 billion yuan``, ``3,000 workers``, ``80 percent``).
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import Decimal, InvalidOperation

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import doc_text, set_quantities
from kg.records import DateValue, Figure

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_MONTH = r"(?P<{}>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<{}>(?:19|20)\d{{2}})"
DATE_RE = re.compile(
    "|".join(
        (
            r"\b(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d)\b",
            r"\b" + _MONTH.format("m1") + r"\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
            r"(?:\s*(?:-|–|to)\s*(?P<e1>[0-3]?\d)(?!\d))?(?:,?\s+" + _YEAR.format("y1") + r")?(?![\d,]*\d)",
            r"\b(?P<d2>[0-3]?\d)\s+" + _MONTH.format("m2") + r"(?:,?\s+" + _YEAR.format("y2") + r")?\b",
            r"\b" + _MONTH.format("m3") + r"\s+" + _YEAR.format("y3") + r"\b",
            r"\b(?P<rel>last|this) " + _MONTH.format("m6") + r"(?![\w ]*\d)",
            r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Ff]rom|until|of|[Bb]egun in|[Cc]ompleted in) "
            + _YEAR.format("y4")
            + r"\b(?![-–]\d)",
        )
    )
)
WEEKDAYS = [name.lower() for name in calendar.day_name]  # Monday first, as date.weekday() counts
WEEKDAY_RE = re.compile(r"\b(?:[Oo]n|(?P<last>[Ll]ast)) (?P<day>" + "|".join(calendar.day_name) + r")\b(?! \d)")
MAGNITUDES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
QUALIFIERS = (
    "more than", "over", "about", "around", "nearly", "almost", "some", "up to", "at least", "roughly",
    "approximately", "close to", "less than", "under",
)  # fmt: skip
# Within a paragraph: a figure can run over the break of a wrapped line ("300 million\nyuan"),
# not over a blank line nor to a capitalised word ("Updated: 2024-06-11" over "More than 40…").
_GAP = r"(?:[ \t-]+|[ \t]*\n[ \t]*(?=(?-i:[a-z0-9$¥])))"
FIGURE_RE = re.compile(
    r"(?:(?P<q>" + "|".join(QUALIFIERS) + r")" + _GAP + ")?"
    r"(?P<cur>[$¥])?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:" + _GAP + r"(?P<mag>thousand|million|billion|trillion))?"
    r"(?:" + _GAP + r"(?P<unit>[a-z]+(?:-[a-z]+)?))?",
    re.IGNORECASE,
)
NOT_UNITS = {"and", "or", "to", "of", "in", "a", "the", "from", "by", "at", "on", "for", "with", "as", "per"}


def find_dates(text: str, default_year: int | None) -> list[DateValue]:
    """Dates in English text, left to right."""
    dates = []
    for match in DATE_RE.finditer(text):
        groups = {k: v for k, v in match.groupdict().items() if v}
        start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start()))
        stop = min(i for i in (text.find(". ", match.end()), text.find("\n", match.end()), len(text)) if i != -1)
        # the one year the sentence writes, if any: not a year something began in (since 2010)
        years = re.findall(r"(?<!\bsince )\b((?:19|20)\d{2})\b(?![-–]\d)", text[start + 1 : stop])
        try:
            value = _date(groups, int(years[0]) if len(set(years)) == 1 else default_year, match)
        except ValueError:
            value = None
        if value is not None:
            dates.append(value)
    return dates


def _date(g, default_year, match) -> DateValue | None:
    text, start, end = match.group(0), match.start(), match.end()
    if "iso" in g:
        year, month, day = map(int, g["iso"].split("-"))
        calendar.weekday(year, month, day)  # raises on an invalid date
        return DateValue(text, g["iso"], "day", None, False, start, end)
    for n in "12":
        if f"m{n}" in g:
            month, day = MONTHS[g[f"m{n}"].lower()], int(g[f"d{n}"])
            year = int(g[f"y{n}"]) if f"y{n}" in g else default_year
            if year is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
                return None
            end_iso = None
            if g.get(f"e{n}"):
                last = int(g[f"e{n}"])
                if day < last <= calendar.monthrange(year, month)[1]:
                    end_iso = f"{year:04d}-{month:02d}-{last:02d}"
            return DateValue(text, f"{year:04d}-{month:02d}-{day:02d}", "day", end_iso, f"y{n}" not in g, start, end)
    if "m3" in g:
        return DateValue(text, f"{int(g['y3']):04d}-{MONTHS[g['m3'].lower()]:02d}", "month", None, False, start, end)
    if "m6" in g and default_year:
        year = default_year - (g["rel"] == "last")
        return DateValue(text, f"{year:04d}-{MONTHS[g['m6'].lower()]:02d}", "month", None, True, start, end)
    if "y4" in g:
        return DateValue(g["y4"], g["y4"], "year", None, False, match.start("y4"), end)
    return None


def find_figures(text: str) -> list[Figure]:
    """Figures in English text: a number with its magnitude, qualifier and unit."""
    figures = []
    for match in FIGURE_RE.finditer(text):
        if match.group("n").isdigit() and 1900 <= int(match.group("n")) <= 2099 and not match.group("unit"):
            continue  # a year
        try:
            value = Decimal(match.group("n").replace(",", ""))
        except InvalidOperation:
            continue
        if match.group("mag"):
            value *= MAGNITUDES[match.group("mag").lower()]
        unit = (match.group("unit") or "").lower()
        end = match.end()
        if unit in NOT_UNITS or not unit:
            if unit:
                end = match.end("mag") if match.group("mag") else match.end("n")
            unit = "yuan" if match.group("cur") == "¥" else "US dollars" if match.group("cur") == "$" else ""
        if not unit:
            continue
        if unit in ("percent", "per"):
            unit = "%"
        qualifier = match.group("q")
        start = match.start("q") if qualifier else match.start("cur") if match.group("cur") else match.start("n")
        approximate = bool(qualifier)
        figures.append(Figure(text[start:end], value, unit, approximate, qualifier, start, end))
    return figures


class EnglishQuantityRecognizer:
    """Write dates to ``doc.spans["kg_dates"]`` and figures to ``doc.spans["kg_figures"]``."""

    def __init__(self, nlp: Language, name: str = "kg_en_quantities"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        year = doc._.kg_year or _latest_year(text)
        dates = find_dates(text, year)
        published = doc._.kg_date or _dateline_day(text, year)
        if published is not None:
            dates = sorted(dates + find_weekdays(text, datetime.date(*published)), key=lambda d: d.start)
        set_quantities(doc, dates, find_figures(text), rule="en-")
        return doc


def find_weekdays(text: str, published: datetime.date) -> list[DateValue]:
    """A weekday a report says something happened on (held in Yining on Monday): the last such day
    on or before the day the report ran, as wire stories mean it."""
    dates = []
    for match in WEEKDAY_RE.finditer(text):
        back = (published.weekday() - WEEKDAYS.index(match.group("day").lower())) % 7
        if match.group("last") and back == 0:
            back = 7  # last Monday, written on a Monday
        day = published - datetime.timedelta(days=back)
        dates.append(DateValue(match.group(0), day.isoformat(), "day", None, True, match.start(), match.end()))
    return dates


def _dateline_day(text: str, year: int | None) -> tuple[int, int, int] | None:
    """(year, month, day) of the first full date in the first lines (a dateline), if any; one
    written without its year is in ``year``."""
    dated = _head_days(text, year)
    return tuple(map(int, dated[0].iso.split("-"))) if dated else None


def _head_days(text: str, year: int | None) -> list[DateValue]:
    """The dates to the day in a report's first lines, where its dateline is."""
    head = "\n".join(text.split("\n")[:4])
    return [d for d in find_dates(head, year) if d.precision == "day"]


def _latest_year(text: str) -> int | None:
    """The year of the dateline (a full date in the first lines), else the latest year written
    (not one a thing began in: "has aided Aksu since 2010" says nothing of the report's year)."""
    dated = _head_days(text, None)
    if dated:
        return int(dated[0].iso[:4])
    years = [int(y) for y in re.findall(r"(?<!\bsince )\b((?:19|20)\d{2})\b", text)]
    return max(years) if years else None


@Language.factory("kg_en_quantities", assigns=["doc.spans"])
def make_english_quantity_recognizer(nlp: Language, name: str) -> EnglishQuantityRecognizer:
    """Factory of :class:`EnglishQuantityRecognizer`."""
    return EnglishQuantityRecognizer(nlp, name)
