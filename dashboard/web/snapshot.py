"""A static snapshot of the Atlas that any static host, CDN or a laptop without network can serve.

``python -m dashboard.web.snapshot DIR`` writes, per edition and indicator, a standalone HTML map (the
``/embed`` page, via :func:`dashboard.web.embed.standalone_html`), a PNG (when Chromium is present)
and the coverage CSV; plus ``index.html`` linking them, a README with citation and licence, and
``SHA256SUMS``. The pages work from ``file://``: plotly.js and the map geometry sit in
``assets/``, the geometry as a script (``window.PlotlyGeoAssets``), since browsers refuse to
fetch files from ``file://`` pages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.core.config import ROOT
from dashboard.core.i18n import N_
from dashboard.core.indicators import MAP_INDICATORS
from dashboard.core.regions import WORLD
from dashboard.core.state import ViewState
from dashboard.dataset.datapackage import descriptor
from dashboard.dataset.load import Dataset, load_dataset
from dashboard.views import exports, images
from dashboard.views.describe import DISCLAIMER, View, citation
from dashboard.web import embed, render
from dashboard.web.embed import ENV

PLOTLY_JS = embed.PLOTLY_JS
GEO_DIR = ROOT / "assets" / "geo"
TOPOJSON = "world_50m"  # the geometry plotly.js asks for at world scope and 50 m resolution
ASSET_FILES = {
    "plotly-geo.min.js": PLOTLY_JS,
    "LICENSE-plotly.js.txt": ROOT / "assets" / "vendor" / "LICENSE-plotly.js.txt",
    "LICENSE-world-atlas.txt": GEO_DIR / "LICENSE.world-atlas",
}


@dataclass(frozen=True)
class Entry:
    """The files of one edition and indicator, relative to the snapshot's root."""

    edition: str
    indicator: str
    title: str
    html: str
    csv: str
    png: str | None


def geometry_script(geo_dir: Path = GEO_DIR) -> str:
    """The topojson as a script that hands it to plotly.js before it would fetch it."""
    topojson = (geo_dir / f"{TOPOJSON}.json").read_text(encoding="utf-8")
    return (
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
        f"window.PlotlyGeoAssets.topojson[{json.dumps(TOPOJSON)}] = {topojson};\n"
    )


def map_page(dataset: Dataset, state: ViewState, assets: str) -> str:
    """The ``/embed`` page for a view, with scripts from ``assets`` and a link to the index."""
    plotly_src = f"{assets}/plotly-geo.min.js"
    page = embed.view_page(
        dataset,
        state,
        link_href="../index.html",
        link_text=N_("All maps in this snapshot"),
        plotly_js_src=plotly_src,
        topojson_url=f"{assets}/",
    )
    tag = f'<script src="{plotly_src}"></script>'
    if page.count(tag) != 1:
        raise RuntimeError("standalone_html changed: cannot place the geometry script")
    return page.replace(tag, f'<script src="{assets}/{TOPOJSON}.js"></script>\n{tag}')


def png(dataset: Dataset, state: ViewState, url: str) -> bytes:
    preset = images.PRESETS["slide"]
    texts = images.texts_for_view(dataset, state, url)
    fig = images.export_figure(images.map_for_view(dataset, state), texts, preset)
    return render.RENDERER.render(fig, "png", preset)


def index_html(dataset: Dataset, entries: list[Entry], accessed: date) -> str:
    """One row per edition, one cell per indicator: the map, its PNG and its CSV."""
    indicators = list(dict.fromkeys(e.indicator for e in entries))
    rows = []
    for edition in dict.fromkeys(e.edition for e in entries):
        cells = []
        for indicator in indicators:
            entry = next((e for e in entries if (e.edition, e.indicator) == (edition, indicator)), None)
            links = [] if entry is None else [(entry.html, "map"), (entry.png, "PNG"), (entry.csv, "CSV")]
            cells.append([(href, label) for href, label in links if href])
        rows.append((dataset.edition_labels[edition], cells))
    return ENV.get_template("snapshot_index.html").render(
        accessed=accessed.isoformat(),
        indicators=[MAP_INDICATORS[i].label for i in indicators],
        rows=rows,
    )


def readme(dataset: Dataset, editions: list[str], url: str, accessed: date) -> str:
    licence = descriptor()["licenses"][0]  # type: ignore[index]
    citations = "\n".join(f"- {citation(dataset, e, url, accessed)}" for e in editions)
    disclaimer = DISCLAIMER  # the README is in English
    return f"""# Harm Reduction Atlas: static snapshot ({accessed.isoformat()})

Maps and tables of where harm reduction services (needle and syringe programmes, opioid agonist
therapy, drug consumption rooms) exist and where national policy supports harm reduction, country
by country, per edition of Harm Reduction International's *Global State of Harm Reduction*.

Open `index.html`. Every map page works offline (from disk too): plotly.js and the map geometry
are in `assets/`. Per edition and indicator: `<edition>/<indicator>.html` (map),
`.png` (slide-sized image, when it was rendered) and `.csv` (one row per country: status, source URL,
evidence kind). Status: yes = on HRI's list for the edition; no = not on it; unknown = not (yet)
sourced in this dataset. Unknown is not no.

## Cite

Cite Harm Reduction International first:

{citations}

## Licence

{licence["name"]} ({licence["path"]}) for this compilation. The facts are Harm Reduction
International's. plotly.js: MIT (`assets/LICENSE-plotly.js.txt`). Map geometry: Natural Earth
(public domain) via world-atlas (`assets/LICENSE-world-atlas.txt`). {disclaimer}

## Checksums

`SHA256SUMS` lists every file; check with `sha256sum -c SHA256SUMS`.
"""


def write_checksums(root: Path) -> Path:
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(root).as_posix()}"
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "SHA256SUMS"
    ]
    target = root / "SHA256SUMS"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def build(
    dataset: Dataset,
    out: Path,
    editions: list[str] | None = None,
    indicators: list[str] | None = None,
    with_png: bool = True,
    url: str = "static snapshot",
    accessed: date | None = None,
    log: Callable[[str], object] = print,
) -> list[Entry]:
    """Write the snapshot into ``out`` (created; existing files are overwritten)."""
    accessed = accessed or date.today()
    editions = editions or dataset.edition_ids
    indicators = indicators or list(MAP_INDICATORS)
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for name, source in ASSET_FILES.items():
        shutil.copyfile(source, assets / name)
    (assets / f"{TOPOJSON}.js").write_text(geometry_script(), encoding="utf-8")
    entries = []
    for edition in editions:
        (out / edition).mkdir(exist_ok=True)
        for indicator in indicators:
            state = ViewState(indicator=indicator, edition=edition)
            stem = f"{edition}/{indicator}"
            (out / f"{stem}.html").write_text(map_page(dataset, state, "../assets"), encoding="utf-8")
            frame = exports.coverage(dataset, edition, WORLD, indicator)
            (out / f"{stem}.csv").write_bytes(exports.csv_bytes(frame))
            image = None
            if with_png:
                try:
                    (out / f"{stem}.png").write_bytes(png(dataset, state, url))
                    image = f"{stem}.png"
                except render.ImagesUnavailable as exc:
                    log(f"note: no PNGs ({exc})")
                    with_png = False
            title = View(dataset, state).title
            entries.append(Entry(edition, indicator, title, f"{stem}.html", f"{stem}.csv", image))
            log(f"wrote {stem}.html, .csv" + (", .png" if image else ""))
    (out / "index.html").write_text(index_html(dataset, entries, accessed), encoding="utf-8")
    (out / "README.md").write_text(readme(dataset, editions, url, accessed), encoding="utf-8")
    write_checksums(out)
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.web.snapshot", description=__doc__.split("\n")[0]
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--editions", help="comma-separated, e.g. 2023,2024 (default: all)")
    parser.add_argument("--indicators", help="comma-separated, e.g. nsp,oat (default: all)")
    parser.add_argument("--no-png", action="store_true", help="skip the PNGs (no Chromium needed)")
    parser.add_argument("--url", default="static snapshot", help="the Atlas's public URL, to cite")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    dataset = load_dataset(args.data_dir)

    def choose(value: str | None, allowed: list[str], name: str) -> list[str] | None:
        chosen = value.split(",") if value else None
        unknown = sorted(set(chosen or []) - set(allowed))
        if unknown:
            parser.error(f"unknown {name}: {', '.join(unknown)} (allowed: {', '.join(allowed)})")
        return chosen

    editions = choose(args.editions, dataset.edition_ids, "editions")
    indicators = choose(args.indicators, list(MAP_INDICATORS), "indicators")
    entries = build(dataset, args.directory, editions, indicators, not args.no_png, args.url)
    print(f"snapshot of {len(entries)} maps in {args.directory}: open {args.directory / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
