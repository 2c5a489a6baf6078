# Tests of the benchmark corpus generator (bench/generate_corpus.py).
# Fixtures: corpora generated here into tmp_path from bench/corpus_pools.json and the bundled
# gazetteer; the sample article data/corpus/zhejiang_aid_2025.txt is read only to check that the
# pools copy none of its sentences.
# Run: python -m pytest bench/test_generate_corpus.py -q (outside the tests/ testpaths: the
# benchmark is not part of the library's suite).

import csv
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_corpus  # noqa: E402

from kg.corpus import read_corpus  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "corpus" / "zhejiang_aid_2025.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    stamp = generate_corpus.generate(40_000, folder, seed=7)
    return folder, stamp


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1MB", 10**6), ("10MB", 10**7), ("100MB", 10**8), ("500KB", 500_000), ("2048", 2048), (" 1.5mb ", 1_500_000)],
)
def test_parse_size_reads_decimal_units(text, expected):
    assert generate_corpus.parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "MB", "1TB", "ten MB", "-1MB"])
def test_parse_size_rejects_non_sizes(text):
    with pytest.raises(ValueError):
        generate_corpus.parse_size(text)


def test_generate_reaches_the_requested_size(corpus):
    folder, stamp = corpus
    total = sum(p.stat().st_size for p in folder.glob("report-*.txt"))
    assert total >= 40_000 and total == stamp["bytes"]


def test_generate_writes_files_of_2_to_6_kib(corpus):
    folder, _ = corpus
    sizes = [p.stat().st_size for p in folder.glob("report-*.txt")]
    assert all(generate_corpus.MIN_BYTES <= s <= generate_corpus.MAX_BYTES for s in sizes)


def test_generate_is_deterministic_for_a_seed(corpus, tmp_path):
    folder, _ = corpus
    generate_corpus.generate(40_000, tmp_path, seed=7)
    for path in folder.glob("report-*.txt"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_generate_differs_between_seeds(corpus, tmp_path):
    folder, _ = corpus
    generate_corpus.generate(3_000, tmp_path, seed=8)
    assert (tmp_path / "report-00000.txt").read_bytes() != (folder / "report-00000.txt").read_bytes()


def test_smaller_corpus_is_a_prefix_of_a_larger_one(corpus, tmp_path):
    folder, _ = corpus
    generate_corpus.generate(10_000, tmp_path, seed=7)
    small = sorted(p.name for p in tmp_path.glob("report-*.txt"))
    assert small and all((tmp_path / n).read_bytes() == (folder / n).read_bytes() for n in small)


def test_generate_removes_reports_of_an_earlier_larger_corpus(tmp_path):
    generate_corpus.generate(20_000, tmp_path, seed=1)
    stamp = generate_corpus.generate(3_000, tmp_path, seed=1)
    assert len(list(tmp_path.glob("report-*.txt"))) == stamp["files"]


def test_corpus_reads_without_skips_or_warnings(corpus):
    folder, stamp = corpus
    read = read_corpus([folder])
    assert (len(read.documents), read.skipped, read.warnings) == (stamp["files"], [], [])


def test_manifest_titles_reach_the_documents(corpus):
    folder, _ = corpus
    with open(folder / "manifest.csv", encoding="utf-8") as handle:
        titles = {row["file"]: row["title"] for row in csv.DictReader(handle)}
    documents = read_corpus([folder]).documents
    assert {d.relpath: d.title for d in documents} == titles


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample article not in this checkout")
def test_pools_copy_no_sentence_of_the_sample_article():
    pools = generate_corpus.POOLS_PATH.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"[。！？；\n]", SAMPLE.read_text(encoding="utf-8")) if len(s) >= 10]
    assert [s for s in sentences if s in pools] == []
