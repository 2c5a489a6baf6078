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

import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import ExportError
from kg.query.saved import open_graph, run_query
from kg.resources import TEMPLATES_DIR, VENDOR_DIR
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
]

LEAFLET_DIR = VENDOR_DIR / "leaflet-1.9.4"
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

_PLACES = """
SELECT DISTINCT ?place ?zh ?en ?level ?site WHERE {
  ?place a/rdfs:subClassOf* aid:Place .
  OPTIONAL { ?place rdfs:label ?zh FILTER (lang(?zh) = "zh") }
  OPTIONAL { ?place rdfs:label ?en FILTER (lang(?en) = "en") }
  OPTIONAL { ?place aid:level ?level }
  BIND (EXISTS { ?place a/rdfs:subClassOf* aid:Site } AS ?site)
}
"""
_WITHIN = "SELECT ?place ?outer WHERE { ?place aid:within ?outer }"
_CSS_IMAGE = re.compile(r"url\(images/([\w.-]+)\)")
# Points at a file that is not inlined; browsers with developer tools open would ask for it.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)


def map_data(graph_path) -> dict:
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

    Returns:
        The map's data.

    Raises:
        ExportError: the graph is missing, of an unknown file type or cannot be parsed.
    """
    rows = activities(graph_path)
    store = graph_path if not isinstance(graph_path, (str, Path)) else open_graph(graph_path)
    places = _place_facts(store)
    within = defaultdict(set)
    for record in run_query(store, sparql=_WITHIN).records():
        within[record["place"]].add(record["outer"])

    programs, anchor_of, coordinates, lacking = {}, {}, {}, Counter()
    for row in rows:
        located = next((place for place in row["places"] if place["coordinates_from"]), None)
        if located is None:
            lacking["no_coordinates" if row["places"] else "no_place"] += 1
            continue
        programs[row["program"]] = _program(row, located["iri"])
        anchor_of[row["program"]] = located["coordinates_from"]
        coordinates[located["coordinates_from"]] = (located["lat"], located["long"])

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
        "not_on_map": {"no_place": lacking["no_place"], "no_coordinates": lacking["no_coordinates"]},
    }


_NO_FACTS = {"name_zh": None, "name_en": None, "level": None}
_COARSE_FIRST = {level: rank for rank, level in enumerate(reversed(PRECISION))}


def _place_facts(store) -> dict[str, dict]:
    """Place IRI → ``{"name_zh", "name_en", "level"}`` (the smallest value where there are several)."""
    facts: dict[str, dict] = defaultdict(lambda: dict(_NO_FACTS))
    for record in run_query(store, sparql=_PLACES).records():
        fact = facts[record["place"]]
        level = record["level"] or ("site" if record["site"] else None)
        for key, value in (("name_zh", record["zh"]), ("name_en", record["en"]), ("level", level)):
            if value is not None and (fact[key] is None or value < fact[key]):
                fact[key] = value
    return dict(facts)


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
