# Tests of the scale benchmark's machinery (bench/bench_scale.py), not of the build's speed.
# Fixtures: child processes started here (python -c snippets written in this file, and the jieba
# child over a corpus generated into tmp_path by bench/generate_corpus.py); results dicts below
# are made up to check the arithmetic.
# Run: python -m pytest bench/test_bench_scale.py -q (outside the tests/ testpaths).

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scale  # noqa: E402
import generate_corpus  # noqa: E402

ALLOCATE = "import sys; block = bytearray(int(sys.argv[1]) * 2**20)"


def sized(size: str, files: int, bytes_: int, jieba: float, builds: dict[str, float]) -> dict:
    return {
        "size": size,
        "run": "r",
        "corpus": {"files": files, "bytes": bytes_},
        "jieba": {"median_s": jieba},
        "builds": {name: {"median_s": s} for name, s in builds.items()},
    }


def test_growth_divides_the_time_ratio_by_the_data_ratio():
    sizes = {
        "1MB": sized("1MB", 10, 1_000_000, 1.0, {"no-shacl": 10.0}),
        "10MB": sized("10MB", 100, 10_000_000, 10.0, {"no-shacl": 120.0}),
    }
    (row,) = bench_scale.growth(sizes)
    assert (row["data_ratio"], row["time_ratio"]["no-shacl"], row["time_per_data"]["no-shacl"]) == (10, 12, 1.2)


def test_growth_orders_sizes_by_bytes_and_skips_builds_missing_at_one_size():
    sizes = {
        "10MB": sized("10MB", 100, 10_000_000, 10.0, {"no-shacl": 100.0, "shacl": 200.0}),
        "1MB": sized("1MB", 10, 1_000_000, 1.0, {"no-shacl": 10.0}),
    }
    (row,) = bench_scale.growth(sizes)
    assert (row["from"], row["to"], sorted(row["time_ratio"])) == ("1MB", "10MB", ["jieba", "no-shacl"])


def test_peak_rss_is_that_of_each_child_not_the_largest_so_far():
    big = bench_scale.run_process([sys.executable, "-c", ALLOCATE, "300"])
    small = bench_scale.run_process([sys.executable, "-c", ALLOCATE, "1"])
    assert big.peak_rss_mib > 300 > small.peak_rss_mib


def test_memory_limit_makes_the_child_fail_with_memory_error():
    run = bench_scale.run_process([sys.executable, "-c", ALLOCATE, "2048"], memory_bytes=1024 * 2**20)
    assert run.returncode != 0 and "MemoryError" in run.stderr


def test_tree_pss_counts_this_process():
    assert bench_scale._tree_pss_kib(os.getpid()) > 0


def test_jieba_child_segments_every_document(tmp_path):
    stamp = generate_corpus.generate(20_000, tmp_path, seed=5)
    result = bench_scale.run_child("jieba", str(tmp_path))
    assert (result["documents"], result["chars"]) == (stamp["files"], stamp["chars"])


@pytest.mark.parametrize("fraction_files", [1, 150])
def test_edits_change_one_percent_of_the_reports_at_least_one(tmp_path, fraction_files):
    for index in range(fraction_files):
        (tmp_path / f"report-{index:05d}.txt").write_text("原文\n", encoding="utf-8")
    edits = bench_scale._edits(tmp_path, seed=0)
    assert len(edits) == max(1, -(-fraction_files // 100))
    assert all(data != b"\xe5\x8e\x9f\xe6\x96\x87\n" for data in edits.values())


def test_children_in_a_snapshot_import_its_copy_of_kg():
    command = [sys.executable, bench_scale.__file__, "--child", "jieba", "/nonexistent"]
    with bench_scale.code_snapshot() as state:
        folder = Path(os.environ["BENCH_KG_ROOT"])
        run = bench_scale.run_process(command)
    # The child fails on the missing corpus; its traceback shows where kg was imported from.
    assert state["snapshot"] and str(folder / "kg" / "corpus.py") in run.stderr


def test_a_snapshot_is_removed_on_exit():
    with bench_scale.code_snapshot():
        folder = Path(os.environ["BENCH_KG_ROOT"])
    assert not folder.exists() and "BENCH_KG_ROOT" not in os.environ
