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
from pathlib import Path
from typing import NamedTuple

import cn2an
from pypinyin import Style, lazy_pinyin

from .rules import load_csv, word_tokenizer

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "labels"

HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff"
_HAN_NAME = re.compile(f"[{HAN}]{{2,4}}")
_TOKEN = re.compile(f"[{HAN}]+|[A-Za-z0-9]+(?:[.&'+-][A-Za-z0-9]+)*")
# Interpuncts separate the parts of transliterated names (努尔·买买提) and of compound titles.
_PART_SEPARATOR = re.compile("[·・•‧･]")
_QUOTES = re.compile("[“”‘’\"'「」『』《》〈〉]")
_NUMERAL = "零〇一二三四五六七八九十百千两"
_ORDINAL = re.compile(f"第([{_NUMERAL}]+|[0-9]+)([届次期批轮])?")
_TRAILING_NUMBER = re.compile(f"(第?)([{_NUMERAL}]+|[0-9]+)$")
# A syllable starting with a, o or e inside a word is marked off with an apostrophe (Xī'ān).
_VOWEL_INITIAL = set("aāáǎàoōóǒòeēéěè")
_DIAERESIS = "\u0308"
MAX_HEADS = 3


class Suffix(NamedTuple):
    """The head of a name (中学, 县) with its English and kind (see ``data/labels/suffixes.csv``)."""

    zh: str
    en: str
    kind: str


@cache
def suffixes() -> tuple[Suffix, ...]:
    """Heads of names and their English, longest first.

    Returns:
        The rows of ``data/labels/suffixes.csv``.

    Raises:
        RuleFileError: the file is missing or malformed.
    """
    rows = load_csv(DATA_DIR / "suffixes.csv")
    return tuple(sorted((Suffix(row["suffix"], row["en"], row["kind"]) for row in rows), key=lambda s: -len(s.zh)))


@cache
def ethnic_groups() -> dict[str, str]:
    """Ethnic groups of China (Chinese without 族 -> English), from ``data/labels/ethnic_groups.csv``.

    Raises:
        RuleFileError: the file is missing or malformed.
    """
    return {row["zh"]: row["en"] for row in load_csv(DATA_DIR / "ethnic_groups.csv")}


@cache
def _overrides() -> dict[str, tuple[str, ...]]:
    return {row["word"]: tuple(row["pinyin"].split()) for row in load_csv(DATA_DIR / "pinyin_overrides.csv")}


@cache
def _surnames() -> dict[str, tuple[str, ...]]:
    return {row["surname"]: tuple(row["pinyin"].split()) for row in load_csv(DATA_DIR / "surnames.csv")}


@lru_cache(maxsize=1 << 16)
def syllables(text: str) -> tuple[str, ...]:
    """Tone-marked pinyin syllables of a run of Han characters, one per character.

    Args:
        text: Han characters only.

    Returns:
        The syllables, with proper-name readings from ``pinyin_overrides.csv`` taking precedence.
    """
    overrides = _overrides()
    longest = max(map(len, overrides), default=0)
    result: list[str] = []
    pending = ""
    i = 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + size] in overrides:
                if pending:
                    result += lazy_pinyin(pending, style=Style.TONE)
                    pending = ""
                result += overrides[text[i : i + size]]
                i += size
                break
        else:
            pending += text[i]
            i += 1
    if pending:
        result += lazy_pinyin(pending, style=Style.TONE)
    return tuple(result)


def _toneless(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == _DIAERESIS)
    return unicodedata.normalize("NFC", kept)


def _join(parts: list[str] | tuple[str, ...], tones: bool) -> str:
    if not parts:
        return ""
    word = parts[0] + "".join("'" + s if s[0] in _VOWEL_INITIAL else s for s in parts[1:])
    if not tones:
        word = _toneless(word)
    return word[:1].upper() + word[1:]


def pinyin_word(text: str, tones: bool = True) -> str:
    """The pinyin of Han text written as one capitalised word (新和 -> Xīnhé).

    Args:
        text: Han characters.
        tones: keep tone marks.

    Returns:
        The word, or "" for empty text.
    """
    return _join(syllables(text), tones)


def pinyin_words(text: str, tones: bool = True, joined: bool = False) -> list[str]:
    """Pinyin words of free text, without gazetteer knowledge: 长江三角洲 -> [Chángjiāng, Sānjiǎozhōu].

    Args:
        text: any text; ASCII words and numbers are kept, other symbols dropped.
        tones: keep tone marks.
        joined: write each run of Han characters as one word instead of splitting it with jieba.

    Returns:
        Capitalised words.
    """
    words = []
    for token in _TOKEN.findall(text):
        if not re.match(f"[{HAN}]", token):
            words.append(token)
        elif joined:
            words.append(pinyin_word(token, tones))
        else:
            words += [pinyin_word(w, tones) for w in word_tokenizer().cut(token)]
    return words


def _person(name: str, tones: bool) -> str:
    parts = [part for part in _PART_SEPARATOR.split(name) if part.strip()]
    if len(parts) != 1 or not _HAN_NAME.fullmatch(name):
        # Transliterated names: each part is one word (麦麦提·吐尔逊 -> Maimaiti Tuerxun).
        label = " ".join(" ".join(pinyin_words(part, tones, joined=True)) for part in parts)
    else:
        surnames = _surnames()
        surname = name[:2] if name[:2] in surnames and len(name) > 2 else name[0]
        family = surnames.get(surname) or syllables(surname)
        label = " ".join(w for w in (_join(family, tones), _join(syllables(name[len(surname) :]), tones)) if w)
    # English spellings of personal names (passports, bylines) carry no syllable apostrophes.
    return label if tones else label.replace("'", "")


def _gazetteer():
    # Imported here: kg.gazetteer builds its own labels with this module's primitives.
    from .gazetteer import Gazetteer

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
