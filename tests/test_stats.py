"""Tests for kg.views.stats: counts, rankings and components of a network, as JSON and as the
terminal tables of kg.cli_tables.

Fixtures:
- tests/data/network/graph.trig (origin: tests/data/README.md, heading "network"), projected with
  kg.views.network.project: 16 entities and 19 links; one program has no link at all.
- Tiny networks for single behaviours (a program between a place and a funder) are built by the
  tests with networkx.
"""

import json
import unicodedata
from pathlib import Path

import networkx as nx
import pytest

from kg.cli_tables import render_plain, stats_tables
from kg.views import stats
from kg.views.network import project
from kg.views.stats import RANKED, network_stats, to_json

FIXTURE = Path(__file__).resolve().parent / "data" / "network" / "graph.trig"
RES = "https://w3id.org/aid-kg/resource/"
CLOUD = RES + "program/yun-duan-ke-tang-yuan-cheng-jiao-xue-xia-cf419c76"
KASHGAR = RES + "place/653100"
COMMAND = RES + "org/hu-ka-xie-zuo-qian-fang-zhi-hui-bu-e47331bc"
PUDONG, SHANGHAI = RES + "place/310115", RES + "place/310000"


@pytest.fixture(scope="module")
def network():
    return project(FIXTURE)


@pytest.fixture(scope="module")
def result(network):
    return network_stats(network)


def _line(network, program="p", place="a", funder="f"):
    """place ← locatedIn ← program → fundedBy → funder."""
    for node, top in ((program, "Program"), (place, "Place"), (funder, "Organization")):
        network.add_node(node, top=top, **{"class": top}, label_zh=None)
    network.add_edge(program, place, key="locatedIn")
    network.add_edge(program, funder, key="fundedBy")
    return network


def test_totals(result):
    assert (result["nodes"], result["edges"]) == (16, 19)


def test_classes_in_top_class_order(result):
    assert list(result["classes"].items()) == [
        ("Place", 6),
        ("Organization", 4),
        ("Program", 3),
        ("Event", 1),
        ("Person", 1),
        ("Work", 1),
    ]


def test_subclasses(result):
    assert result["subclasses"] == {
        "AidCommand": 1,
        "Campaign": 1,
        "Company": 1,
        "County": 3,
        "Exhibition": 1,
        "Performance": 1,
        "Person": 1,
        "Prefecture": 1,
        "Project": 1,
        "Province": 2,
        "School": 2,
        "Service": 1,
    }


def test_predicates(result):
    assert result["predicates"] == {
        "affiliatedWith": 1,
        "fundedBy": 5,
        "locatedIn": 6,
        "pairedWith": 1,
        "partOf": 4,
        "participant": 2,
    }


def test_most_connected_program_first(result):
    first = result["most_connected"]["programs"][0]
    assert (first["iri"], first["label"], first["class"], first["degree"]) == (
        CLOUD,
        "云端课堂远程教学项目",
        "Project",
        4,
    )


def test_most_connected_place_first(result):
    assert result["most_connected"]["places"][0]["iri"] == KASHGAR


def test_most_connected_funders_are_the_funders(result):
    assert {row["iri"] for row in result["most_connected"]["funders"]} == {COMMAND, PUDONG, SHANGHAI}


@pytest.mark.parametrize("ranking", stats.RANKED)
def test_rankings_by_degree(result, ranking):
    degrees = [row["degree"] for row in result["most_connected"][ranking]]
    assert degrees == sorted(degrees, reverse=True)


def test_top_limits_rankings(network):
    assert len(network_stats(network, top=2)["most_connected"]["places"]) == 2


def test_betweenness_of_a_program_between_place_and_funder():
    rows = network_stats(_line(nx.MultiDiGraph()))["most_connected"]["programs"]
    assert [(row["iri"], row["betweenness"]) for row in rows] == [("p", 1.0)]


def test_equal_degree_ranked_by_betweenness():
    network = _line(_line(nx.MultiDiGraph()), program="q", place="b", funder="g")
    network.add_edge("f", "g", key="partOf")  # f is now between the two halves
    assert [row["iri"] for row in network_stats(network)["most_connected"]["funders"]] == ["f", "g"]


def test_betweenness_exact_on_a_small_network(result):
    assert result["betweenness_sample"] is None


def test_betweenness_sampled_on_a_large_network(network, monkeypatch):
    monkeypatch.setattr(stats, "BETWEENNESS_SAMPLE", 5)
    assert network_stats(network)["betweenness_sample"] == 5


def test_components(result):
    assert result["components"] == {"count": 2, "sizes": [15, 1], "isolated": 1}


def test_to_json_round_trips(result):
    assert json.loads(to_json(result)) == result


def test_to_json_keeps_chinese(result):
    assert "云端课堂远程教学项目" in to_json(result)


def to_table(result) -> str:
    return render_plain(stats_tables(result, RANKED))


def test_to_table_lists_every_section(result):
    text = to_table(result)
    assert [line for line in text.splitlines() if line.startswith("most connected")] == [
        "most connected programs",
        "most connected places",
        "most connected funders",
    ]


def test_to_table_aligns_chinese_columns(result):
    section = next(part for part in to_table(result).split("\n\n") if part.startswith("most connected places"))
    width = [
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in section.splitlines()[1:]
    ]
    assert len(set(width)) == 1


def test_to_table_components_line(result):
    assert to_table(result).splitlines()[-1] == "components: 2 (sizes: 15, 1); isolated nodes: 1"
