"""Tests for kg.views.network_page: the offline HTML page of a network (read as text, no browser).

Fixtures:
- tests/data/network/graph.trig (origin: tests/data/README.md, heading "network"), projected with
  kg.views.network.project.
- Hostile names (an ``<img onerror>``, a ``</script>``, a template marker) are put on nodes of
  small networks built by the tests with networkx; they are invented.
"""

import base64
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import ExportError
from kg.views import network_page as network_view
from kg.views.network import project
from kg.views.network_page import network_html, write_network_html

FIXTURE = Path(__file__).resolve().parent / "data" / "network" / "graph.trig"
RES = "https://w3id.org/aid-kg/resource/"
CLOUD = RES + "program/yun-duan-ke-tang-yuan-cheng-jiao-xue-xia-cf419c76"
ZEPU = RES + "place/653124"
IMG = '<img src=x onerror="window.kgXss=1;alert(1)">'
SCRIPT = "</script><script>window.kgXss=1;alert(1)</script>"
MARKER = "{{ vis_js|safe }}"  # as the template asks for vis-network
DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def network():
    return project(FIXTURE)


@pytest.fixture(scope="module")
def page(network):
    return network_html(network, title="喀什援疆")


def _data(page: str) -> dict:
    return json.loads(DATA.search(page)[1])


def _hostile() -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    evidence = [{"sentence": SCRIPT, "document": RES + "doc/x", "title": IMG, "url": "javascript:alert(1)"}]
    network.add_node(RES + "program/x", label_zh=IMG, label_en=SCRIPT, top="Program", evidence=evidence)
    network.add_node(RES + "place/y", label_zh=MARKER, top="Place")
    network.add_edge(RES + "program/x", RES + "place/y", key="locatedIn", predicate="locatedIn", evidence=evidence)
    return network


@pytest.mark.parametrize(
    "pattern",
    [
        r"<script[^>]+\bsrc\s*=",
        r"<link\b",
        r"@import",
        r"url\(\s*['\"]?\s*(https?:)?//",
        r"<iframe|<object|<embed",
    ],
)
def test_page_loads_nothing_from_outside(page, pattern):
    assert re.search(pattern, page, re.I) is None


def test_page_scripts_are_the_data_and_two_inline_scripts(page):
    # vis-network's code holds the text "<script>" (inside a string), but a script element ends
    # only at "</script".
    starts = re.findall(r"^<script\b[^>]*>", page, re.M)
    assert (starts, page.count("</script")) == (
        ['<script type="application/json" id="kg-data">', "<script>", "<script>"],
        3,
    )


def test_page_inlines_vis_network_once(page):
    assert page.count("@version 9.1.2") == 1


def test_content_security_policy_allows_exactly_the_inline_scripts(page):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts}
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert (set(script_src.split()[1:]), "default-src 'none'" in policy) == (hashes, True)


def test_data_has_every_node_and_edge(network, page):
    data = _data(page)
    assert (len(data["nodes"]), len(data["edges"])) == (network.number_of_nodes(), network.number_of_edges())


def test_data_node_labels(page):
    node = next(n for n in _data(page)["nodes"] if n["iri"] == CLOUD)
    assert (node["zh"], node["en"], node["top"], node["cls"], node["deg"]) == (
        "云端课堂远程教学项目",
        "Yunduan Ketang Yuanchengjiaoxue Project",
        "Program",
        "Project",
        4,
    )


def test_data_edge_evidence_points_to_sentence_and_document(network, page):
    data = _data(page)
    index = {n["iri"]: i for i, n in enumerate(data["nodes"])}
    edge = next(e for e in data["edges"] if (e["from"], e["to"], e["p"]) == (index[CLOUD], index[ZEPU], "locatedIn"))
    shown = [(data["sentences"][s], data["documents"][d]["title"], strength) for s, d, strength in edge["ev"]]
    expected = [(e["sentence"], e["title"], e["strength"]) for e in network.edges[CLOUD, ZEPU, "locatedIn"]["evidence"]]
    assert shown == expected


def test_data_funders_with_their_scope(page):
    data = _data(page)
    command = next(f for f in data["funders"] if data["nodes"][f["node"]]["zh"] == "沪喀协作前方指挥部")
    assert sorted(data["nodes"][i]["zh"] for i in command["members"]) == sorted(
        ["沪喀协作前方指挥部", "玫瑰花开助农计划", "莎车县", "云端课堂远程教学项目", "泽普县", "昆仑之歌"]
    )


def test_title_is_escaped():
    page = network_html(nx.MultiDiGraph(), title="<b>援疆</b>")
    assert ("<b>援疆</b>" in page, "<title>&lt;b&gt;援疆&lt;/b&gt;</title>" in page) == (False, True)


@pytest.mark.parametrize("text", [IMG, SCRIPT])
def test_hostile_text_is_not_markup(text):
    assert text not in network_html(_hostile())


def test_hostile_text_survives_as_data():
    data = _data(network_html(_hostile()))
    assert (data["nodes"][0]["zh"], data["nodes"][0]["en"], data["sentences"]) == (IMG, SCRIPT, [SCRIPT])


def test_marker_in_data_is_not_expanded():
    page = network_html(_hostile())
    assert (page.count("@version 9.1.2"), _data(page)["nodes"][1]["zh"]) == (1, MARKER)


def test_small_network_is_not_large(page):
    assert _data(page)["large"] is False


def test_large_network_is_drawn_cheaply(network, monkeypatch):
    monkeypatch.setattr(network_view, "LARGE_NETWORK", 5)
    assert _data(network_html(network))["large"] is True


def test_layout_gives_every_node_its_own_place(page):
    positions = [(n["x"], n["y"]) for n in _data(page)["nodes"]]
    assert len(set(positions)) == len(positions)


def test_layout_is_deterministic(network, page):
    assert network_html(network, title="喀什援疆") == page


def test_empty_network_renders():
    assert _data(network_html(nx.MultiDiGraph()))["nodes"] == []


def test_write_network_html(network, tmp_path):
    path = write_network_html(network, tmp_path / "network.html")
    assert _data(path.read_text(encoding="utf-8"))["nodes"][0]["iri"] == next(iter(network))


def test_missing_vis_network_raises(network, tmp_path, monkeypatch):
    monkeypatch.setattr(network_view, "VIS_JS", tmp_path / "vis-network.min.js")
    with pytest.raises(ExportError, match="vis-network.min.js: cannot read"):
        network_html(network)


def test_write_network_html_unwritable_raises(network, tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        write_network_html(network, tmp_path / "missing" / "network.html")
