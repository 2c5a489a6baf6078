# Fixtures: tests/data/map/graph.trig, a small graph written by hand for these tests (origin:
# tests/data/README.md, heading "map"): real places and gazetteer coordinates, invented programs,
# funders and reports, one report with script payloads in its names, title, sentence and URL.
# The graphs of the funder-palette and missing-closure tests are written below, made up likewise.
import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.errors import ExportError
from kg.views import map_page
from kg.views.export import PRECISION
from kg.views.map_page import (
    FUNDER_COLOURS,
    NO_FUNDER_COLOUR,
    OTHER_FUNDERS_COLOUR,
    RING_METRES,
    TILE_URL,
    map_data,
    render_map,
    write_map,
)

GRAPH = Path(__file__).parent / "data" / "map" / "graph.trig"
RES = "https://w3id.org/aid-kg/resource/"
KASHGAR, SHUFU, SHACHE, SHANGHAI = (f"{RES}place/{code}" for code in ("653100", "653121", "653125", "310000"))
TOWNSHIP = f"{RES}place/653121-tuo-ke-zha-ke-zhen-28c59807"
WORKSHOP = f"{RES}program/hong-liu-hua-kai-ci-xiu-gong-fang-41d9a0c3"
CLASSROOM = f"{RES}program/hu-yang-ke-tang-zhi-jiao-ji-hua-8a3f6b12"
COLD_CHAIN = f"{RES}program/guo-shu-leng-lian-ji-pei-zhong-xin-c2e71d54"
CAMP = f"{RES}program/hu-ka-qing-shao-nian-yan-xue-ying-7f02b9e6"
FARM = f"{RES}program/img-shi-fan-nong-chang-6d2b8f40"
TEAM = f"{RES}org/guang-zhou-shi-yuan-jiang-shu-fu-gong-zu-5b0e2c71"
PAYLOAD_FUNDER = f"{RES}org/script-yuan-jiang-dui-a17c3e05"
GUANGDONG = f"{RES}place/440000"
DOC_A = f"{RES}doc/kashgar-aid-a-3c1d7e90"
PAYLOADS = (
    "<img src=x onerror=window.__xss=4;alert(4)>",
    "<script>window.__xss=5;alert(5)</script>",
    "<svg onload=window.__xss=6;alert(6)>",
    "<b onmouseover=window.__xss=3>",
)
PREFIXES = """
@prefix aid: <https://w3id.org/aid-kg/ontology#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix res: <https://w3id.org/aid-kg/resource/> .
"""


@pytest.fixture(scope="module")
def data():
    return map_data(GRAPH)


@pytest.fixture(scope="module")
def page(data):
    return render_map(data)


def marker(data, iri):
    return next(place for place in data["places"] if place["iri"] == iri)


def funder(data, iri):
    return next(entry for entry in data["funders"] if entry["iri"] == iri)


class _Tags(HTMLParser):
    """The start tags of a page with their attributes, and the text of its inline scripts."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = dict(attrs) if tag == "script" else None

    def handle_data(self, text):
        if self._in_script is not None:
            self.scripts.append((self._in_script, text))

    def handle_endtag(self, tag):
        self._in_script = None


def tags(page) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def payload(page) -> dict:
    return json.loads(next(text for attrs, text in tags(page).scripts if attrs.get("id") == "map-data"))


def policy(page) -> dict[str, list[str]]:
    content = next(
        attrs["content"] for _, attrs in tags(page).tags if attrs.get("http-equiv") == "Content-Security-Policy"
    )
    return {part.split()[0]: part.split()[1:] for part in content.split(";") if part.strip()}


def write_graph(folder: Path, body: str) -> Path:
    path = folder / "graph.trig"
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


# map_data


def test_a_marker_for_every_place_whose_coordinates_a_program_is_shown_at(data):
    assert {place["iri"] for place in data["places"]} == {KASHGAR, SHUFU, SHACHE, SHANGHAI}


@pytest.mark.parametrize(
    "place, programs",
    [
        (KASHGAR, {COLD_CHAIN, CLASSROOM, WORKSHOP, FARM}),
        (SHUFU, {CLASSROOM, WORKSHOP}),
        (SHACHE, {FARM}),
        (SHANGHAI, {CAMP}),
    ],
)
def test_a_marker_lists_the_programs_located_in_or_under_its_place(data, place, programs):
    found = marker(data, place)
    assert {program for group in found["groups"] for program in group["programs"]} == programs
    assert found["count"] == len(programs)


def test_a_place_without_coordinates_is_listed_at_its_nearest_ancestor_with_them(data):
    group = next(group for group in marker(data, SHUFU)["groups"] if group["iri"] == TOWNSHIP)
    assert (group["own_coordinates"], group["programs"], group["level"]) == (False, [WORKSHOP], "township")


@pytest.mark.parametrize("place", [KASHGAR, SHUFU, SHACHE, SHANGHAI])
def test_the_markers_own_place_comes_first_in_its_popup(data, place):
    assert marker(data, place)["groups"][0]["iri"] == place


def test_a_marker_takes_the_coordinates_of_its_place(data):
    found = marker(data, SHUFU)
    assert (found["lat"], found["long"]) == (39.375043, 75.862813)


def test_a_higher_level_gets_a_wider_ring(data):
    rings = [marker(data, place)["ring_m"] for place in (SHUFU, KASHGAR, SHANGHAI)]
    assert 0 < rings[0] < rings[1] < rings[2]


@pytest.mark.parametrize("smaller, larger", list(zip(PRECISION, PRECISION[1:])))
def test_ring_sizes_grow_from_site_to_province(smaller, larger):
    assert RING_METRES[smaller] < RING_METRES[larger]


def test_more_programs_make_a_bigger_marker(data):
    radii = [marker(data, place)["radius"] for place in (SHANGHAI, SHUFU, KASHGAR)]
    assert radii[0] < radii[1] < radii[2]


def test_markers_come_biggest_first_so_that_small_ones_are_drawn_on_top(data):
    counts = [place["count"] for place in data["places"]]
    assert counts == sorted(counts, reverse=True)


def test_funders_come_by_number_of_programs(data):
    assert (data["funders"][0]["iri"], data["funders"][0]["programs"]) == (TEAM, 2)


def test_every_funder_has_its_own_colour(data):
    colours = [entry["colour"] for entry in data["funders"]]
    assert len(set(colours)) == len(colours) == 4


@pytest.mark.parametrize("place, main_funder", [(SHUFU, TEAM), (KASHGAR, TEAM), (SHACHE, PAYLOAD_FUNDER)])
def test_a_marker_has_the_colour_of_the_funder_of_most_of_its_programs(data, place, main_funder):
    assert marker(data, place)["colour"] == funder(data, main_funder)["colour"]


def test_a_marker_without_funders_has_the_no_funder_colour(data):
    assert marker(data, SHANGHAI)["colour"] == NO_FUNDER_COLOUR


def test_a_funder_located_nowhere_is_not_a_marker(data):
    assert GUANGDONG not in {place["iri"] for place in data["places"]}


def test_programs_off_the_map_are_counted(data):
    assert (data["total"], data["not_on_map"]) == (7, {"no_place": 1, "no_coordinates": 1})


def test_a_program_carries_its_evidence_sentence_and_document(data):
    assert data["programs"][CAMP]["evidence"] == [{"sentence": "沪喀青少年研学营在上海市举行。", "document": DOC_A}]


def test_a_document_carries_its_title_and_link(data):
    document = data["documents"][DOC_A]
    assert (document["title"], document["url"]) == (
        "广州援疆助力疏附县产业发展",
        "https://news.example.org/kashgar/2024/0612.html",
    )


def test_a_funder_known_only_as_the_reports_aid_giver_is_marked_default(data):
    assert {"iri": GUANGDONG, "evidence": "default"} in data["programs"][CLASSROOM]["funders"]


@pytest.mark.parametrize(
    "program, field, value",
    [(CLASSROOM, "figures", ["800余人"]), (COLD_CHAIN, "dates", ["2024-06"]), (WORKSHOP, "place", TOWNSHIP)],
)
def test_a_program_carries_its_figures_dates_and_place(data, program, field, value):
    assert data["programs"][program][field] == value


def test_names_are_kept_as_written_for_the_page_to_escape(data):
    assert data["programs"][FARM]["name_zh"] == PAYLOADS[0] + "示范农场"


def test_funders_beyond_the_palette_share_one_colour(tmp_path):
    programs = "\n".join(
        f"res:program\\/p{i} a aid:Project ; aid:locatedIn res:place\\/653121 ; aid:fundedBy res:org\\/f{i} .\n"
        f'res:org\\/f{i} a aid:Organization ; rdfs:label "测试机构{i}"@zh .'
        for i in range(len(FUNDER_COLOURS) + 1)
    )
    county = 'res:place\\/653121 a aid:County ; aid:level "county" ; geo:lat 39.375043 ; geo:long 75.862813 .'
    found = map_data(write_graph(tmp_path, programs + "\n" + county))
    colours = [entry["colour"] for entry in found["funders"]]
    assert colours == [*FUNDER_COLOURS, OTHER_FUNDERS_COLOUR]


def test_a_graph_without_the_closure_still_counts_the_places_inside(tmp_path):
    body = """
    res:place\\/653100 a aid:Prefecture ; aid:level "prefecture" ; geo:lat 39.47046 ; geo:long 75.989741 .
    res:place\\/653121 a aid:County ; aid:level "county" ; geo:lat 39.375043 ; geo:long 75.862813 ;
        aid:partOf res:place\\/653100 .
    res:place\\/t a aid:Township ; aid:level "township" ; aid:partOf res:place\\/653121 .
    res:program\\/a a aid:Project ; aid:locatedIn res:place\\/t .
    res:program\\/b a aid:Project ; aid:locatedIn res:place\\/653100 .
    """
    found = map_data(write_graph(tmp_path, body))
    assert marker(found, KASHGAR)["count"] == 2


def test_a_missing_graph_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="no such graph file"):
        map_data(tmp_path / "missing.trig")


# render_map and write_map


def test_the_page_links_no_script_style_or_image_from_anywhere(page):
    linked = [(tag, attrs) for tag, attrs in tags(page).tags if tag == "link" or {"src", "href"} & set(attrs)]
    assert linked == []


def test_the_page_has_no_web_address_in_a_stylesheet(page):
    assert re.findall(r"url\((?!data:|#)[^)]*\)", page) == []


def test_the_page_carries_the_data_as_json(page, data):
    assert payload(page) == {"map": json.loads(json.dumps(data)), "tiles": None}


@pytest.mark.parametrize("markup", PAYLOADS)
def test_report_markup_never_reaches_the_page_as_markup(page, markup):
    assert markup not in page


def test_only_the_pages_own_scripts_may_run(page):
    scripts = [text for attrs, text in tags(page).scripts if not attrs]
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'" for text in scripts}
    assert (len(scripts), set(policy(page)["script-src"])) == (2, hashes)


@pytest.mark.parametrize("tiles, images", [(False, ["data:"]), (True, ["data:", "https://tile.openstreetmap.org"])])
def test_images_may_come_only_from_data_uris_and_the_tile_server_when_asked(data, tiles, images):
    assert policy(render_map(data, tiles=tiles))["img-src"] == images


@pytest.mark.parametrize("tiles, url", [(False, None), (True, TILE_URL)])
def test_tiles_are_off_unless_asked_for(data, tiles, url):
    assert payload(render_map(data, tiles=tiles))["tiles"] == url


def test_write_map_from_a_graph_and_from_its_data_writes_the_same_file(tmp_path, data):
    from_graph = write_map(GRAPH, tmp_path / "a.html")
    from_data = write_map(data, tmp_path / "b.html")
    assert from_graph == tmp_path / "a.html"
    assert from_graph.read_bytes() == from_data.read_bytes()


def test_missing_leaflet_is_an_export_error(tmp_path, data, monkeypatch):
    monkeypatch.setattr(map_page, "LEAFLET_DIR", tmp_path)
    with pytest.raises(ExportError, match="leaflet.js: cannot read"):
        render_map(data)


def test_write_map_into_a_missing_folder_is_an_export_error(tmp_path, data):
    with pytest.raises(ExportError, match="cannot write"):
        write_map(data, tmp_path / "missing" / "map.html")
