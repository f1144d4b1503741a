"""Tiny inline datasets for logic tests, built through the real loader and validator.

``make_dataset`` writes the five CSVs of a data directory into a temporary folder and calls
:func:`dashboard.dataset.load.load_dataset`, so every dataset a test uses passed the same checks as
``data/``. It fills the status grid the way ``scripts/build_data.py`` does: every edition gets every
core indicator for every country, ``unknown`` (no source) where a test gave no row; an optional
indicator (prison NSP/OAT) appears only in editions where a row names it.

    ds = make_dataset(
        [("2023", "nsp", "COL", "yes"), ("2023", "nsp", "KEN", "no")],
        totals=[("2023", "nsp", 3)],
    )

Logic tests assert whole outputs on such datasets; HRI's real numbers live only in
``tests/test_shipped_data.py``.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlparse

from dashboard.core.indicators import DATA_INDICATORS, INDICATORS, UNKNOWN
from dashboard.dataset.load import SCHEMAS, Dataset, load_dataset

# (edition, label, title, published), as in data/editions.csv.
EDITIONS: tuple[tuple[str, str, str, str], ...] = (
    ("2020", "GSHR 2020", "Global State of Harm Reduction 2020", "2020"),
    ("2022", "GSHR 2022", "Global State of Harm Reduction 2022", "2022"),
    ("2023", "2023 update", "Global State of Harm Reduction 2023 update to key data", "2023"),
    ("2024", "GSHR 2024", "Global State of Harm Reduction 2024", "2024"),
)

# (iso3, country, region, lat, lon, small), as in data/countries.csv.
COUNTRIES: tuple[tuple[str, str, str, float, float, bool], ...] = (
    ("COL", "Colombia", "Latin America", 4.099, -72.951, False),
    ("KEN", "Kenya", "sub-Saharan Africa", 0.4, 37.892, False),
    ("MLT", "Malta", "Western Europe", 35.899, 14.46, True),
    ("UKR", "Ukraine", "Eurasia", 48.794, 31.13, False),
    ("XKX", "Kosovo", "Eurasia", 42.558, 20.891, False),
)

# More real rows a test can name by ISO-3 code alone in ``countries``.
KNOWN_COUNTRIES: dict[str, tuple[str, str, str, float, float, bool]] = {
    row[0]: row
    for row in (
        *COUNTRIES,
        ("DEU", "Germany", "Western Europe", 51.091, 10.438, False),
        ("FRA", "France", "Western Europe", 46.718, 1.69, False),
        ("CAN", "Canada", "North America", 61.362, -98.308, False),
        ("AUS", "Australia", "Oceania", -25.732, 134.491, False),
        ("IRN", "Iran", "Middle East and North Africa", 32.575, 54.274, False),
        ("JAM", "Jamaica", "Caribbean", 18.157, -77.315, False),
        ("VNM", "Vietnam", "Asia", 16.646, 106.299, False),
    )
}

PUBLISHER_URL = "https://hri.global/publications/gshr-{edition}/"
DEFAULT_EVIDENCE = "hri_direct"
# published_totals.csv needs a data row; with no ``totals`` it holds (first edition, this
# indicator, number of countries), an optional indicator no card or default view shows.
PLACEHOLDER_TOTAL = "prison_oat"

Row = Sequence[str]  # (edition, indicator, iso3, status[, source_url[, evidence_kind]])


def _source_url(edition: str) -> str:
    return PUBLISHER_URL.format(edition=edition)


def _source_id(url: str, ids: dict[str, str]) -> str:
    return ids.setdefault(url, f"src-{len(ids) + 1:02d}")


def _country_row(spec: str | Sequence) -> tuple:
    if isinstance(spec, str):
        return KNOWN_COUNTRIES[spec]
    iso3, country, region, lat, lon, small = spec
    return (iso3, country, region, lat, lon, small)


def _edition_row(spec: str | Sequence[str]) -> tuple[str, str, str, str]:
    if isinstance(spec, str):
        return next(e for e in EDITIONS if e[0] == spec)
    edition, label, title, published = spec
    return (edition, label, title, published)


def _write(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                ["true" if v is True else "false" if v is False else ("" if v is None else v) for v in row]
            )


def write_data_dir(
    directory: Path,
    rows: Iterable[Row],
    *,
    countries: Iterable[str | Sequence] | None = None,
    totals: Iterable[tuple[str, str, int]] = (),
    editions: Iterable[str | Sequence[str]] | None = None,
) -> Path:
    """Write the five CSVs of a data directory (see :func:`make_dataset`) and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    edition_rows = [_edition_row(e) for e in (EDITIONS if editions is None else editions)]
    country_rows = [_country_row(c) for c in (COUNTRIES if countries is None else countries)]

    facts: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for row in rows:
        edition, indicator, iso3, status, *rest = row
        if status == UNKNOWN:
            url = rest[0] if rest else ""
            kind = rest[1] if len(rest) > 1 else ""
        else:
            url = rest[0] if rest else _source_url(edition)
            kind = rest[1] if len(rest) > 1 else DEFAULT_EVIDENCE
        key = (edition, indicator, iso3)
        if key in facts:
            raise ValueError(f"make_dataset: {key} given twice")
        facts[key] = (status, url, kind)

    source_ids: dict[str, str] = {}
    present = {(e, i) for e, i, _ in facts}
    status_rows = []
    for edition, *_ in edition_rows:
        optional = [i for i in DATA_INDICATORS if i not in INDICATORS and (edition, i) in present]
        for indicator in [*INDICATORS, *optional]:
            for iso3, *_ in country_rows:
                status, url, kind = facts.pop((edition, indicator, iso3), (UNKNOWN, "", ""))
                sid = _source_id(url, source_ids) if url else ""
                evidence = (
                    f"Test fact: {indicator} {status} in {iso3} ({edition})" if status != UNKNOWN else ""
                )
                status_rows.append((edition, indicator, iso3, status, sid, kind, evidence))
    # Rows outside the grid (unknown edition, indicator or country) are written as given, so the
    # validator reports them like it would in data/.
    for (edition, indicator, iso3), (status, url, kind) in facts.items():
        sid = _source_id(url, source_ids) if url else ""
        status_rows.append((edition, indicator, iso3, status, sid, kind, ""))

    total_rows = [
        (edition, indicator, count, _source_id(_source_url(edition), source_ids))
        for edition, indicator, count in totals
    ]
    if not total_rows:  # the loader needs one data row: see PLACEHOLDER_TOTAL
        first = edition_rows[0][0]
        total_rows = [
            (first, PLACEHOLDER_TOTAL, len(country_rows), _source_id(_source_url(first), source_ids))
        ]

    _write(directory / "editions.csv", SCHEMAS["editions.csv"], edition_rows)
    _write(directory / "countries.csv", SCHEMAS["countries.csv"], country_rows)
    _write(
        directory / "sources.csv",
        SCHEMAS["sources.csv"],
        [(sid, url, urlparse(url).hostname or "") for url, sid in source_ids.items()],
    )
    _write(directory / "status.csv", SCHEMAS["status.csv"], status_rows)
    _write(directory / "published_totals.csv", SCHEMAS["published_totals.csv"], total_rows)
    return directory


def make_dataset(
    rows: Iterable[Row],
    *,
    countries: Iterable[str | Sequence] | None = None,
    totals: Iterable[tuple[str, str, int]] = (),
    editions: Iterable[str | Sequence[str]] | None = None,
    directory: Path | None = None,
) -> Dataset:
    """A validated :class:`Dataset` from tiny inline data.

    ``rows``: (edition, indicator, iso3, status) tuples, optionally followed by source_url and
    evidence_kind; a yes/no without a URL cites the edition's HRI publication, ``hri_direct``. Every
    (edition, core indicator, country) key not given is ``unknown``, as the build writes it.
    ``countries``: ISO-3 codes from :data:`KNOWN_COUNTRIES` or full (iso3, country, hri_region, lat,
    lon, small) rows; default :data:`COUNTRIES` (Colombia, Kenya, Malta, Ukraine, Kosovo).
    ``totals``: (edition, indicator, count) for published_totals.csv. With none, the file holds
    one placeholder (first edition, :data:`PLACEHOLDER_TOTAL`, number of countries), because the
    loader needs a row; pass totals whenever a test reads them.
    ``editions``: edition ids from :data:`EDITIONS` or full (edition, label, title, published) rows;
    default all four real editions.
    ``directory``: where the CSVs go (kept: exports read them back); default a new temp dir.
    """
    target = Path(tempfile.mkdtemp(prefix="atlas-data-")) if directory is None else directory
    write_data_dir(target, rows, countries=countries, totals=totals, editions=editions)
    return load_dataset(target)
