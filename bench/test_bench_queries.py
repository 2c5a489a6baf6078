# Tests of the query benchmark's machinery (bench/bench_queries.py), not of query speed.
# Fixtures: tests/data/queries/fixture.trig (the hand-written graph of tests/test_queries.py:
# places of 喀什地区 and 广州市, none of the saved queries' examples 新和县, 阿克苏地区, 浙江省), and
# made-up child outputs and earlier results for the report of a store child.
# Run: python -m pytest bench/test_bench_queries.py -q (outside the tests/ testpaths).

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_queries  # noqa: E402
from bench_scale import ChildRun  # noqa: E402

from kg.query.lookup import Lookup  # noqa: E402
from kg.query.saved import load_query, open_graph  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "data" / "queries" / "fixture.trig"
PLACE = "https://w3id.org/aid-kg/resource/place/"


@pytest.fixture(scope="module")
def store():
    return open_graph(FIXTURE)


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([3, 1, 2], 0.5, 2),
        ([4, 1, 3, 2], 0.5, 2),
        (list(range(1, 21)), 0.95, 19),
        (list(range(1, 21)), 1.0, 20),
        ([7], 0.95, 7),
    ],
)
def test_percentile_is_the_nearest_rank(values, fraction, expected):
    assert bench_queries.percentile(values, fraction) == expected


def test_timed_runs_warm_until_the_count():
    result = bench_queries.timed(lambda: 3, runs=4, budget=1e9)
    assert (len(result["warm_s"]), result["rows"]) == (4, 3)


def test_timed_without_budget_reports_the_cold_run():
    result = bench_queries.timed(lambda: 3, runs=4, budget=0)
    assert result["warm_s"] == [] and result["p50_s"] == result["p95_s"] == result["cold_s"]


def test_a_missing_county_example_stands_in_for_the_busiest_county(store):
    # In the fixture 疏附县 (653121) has nine places within it, 疏勒县 (653122) one.
    values, replaced, _ = bench_queries._parameters(store, Lookup(store), load_query("projects-in-place"))
    assert (replaced, values["place"]) == ({"place": "新和县"}, PLACE + "653121")


def test_an_object_stands_in_with_its_subjects_object(store):
    values, replaced, _ = bench_queries._parameters(store, Lookup(store), load_query("evidence"))
    assert set(replaced) == {"subject", "object"} and bool(
        store.query(f"ASK {{ <{values['subject']}> <{bench_queries.AID}partOf> <{values['object']}> }}")
    )


def test_an_example_the_graph_has_is_kept(store):
    values, replaced, _ = bench_queries._parameters(store, Lookup(store), load_query("events"))
    assert (values["start"], values["end"], "start" in replaced) == ("2023", "2023-12-31", False)


def run(stdout_events: list[dict], *, returncode=0, timed_out=False, stderr="") -> ChildRun:
    stdout = "".join(json.dumps(e) + "\n" for e in stdout_events)
    return ChildRun(returncode, stdout, stderr, 12.0, 900.0, 950.0, [1.0, 1.0], timed_out)


def test_a_child_stopped_during_load_by_the_timeout():
    result = bench_queries.child_result(run([{"event": "start"}], returncode=-9, timed_out=True))
    assert (result["status"], result["stage"], result["reason"]) == ("stopped", "load", "timeout")


def test_a_child_stopped_during_queries_by_memory():
    events = [{"event": "start"}, {"event": "loaded", "load_s": 5.0, "rss_after_load_mib": 800.0}]
    result = bench_queries.child_result(run(events, returncode=1, stderr="...\nMemoryError\n"))
    assert (result["status"], result["stage"], result["reason"], result["load_s"]) == (
        "stopped",
        "queries",
        "out of memory (--memory)",
        5.0,
    )


def test_a_finished_child_keeps_each_query():
    events = [
        {"event": "start"},
        {"event": "loaded", "load_s": 5.0, "rss_after_load_mib": 800.0},
        {"event": "query", "name": "within", "rows": 4, "p50_s": 0.1},
        {"event": "done", "peak_rss_mib": 900.0},
    ]
    result = bench_queries.child_result(run(events))
    assert (result["status"], list(result["queries"])) == ("done", ["within"])


def test_a_store_not_loaded_is_projected_from_the_largest_graph_it_loaded():
    loaded = {"load_s": 10.0, "rss_after_load_mib": 1000.0}
    previous = {
        "1MB": {"graph_bytes": 10, "rdflib": loaded},
        "10MB": {"graph_bytes": 100, "rdflib": {**loaded, "load_s": 100.0}},
        "100MB": {"graph_bytes": 1000, "rdflib": {"status": "skipped"}},
    }
    projection = bench_queries._projection(previous, "100MB", "rdflib", 1000)
    assert (projection["largest_loaded"]["label"], projection["projected"]["load_s"]) == ("10MB", 1000.0)
