"""Calendar dates in Chinese news text (2023年12月26日, 12月6日, 2025年11月15日至16日).

Forms recognised, with Arabic or Chinese numerals (二〇二三年十二月二十六日):

* year-month-day, year-month and year alone (2023年, also in 2023年度, 2024年底: the year is
  what the text dates; a four-digit number before 年代 is a decade and skipped);
* month-day without a year (12月6日, 12月6号, the dateline 7月23日电), dated with
  ``default_year``, and skipped when there is none;
* numeric 2023-12-26, 2023/12/26, 2023.12.26;
* ranges joined by a connector from ``data/rules/dates_tokens.csv`` (2025年11月15日至16日,
  11月15日—16日, 11月15—16日, 2023年至2025年, 2023—2025年); the end inherits the year and month
  it leaves out, and moves to the next year when it would fall before the start (12月30日至1月2日).

Deliberately skipped:

* a month alone (3月): too often a recurring month (每年3月), not a date — unless it opens a
  clause and a comma sets it off (9月，某某节在…举行), when it is the month of what the clause
  tells, in ``default_year``;
* relative expressions without a month (今年, 去年, 上月, 近日, 日前): they hold no numbers to
  match — except a relative year word right before a milestone verb of a project (去年投产,
  次年建成: ``data/rules/milestone_verbs.txt``), the year it reached it; a month-day right after
  a relative year word other than 今年 (去年12月5日) is not dated with ``default_year``, which
  would date it wrongly.

A month (and day) after a relative year word is dated from what the word counts from: the
publication year, when the caller knows it (今年5月, 去年10月, 前年), or the last year the text
wrote out before it (2023年… 当年10月, 次年3月); without that year it is skipped.
* invalid dates (13月, 2月30日) and years outside 1800-2099; they are skipped, never raised.

When a range's end does not fit its start (different precision, or not after it), the start is
returned alone.
"""

from __future__ import annotations

import calendar
import datetime
import re
from functools import cache

import cn2an

from kg.errors import RuleFileError
from kg.extract.figures import fold_width
from kg.records import DateValue
from kg.reference.rules import alternation, load_csv, load_words

TOKENS_FILE = "dates_tokens.csv"
# Words for the day a date written before gave (在当天举行的…, 当日下午): the same day.
SAME_DAY = ("当天", "当日", "同日", "同一天")
_ROLES = {
    "range_connector",
    "not_after_year",
    "relative_year",
    "publication_year",
    "antecedent_year",
    "publication_day",
}
_YEAR_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {
    "零": "0",
    "○": "0",
    "O": "0",
}
_FIRST_YEAR, _LAST_YEAR = 1800, 2099
# A day written alone where a clause starts (17日，…, 17日上午，…): a day of the report's month.
# A month alone that opens a clause and is set off by a comma (9月，某某节在…举行): the time of
# what the clause tells, in the report's year. 每年3月 and 3月份 do not match.
MONTH_ALONE_RE = re.compile(r"(?:^|(?<=[。！？\n，；：]))\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?=[，,])")
# A month after a preposition of time (已于8月建成投产, 于7月中旬投入运行, 自3月起): the same; not
# after 至 or 到, where it ends a range.
MONTH_AFTER_PREPOSITION_RE = re.compile(r"(?<=[于在从自])([0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?![0-9日号])")
DAY_ALONE_RE = re.compile(
    r"(?:^|(?<=[。！？\n，；]))\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})日(?=[，,]|[上下]午|晚|早|凌晨|中午)"
)


def find_dates(
    text: str,
    default_year: int | None = None,
    publication_year: int | None = None,
    publication_day: tuple[int, int, int] | None = None,
) -> list[DateValue]:
    """Find every date and date range in ``text``, left to right, without overlaps.

    Args:
        text: plain text (a sentence or a whole document).
        default_year: the year for dates written without one (usually the publication year);
            with None, such dates are skipped.
        publication_year: the year the text was published, when known: what 今年 and 去年 count
            from (a guess such as the latest year the text names is no base for them).
        publication_day: (year, month, day) the text was published, when known: a day
            written alone at the start of a clause (17日，…, 17日上午) is in that month, or in the
            month before when it is after that day.

    Returns:
        The dates, in order of position; ``date.text == text[date.start:date.end]``.

    Raises:
        RuleFileError: the rule data file is missing or malformed.
    """
    pattern, trigger = _pattern(), _trigger()
    folded = fold_width(text)
    dates = []
    pos = 0
    # Try the full pattern only where a date can begin (a digit or a numeral), as in figures.
    while (hit := trigger.search(folded, pos)) is not None:
        match = pattern.match(folded, hit.start())
        if match is None:
            pos = hit.start() + 1
            continue
        pos = match.end()
        date = _date(match, text, default_year)
        if date is not None:
            dates.append(date)
    dates = _with_relative(dates, text, folded, publication_year)
    dates = _with_days(dates, text, folded, publication_day)
    dates = _with_relative_days(dates, text, folded, publication_day)
    return _with_months(dates, text, folded, default_year, publication_day)


def _with_months(dates, text, folded, default_year, publication_day) -> list[DateValue]:
    """``dates`` with the months written alone at the start of a clause (9月，…) or after a
    preposition of time (于8月建成): in the year of
    ``publication_day`` (the year before when the month is still to come: a review published in
    January looks back), else in the year the text last wrote out before it, else in
    ``default_year``."""
    if default_year is None and publication_day is None:
        return dates
    explicit = [(date.start, int(date.iso[:4])) for date in dates if not date.inferred_year]
    found = []
    matches = [*MONTH_ALONE_RE.finditer(folded), *MONTH_AFTER_PREPOSITION_RE.finditer(folded)]
    for match in sorted(matches, key=lambda m: m.start(1)):
        month = _small(match.group(1))
        if month is None or any(d.start <= match.start(1) < d.end for d in dates):
            continue
        if publication_day is not None:
            year = publication_day[0] - (month > publication_day[1])
        else:  # the year the text last wrote out before it (2024年…工作综述 … 9月，…)
            year = next((y for start, y in reversed(explicit) if start < match.start()), default_year)
        if not _valid(year, month, None):
            continue
        start, end = match.start(1), match.end(1) + 1
        found.append(DateValue(text[start:end], _iso(year, month, None), "month", None, True, start, end))
    return sorted(dates + found, key=lambda d: d.start) if found else dates


def _with_days(dates: list[DateValue], text: str, folded: str, publication_day) -> list[DateValue]:
    """``dates`` with the days written alone at the start of a clause (17日，…), dated in the
    month of ``publication_day``."""
    if publication_day is None:
        return dates
    year, month, today = publication_day
    found = []
    for match in DAY_ALONE_RE.finditer(folded):
        day = _small(match.group(1))
        if day is None or any(d.start <= match.start(1) < d.end for d in dates):
            continue
        y, m = (year, month) if day <= today else (year - (month == 1), 12 if month == 1 else month - 1)
        if not _valid(y, m, day):
            continue
        start, end = match.start(1), match.end(1) + 1
        found.append(DateValue(text[start:end], _iso(y, m, day), "day", None, False, start, end))
    return sorted(dates + found, key=lambda d: d.start) if found else dates


def _with_relative_days(dates: list[DateValue], text: str, folded: str, publication_day) -> list[DateValue]:
    """``dates`` with the days a word counts from ``publication_day`` at the start of a clause
    (昨天，…, 昨日上午: the day before the report ran)."""
    if publication_day is None or (pattern := _relative_day_pattern()) is None:
        return dates
    offsets = _relative_day_offsets()
    found = []
    for match in pattern.finditer(folded):
        start, end = match.start(1), match.end(1)
        if any(d.start < end and start < d.end for d in dates):
            continue
        day = datetime.date(*publication_day) + datetime.timedelta(days=offsets[match.group(1)])
        found.append(DateValue(text[start:end], day.isoformat(), "day", None, False, start, end))
    return sorted(dates + found, key=lambda d: d.start) if found else dates


@cache
def _relative_day_offsets() -> dict[str, int]:
    return {row["token"]: int(row["offset"]) for row in load_csv(TOKENS_FILE) if row["role"] == "publication_day"}


@cache
def _relative_day_pattern() -> re.Pattern[str] | None:
    words = _relative_day_offsets()
    if not words:
        return None
    # opening a clause, before its comma or a time of day (昨天，…; 昨日上午), or after 于 (于昨日)
    return re.compile(
        rf"(?:^|(?<=[。！？\n，；])|(?<=于))\s*({alternation(words)})(?=[，,]|[上下]午|晚|早|凌晨|中午|在|举行)"
    )


def _with_relative(dates: list[DateValue], text: str, folded: str, publication_year: int | None) -> list[DateValue]:
    """``dates`` with the months after relative year words added; such a date replaces the
    month-day it holds (今年1月7日: 1月7日 alone took the default year)."""
    offsets = _relative_offsets()
    pattern = _relative_pattern()
    if pattern is None:
        return dates
    explicit = [(date.start, int(date.iso[:4])) for date in dates if not date.inferred_year]
    relative = []
    for match in pattern.finditer(folded):
        base = _relative_year(match, offsets, publication_year, explicit)
        month, day = _small(match.group("rm")), match.group("rd") and _small(match.group("rd"))
        if base is None or month is None or not _valid(base, month, day or None):
            continue
        relative.append(
            DateValue(
                text=text[match.start() : match.end()],
                iso=_iso(base, month, day or None),
                precision="day" if day else "month",
                end_iso=None,
                inferred_year=False,
                start=match.start(),
                end=match.end(),
            )
        )
    relative += _relative_years(text, folded, publication_year, explicit, offsets)
    if not relative:
        return dates
    kept = [d for d in dates if not any(r.start < d.end and d.start < r.end for r in relative)]
    return sorted(kept + relative, key=lambda d: d.start)


@cache
def _tokens() -> dict[str, list[str]]:
    """Role -> tokens, from the rule file."""
    tokens: dict[str, list[str]] = {role: [] for role in _ROLES}
    for row in load_csv(TOKENS_FILE):
        if row["role"] not in _ROLES or not row["token"]:
            raise RuleFileError(f"{TOKENS_FILE}: bad row {row}; role must be one of {sorted(_ROLES)}")
        tokens[row["role"]].append(row["token"])
    return tokens


@cache
def _pattern() -> re.Pattern[str]:
    """One regex for every date form, built from the rule data on first use."""
    tokens = _tokens()
    year_chars = "".join(_YEAR_DIGITS)
    year = f"(?:(?<![0-9])(?:1[89]|20)[0-9]{{2}}(?![0-9])|(?<![{year_chars}])[{year_chars}]{{4}})"
    # Month and day numbers: the regex is loose (13月 matches) so that an invalid date is
    # consumed and skipped as a whole, not re-read from its middle.
    number = "(?:(?<![0-9])[0-9]{1,2}|(?<![〇零一二三四五六七八九十])[一二三四五六七八九十]{1,3})"
    conn = f"(?:{alternation(tokens['range_connector'])})"
    not_after_year = f"(?!{alternation(tokens['not_after_year'])})" if tokens["not_after_year"] else ""
    no_relative = "".join(f"(?<!{re.escape(w)})" for w in tokens["relative_year"])
    day_mark = "[日号]"

    numeric = (
        "(?<![0-9A-Za-z./\\-])(?P<iy>(?:1[89]|20)[0-9]{2})(?P<isep>[-/.])"
        "(?P<im>[0-9]{1,2})(?P=isep)(?P<id>[0-9]{1,2})(?![0-9]|\\.[0-9])"
    )
    start = (
        f"(?P<start>"
        f"(?P<cy>{year})(?={conn}{year}年)"
        f"|(?:(?P<dy>{year})年|{no_relative})(?P<dm>{number})月(?P<dd>{number})"
        f"(?={conn}{number}{day_mark})"
        f"|(?P<ay>{year})年{not_after_year}(?:(?P<am>{number})月(?:(?P<ad>{number}){day_mark})?)?"
        f"|{no_relative}(?P<bm>{number})月(?P<bd>{number}){day_mark}"
        f")"
    )
    end = f"(?P<conn_end>{conn}(?:(?P<ey>{year})年)?(?:(?P<em>{number})月)?(?:(?P<ed>{number}){day_mark})?)?"
    return re.compile(f"{numeric}|{start}{end}")


@cache
def _relative_offsets() -> dict[str, tuple[str, int]]:
    """Relative year word -> (what it counts from, offset in years)."""
    return {
        row["token"]: (row["role"], int(row["offset"] or 0))
        for row in load_csv(TOKENS_FILE)
        if row["role"] in ("publication_year", "antecedent_year")
    }


def _relative_year(match, offsets, publication_year, explicit) -> int | None:
    """The year a relative year word (``match``'s group ``rw``) stands for: counted from the
    publication year (今年, 去年) or from the last year written before it (当年, 次年)."""
    role, offset = offsets[match.group("rw")]
    if role == "publication_year":
        base = publication_year
    else:
        base = next((year for start, year in reversed(explicit) if start < match.start()), None)
    return None if base is None else base + offset


def _relative_years(text, folded, publication_year, explicit, offsets) -> list[DateValue]:
    """A relative year word right before a verb of a project's milestone (去年投产, 次年建成): the
    year the project reached it."""
    found = []
    for match in _relative_year_pattern().finditer(folded):
        base = _relative_year(match, offsets, publication_year, explicit)
        if base is None or not _valid(base, None, None):
            continue
        start, end = match.start("rw"), match.end("rw")
        found.append(DateValue(text[start:end], _iso(base, None, None), "year", None, False, start, end))
    return found


@cache
def _relative_year_pattern() -> re.Pattern[str]:
    verbs = alternation(load_words("milestone_verbs.txt"))
    return re.compile(f"(?P<rw>{alternation(_relative_offsets())})(?:已|正式|顺利|全面)?(?={verbs})")


@cache
def _relative_pattern() -> re.Pattern[str] | None:
    """A relative year word, a month and maybe a day (去年10月, 今年1月7日)."""
    words = _relative_offsets()
    if not words:
        return None
    number = "(?:(?<![0-9])[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
    return re.compile(f"(?P<rw>{alternation(words)})(?P<rm>{number})月(?:(?P<rd>{number})[日号])?")


@cache
def _trigger() -> re.Pattern[str]:
    return re.compile(f"[0-9{''.join(_YEAR_DIGITS)}十]")


def _year(numeral: str) -> int | None:
    value = int(numeral) if numeral.isascii() and numeral.isdigit() else None
    if value is None:
        value = int("".join(_YEAR_DIGITS[ch] for ch in numeral))
    return value if _FIRST_YEAR <= value <= _LAST_YEAR else None


def _small(numeral: str) -> int | None:
    """A month or day number (12, 十二, 二十六), or None if it is not one."""
    if numeral.isascii():
        return int(numeral)
    try:
        return int(cn2an.cn2an(numeral, "normal"))
    except (ValueError, KeyError):
        # cn2an raises ValueError on ill-formed numerals (九九十), KeyError on a few others.
        return None


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if year is None or (month is not None and not 1 <= month <= 12):
        return False
    return day is None or (month is not None and 1 <= day <= calendar.monthrange(year, month)[1])


def _iso(year: int, month: int | None, day: int | None) -> str:
    parts = [f"{year:04d}"] + [f"{n:02d}" for n in (month, day) if n is not None]
    return "-".join(parts)


def _parts(match: re.Match[str], *names: str) -> tuple[int | None, ...] | None:
    """Parse the year, month and day groups ``names``; None if one is present but unreadable."""
    values = []
    for index, name in enumerate(names):
        raw = match.group(name) if name else None
        if raw is None:
            values.append(None)
            continue
        value = _year(raw) if index == 0 else _small(raw)
        if value is None:
            return None
        values.append(value)
    return tuple(values)


_START_GROUPS = {
    "iy": ("iy", "im", "id"),
    "cy": ("cy", "", ""),
    "dm": ("dy", "dm", "dd"),
    "ay": ("ay", "am", "ad"),
    "bm": ("", "bm", "bd"),
}


def _date(match: re.Match[str], text: str, default_year: int | None) -> DateValue | None:
    """The date for one regex match, or None when it is not a valid date."""
    form = next(key for key in _START_GROUPS if match.group(key) is not None)
    start_parts = _parts(match, *_START_GROUPS[form])
    if start_parts is None:
        return None
    year, month, day = start_parts
    inferred = year is None
    if inferred:
        year = default_year
    if not _valid(year, month, day):
        return None
    precision = "day" if day is not None else "month" if month is not None else "year"
    start = (year, month, day)

    end_iso = None
    end_offset = match.end() if form == "iy" else match.end("start")
    if match.group("conn_end") is not None:
        end = _range_end(match, start, precision)
        if end is not None:
            end_iso = _iso(*end)
            end_offset = match.end()
    return DateValue(
        text=text[match.start() : end_offset],
        iso=_iso(*start),
        precision=precision,
        end_iso=end_iso,
        inferred_year=inferred,
        start=match.start(),
        end=end_offset,
    )


def _range_end(match: re.Match[str], start: tuple, precision: str) -> tuple | None:
    """The end of a range that fits its start (same precision, after it), else None."""
    parts = _parts(match, "ey", "em", "ed")
    if parts is None:
        return None
    year, month, day = parts
    fits = {
        "year": year is not None and month is None and day is None,
        "month": month is not None and day is None,
        "day": day is not None and (year is None or month is not None),
    }[precision]
    if not fits:
        return None
    # 12月30日至1月2日 crosses into the next year; 15日至10日 (same month) is no range at all.
    may_roll = year is None and month is not None
    end = [start[0] if year is None else year, start[1] if month is None else month, day]
    if may_roll and _key(end) <= _key(start):
        end[0] += 1
    if not _valid(*end) or _key(end) <= _key(start):
        return None
    return tuple(end)


def _key(parts) -> tuple[int, ...]:
    return tuple(p or 0 for p in parts)
