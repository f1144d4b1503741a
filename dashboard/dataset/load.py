"""Load and validate the Atlas's data directory, once, at start-up.

Every problem is reported as a :class:`DataError` naming the file, the row (as a line number, the
header being row 1) and the column, so whoever edits a CSV can go straight to the cell. Run
``python -m dashboard.dataset [DATA_DIR]`` to validate a directory and print how complete each
country list is against HRI's published totals (exit status 1 when invalid).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

import pandas as pd
import pycountry

from dashboard.core.i18n import N_
from dashboard.core.indicators import DATA_INDICATORS, NO, STATUSES, UNKNOWN, YES
from dashboard.core.regions import SLUG_BY_LABEL

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
EXTRA_ISO3 = {"XKX": "Kosovo"}  # user-assigned code, not in ISO 3166 / pycountry

# How a fact is known, in plain words (shown in the country panel and exports).
EVIDENCE_KINDS: dict[str, str] = {
    "hri_direct": N_("Named by a Harm Reduction International publication for this edition."),
    "hri_derived": N_("Follows from HRI's own statements and totals by stated arithmetic."),
    "transcription_derived": N_(
        "From a third-party transcription of HRI's country table, reconciled with HRI's totals."
    ),
}

SCHEMAS: dict[str, tuple[str, ...]] = {
    "editions.csv": ("edition", "label", "title", "published"),
    "countries.csv": ("iso3", "country", "region", "lat", "lon", "small"),
    "sources.csv": ("source_id", "url", "publisher"),
    "status.csv": ("edition", "indicator", "iso3", "status", "source_id", "evidence_kind", "evidence"),
    "published_totals.csv": ("edition", "indicator", "countries", "source_id"),
}
# West, south, east, north (degrees; east past 180 across the antimeridian) of a large country's
# main polygons, written by scripts/build_data.py from the geometry; empty for the others. Optional
# in the header (a data directory without them fits every country by its centre).
EXTENT_COLUMNS = ("extent_west", "extent_south", "extent_east", "extent_north")
# editions.csv: the month of publication where known (``YYYY-MM``), HRI's report page (the primary
# source of every fact of the edition) and the pages of its per-country Table 1. status.csv: the
# derivation rule (methods.csv) a fact rests on, empty for a direct quote of HRI.
OPTIONAL_COLUMNS = {
    "countries.csv": EXTENT_COLUMNS,
    "editions.csv": ("published_month", "report_url", "table_pages"),
    "status.csv": ("method",),
}
# Optional files: a directory without them has no stated rules (every fact links only its source).
OPTIONAL_SCHEMAS: dict[str, tuple[str, ...]] = {
    "methods.csv": ("method", "applies_to", "statement", "hri_source_url"),
}
YEAR = re.compile(r"^\d{4}$")
YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def no_methods() -> pd.DataFrame:
    """The methods frame of a data directory without methods.csv."""
    return pd.DataFrame(columns=list(OPTIONAL_SCHEMAS["methods.csv"]), dtype=object)


class DataError(ValueError):
    """A data file is malformed: says which file, row and column, and what is wrong."""

    def __init__(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.file, self.row, self.column, self.message = file, row, column, message
        where = file + (f", row {row}" if row else "") + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Row:
    """One CSV data row with the line it came from."""

    file: str
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def error(self, column: str | None, message: str) -> DataError:
        return DataError(self.file, self.line, column, message)


class LineReader(Iterator[list[str]], Protocol):
    """What ``csv.reader`` returns: records, and the line the last one ended on."""

    line_num: int


def _records(reader: LineReader, name: str) -> Iterator[list[str]]:
    """The reader's records; one the csv module cannot parse (an unclosed quote) is a DataError."""
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = f"malformed CSV from this row on ({exc}); an unclosed quote?"
            raise DataError(name, start, None, message) from None
        yield cells


def read_rows(path: Path) -> list[Row]:
    """Rows of a CSV (UTF-8, BOM and CRLF accepted), checked against its schema."""
    name = path.name
    if not path.is_file():
        raise DataError(name, None, None, f"file is missing from {path.parent}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(name, None, None, f"not valid UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise DataError(name, 1, None, "file is empty (expected a header row)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # a stray quote is an error
    records = _records(reader, name)
    header = [h.strip() for h in next(records)]
    expected = SCHEMAS.get(name) or OPTIONAL_SCHEMAS[name]
    for column in expected:
        if column not in header:
            raise DataError(name, 1, column, f"required column is missing (header: {', '.join(header)})")
    rows = []
    for cells in records:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise DataError(
                name, reader.line_num, None, f"has {len(cells)} cells, the header has {len(header)}"
            )
        rows.append(Row(name, reader.line_num, {h: c.strip() for h, c in zip(header, cells)}))
    return rows


def check_extent(row: Row) -> None:
    """All four extent cells empty, or numbers with west < east <= west + 360 and south < north."""
    cells = [row.values.get(c, "") for c in EXTENT_COLUMNS]
    if not any(cells):
        return
    try:
        west, south, east, north = (float(c) for c in cells)
    except ValueError:
        bad = next(c for c, v in zip(EXTENT_COLUMNS, cells) if not _is_number(v))
        raise row.error(bad, "an extent is four numbers (or four empty cells)") from None
    if not (-180 <= west < east <= west + 360 and east <= 360 and -90 <= south < north <= 90):
        raise row.error("extent_west", f"not a west/south/east/north box: {west}, {south}, {east}, {north}")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_unique(rows: list[Row], key: Callable[[Row], tuple], columns: str) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        k = key(row)
        if k in seen:
            raise row.error(columns, f"duplicate key {k} (first on row {seen[k]})")
        seen[k] = row.line


def check_domain(row: Row, column: str, allowed: Iterator[str] | set[str] | tuple[str, ...]) -> str:
    value = row[column]
    allowed = set(allowed)
    if value not in allowed:
        shown = ", ".join(sorted(allowed)) if len(allowed) <= 12 else f"{len(allowed)} known values"
        raise row.error(column, f"unknown value '{value}' (allowed: {shown})")
    return value


def country_name(iso3: str, fallback: str) -> str:
    """Name shown to people: pycountry's common name where one exists (translatable later).

    ISO's inverted list forms read oddly in a sentence or a sorted table, so "Palestine, State of"
    is shown as "State of Palestine" and "Congo, The Democratic Republic of the" as "Democratic
    Republic of the Congo".
    """
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return fallback
    name = getattr(country, "common_name", None) or country.name
    if ", " in name:
        head, tail = name.split(", ", 1)
        name = f"{tail} {head}".removeprefix("The ")
    return name


@dataclass
class Dataset:
    """The validated data, as pandas frames, plus the lookups every view needs."""

    editions: pd.DataFrame
    countries: pd.DataFrame  # index iso3
    sources: pd.DataFrame  # index source_id
    status: pd.DataFrame  # long: edition, indicator, iso3, status, source_id, evidence_kind, evidence
    totals: pd.DataFrame  # edition, indicator, countries, source_id
    directory: Path = field(default=DEFAULT_DATA_DIR)
    methods: pd.DataFrame = field(
        default_factory=lambda: no_methods()
    )  # method, applies_to, statement, hri_source_url

    @cached_property
    def report_urls(self) -> dict[str, str]:
        """HRI's report page per edition (the primary source of its facts; "" where not in the data)."""
        urls = self.editions["report_url"] if "report_url" in self.editions else [""] * len(self.editions)
        return {e: u or "" for e, u in zip(self.editions["edition"], urls)}

    @cached_property
    def table_pages(self) -> dict[str, str]:
        """The pages of each edition's per-country Table 1 ("" where not in the data)."""
        pages = self.editions["table_pages"] if "table_pages" in self.editions else [""] * len(self.editions)
        return {e: p or "" for e, p in zip(self.editions["edition"], pages)}

    @cached_property
    def edition_ids(self) -> list[str]:
        """The editions, oldest first (computed once: the data never changes after loading; do not
        modify the list)."""
        return list(self.editions["edition"])

    @cached_property
    def edition_labels(self) -> dict[str, str]:
        return dict(zip(self.editions["edition"], self.editions["label"]))

    @cached_property
    def edition_titles(self) -> dict[str, str]:
        return dict(zip(self.editions["edition"], self.editions["title"]))

    @cached_property
    def published(self) -> dict[tuple[str, str], int]:
        """HRI's published total per (edition, indicator)."""
        return {
            (e, i): int(n)
            for e, i, n in zip(self.totals["edition"], self.totals["indicator"], self.totals["countries"])
        }

    @cached_property
    def published_source(self) -> dict[tuple[str, str], str]:
        urls = self.sources["url"]
        return {
            (e, i): urls[s]
            for e, i, s in zip(self.totals["edition"], self.totals["indicator"], self.totals["source_id"])
        }

    @cached_property
    def long(self) -> pd.DataFrame:
        """Status rows joined with country name, region and source URL."""
        df = self.status.join(self.countries[["country", "hri_region"]], on="iso3")
        df["source_url"] = df["source_id"].map(self.sources["url"]).fillna("")
        return df

    def wide(self, edition: str) -> pd.DataFrame:
        """One row per country for an edition; per indicator its status, source URL and evidence kind."""
        return self._wide[edition]

    @cached_property
    def _wide(self) -> dict[str, pd.DataFrame]:
        out = {}
        base = self.countries[["country", "hri_region", "region", "lat", "lon", "small"]]
        extents = self.countries[list(EXTENT_COLUMNS)]  # NaN kept: no extent
        for edition, group in self.long.groupby("edition", sort=False):
            frame = base.copy()
            for indicator, rows in group.groupby("indicator", sort=False):
                rows = rows.set_index("iso3")
                frame[indicator] = rows["status"]
                frame[f"{indicator}_source"] = rows["source_url"]
                frame[f"{indicator}_evidence"] = rows["evidence_kind"]
                frame[f"{indicator}_method"] = rows["method"]
                frame[f"{indicator}_note"] = rows["evidence"]
            for indicator in DATA_INDICATORS:  # an edition without facts for one: all not known
                if indicator not in frame:
                    frame[indicator] = UNKNOWN
                    frame[f"{indicator}_source"] = ""
                    frame[f"{indicator}_evidence"] = ""
                    frame[f"{indicator}_method"] = ""
                    frame[f"{indicator}_note"] = ""
            frame = frame.fillna({c: UNKNOWN for c in DATA_INDICATORS if c in frame}).fillna("")
            out[str(edition)] = frame.join(extents)
        return out


def _validate(data_dir: Path) -> Dataset:
    rows = {name: read_rows(data_dir / name) for name in SCHEMAS}
    for name, found in rows.items():
        if not found:
            raise DataError(name, 2, None, "file has a header but no data rows")
    for name in OPTIONAL_SCHEMAS:
        if (data_dir / name).is_file():
            rows[name] = read_rows(data_dir / name)

    editions = rows["editions.csv"]
    check_unique(editions, lambda r: (r["edition"],), "edition")
    for r in editions:
        if not YEAR.match(r["published"]):
            raise r.error("published", f"'{r['published']}' is not a year (YYYY)")
        month = r.values.get("published_month", "")
        if month and not (YEAR_MONTH.match(month) and month.startswith(r["published"])):
            raise r.error("published_month", f"'{month}' is not a month (YYYY-MM) of {r['published']}")
        report = r.values.get("report_url", "")
        if report and not report.startswith(("https://", "http://")):
            raise r.error("report_url", f"'{report}' is not an http(s) URL")
    edition_ids = {r["edition"] for r in editions}

    countries = rows["countries.csv"]
    check_unique(countries, lambda r: (r["iso3"],), "iso3")
    for r in countries:
        if pycountry.countries.get(alpha_3=r["iso3"]) is None and r["iso3"] not in EXTRA_ISO3:
            raise r.error("iso3", f"unknown ISO 3166-1 alpha-3 code '{r['iso3']}'")
        check_domain(r, "region", set(SLUG_BY_LABEL))
        check_domain(r, "small", ("true", "false"))
        check_extent(r)
        for column, bound in (("lat", 90), ("lon", 180)):
            try:
                ok = abs(float(r[column])) <= bound
            except ValueError:
                ok = False
            if not ok:
                raise r.error(column, f"'{r[column]}' is not a number between -{bound} and {bound}")
    iso3s = {r["iso3"] for r in countries}

    sources = rows["sources.csv"]
    check_unique(sources, lambda r: (r["source_id"],), "source_id")
    for r in sources:
        if not r["url"].startswith(("https://", "http://")):
            raise r.error("url", f"'{r['url']}' is not an http(s) URL")
    source_ids = {r["source_id"] for r in sources}

    methods = rows.get("methods.csv", [])
    check_unique(methods, lambda r: (r["method"],), "method")
    for r in methods:
        if not r["statement"]:
            raise r.error("statement", "a rule needs its statement in plain words")
        if r["hri_source_url"] and not r["hri_source_url"].startswith(("https://", "http://")):
            raise r.error("hri_source_url", f"'{r['hri_source_url']}' is not an http(s) URL")
    method_ids = {r["method"] for r in methods}

    status = rows["status.csv"]
    check_unique(status, lambda r: (r["edition"], r["indicator"], r["iso3"]), "edition, indicator, iso3")
    for r in status:
        check_domain(r, "edition", edition_ids)
        check_domain(r, "indicator", DATA_INDICATORS)
        if r["iso3"] not in iso3s:
            raise r.error("iso3", f"'{r['iso3']}' is not in countries.csv")
        value = check_domain(r, "status", STATUSES)
        if value in (YES, NO) and not r["source_id"]:
            raise r.error("source_id", f"a '{value}' needs a source (source_id is empty)")
        if r["source_id"] and r["source_id"] not in source_ids:
            raise r.error("source_id", f"'{r['source_id']}' is not in sources.csv")
        if value in (YES, NO) or r["evidence_kind"]:
            check_domain(r, "evidence_kind", set(EVIDENCE_KINDS))
        if r.values.get("method") and r["method"] not in method_ids:
            raise r.error("method", f"'{r['method']}' is not a rule in methods.csv")

    totals = rows["published_totals.csv"]
    check_unique(totals, lambda r: (r["edition"], r["indicator"]), "edition, indicator")
    for r in totals:
        check_domain(r, "edition", edition_ids)
        check_domain(r, "indicator", DATA_INDICATORS)
        if not r["countries"].isdigit():
            raise r.error("countries", f"'{r['countries']}' is not a whole number of countries")
        if r["source_id"] not in source_ids:
            raise r.error("source_id", f"'{r['source_id']}' is not in sources.csv")
    listed: dict[tuple[str, str], int] = {}
    for r in status:
        if r["status"] == YES:
            key = (r["edition"], r["indicator"])
            listed[key] = listed.get(key, 0) + 1
    for r in totals:
        n = listed.get((r["edition"], r["indicator"]), 0)
        if n > int(r["countries"]):
            raise r.error(
                "countries",
                f"status.csv lists {n} countries with 'yes' for {r['edition']} {r['indicator']},"
                f" more than HRI's published total of {r['countries']}",
            )

    def frame(name: str) -> pd.DataFrame:
        columns = [*(SCHEMAS.get(name) or OPTIONAL_SCHEMAS[name]), *OPTIONAL_COLUMNS.get(name, ())]
        values = [{c: r.values.get(c, "") for c in columns} for r in rows[name]]
        return pd.DataFrame(values, columns=columns, dtype="string").astype(object)

    country_df = frame("countries.csv").set_index("iso3").rename(columns={"region": "hri_region"})
    country_df["country"] = [country_name(i, n) for i, n in zip(country_df.index, country_df["country"])]
    country_df["region"] = country_df["hri_region"].map(SLUG_BY_LABEL)
    country_df["lat"] = country_df["lat"].astype(float)
    country_df["lon"] = country_df["lon"].astype(float)
    country_df["small"] = country_df["small"] == "true"
    for column in EXTENT_COLUMNS:  # NaN where the country is fitted by its centre
        country_df[column] = pd.to_numeric(country_df[column].replace("", None), errors="raise")
    totals_df = frame("published_totals.csv")
    totals_df["countries"] = totals_df["countries"].astype(int)
    return Dataset(
        editions=frame("editions.csv"),
        countries=country_df,
        sources=frame("sources.csv").set_index("source_id"),
        status=frame("status.csv"),
        totals=totals_df,
        directory=data_dir,
        methods=frame("methods.csv") if "methods.csv" in rows else no_methods(),
    )


def load_dataset(data_dir: Path | str = DEFAULT_DATA_DIR) -> Dataset:
    """Read and validate every file in ``data_dir``; raise :class:`DataError` on the first problem."""
    return _validate(Path(data_dir))
