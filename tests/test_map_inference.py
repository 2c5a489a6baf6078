"""Programs without a located place of their own, placed by what the graph says about them
(kg.views.map_page: parent program, funder, participant, the report's default pairing), the county
choropleth's data and the static figure.

Fixtures: small graphs written below (real places of Aksu and Kashgar with gazetteer coordinates;
invented programs, funders and people), and tests/data/map/graph.trig (origin: tests/data/README.md,
heading "map").
"""

from pathlib import Path

import pytest

from kg.errors import ExportError
from kg.views.map_page import map_data, write_map_figure

RES = "https://w3id.org/aid-kg/resource/"
AKSU, XINHE, KUQA, ARAL = (f"{RES}place/{code}" for code in ("652900", "652925", "652902", "659002"))
PREFIXES = """
@prefix aid: <https://w3id.org/aid-kg/ontology#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix res: <https://w3id.org/aid-kg/resource/> .
"""
PLACES = """
res:place\\/650000 a aid:Region ; aid:level "region" ; aid:adcode "650000" ; geo:lat 43.79 ; geo:long 87.63 .
res:place\\/652900 a aid:Prefecture ; aid:level "prefecture" ; aid:adcode "652900" ; geo:lat 41.168779 ;
    geo:long 80.260605 ; aid:partOf res:place\\/650000 .
res:place\\/652925 a aid:County ; aid:level "county" ; aid:adcode "652925" ; geo:lat 41.551176 ; geo:long 82.610828 ;
    aid:partOf res:place\\/652900 .
res:place\\/652902 a aid:County ; aid:level "county" ; aid:adcode "652902" ; geo:lat 41.717906 ; geo:long 82.96274 ;
    aid:partOf res:place\\/652900 .
res:place\\/659002 a aid:County ; aid:level "county" ; aid:adcode "659002" ; geo:lat 40.547653 ; geo:long 81.280525 ;
    aid:partOf res:place\\/650000 .
res:place\\/330000 a aid:Province ; aid:level "province" ; aid:adcode "330000" ; geo:lat 30.26 ; geo:long 120.15 .
"""


def build(tmp_path: Path, body: str) -> dict:
    path = tmp_path / "graph.trig"
    path.write_text(PREFIXES + PLACES + body, encoding="utf-8")
    return map_data(path)


def default_pairing(giver: str, place: str, name: str) -> str:
    return f"""
    {giver} aid:pairedWith {place} .
    res:stmt\\/{name} rdf:subject {giver} ; rdf:predicate aid:pairedWith ; rdf:object {place} ;
        aid:evidenceStrength "default" ."""


def test_a_program_in_a_located_program_is_placed_with_it(tmp_path):
    found = build(tmp_path, """
    res:program\\/whole a aid:Project ; aid:locatedIn res:place\\/652925 .
    res:program\\/part a aid:Project ; aid:partOf res:program\\/whole .""")
    part = found["programs"][f"{RES}program/part"]
    assert (part["place"], part["inferred"], found["inferred"]) == (XINHE, "parent", {"parent": 1})


def test_a_program_whose_funder_is_located_is_placed_there(tmp_path):
    found = build(tmp_path, """
    res:org\\/team a aid:Organization ; aid:locatedIn res:place\\/652902 .
    res:program\\/p a aid:Project ; aid:fundedBy res:org\\/team .""")
    assert found["programs"][f"{RES}program/p"]["place"] == KUQA
    assert found["programs"][f"{RES}program/p"]["inferred"] == "funder"


def test_a_program_with_a_located_participant_is_placed_there(tmp_path):
    found = build(tmp_path, """
    res:person\\/doctor a aid:Person ; aid:affiliatedWith res:org\\/hospital .
    res:org\\/hospital a aid:Organization ; aid:locatedIn res:place\\/652925 .
    res:program\\/p a aid:Project ; aid:participant res:person\\/doctor .""")
    assert (found["programs"][f"{RES}program/p"]["place"], found["not_on_map"]["no_place"]) == (XINHE, 0)


def test_the_reports_default_pairing_places_a_program_at_the_place_its_other_programs_are(tmp_path):
    body = """
    res:org\\/command a aid:Organization ; aid:partOf res:place\\/330000 .
    res:program\\/located a aid:Project ; aid:locatedIn res:place\\/652925 .
    res:program\\/p a aid:Project ; aid:fundedBy res:org\\/command .""" + default_pairing(
        "res:place\\/330000", "res:place\\/652900", "a") + default_pairing("res:place\\/330000", "res:place\\/659002", "b")
    found = build(tmp_path, body)
    assert (found["programs"][f"{RES}program/p"]["place"], found["inferred"]) == (AKSU, {"default": 1})


def test_places_that_tie_give_the_smallest_place_that_holds_them(tmp_path):
    body = """
    res:org\\/command a aid:Organization ; aid:partOf res:place\\/330000 .
    res:program\\/p a aid:Project ; aid:fundedBy res:org\\/command .""" + default_pairing(
        "res:place\\/330000", "res:place\\/652925", "a") + default_pairing("res:place\\/330000", "res:place\\/652902", "b")
    assert build(tmp_path, body)["programs"][f"{RES}program/p"]["place"] == AKSU


def test_a_program_with_nothing_to_place_it_by_is_counted_as_missing(tmp_path):
    found = build(tmp_path, "res:program\\/p a aid:Project .")
    assert (found["programs"], found["not_on_map"]) == ({}, {"no_place": 1, "no_coordinates": 0})


def test_counties_count_the_programs_in_them_and_their_funds(tmp_path):
    found = build(tmp_path, """
    res:program\\/p a aid:Project ; aid:locatedIn res:place\\/652925 .
    res:program\\/q a aid:Project ; aid:locatedIn res:place\\/652925 .
    res:figure\\/f a aid:Figure ; aid:figureOf res:program\\/q ; aid:value 1.5 ; aid:unit "亿元" .""")
    area = found["areas"][0]
    assert (area["code"], area["count"], area["funds"], area["funded"]) == ("652925", 2, 15000.0, 1)


def test_the_page_inlines_the_boundaries_of_the_regions_with_programs(tmp_path):
    found = build(tmp_path, "res:program\\/p a aid:Project ; aid:locatedIn res:place\\/652925 .")
    levels = found["boundaries"]["levels"]
    assert len(levels["province"]) == 34 and len(levels["country"]) == 1
    assert {f["code"][:4] for f in levels["county"]} == {"6529"}
    assert {f["code"][:2] for f in levels["prefecture"]} == {"65"}


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_static_figure_is_written(tmp_path, suffix):
    found = build(tmp_path, "res:program\\/p a aid:Project ; aid:locatedIn res:place\\/652925 .")
    path = write_map_figure(found, tmp_path / f"map{suffix}")
    assert path.stat().st_size > 10_000


def test_a_figure_of_another_format_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="a figure is .png or .svg"):
        write_map_figure({}, tmp_path / "map.pdf")
