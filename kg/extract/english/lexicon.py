"""The word lists and gazetteers of the English components, read once per process.

Everything comes from data files (``data/rules/en/``) or is generated from the project's Chinese
tables: the English names of places from the gazetteer (its English names, the English of short
names, and their toneless pinyin), pinyin surnames from ``data/rules/surnames.txt``, the pinyin
syllables from pypinyin's reading of every common Han character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pypinyin import Style, lazy_pinyin

from kg.errors import RuleFileError
from kg.reference.gazetteer import Gazetteer
from kg.reference.romanization import pinyin_word
from kg.reference.rules import RULES_DIR, load_csv, load_words

EN = RULES_DIR / "en"
# A word of a name: letters, with inner apostrophes (Xi'an) but not a possessive 's.
WORD_RE = re.compile(r"[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
# Levels an English name ends with, and the gazetteer level they name.
LEVEL_WORDS = (
    "Special Administrative Region",
    "Autonomous Region",
    "Autonomous Prefecture",
    "Autonomous County",
    "Ethnic Township",
    "New Area",
    "Municipality",
    "Prefecture",
    "Province",
    "County",
    "City",
    "District",
    "League",
    "Banner",
)


def words(name: str) -> list[str]:
    return load_words(EN / name)


def table(name: str) -> tuple[dict[str, str], ...]:
    return load_csv(EN / name)


def fold(text: str) -> str:
    """The form names are looked up in: lower case, one space between words, ’ as ', and no
    diacritics (Maqên is Maqen, as Tibetan names are written either way)."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


@dataclass(frozen=True)
class PlaceName:
    """One English form of a division: which Chinese surfaces (with their kinds) it stands for."""

    keys: tuple[str, ...]  # gazetteer keys it may mean
    kind: str  # "full" (with its level word), "short" (bare stem), "xpcc", "region"


@cache
def place_index() -> dict[str, PlaceName]:
    """Folded English form → the divisions it may name.

    Forms of a division: its English name (with spelling variants of ethnic words), the English
    and toneless pinyin of its short names, each with and without the level word, and the other
    names of ``place_names.csv``.
    """
    gaz = Gazetteer.load()
    forms: dict[str, dict[str, set[str]]] = {}

    def add(form: str, key: str, kind: str) -> None:
        form = fold(form)
        if len(form) >= 3:
            forms.setdefault(form, {}).setdefault(kind, set()).add(key)

    variants = [(row["word"], row["variant"]) for row in table("spelling_variants.csv")]
    extra: dict[str, list[str]] = {}
    for number, row in enumerate(table("place_names.csv"), start=1):
        division = gaz.get(row["code"])
        if division is None or division.name != row["name"]:
            raise RuleFileError(f"{EN / 'place_names.csv'}: row {number}: {row['code']} is not {row['name']}")
        extra.setdefault(row["code"], []).append(row["en"])
    for surface, key, kind in gaz.surface_forms():
        division = gaz.get(key)
        if division is None or division.level in ("township", "village"):
            continue
        if kind == "former":
            continue
        if kind == "region":
            add(division.en, key, "region")
            continue
        if kind == "xpcc":
            en, _ = gaz.surface_labels(surface)
            add(en, key, "xpcc")
            continue
        if kind == "full":
            names = [division.en]
            for word, variant in variants:
                names += [n.replace(word, variant) for n in names if word in n]
            for name in names:
                add(name, key, "full")
            continue
        # A short name: its English, its pinyin, and with the division's level word.
        labels = gaz.surface_labels(surface)
        pinyin = pinyin_word(surface, tones=False)
        stems = {labels[0] if labels else "", pinyin, pinyin.replace("'", "")}
        stems |= {name for name in extra.get(key, ()) if " " not in name}
        level = _level_word(division.en)
        tail = division.en[len(labels[0]) :] if labels and division.en.startswith(labels[0]) else ""
        for stem in filter(None, stems):
            add(stem, key, "short")
            if level:
                add(f"{stem} {level}", key, "full")
            if tail.strip():
                add(stem + tail, key, "full")
    # 同仁 of 同仁市 is the word "colleague" in Chinese prose, but Tongren is a name in English
    for code in gaz.stoplisted_short_names():
        division = gaz.get(code)
        if division is not None and division.level in ("prefecture", "county"):
            add(gaz.short_label(code), code, "short")
    for code, names in extra.items():
        level = _level_word(gaz.get(code).en)
        for name in names:
            add(name, code, "full" if " " in name else "short")
            if level and " " not in name:
                add(f"{name} {level}", code, "full")  # Nang County: 朗县 has no short name of its own
    result = {}
    for form, kinds in forms.items():
        for kind in ("full", "xpcc", "region", "short"):
            if kind in kinds:
                result[form] = PlaceName(tuple(sorted(kinds[kind])), kind)
                break
    return result


def _level_word(english: str) -> str:
    for level in LEVEL_WORDS:
        if english.endswith(" " + level):
            return level
    return ""


@cache
def countries() -> dict[str, tuple[str, str]]:
    """Folded English name or alias → (English name, Chinese name)."""
    result = {}
    for row in table("countries.csv"):
        for name in [row["en"], *filter(None, row["aliases"].split("|"))]:
            result[fold(name)] = (row["en"], row["zh"])
    return result


@cache
def known_organizations() -> dict[str, tuple[str, str, str]]:
    """Folded English name or alias → (English name, Chinese name, subclass), from the English
    organization table and the English column of ``data/rules/organizations.csv``."""
    result = {}
    for row in load_csv("organizations.csv"):
        if row.get("en"):
            result.setdefault(fold(row["en"]), (row["en"], row["name"], row["subclass"]))
    for row in table("organizations.csv"):
        for name in [row["en"], *filter(None, row["aliases"].split("|"))]:
            result[fold(name)] = (row["en"], row["zh"], row["subclass"])
    return result


@dataclass(frozen=True)
class Head:
    label: str
    subclass: str
    lower_label: str  # class when written in lower case; "" for none


@cache
def heads() -> dict[str, Head]:
    """Folded head (one or more words) → its class."""
    return {fold(row["head"]): Head(row["label"], row["subclass"], row["lower_label"]) for row in table("heads.csv")}


@cache
def max_head_words() -> int:
    return max(len(head.split()) for head in heads())


@cache
def roles() -> frozenset[str]:
    return frozenset(fold(w) for w in words("role_words.txt"))


def is_role(word: str) -> bool:
    """A title (folded), or its plural: Xinhua reporters Purbu Zhaxi and Chen Wenxian."""
    return word in roles() or word.endswith("s") and word[:-1] in roles()


@cache
def not_name_words() -> frozenset[str]:
    return frozenset(words("not_name_words.txt"))


@cache
def name_inner_words() -> frozenset[str]:
    """Words that open no name but stand inside one (the Hundred Doctors Training Program)."""
    return frozenset(words("name_inner_words.txt"))


@cache
def industry_words() -> frozenset[str]:
    """Words of industries that end names of firms (Footwear, Textiles): no person's name ends so."""
    return frozenset(words("industry_words.txt"))


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (generated from pypinyin's readings of the CJK block)."""
    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return frozenset(s for s in lazy_pinyin(chars, style=Style.NORMAL, errors="ignore") if s.isalpha())


@cache
def pinyin_surnames() -> frozenset[str]:
    """Capitalised toneless pinyin of the surnames of ``data/rules/surnames.txt`` (Zhang, Ouyang)."""
    return frozenset(pinyin_word(name, tones=False) for name in load_words("surnames.txt"))


def is_pinyin_word(word: str) -> bool:
    """A word that splits into at most three pinyin syllables (Wenjie, Tianyi, Xin)."""
    word = word.lower().replace("'", "").replace("-", "")
    syllables = pinyin_syllables()

    def split(rest: str, parts: int) -> bool:
        if not rest:
            return True
        if parts == 3:
            return False
        return any(rest[:n] in syllables and split(rest[n:], parts + 1) for n in range(min(6, len(rest)), 0, -1))

    return bool(word) and split(word, 0)
