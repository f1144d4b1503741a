"""Tables and files for download: pure functions from the dataset and a view to bytes.

Column names are stable snake_case (analysts script against them) and stay English in every
language. CSV cells that a spreadsheet would run as a formula are neutralised. CSV is UTF-8 without
a byte-order mark (what scripts expect); ``bom=True`` adds one so Excel on Windows reads accents.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
import zipfile
from datetime import date
from typing import Any, cast

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from dashboard.core.i18n import translator
from dashboard.core.indicators import DATA_INDICATORS, SERVICE_IDS, STATUS_INDICATORS, services_categories
from dashboard.core.regions import WORLD, region_rows
from dashboard.dataset.datapackage import descriptor
from dashboard.dataset.load import EVIDENCE_KINDS, OPTIONAL_COLUMNS, SCHEMAS, Dataset
from dashboard.views.describe import citation

BASE_COLUMNS = ["iso3", "country", "region", "edition"]
FULL_COLUMNS = [
    "edition", "iso3", "country", "region", "indicator", "status", "source_url", "evidence_kind", "evidence"
]  # fmt: skip
FULL_FILE = "harm-reduction-atlas_data.csv"
COVERAGE_FILE = "harm-reduction-atlas_coverage_all.csv"
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
WIDTH = 96  # README line length


def indicator_columns(indicator: str | None) -> list[str]:
    """The per-indicator columns of a coverage table: status, source URL, evidence kind."""
    if indicator is None:
        ids = list(DATA_INDICATORS)
    elif indicator == "services":
        ids = list(SERVICE_IDS)
    else:
        ids = [indicator]
    cols = [c for i in ids for c in (i, f"{i}_source", f"{i}_evidence")]
    return cols + (["services"] if indicator == "services" else [])


def coverage(
    dataset: Dataset, edition: str, region: str = WORLD, indicator: str | None = None
) -> pd.DataFrame:
    """One row per country (per edition when ``edition == "all"``), sorted by edition then ISO-3."""
    editions = dataset.edition_ids if edition == "all" else [edition]
    frames = []
    for ed in editions:
        wide = region_rows(dataset.wide(ed), dataset.countries["region"], region)
        frame = wide.reset_index().rename(columns={"index": "iso3"})
        frame["region"] = frame["hri_region"]
        frame["edition"] = ed
        if indicator == "services":
            frame["services"] = services_categories(frame)
        frames.append(frame[BASE_COLUMNS + indicator_columns(indicator)])
    return pd.concat(frames, ignore_index=True)


def neutralise(value: object) -> object:
    """Prefix a quote to text a spreadsheet would evaluate as a formula (CSV injection).

    Plain numbers (a longitude of ``-11.9``) are left alone: a spreadsheet reads them as numbers,
    not formulas, and quoting them would break typed readers (the data package says ``number``).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text (LF line endings) with formula-like cells neutralised."""
    safe = frame.map(neutralise)
    return safe.to_csv(index=False, lineterminator="\n")


def csv_bytes(frame: pd.DataFrame, bom: bool = False) -> bytes:
    """UTF-8 CSV bytes; ``bom`` prepends U+FEFF, which Excel on Windows needs to detect UTF-8."""
    return to_csv(frame).encode("utf-8-sig" if bom else "utf-8")


def to_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return frame.to_dict(orient="records")


def full_data(dataset: Dataset) -> pd.DataFrame:
    """Every edition in long format: one row per (edition, country, indicator), optional ones included.

    Sorted by edition (oldest first), ISO-3, then indicator in the Atlas's order.
    """
    frame = dataset.long.rename(columns={"hri_region": "region"})
    frame = frame.assign(
        _e=frame["edition"].map({e: n for n, e in enumerate(dataset.edition_ids)}),
        _i=frame["indicator"].map({i: n for n, i in enumerate(DATA_INDICATORS)}),
    )
    frame = frame.sort_values(["_e", "iso3", "_i"], kind="stable")
    return frame[FULL_COLUMNS].fillna("").reset_index(drop=True)


def readme_text(dataset: Dataset, url: str, accessed: date, lang: str = "en") -> str:
    """README for the bundle and the README sheet: what the files are, how to cite, the licence.

    Written in ``lang``; file names, column names, status values and the citation stay as they
    are in the files (English), so a reader can match the text to the data.
    """
    t = translator(lang)
    licence = descriptor()["licenses"][0]  # type: ignore[index]
    evidence = "\n".join(f"  {kind}: {t(text)}" for kind, text in EVIDENCE_KINDS.items())

    def para(text: str) -> str:
        return textwrap.fill(text, WIDTH)

    files = "\n".join(
        textwrap.fill(f"{name}: {text}", WIDTH, initial_indent="  ", subsequent_indent="    ")
        for name, text in (
            (FULL_FILE, t("every edition, one row per (edition, country, indicator).")),
            (
                COVERAGE_FILE,
                t("every edition, one row per (edition, country), one column group per indicator."),
            ),
            (", ".join(SCHEMAS), t("the Atlas's tidy source tables.")),
            ("datapackage.json", t("Frictionless Data Package descriptor (fields, types, allowed values).")),
        )
    )
    heading = t("Harm Reduction Atlas: harm reduction services and national policy support by country")
    licence_text = t(
        "Licence: {licence} ({path}) for this compilation. The facts are Harm Reduction International's,"
        " from its Global State of Harm Reduction; every yes or no row names its source URL."
    ).format(licence=licence["name"], path=licence["path"])
    status = t(
        "Status: yes = on HRI's list for the edition; no = not on it; unknown = not (yet) sourced in this"
        " dataset. Unknown is not no."
    )
    downloaded = t("Downloaded from {url} on {date}.").format(url=url, date=accessed.isoformat())
    cite, listing, kinds = (
        t("Cite Harm Reduction International first:"),
        t("Files:"),
        t("How a fact is known (evidence_kind):"),
    )
    return f"""{heading}

{cite}
  {citation(dataset, "all", url, accessed)}

{para(licence_text)}

{listing}
{files}

{para(status)}

{kinds}
{evidence}

{para(downloaded)}
"""


def package_descriptor() -> dict[str, object]:
    """The data package of the bundle: the tidy tables plus the two derived downloads."""
    package = descriptor()
    evidence = next(f for f in _status_fields() if f["name"] == "evidence_kind")
    status = next(f for f in _status_fields() if f["name"] == "status")
    full_fields = [
        {"name": "edition", "type": "string", "description": "Edition id."},
        {"name": "iso3", "type": "string", "description": "ISO 3166-1 alpha-3 code (Kosovo: XKX)."},
        {"name": "country", "type": "string", "description": "English country name."},
        {"name": "region", "type": "string", "description": "HRI region."},
        {"name": "indicator", "type": "string", "description": "Indicator id.",
         "constraints": {"enum": list(DATA_INDICATORS)}},
        status,
        {"name": "source_url", "type": "string", "description": "Source URL; empty for unknown."},
        evidence,
        {"name": "evidence", "type": "string", "description": "Short note on the rule or quote used."},
    ]  # fmt: skip
    coverage_fields: list[dict[str, object]] = [
        {"name": "iso3", "type": "string", "description": "ISO 3166-1 alpha-3 code (Kosovo: XKX)."},
        {"name": "country", "type": "string", "description": "English country name."},
        {"name": "region", "type": "string", "description": "HRI region."},
        {"name": "edition", "type": "string", "description": "Edition id."},
    ]
    for i in DATA_INDICATORS:
        coverage_fields += [
            {**status, "name": i, "description": f"{STATUS_INDICATORS[i].label}: {status['description']}"},
            {"name": f"{i}_source", "type": "string", "description": f"Source URL of {i}."},
            {**evidence, "name": f"{i}_evidence"},
        ]
    for path, fields, key in (
        (FULL_FILE, full_fields, ["edition", "iso3", "indicator"]),
        (COVERAGE_FILE, coverage_fields, ["edition", "iso3"]),
    ):
        cast(list[dict[str, object]], package["resources"]).append(
            {
                "name": path.removesuffix(".csv").replace("_", "-"),
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": key},
            }
        )
    return package


def _status_fields() -> list[dict[str, object]]:
    resources = cast(list[dict[str, Any]], descriptor()["resources"])
    return next(r for r in resources if r["path"] == "status.csv")["schema"]["fields"]


def source_table(dataset: Dataset, name: str) -> pd.DataFrame:
    """One tidy table of the dataset as read from ``data/`` (columns in schema order, optional
    ones empty where the directory has none, as the data package declares them all)."""
    columns = [*SCHEMAS[name], *OPTIONAL_COLUMNS.get(name, ())]
    table = pd.read_csv(dataset.directory / name, dtype=str, keep_default_na=False)
    return table.reindex(columns=columns, fill_value="")


def bundle_zip(dataset: Dataset, url: str, accessed: date, lang: str = "en") -> bytes:
    """Zip of every table (neutralised CSV), ``datapackage.json`` and ``README.txt`` (in ``lang``)."""
    members = {
        "README.txt": readme_text(dataset, url, accessed, lang).encode("utf-8"),
        "datapackage.json": json.dumps(package_descriptor(), indent=2, ensure_ascii=False).encode("utf-8"),
        FULL_FILE: csv_bytes(full_data(dataset)),
        COVERAGE_FILE: csv_bytes(coverage(dataset, "all")),
        **{name: csv_bytes(source_table(dataset, name)) for name in SCHEMAS},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(accessed.year, accessed.month, accessed.day, 0, 0, 0))
            info.external_attr = (
                0o644 << 16
            )  # readable by everyone once extracted (writestr's default is 0600)
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, data)
    return out.getvalue()


def to_xlsx(frame: pd.DataFrame, readme: str, sheet: str = "data") -> bytes:
    """Workbook with a README sheet first (citation, licence, meanings) and the data sheet."""
    book = Workbook()
    notes = book.active
    notes.title = "README"
    for line in readme.splitlines():
        notes.append([neutralise(line.strip()) if line.strip() else None])
    notes.column_dimensions["A"].width = 110
    notes["A1"].font = Font(bold=True)
    data = book.create_sheet(sheet)
    data.append(list(frame.columns))
    for cell in data[1]:
        cell.font = Font(bold=True)
    for row in frame.map(neutralise).itertuples(index=False):
        data.append(list(row))
    data.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
