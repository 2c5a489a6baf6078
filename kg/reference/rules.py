"""Loading rule data files (CSV, JSONL, word lists) from ``data/rules``, and jieba's dictionary.

Rules are data, not Python literals: a researcher can read and extend them without touching code.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import stat
import tempfile
from functools import cache
from pathlib import Path

import jieba

from kg.errors import RuleFileError
from kg.resources import DATA_DIR

RULES_DIR = DATA_DIR / "rules"


def _resolve(name: str | Path) -> Path:
    path = Path(name)
    return path if path.is_absolute() else RULES_DIR / path


@cache
def load_csv(name: str | Path) -> tuple[dict[str, str], ...]:
    """Read a CSV rule file into rows (dicts); lines starting with ``#`` are comments.

    Raises:
        RuleFileError: the file is missing or a row has the wrong number of fields.
    """
    path = _resolve(name)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if line.strip() and not line.startswith("#")]
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read rule file ({exc.strerror or exc})") from exc
    reader = csv.DictReader(lines)
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise RuleFileError(f"{path}: row {number} does not match the header {reader.fieldnames}")
        rows.append({key: value.strip() for key, value in row.items()})
    return tuple(rows)


@cache
def load_jsonl(name: str | Path) -> tuple[dict, ...]:
    """Read a JSONL rule file (one object per line; blank lines and ``#`` lines skipped).

    Raises:
        RuleFileError: the file is missing or a line is not a JSON object.
    """
    path = _resolve(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read rule file ({exc.strerror or exc})") from exc
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleFileError(f"{path}: line {number}: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise RuleFileError(f"{path}: line {number}: expected a JSON object")
        records.append(record)
    return tuple(records)


@cache
def load_words(name: str | Path) -> frozenset[str]:
    """Read a word list (one entry per line, ``#`` comments) into a set.

    Raises:
        RuleFileError: the file is missing.
    """
    path = _resolve(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read rule file ({exc.strerror or exc})") from exc
    return frozenset(line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip())


def alternation(words) -> str:
    """A regular expression matching any of ``words``, longest first (人次 before 人, 建设地点 before
    地点), so that a word is never cut by a shorter one it starts with."""
    return "|".join(map(re.escape, sorted(words, key=lambda word: (-len(word), word))))


# How often a word must occur in jieba's dictionary (its own corpus counts) to be a common word of
# the language, not one chosen for a name: at 100, 民生 (452), 精深 (137) and 头号 (306) are; 春苗
# (2), 雨露 (60) and 青蓝 (16) are not.
COMMON_WORD_FREQ = 100


def is_common_word(word: str) -> bool:
    return word_tokenizer().FREQ.get(word, 0) >= COMMON_WORD_FREQ


# Numbers, with a classifier or as an ordinal of things counted (第一条生产线, 第二座厂房).
_GENERIC_NUMBER_RE = re.compile(
    r"[0-9]A级|第[0-9一二三四五六七八九十百]+[条座栋间处台辆]|[0-9一二三四五六七八九十百千万两]+[大个项类批所家名级]?"
)


@cache
def _generic_modifiers() -> tuple[tuple[str, ...], frozenset[str]]:
    words = tuple(sorted(load_words("generic_modifiers.txt"), key=len, reverse=True))
    # A stem with any other character is not generic: no need to strip the modifiers off.
    return words, frozenset("".join(words)) | frozenset('“”‘’"')


def is_generic_stem(stem: str) -> bool:
    """A stem made only of generic modifiers and numbers (重大, 特色, 六大, 基层 in
    ``generic_modifiers.txt``) names nothing: 重大项目, 基层卫生院 are no names."""
    modifiers, chars = _generic_modifiers()
    rest = stem
    for word in modifiers:  # before the numbers: 三甲 is a modifier, not 三 and a character
        rest = rest.replace(word, "")
    rest = _GENERIC_NUMBER_RE.sub("", rest)
    if not chars.issuperset(rest):
        return False
    for word in modifiers:
        rest = rest.replace(word, "")
    return not rest.strip('“”‘’"')


@cache
def word_tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer over the dictionary jieba ships with, loaded once per process (about half
    a second) for the person rules (where a given name ends) and the labels (which syllables make
    a word). It is not jieba's global tokenizer, so words other code adds there change neither
    what is extracted nor how it is labelled."""
    # jieba announces its dictionary load on stderr, and prints a traceback (at ERROR) when it
    # cannot write its cache, which costs only time.
    jieba.setLogLevel(logging.CRITICAL)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = jieba_cache_folder()
    tokenizer.initialize()
    return tokenizer


def jieba_cache_folder() -> str | None:
    """A folder of this user's alone for jieba's dictionary cache: ``$XDG_CACHE_HOME/aid-kg`` (or
    ``~/.cache/aid-kg``), else ``aid-kg-UID`` in the temporary folder; None when neither can be
    made (jieba then builds its dictionary each time, about a second).

    jieba's own default is ``jieba.cache`` in the shared temporary folder: a file there may belong
    to another user (jieba failed with a traceback when it could not replace it) or be planted by
    one (and jieba loads it with ``marshal``).
    """
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    candidates = [os.path.join(home, "aid-kg")]
    if hasattr(os, "getuid"):
        candidates.append(os.path.join(tempfile.gettempdir(), f"aid-kg-{os.getuid()}"))
    for folder in candidates:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            status = os.stat(folder)
        except OSError:
            continue
        mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
        private = not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        if mine and private and os.access(folder, os.W_OK):
            return folder
    return None
