"""Rebuild the Atlas's own data (``data/``) and map geometry (``assets/geo/``) from the references.

The running app never reads ``../shared/reference``: this script copies and reshapes what the
Atlas needs so that ``data/`` is self-contained. Re-run it whenever new facts arrive:

    python scripts/build_data.py                 # reads ../shared/reference next to the repo
    python scripts/build_data.py --reference DIR # or any other copy of the reference folder

What it writes (all described in ``data/datapackage.json``):
- ``data/countries.csv``  every country/territory HRI reports on, ISO-3 keyed, with HRI region and
  a map anchor point (lat/lon), a ``small`` flag for states that need a marker at world zoom, and
  for large countries the extent of their main polygons (``extent_west`` … ``extent_north``), which
  region views fit instead of the centre;
- ``data/status.csv``     one row per (edition, indicator, country): yes / no / unknown. A key the
  references do not cover is written as ``unknown`` with no source: gaps are never guessed;
- ``data/sources.csv``    one row per source URL, referenced by ``source_id``;
- ``data/published_totals.csv`` HRI's published country totals per edition and indicator;
- ``data/editions.csv``   the editions, their publication year (and month where known), HRI's report
  page (``report_url``, the primary source of every fact of the edition) and the pages of its
  per-country Table 1 (``table_pages``);
- ``data/methods.csv``    each derivation rule a fact can rest on (``status.csv``'s ``method``), in plain
  words with its HRI source, copied from the reference's ``methods.csv``;
- ``data/datapackage.json`` the Frictionless descriptor of those files (``dashboard/dataset/datapackage.py``);
- ``assets/geo/world_50m.json`` Natural Earth 1:50m countries as TopoJSON with ISO-3 ids, in the
  shape plotly.js expects for ``topojsonURL`` so the map draws with no request leaving the server.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import re
import shutil
import sys
from pathlib import Path

import pycountry

from dashboard.core.indicators import INDICATORS, OPTIONAL_INDICATORS
from dashboard.dataset.datapackage import descriptor
from dashboard.dataset.load import EXTENT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"

# Editions as described in the product spec (PRODUCT.md, "Editions").
EDITIONS = [
    ("2020", "GSHR 2020", "Global State of Harm Reduction 2020", "2020"),
    ("2022", "GSHR 2022", "Global State of Harm Reduction 2022", "2022-11"),
    ("2023", "2023 update", "Global State of Harm Reduction 2023 update to key data", "2023-11"),
    ("2024", "GSHR 2024", "Global State of Harm Reduction 2024", "2024-10"),
]

# Every edition gets a full grid of the core indicators (unknown where not sourced); the optional
# ones (prisons) only in editions where the reference has at least one fact.
CORE_INDICATORS = list(INDICATORS)
# Countries whose largest shape is smaller than this (square degrees of bounding box) get a marker.
SMALL_BBOX_DEG2 = 2.0
LARGE_SPAN_DEG = 12.0  # a country whose main polygons span this much either way gets an extent
MAIN_POLYGON_SHARE = 0.15  # polygons with a box this share of the largest one's count as main
# Geometry ids the Natural Earth file leaves empty but which HRI reports on.
NAMED_FEATURES = {"Kosovo": "XKX"}
# Tuvalu is absent from Natural Earth 1:50m; its anchor is the capital, Funafuti (8.52 S, 179.20 E).
MANUAL_POINTS = {"TUV": (-8.52, 179.20)}


# Which derivation rule (methods.csv) an evidence note rests on, tried in order: (pattern, method).
METHOD_PATTERNS: list[tuple[str, str]] = [
    (r"^(Parsed|Parse ambiguous|CDC_2026|Score \d)", "Transcribed score"),
    (r"^R([1-5])\b", "R{0}"),
    (r"^Carried from 2023 \(HRI gives 94 vs 88", "R5"),
    (r"^P23 rule|^2022 status carried: 2023 update names its four", "P23"),
    (r"^P rules?\b", "P"),
    (r"^DCR (rule|complement)|DCR countries minus four", "DCR"),
    (r"MENA", "MENA 2020"),
    (r"prison-NSP|prison NSP kept|2023 update (adds|changes) only Ukraine", "Prison NSP 2022"),
]
# Bare rule codes and shorthand in the reference's notes, said in words (the note names its rule in
# the ``method`` column, which the Atlas shows and links to /methods).
NOTE_WORDS: list[tuple[str, str]] = [
    (r"^(R[1-5]|P23 rule|P rules?|DCR rule|DCR complement)( reversed)?: ", ""),
    (r"rules R5 and R3 \(no OAT removals\)", "the rules that no country stopped OAT"),
    (r"rule R5 \(no OAT removals 2023-24\)", "the rule that no country stopped OAT in 2023-24"),
    (r"^Parsed (\d{4}) table gives", r"The third-party transcription of HRI's \1 Table 1 gives"),
    (r"^Parsed (\d{4}) (score|cells)", r"The third-party transcription of HRI's \1 Table 1: \2"),
    (r"^CDC_2026 parse of GSHR (\d{4}) Table 1:", r"The third-party transcription of HRI's \1 Table 1:"),
    (r"^CDC_2026 parsed (\d{4}) cells", r"The third-party transcription of HRI's \1 Table 1 cells"),
    (r"^Parse ambiguous", "The third-party transcription is ambiguous"),
    (r"^(\d{4}) score", r"The third-party transcription's \1 score"),
    (r"^Score (\d)", r"Transcribed score \1"),
    (r"^parsed ", "transcribed "),
]


def method_of(evidence: str, kind: str) -> str:
    """The methods.csv rule a note rests on ("" for a direct quote of HRI)."""
    for pattern, method in METHOD_PATTERNS:
        if match := re.search(pattern, evidence):
            return method.format(*match.groups()) if "{0}" in method else method
    return "Transcribed score" if kind == "transcription_derived" else ""


def plain_note(evidence: str) -> str:
    """The note without rule codes (its rule is named in words beside it)."""
    for pattern, words in NOTE_WORDS:
        evidence = re.sub(pattern, words, evidence)
    return evidence[:1].upper() + evidence[1:]


def published_parts(published: str) -> tuple[str, str]:
    """("2022", "2022-11") from "2022-11"; ("2020", "") where only the year is known."""
    year, _, month = published.partition("-")
    return year, f"{year}-{month}" if month else ""


def source_id(url: str) -> str:
    """Stable short id for a source URL (same URL, same id, across rebuilds)."""
    return "src-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, fields: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def iso3_for_numeric(numeric: str) -> str | None:
    country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return country.alpha_3 if country else None


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates of every TopoJSON arc (undoing quantisation and deltas)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc)
    return points


def anchor(geometry: dict, arcs: list[list[tuple[float, float]]]) -> tuple[float, float, float]:
    """(lat, lon, bbox area) of the largest polygon's bounding-box centre: a marker anchor."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    best = None
    for polygon in polygons:
        pts = ring_points(polygon[0], arcs)
        lons, lats = [p[0] for p in pts], [p[1] for p in pts]
        if max(lons) - min(lons) > 180:  # crosses the antimeridian (Fiji, Russia): unwrap
            lons = [lon + 360 if lon < 0 else lon for lon in lons]
        area = (max(lons) - min(lons)) * (max(lats) - min(lats))
        if best is None or area > best[2]:
            lon = (min(lons) + max(lons)) / 2
            best = ((min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon, area)
    assert best is not None
    return best


def polygon_box(polygon: list[list[int]], arcs: list[list[tuple[float, float]]]) -> list[float]:
    """[west, south, east, north] of a polygon's outer ring; east past 180 if it crosses the
    antimeridian (Russia's Chukotka, Fiji)."""
    pts = ring_points(polygon[0], arcs)
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    return [min(lons), min(lats), max(lons), max(lats)]


def extent(polygons: list, arcs: list[list[tuple[float, float]]]) -> tuple[int, int, int, int] | None:
    """West, south, east, north (whole degrees, rounded outwards) of a large country's main polygons.

    Main: a bounding box at least ``MAIN_POLYGON_SHARE`` of the largest one's (so Hawaii, Svalbard
    and Kaliningrad do not stretch the box, Alaska and New Zealand's South Island do). A country whose
    main polygons span less than ``LARGE_SPAN_DEG`` either way is fitted by its centre: None. East
    goes past 180 where the country crosses the antimeridian.
    """
    boxes = [polygon_box(p, arcs) for p in polygons]
    area = [(b[2] - b[0]) * (b[3] - b[1]) for b in boxes]
    main = [b for b, a in zip(boxes, area) if a >= MAIN_POLYGON_SHARE * max(area)]
    if max(b[2] for b in main) - min(b[0] for b in main) > 180:  # parts on both sides of 180°
        main = [[w + 360, s, e + 360, n] if e <= 0 else [w, s, e, n] for w, s, e, n in main]
    west, south = min(b[0] for b in main), min(b[1] for b in main)
    east, north = max(b[2] for b in main), max(b[3] for b in main)
    if max(east - west, north - south) < LARGE_SPAN_DEG:
        return None
    return math.floor(west), math.floor(south), math.ceil(east), math.ceil(north)


def build_geometry(
    reference: Path, out_dir: Path
) -> tuple[dict[str, tuple[float, float, float]], dict[str, tuple[int, int, int, int]]]:
    """Write plotly-shaped TopoJSON; return ISO-3 -> (lat, lon, bbox area) anchors, and ISO-3 ->
    extent for the large countries."""
    topo = json.loads((reference / "geo" / "countries-50m.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    # Several features can share one ISO-3 code (Australia and Ashmore Reef): plotly.js colours
    # only the first feature with a given id, so merge them into one MultiPolygon per code.
    polygons: dict[str, list] = {}
    geometries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        iso3 = NAMED_FEATURES.get(geom.get("properties", {}).get("name", "")) or (
            iso3_for_numeric(geom["id"]) if "id" in geom else None
        )
        if not iso3 or geom["type"] not in ("Polygon", "MultiPolygon"):
            geometries.append({"type": geom["type"], "arcs": geom["arcs"]})
            continue
        parts = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        polygons.setdefault(iso3, []).extend(parts)
    # plotly.js reads each located feature's hover anchor from ``properties.ct`` ([lon, lat]);
    # without it, hovering or clicking a country throws in the browser.
    anchors: dict[str, tuple[float, float, float]] = {}
    extents: dict[str, tuple[int, int, int, int]] = {}
    for iso3, parts in polygons.items():
        merged = {"type": "MultiPolygon", "arcs": parts, "id": iso3}
        anchors[iso3] = anchor(merged, arcs)
        if anchors[iso3][2] >= SMALL_BBOX_DEG2 and (box := extent(parts, arcs)):  # not a marker state
            extents[iso3] = box
        lat, lon, _ = anchors[iso3]
        merged["properties"] = {"ct": [round(lon, 3), round(lat, 3)]}
        geometries.append(merged)
    empty = {"type": "GeometryCollection", "geometries": []}
    plotly_topo = {
        "type": "Topology",
        "transform": topo["transform"],
        "bbox": topo.get("bbox"),
        "arcs": topo["arcs"],
        "objects": {
            "countries": {"type": "GeometryCollection", "geometries": geometries},
            "land": topo["objects"]["land"],
            **{name: empty for name in ("coastlines", "ocean", "lakes", "rivers", "subunits")},
        },
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(plotly_topo, separators=(",", ":"))
    (out_dir / "world_50m.json").write_text(text, encoding="utf-8")
    shutil.copyfile(reference / "geo" / "LICENSE.world-atlas", out_dir / "LICENSE.world-atlas")
    return anchors, extents


def build_export_geometry(geo_dir: Path, tolerance: float = 0.04) -> None:
    """Write ``world_110m.json``: ``world_50m.json`` with each arc simplified (Douglas-Peucker,
    ``tolerance`` degrees, about 0.2 px on a 1920 px world map) for exported images.

    TopoJSON arcs are shared by the two countries they divide and each keeps its end points, so
    neighbours still meet exactly (topology kept). Images ask plotly for ``resolution=110``,
    which loads this file; the dashboard keeps the 50m file.
    """
    topo = json.loads((geo_dir / "world_50m.json").read_text(encoding="utf-8"))

    def simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        keep = [False] * len(points)
        keep[0] = keep[-1] = True
        stack = [(0, len(points) - 1)]
        while stack:
            first, last = stack.pop()
            (ax, ay), (bx, by) = points[first], points[last]
            dx, dy = bx - ax, by - ay
            norm = math.hypot(dx, dy)
            far, index = 0.0, 0
            for i in range(first + 1, last):
                px, py = points[i]
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
                if d > far:
                    far, index = d, i
            if far > tolerance:
                keep[index] = True
                stack += [(first, index), (index, last)]
        return [p for p, k in zip(points, keep, strict=True) if k]

    topo["arcs"] = [[[round(x, 3), round(y, 3)] for x, y in simplify(arc)] for arc in decode_arcs(topo)]
    del topo["transform"]
    (geo_dir / "world_110m.json").write_text(json.dumps(topo, separators=(",", ":")), encoding="utf-8")


def build(reference: Path, data_dir: Path, geo_dir: Path) -> dict[str, int]:
    """Rebuild every file; return a few counts for the log."""
    ref = reference / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    regions = read_csv(ref / "regions.csv")
    facts = read_csv(ref / "status.csv")
    totals = read_csv(ref / "published_totals.csv")
    reports = {r["edition"]: r for r in read_csv(ref / "editions.csv")}
    methods = read_csv(ref / "methods.csv")
    anchors, extents = build_geometry(reference, geo_dir)
    build_export_geometry(geo_dir)

    countries = []
    for row in sorted(regions, key=lambda r: r["iso3"]):
        iso3 = row["iso3"]
        if iso3 in MANUAL_POINTS:
            lat, lon, area = *MANUAL_POINTS[iso3], 0.0
        elif iso3 in anchors:
            lat, lon, area = anchors[iso3]
        else:
            sys.exit(f"no geometry or manual point for {iso3} ({row['country']})")
        countries.append(
            {
                "iso3": iso3,
                "country": row["country"],
                "region": row["hri_region"],
                "lat": round(lat, 3),
                "lon": round(lon, 3),
                "small": "true" if area < SMALL_BBOX_DEG2 else "false",
                **dict(zip(EXTENT_COLUMNS, extents.get(iso3, ("", "", "", "")))),
            }
        )
    write_csv(data_dir / "countries.csv", list(countries[0]), countries)

    sources: dict[str, str] = {}

    def sid(url: str) -> str:
        if not url:
            return ""
        sources.setdefault(url, source_id(url))
        return sources[url]

    known = {(f["edition"], f["indicator"], f["iso3"]): f for f in facts}
    present = {(f["edition"], f["indicator"]) for f in facts}
    status_rows = []
    for edition, *_ in EDITIONS:
        indicators = CORE_INDICATORS + [i for i in OPTIONAL_INDICATORS if (edition, i) in present]
        for indicator in indicators:
            for country in countries:
                fact = known.get((edition, indicator, country["iso3"]))
                status_rows.append(
                    {
                        "edition": edition,
                        "indicator": indicator,
                        "iso3": country["iso3"],
                        "status": fact["status"] if fact else "unknown",
                        "source_id": sid(fact["source_url"]) if fact else "",
                        "evidence_kind": fact["evidence_kind"] if fact else "",
                        "evidence": plain_note(fact["evidence"]) if fact else "",
                        "method": method_of(fact["evidence"], fact["evidence_kind"]) if fact else "",
                    }
                )
    unused = set(known) - {(r["edition"], r["indicator"], r["iso3"]) for r in status_rows}
    if unused:
        sys.exit(f"reference facts outside the country/edition universe: {sorted(unused)[:5]}")
    write_csv(data_dir / "status.csv", list(status_rows[0]), status_rows)

    total_rows = [
        {
            "edition": t["edition"],
            "indicator": t["indicator"],
            "countries": t["countries"],
            "source_id": sid(t["source_url"]),
        }
        for t in totals
    ]
    write_csv(data_dir / "published_totals.csv", list(total_rows[0]), total_rows)

    source_rows = [
        {"source_id": ident, "url": url, "publisher": url.split("/")[2].removeprefix("www.")}
        for url, ident in sorted(sources.items(), key=lambda kv: kv[1])
    ]
    write_csv(data_dir / "sources.csv", ["source_id", "url", "publisher"], source_rows)

    editions = []
    for e, label, title, published in EDITIONS:
        year, month = published_parts(published)
        report = reports.get(e)
        if report is None or not report["report_url"]:
            sys.exit(f"../shared/reference/data/editions.csv has no report_url for edition {e}")
        editions.append(
            {
                "edition": e,
                "label": label,
                "title": title,
                "published": year,
                "published_month": month,
                "report_url": report["report_url"],
                "table_pages": report["table_pages"],
            }
        )
    write_csv(data_dir / "editions.csv", list(editions[0]), editions)
    known_methods = {m["method"] for m in methods}
    cited = {r["method"] for r in status_rows} - {""}
    if cited - known_methods:
        sys.exit(f"status rows name rules that methods.csv does not define: {sorted(cited - known_methods)}")
    method_rows = [
        {
            "method": m["method"],
            "applies_to": m["applies_to"],
            "statement": m["statement"],
            "hri_source_url": m["hri_source_url"],
        }
        for m in methods
    ]
    write_csv(data_dir / "methods.csv", list(method_rows[0]), method_rows)
    (data_dir / "datapackage.json").write_text(json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n")
    return {"countries": len(countries), "status rows": len(status_rows), "sources": len(sources)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--geo-dir", type=Path, default=ROOT / "assets" / "geo")
    args = parser.parse_args(argv)
    counts = build(args.reference, args.data_dir, args.geo_dir)
    print("rebuilt:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
