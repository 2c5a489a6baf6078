"""English and pinyin labels for any Chinese name.

Labels are composed, not translated: gazetteer places at the start or end of a name take their English
(阿克苏市 -> Aksu City), ordinals become numbers (第十八 -> No. 18), the head of the name becomes
English from ``data/labels/suffixes.csv`` (中学 -> Middle School), and everything else is pinyin.
Pinyin comes from pypinyin, corrected by ``data/labels/pinyin_overrides.csv`` for proper names and
``data/labels/surnames.csv`` for surnames; jieba groups syllables into words.

Both label functions are deterministic (jieba's dictionary through :func:`kg.rules.word_tokenizer`,
untouched by words other code adds to jieba's global tokenizer) and cached.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import cn2an

from kg.reference.gazetteer import Gazetteer
from kg.reference.romanization import (
    HAN,
    NUMERAL,
    Suffix,
    join_syllables,
    pinyin_word,
    pinyin_words,
    suffixes,
    surnames,
    syllables,
)

_HAN_NAME = re.compile(f"[{HAN}]{{2,4}}")
# Interpuncts separate the parts of transliterated names (努尔·买买提) and of compound titles.
_PART_SEPARATOR = re.compile("[·・•‧･]")
_QUOTES = re.compile("[“”‘’\"'「」『』《》〈〉]")
_ORDINAL = re.compile(f"第([{NUMERAL}]+|[0-9]+)([届次期批轮])?")
_TRAILING_NUMBER = re.compile(f"(第?)([{NUMERAL}]+|[0-9]+)$")
MAX_HEADS = 3
# How reports shorten a school's ordinal name (某县一中 for 某县第一中学, 某市二小 for 某市第二小学).
SCHOOL_ORDINAL_RE = re.compile(r"([一二三四五六七八九十]{1,3})([中小])")


def full_school_ordinal(short: str) -> str | None:
    """The full form of a school's shortened ordinal name: 第一中学 for 一中, 第二小学 for 二小; None
    for anything else."""
    match = SCHOOL_ORDINAL_RE.fullmatch(short)
    return f"第{match[1]}{'中学' if match[2] == '中' else '小学'}" if match else None


def _person(name: str, tones: bool) -> str:
    parts = [part for part in _PART_SEPARATOR.split(name) if part.strip()]
    if len(parts) != 1 or not _HAN_NAME.fullmatch(name):
        # Transliterated names: each part is one word (麦麦提·吐尔逊 -> Maimaiti Tuerxun).
        label = " ".join(" ".join(pinyin_words(part, tones, joined=True)) for part in parts)
    else:
        known = surnames()
        surname = name[:2] if name[:2] in known and len(name) > 2 else name[0]
        family = known.get(surname) or syllables(surname)
        label = " ".join(
            w for w in (join_syllables(family, tones), join_syllables(syllables(name[len(surname) :]), tones)) if w
        )
    # English spellings of personal names (passports, bylines) carry no syllable apostrophes.
    return label if tones else label.replace("'", "")


def _gazetteer():
    return Gazetteer.load()


def _number(numeral: str) -> int | None:
    if numeral.isdigit():
        return int(numeral)
    try:
        return int(cn2an.cn2an(numeral, "smart"))
    except ValueError:
        return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@cache
def _suffixes_by_last_character() -> dict[str, tuple[Suffix, ...]]:
    """:func:`suffixes` by their last character, longest first: a name is tested against the
    few heads it can end with instead of all of them."""
    found: dict[str, list[Suffix]] = {}
    for head in suffixes():
        found.setdefault(head.zh[-1], []).append(head)
    return {last: tuple(heads) for last, heads in found.items()}


@lru_cache(maxsize=1 << 16)
def _split_heads(text: str) -> tuple[str, tuple[Suffix, ...]]:
    """:func:`_heads` once per name: both labels of a name split it the same way."""
    rest, heads = _heads(text, _gazetteer())
    return rest, tuple(heads)


def _heads(text: str, gazetteer) -> tuple[str, list[Suffix]]:
    """Split the heads off the end of a name (XX村小学 -> XX, [村, 小学]); a place name stays whole."""
    heads: list[Suffix] = []
    by_last = _suffixes_by_last_character()
    while len(heads) < MAX_HEADS and not _ends_with_place(text, gazetteer):
        for head in by_last.get(text[-1:], ()):
            if not text.endswith(head.zh):
                continue
            stem = text[: -len(head.zh)]
            numbered = _TRAILING_NUMBER.search(stem) is not None
            if head.kind == "numbered" and not numbered:
                continue
            # A one-character head is also the last character of ordinary words (教师, 春节).
            if len(head.zh) == 1 and len(stem) < 2 and not numbered:
                continue
            heads.insert(0, head)
            text = stem
            break
        else:
            break
    return text, heads


def _ends_with_place(text: str, gazetteer) -> bool:
    longest = min(len(text), gazetteer.max_surface_length)
    return any(gazetteer.surface_labels(text[-size:]) for size in range(2, longest + 1))


def _places(text: str, gazetteer, leading: bool) -> tuple[list[tuple[str, str]], str]:
    """Gazetteer places (their labels) at the start or end of a name, longest first, and the rest."""
    places = []
    while len(text) >= 2:
        for size in range(min(len(text), gazetteer.max_surface_length), 1, -1):
            labels = gazetteer.surface_labels(text[:size] if leading else text[-size:])
            if labels:
                places.insert(len(places) if leading else 0, labels)
                text = text[size:] if leading else text[:-size]
                break
        else:
            break
    return places, text


def _is_place_stem(kind: str | None, heads: list[Suffix]) -> bool:
    """Whether the middle of a name is a place name, written as one word (托乎拉乡 -> Tuohula)."""
    return kind == "Place" or bool(heads) and heads[0].kind in ("division", "unit")


def _clean(name: str) -> str:
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name)).strip()


@lru_cache(maxsize=1 << 16)
def pinyin_label(name: str, kind: str | None = None) -> str:
    """A pinyin label with tone marks: "Xīnhé Xiàn", "Ākèsū Shì Dìshíbā Zhōngxué".

    Args:
        name: a Chinese name (quotation marks and 《》 are dropped).
        kind: the entity's top class (Place, Organization, Program, Event, Person, Work) or None.
            Persons are written surname first; a Place's stem is one word.

    Returns:
        Capitalised words, syllables of a word joined; ASCII and digits kept as they are.

    Raises:
        GazetteerError, RuleFileError: bundled data is missing or malformed.
    """
    text = _clean(name)
    if kind == "Person":
        return _person(text, tones=True)
    if kind == "Work":
        return " ".join(pinyin_words(text, tones=True))
    gazetteer = _gazetteer()
    known = gazetteer.surface_labels(text)
    if known:
        return known[1]
    rest, heads = _split_heads(text)
    trailing, rest = _places(rest, gazetteer, leading=False)
    leading, rest = _places(rest, gazetteer, leading=True)
    middle = pinyin_words(rest, True, joined=_is_place_stem(kind, heads))
    words = [pinyin for _, pinyin in leading] + middle + [pinyin for _, pinyin in trailing]
    return " ".join(words + [pinyin_word(head.zh) for head in heads])


@lru_cache(maxsize=1 << 16)
def english_label(name: str, kind: str | None = None) -> str:
    """An English label: gazetteer English for places, else composed (see the module docstring).

    Args:
        name: a Chinese name (quotation marks and 《》 are dropped).
        kind: the entity's top class (Place, Organization, Program, Event, Person, Work) or None.
            Persons: surname-first pinyin ("Wang Xiaoming"), each part of a ·-name one word;
            Works: title-case pinyin; a Place's stem is one word ("Yiqiairike Town").

    Returns:
        The label, e.g. "Aksu City No. 18 Middle School", "Qiming Action".

    Raises:
        GazetteerError, RuleFileError: bundled data is missing or malformed.
    """
    text = _clean(name)
    if kind == "Person":
        return _person(text, tones=False)
    if kind == "Work":
        return " ".join(pinyin_words(text, tones=False))
    gazetteer = _gazetteer()
    known = gazetteer.surface_labels(text)
    if known:
        return known[0]
    rest, heads = _split_heads(text)
    number = []
    trailing = _TRAILING_NUMBER.search(rest)
    if heads and trailing and (trailing.group(1) or heads[0].kind == "numbered"):
        value = _number(trailing.group(2))
        if value is not None:
            number = [f"No. {value}"]
            rest = rest[: trailing.start()]
    places_after, rest = _places(rest, gazetteer, leading=False)
    places_before, rest = _places(rest, gazetteer, leading=True)
    middle = _middle(rest, joined=_is_place_stem(kind, heads))
    words = [en for en, _ in places_before] + middle + [en for en, _ in places_after] + number
    return " ".join(words + [head.en for head in heads])


def _middle(text: str, joined: bool) -> list[str]:
    """English of the middle of a name: ordinals as numbers (第五届 -> 5th), the rest toneless pinyin."""
    words = []
    position = 0
    for match in _ORDINAL.finditer(text):
        value = _number(match.group(1))
        if value is None:
            continue
        words += pinyin_words(text[position : match.start()], tones=False, joined=joined)
        words.append(_ordinal(value) if match.group(2) else f"No. {value}")
        position = match.end()
    return words + pinyin_words(text[position:], tones=False, joined=joined)
