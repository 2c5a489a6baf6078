"""Traditional characters (繁體) read as simplified, offsets unchanged.

The rules, the gazetteer and the recognizer know simplified Chinese. A report in traditional
characters is converted with OpenCC (``t2s``) before extraction, so 民豐縣 is found as 民丰县 and
gets the same entity; names keep their written form as an alternative label (see
:func:`kg.extract.extraction.to_extraction`).

Only a text that *is* traditional is converted: ``t2s`` also rewrites a few characters that
simplified text uses on purpose, and running it over every report would change names it should
not. A text is traditional when more than :data:`TRADITIONAL_SHARE` of its Han characters are
changed by a character-by-character ``t2s``: simplified news changes almost none (well under 1%),
traditional news about a quarter.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

TRADITIONAL_SHARE = 0.05
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _simplified_char(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (see the module docstring)."""
    han = _HAN.findall(text)
    if not han:
        return False
    changed = sum(1 for char in han if _simplified_char(char) != char)
    return changed > TRADITIONAL_SHARE * len(han)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length, when it is traditional; else ``text``.

    OpenCC converts by phrase (乾隆 stays, 頭髮 becomes 头发); where a phrase would change the
    length, the text is converted character by character instead, so every offset into the
    result is an offset into ``text``.
    """
    if not is_traditional(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_simplified_char(char) for char in text)


# Half-width punctuation typed in Chinese prose (某县援建的幼儿园投入使用.): read as the full-width
# marks the rules know, one character for one, after a Han character and before a space, a Han
# character or the end (5.6亿元 and No.1 keep theirs).
_HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff])([.,;:!?])(?=[\s\u4e00-\u9fff“”‘’]|$)")
_FULL_WIDTH = str.maketrans(".,;:!?", "。，；：！？")


def full_width_punctuation(text: str) -> str:
    """``text`` with the half-width sentence and clause marks of Chinese prose made full-width;
    same length, so offsets are unchanged."""
    return _HALF_WIDTH.sub(lambda match: match.group(1).translate(_FULL_WIDTH), text)
