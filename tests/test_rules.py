# Tests of kg/rules.py: loading rule files and jieba's dictionary.
# Fixtures: rule files written into tmp_path by the tests themselves; the made-up word below is
# not a Chinese word (it is added to jieba's global tokenizer and taken out again).

import re
import stat
import tempfile
from pathlib import Path

import jieba
import pytest

from kg.errors import RuleFileError
from kg.reference.rules import jieba_cache_folder, load_csv, load_words, word_tokenizer

MADE_UP_WORD = "扎克兹伊"


def test_word_tokenizer_is_loaded_once():
    assert word_tokenizer() is word_tokenizer()


def test_word_tokenizer_is_not_jiebas_global_tokenizer():
    assert word_tokenizer() is not jieba.dt


def test_words_added_to_jiebas_global_tokenizer_do_not_reach_the_word_tokenizer():
    word_tokenizer()
    jieba.dt.add_word(MADE_UP_WORD, freq=10_000)
    try:
        assert MADE_UP_WORD in jieba.lcut(f"看{MADE_UP_WORD}了")
        assert MADE_UP_WORD not in word_tokenizer().lcut(f"看{MADE_UP_WORD}了")
        assert word_tokenizer().FREQ.get(MADE_UP_WORD, 0) == 0
    finally:
        jieba.dt.del_word(MADE_UP_WORD)


@pytest.mark.parametrize("word, frequent", [("学校", True), ("帮扶", True), (MADE_UP_WORD[:2], False)])
def test_word_tokenizer_knows_the_frequency_of_common_words(word, frequent):
    assert (word_tokenizer().FREQ.get(word, 0) >= 50) is frequent


def test_load_words_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# a comment\n中学\n\n小学\n", encoding="utf-8")
    assert load_words(path) == {"中学", "小学"}


def test_load_csv_with_a_short_row_raises_rule_file_error(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text("suffix,class\n中学\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="rules.csv"):
        load_csv(path)


# Issue 18: jieba printed a traceback when its cache file in the shared temporary folder belonged
# to another user (here: a folder in its place, which it cannot replace either, even as root).
def test_word_tokenizer_keeps_its_cache_out_of_the_shared_temporary_folder(tmp_path, monkeypatch, capfd):
    shared = tmp_path / "tmp"
    (shared / "jieba.cache").mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    word_tokenizer.cache_clear()
    try:
        tokenizer = word_tokenizer()
        assert tokenizer.lcut("援疆") == ["援疆"]
    finally:
        word_tokenizer.cache_clear()
    assert "Traceback" not in capfd.readouterr().err
    assert (tmp_path / "cache" / "aid-kg" / "jieba.cache").is_file()


def test_jieba_cache_folder_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = jieba_cache_folder()
    assert folder == str(tmp_path / "cache" / "aid-kg")
    assert not (tmp_path / "cache" / "aid-kg").stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH)


DATA = Path(__file__).resolve().parent.parent / "data"
DATA_FOLDERS = ("rules", "gazetteer", "labels")  # the reference data the pipeline reads
DATA_SUFFIXES = (".csv", ".txt", ".jsonl")


@pytest.mark.parametrize(
    "path",
    sorted(p for folder in DATA_FOLDERS for p in (DATA / folder).rglob("*") if p.suffix in DATA_SUFFIXES),
    ids=lambda p: str(p.relative_to(DATA)),
)
def test_every_data_file_says_where_it_comes_from_and_when(path):
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    assert header and re.search(r"\b(19|20)\d\d\b", "\n".join(header)), f"{path.name}: no dated comment header"
