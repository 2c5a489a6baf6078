"""Pinyin of Chinese text: syllables with proper-name readings, words, capitalisation.

The primitives that both the gazetteer (its places' pinyin labels) and :mod:`kg.reference.labels`
(labels of any name) build on, kept apart so that neither imports the other. Readings come from
pypinyin, corrected by ``data/labels/pinyin_overrides.csv``; the heads of names and the ethnic
groups of autonomous areas' names come from ``data/labels/suffixes.csv`` and ``ethnic_groups.csv``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from pypinyin import Style, lazy_pinyin

from kg import resources
from kg.reference.rules import load_csv, word_tokenizer

DATA_DIR = resources.DATA_DIR / "labels"

HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff"
_TOKEN = re.compile(f"[{HAN}]+|[A-Za-z0-9]+(?:[.&'+-][A-Za-z0-9]+)*")
NUMERAL = "零〇一二三四五六七八九十百千两"
# A syllable starting with a, o or e inside a word is marked off with an apostrophe (Xī'ān).
_VOWEL_INITIAL = set("aāáǎàoōóǒòeēéěè")
_DIAERESIS = "\u0308"


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
def surnames() -> dict[str, tuple[str, ...]]:
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


def join_syllables(parts: list[str] | tuple[str, ...], tones: bool) -> str:
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
    return join_syllables(syllables(text), tones)


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
