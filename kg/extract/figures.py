"""Figures quoted in Chinese news (13万余人次, 51.32亿元, 超90%, 近千名) as numbers with units.

A figure is a number (Arabic or Chinese numerals, with an optional magnitude word 万/亿/千/百),
followed by a unit from ``data/rules/units.csv``, with optional approximation words around it
from ``data/rules/figures_qualifiers.csv``; or a percentage written ``百分之…``.

Not figures, by design:

* a bare number with no unit (phone numbers, codes, 3:2 scores);
* years and dates: a four-digit number before 年 (2023年), and 月/日, which are not units;
* ordinals (第十八, 第4批) and anniversaries (70周年: 周年 is not a unit);
* a single Chinese digit before a unit (一个, 三年来, 两个确立): in official prose these are
  articles and set phrases far more often than counts worth recording;
* digit-by-digit Chinese numerals (二〇二三) and loose ranges (两三个);
* a bare magnitude word without an approximation word (千名干部, 万人, 百年): slogans, not counts;
  with one (上千名, 近千名, 百余名, 数百名) it is a figure whose value is the magnitude itself,
  a lower bound, and ``approximate`` is True.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import cn2an

from kg.errors import RuleFileError
from kg.records import Figure
from kg.reference.rules import alternation, load_csv

UNITS_FILE = "units.csv"
QUALIFIERS_FILE = "figures_qualifiers.csv"

_CN_DIGITS = "〇零一二两三四五六七八九"
_CN_POSITIONAL = "十百千万亿"
_CN = _CN_DIGITS + _CN_POSITIONAL
_CN_FRACTION = {ch: str(i) for i, ch in enumerate("零一二三四五六七八九")} | {"〇": "0"}
# Magnitude word -> power of ten.
_MAGNITUDES = {"万亿": 12, "千万": 7, "百万": 6, "亿": 8, "万": 4, "千": 3, "百": 2}
_POSITIONS = {"prefix", "infix", "suffix"}
_SCOPES = {"any", "magnitude"}

# Full-width digits, letters and the few symbols that occur inside figures, mapped one
# character to one character so that offsets into the folded text are offsets into the input.
# Full-width ， and ： are left alone: they separate clauses, not digit groups.
_FOLD = str.maketrans(
    {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF10, 0xFF1A)}
    | {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF21, 0xFF3B)}
    | {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF41, 0xFF5B)}
    | {"％": "%", "．": ".", "／": "/", "－": "-", "～": "~"}
)


def fold_width(text: str) -> str:
    """Map full-width digits, Latin letters and ``％．／－～`` to ASCII, keeping every offset.

    Args:
        text: any text.

    Returns:
        A string of the same length, where ``１２．５％`` reads ``12.5%``.
    """
    return text.translate(_FOLD)


def find_figures(text: str) -> list[Figure]:
    """Find every figure in ``text``, left to right, without overlaps.

    Args:
        text: plain text (a sentence or a whole document).

    Returns:
        The figures, in order of position; ``figure.text == text[figure.start:figure.end]``.

    Raises:
        RuleFileError: a rule data file is missing or malformed.
    """
    pattern, trigger = _pattern(), _trigger()
    folded = fold_width(text)
    figures = []
    pos = 0
    # finditer would try the whole pattern at every character (about 1.7 MB/s); jumping
    # between characters that can start a figure is the same search, an order faster.
    while (hit := trigger.search(folded, pos)) is not None:
        match = pattern.match(folded, hit.start())
        if match is None:
            pos = hit.start() + 1
            continue
        pos = match.end()
        figure = _figure(match, text)
        if figure is not None:
            figures.append(figure)
    return figures


def parse_figure(text: str) -> Figure | None:
    """Parse a string that is exactly one figure.

    Args:
        text: e.g. ``"2.24万人次"``.

    Returns:
        The figure, or None when the string is not one figure from its first to its last
        character.

    Raises:
        RuleFileError: a rule data file is missing or malformed.
    """
    figures = find_figures(text)
    if len(figures) == 1 and figures[0].start == 0 and figures[0].end == len(text):
        return figures[0]
    return None


def _blocked(word: str, blockers: str, *, after: bool) -> str:
    """``word`` as a regex that fails when one of the |-separated ``blockers`` touches it."""
    parts = [b for b in blockers.split("|") if b]
    if not parts:
        return re.escape(word)
    if after:
        return f"{re.escape(word)}(?!{alternation(parts)})"
    # Lookbehinds must be fixed-width: one per blocker.
    return "".join(f"(?<!{re.escape(b)})" for b in parts) + re.escape(word)


def unit_kind(unit: str) -> str | None:
    """The kind of a figure's unit, from ``data/rules/units.csv``.

    Args:
        unit: a :attr:`Figure.unit`, e.g. ``"元"``.

    Returns:
        ``"count"``, ``"money"``, ``"area"``, ``"percent"``…, or None for an unknown unit.

    Raises:
        RuleFileError: the units file is missing or malformed.
    """
    row = _units().get(unit)
    return row["kind"] if row else None


@cache
def _units() -> dict[str, dict[str, str]]:
    """Unit -> its row in the units file, validated."""
    units = {}
    for row in load_csv(UNITS_FILE):
        if not row.get("unit") or not row.get("kind"):
            raise RuleFileError(f"{UNITS_FILE}: every row needs a unit and a kind: {row}")
        units[row["unit"]] = row
    return units


@cache
def _qualifiers() -> tuple[dict[str, str], ...]:
    """Rows of the qualifiers file, validated."""
    rows = load_csv(QUALIFIERS_FILE)
    for row in rows:
        if row["position"] not in _POSITIONS or row["scope"] not in _SCOPES or not row["word"]:
            raise RuleFileError(
                f"{QUALIFIERS_FILE}: bad row {row}; position must be one of {sorted(_POSITIONS)},"
                f" scope one of {sorted(_SCOPES)}"
            )
    return rows


@cache
def _pattern() -> re.Pattern[str]:
    """One regex for every figure, built from the rule data on first use."""
    units = _units()
    quals = _qualifiers()

    def words(position, scope=None):
        return [
            _blocked(q["word"], q["not_preceded_by"], after=False)
            for q in sorted(quals, key=lambda q: -len(q["word"]))
            if q["position"] == position and scope in (None, q["scope"])
        ]

    cn = f"[{_CN}]"
    cn_digit = "[〇零一二三四五六七八九]"
    unit_alts = []
    for unit in sorted(units, key=lambda u: (-len(u), u)):
        alt = _blocked(unit, units[unit]["not_followed_by"], after=True)
        if unit[-1].isascii():
            # 90%E4 is a percent-encoded URL, not 90 percent.
            alt += "(?![0-9A-Za-z])"
        unit_alts.append(alt)
    # 5千米 is 5 km (a unit), not 5 thousand metres: a magnitude word may not start a unit.
    # A Chinese numeral keeps its 千 (三千米 is 3000 米): the same length, in metres.
    mag_units = [u for u in units if u[0] in _CN_POSITIONAL]
    mag_guard = f"(?!{alternation(mag_units)})" if mag_units else ""
    magnitude = f"{mag_guard}(?:{alternation(_MAGNITUDES)})"

    # Not inside a code, URL or decimal, nor after a dash (the end of a range such as 10—15人).
    arabic = r"(?<![0-9A-Za-z.,_/%=&?:+#@~\-—–第])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
    # Two or more Chinese numerals, or one positional numeral (十个, 百余名), or one digit
    # before a decimal point (一点五万); never a lone digit (一个, 三年来).
    chinese = f"(?<![{_CN}第0-9])(?<!{cn}点)(?:{cn}{{2,}}|[{_CN_POSITIONAL}]|{cn}(?=点{cn_digit}))(?:点{cn_digit}+)?"
    chinese_any = f"(?<![{_CN}第0-9]){cn}+(?:点{cn_digit}+)?"
    prefix_any = f"(?:{'|'.join(words('prefix', 'any'))})(?=[0-9{_CN}])"
    prefix_mag = f"(?:{'|'.join(words('prefix', 'magnitude'))})(?=[{_CN_POSITIONAL}])"
    infix = "|".join(words("infix"))
    suffix = "|".join(words("suffix"))

    percent = f"(?P<ppre>{prefix_any})?百分之(?P<pnum>{arabic}|{chinese_any})(?P<psuf>{suffix})?"
    main = (
        f"(?P<pre>{prefix_any}|{prefix_mag})?"
        f"(?:(?P<num>{arabic})|(?P<cn>{chinese}))"
        f"(?P<in1>{infix})?(?P<mag>{magnitude})?(?P<in2>{infix})?"
        f"(?P<unit>{'|'.join(unit_alts)})(?P<suf>{suffix})?"
    )
    return re.compile(f"{percent}|{main}")


@cache
def _trigger() -> re.Pattern[str]:
    """The characters that can start a figure: digits, numerals, the first character of a prefix."""
    prefixes = {q["word"][0] for q in _qualifiers() if q["position"] == "prefix"}
    return re.compile(f"[0-9{_CN}{re.escape(''.join(sorted(prefixes)))}]")


def _chinese_value(numeral: str) -> Decimal | None:
    """Value of a Chinese numeral such as 十三万, 两千, 百, 一点五; None if it is not one."""
    whole, _, fraction = numeral.partition("点")
    if not any(ch in _CN_POSITIONAL for ch in whole) and len(whole) > 1:
        return None  # 二〇二三, 两三: read digit by digit, a year or a loose range
    if whole[0] in "百千万亿":
        whole = "一" + whole  # cn2an rejects a bare 百 or 千万
    try:
        integer = cn2an.cn2an(whole, "normal")
    except (ValueError, KeyError):
        # cn2an raises ValueError on ill-formed numerals, KeyError on some (八亿六).
        return None
    return Decimal(f"{int(integer)}.{''.join(_CN_FRACTION[ch] for ch in fraction) or 0}")


def _number(numeral: str) -> Decimal | None:
    """Value of an Arabic (1,250 or 3.6) or Chinese numeral; None if it is not one."""
    if numeral[0] in "0123456789":
        return Decimal(numeral.replace(",", ""))
    return _chinese_value(numeral)


def _scaled(value: Decimal, power: int) -> Decimal:
    """``value * 10**power``, exact at any length (Decimal arithmetic would round at 28 digits)."""
    sign, digits, exponent = value.as_tuple()
    return Decimal((sign, digits, exponent + power))


def _normalised(value: Decimal) -> Decimal:
    # 51.32亿 is 513200000000E-2 after scaling: keep integers integral and decimals short.
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _figure(match: re.Match[str], text: str) -> Figure | None:
    """The figure for one regex match, or None when the match is not a figure after all."""
    groups = match.groupdict()
    if groups["pnum"] is not None:
        value = _number(groups["pnum"])
        unit = "%"
        qualifiers = [groups["ppre"], groups["psuf"]]
    else:
        qualifiers = [groups["pre"], groups["in1"], groups["in2"], groups["suf"]]
        unit = groups["unit"]
        cn = groups["cn"]
        if cn is not None and cn[0] in "百千万亿" and not any(qualifiers):
            return None  # 千名干部, 万人: slogans, not counts
        if (
            unit == "年"
            and groups["num"] is not None
            and groups["mag"] is None
            and len(groups["num"]) == 4
            and groups["num"].isdigit()
        ):
            return None  # 2023年 is a year
        value = _number(groups["num"] or cn)
        if value is not None and groups["mag"]:
            value = _scaled(value, _MAGNITUDES[groups["mag"]])
    if value is None:
        return None
    qualifier = next((q for q in qualifiers if q), None)
    return Figure(
        text=text[match.start() : match.end()],
        value=_normalised(value),
        unit=unit,
        approximate=qualifier is not None,
        qualifier=qualifier,
        start=match.start(),
        end=match.end(),
    )
