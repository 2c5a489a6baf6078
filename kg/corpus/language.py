"""The language of a document, as a BCP 47 tag: ``zh-Hans``, ``zh-Hant``, ``en``, ``fr``, ``ru``…

Two steps. The script decides first: a text with kana among its Han characters (at least
:data:`KANA_SHARE`) is Japanese; one whose letters are at least :data:`HAN_SHARE` Han characters
is Chinese (a Chinese report quotes English names and URLs, an
English one a few Chinese names in brackets; neither comes near the threshold), and
``hanzidentifier`` tells traditional from simplified characters. Any other text goes to
``py3langid`` (langid.py's naive Bayes model over byte n-grams, bundled with the package: 4.5 MB,
no download; its model loads in about a second, only when a non-Chinese document is read, and then
takes under 2 ms per 3 KB report), choosing among the languages of a national press
(``data/rules/languages.txt``: its pidgins and regional languages are what it reads into a short
brief of place names). ``langdetect`` was measured too: 9 ms per
report, random unless seeded, and it read our traditional-character sample as Korean.

A text without letters is ``und`` (undetermined). :func:`readable` says which tags the build has a
pipeline for.
"""

from __future__ import annotations

import re
from functools import cache

from kg.reference.rules import RULES_DIR, load_words

HAN_SHARE = 0.2
# Kana among the Han characters and kana of a text: Japanese prose has a third or more; a Chinese
# report none, or a few in a quoted Japanese name.
KANA_SHARE = 0.1
UNDETERMINED = "und"
READABLE = ("zh", "en")  # primary subtags the build has a pipeline for

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_LETTER = re.compile(r"[^\W\d_]")
_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa]")  # hiragana and katakana, not the ー・ marks
_WORD = re.compile(r"[a-z]+")
# English prose has a third of its words or more from the list, a brief of place names a tenth.
FUNCTION_WORD_SHARE = 0.1
_SAMPLE = 20_000  # characters read: the language of a report shows in its first pages


def detect(text: str) -> str:
    """The language of a text as a BCP 47 tag.

    Args:
        text: the document text.

    Returns:
        ``zh-Hans`` or ``zh-Hant`` for Chinese, else the ISO 639-1 code py3langid gives (``en``,
        ``fr``, ``ru``…); ``und`` for a text without letters.
    """
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return UNDETERMINED
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    if kana and kana >= KANA_SHARE * (han + kana):
        return "ja"  # Japanese writes Han characters too, with kana between them (の, は, を…)
    if han >= HAN_SHARE * letters:
        return _chinese_script(sample)
    code, _ = _identifier().classify(sample)
    if code != "en" and _english_by_function_words(sample):
        return "en"  # a short brief of place names: langid read Shona or Bikol into them
    return code


def readable(language: str | None) -> bool:
    """Whether the build can read a document in this language (None: not detected, Chinese as
    before language detection)."""
    return language is None or language.split("-")[0] in READABLE


def primary(language: str | None) -> str:
    """The primary subtag that picks a pipeline: ``zh`` for ``zh-Hant``; None counts as ``zh``."""
    return (language or "zh").split("-")[0]


def _english_by_function_words(text: str) -> bool:
    """At least :data:`FUNCTION_WORD_SHARE` of the words, and three or more, are English
    function words (``data/rules/en/function_words.txt``)."""
    words = _WORD.findall(text.lower())
    hits = sum(word in _function_words() for word in words)
    return hits >= 3 and hits >= FUNCTION_WORD_SHARE * len(words)


@cache
def _function_words() -> frozenset[str]:
    return frozenset(load_words(RULES_DIR / "en" / "function_words.txt"))


def _chinese_script(text: str) -> str:
    import hanzidentifier  # 5 KB, and its character tables (zhon) load in milliseconds

    return "zh-Hant" if hanzidentifier.identify(text) == hanzidentifier.TRADITIONAL else "zh-Hans"


@cache
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE)
    identifier.set_languages(load_words(RULES_DIR / "languages.txt"))
    return identifier
