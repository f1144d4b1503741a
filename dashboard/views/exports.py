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
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, cast

import pandas as pd
import sqlite_utils
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard.core.i18n import format_number, plural_translator, translator
from dashboard.core.indicators import DATA_INDICATORS, SERVICE_IDS, STATUS_INDICATORS, services_categories
from dashboard.core.regions import WORLD, region_label, region_rows
from dashboard.dataset.datapackage import descriptor
from dashboard.dataset.load import EVIDENCE_KINDS, OPTIONAL_COLUMNS, OPTIONAL_SCHEMAS, SCHEMAS, Dataset
from dashboard.views.describe import citation
from dashboard.views.sources import METHODS_PATH

BASE_COLUMNS = ["iso3", "country", "region", "edition"]
FULL_COLUMNS = [
    "edition", "iso3", "country", "region", "indicator", "status", "primary_source", "source_url",
    "evidence_kind", "method", "evidence",
]  # fmt: skip
TABLES = [*SCHEMAS, *OPTIONAL_SCHEMAS]  # the tidy source tables, in the data package's order
SERVED_DATA = "data/"  # the served descriptor's paths: /api/v1/data/<file>, beside /api/v1/datapackage.json
FULL_FILE = "harm-reduction-atlas_data.csv"
COVERAGE_FILE = "harm-reduction-atlas_coverage_all.csv"
PRIMARY_DESCRIPTION = (
    "HRI's report for the edition (editions.csv report_url): the primary source of the fact;"
    " empty for unknown."
)
SOURCE_DESCRIPTION = (
    "How the fact was read (for transcription_derived: a third-party transcription of the report's"
    " Table 1, not the source itself); empty for unknown."
)
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
WIDTH = 96  # README line length


def indicator_columns(indicator: str | None) -> list[str]:
    """The per-indicator columns of a coverage table: status, HRI's report (the primary source),
    the fact's own source URL, evidence kind."""
    if indicator is None:
        ids = list(DATA_INDICATORS)
    elif indicator == "services":
        ids = list(SERVICE_IDS)
    else:
        ids = [indicator]
    cols = [c for i in ids for c in (i, f"{i}_primary_source", f"{i}_source", f"{i}_evidence")]
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
        report = dataset.report_urls.get(ed, "")
        for i in DATA_INDICATORS:  # HRI's report for every fact with a source; none for not known
            frame[f"{i}_primary_source"] = [report if s else "" for s in frame[f"{i}_source"]]
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
    reports = frame["edition"].map(dataset.report_urls).fillna("")
    frame["primary_source"] = reports.where(frame["source_url"].fillna("") != "", "")
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
            (", ".join(TABLES), t("the Atlas's tidy source tables.")),
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
    primary = t(
        "Every fact's primary source is HRI's report for its edition (primary_source, editions.csv"
        " report_url). source_url is how the fact was read: for transcription_derived rows, a third-party"
        " transcription of the report's Table 1, never the source itself. Each rule a fact rests on"
        " (method) is explained in words, with its HRI source, at {methods}."
    ).format(methods=methods_url(url, lang))
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

{para(primary)}

{kinds}
{evidence}

{para(downloaded)}
"""


def methods_url(url: str, lang: str = "en") -> str:
    """The absolute /methods address for a README (``url``: the app's root URL)."""
    return url.rstrip("/") + METHODS_PATH + (f"?lang={lang}" if lang != "en" else "")


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
        {"name": "primary_source", "type": "string", "description": PRIMARY_DESCRIPTION},
        {"name": "source_url", "type": "string", "description": SOURCE_DESCRIPTION},
        evidence,
        {"name": "method", "type": "string", "description": "Rule the fact rests on (methods.csv)."},
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
            {"name": f"{i}_primary_source", "type": "string", "description": f"{i}: {PRIMARY_DESCRIPTION}"},
            {"name": f"{i}_source", "type": "string", "description": f"{i}: {SOURCE_DESCRIPTION}"},
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


def served_descriptor() -> dict[str, object]:
    """The descriptor as served at /api/v1/datapackage.json: each path is the served file
    (``data/<file>``, relative to the descriptor), so ``frictionless validate <url>`` reads them."""
    package = package_descriptor()
    for resource in cast(list[dict[str, Any]], package["resources"]):
        resource["path"] = SERVED_DATA + resource["path"]
    return package


def served_files(dataset: Dataset) -> dict[str, Callable[[], bytes]]:
    """The files the served descriptor names, by file name, as builders of their bytes."""
    return {
        FULL_FILE: lambda: csv_bytes(full_data(dataset)),
        COVERAGE_FILE: lambda: csv_bytes(coverage(dataset, "all")),
        **{name: partial(_table_bytes, dataset, name) for name in TABLES},
    }


def _table_bytes(dataset: Dataset, name: str) -> bytes:
    return csv_bytes(source_table(dataset, name))


def _status_fields() -> list[dict[str, object]]:
    resources = cast(list[dict[str, Any]], descriptor()["resources"])
    return next(r for r in resources if r["path"] == "status.csv")["schema"]["fields"]


def source_table(dataset: Dataset, name: str) -> pd.DataFrame:
    """One tidy table of the dataset as read from ``data/`` (columns in schema order, optional
    ones empty where the directory has none, as the data package declares them all)."""
    columns = [*(SCHEMAS.get(name) or OPTIONAL_SCHEMAS[name]), *OPTIONAL_COLUMNS.get(name, ())]
    path = dataset.directory / name
    if not path.is_file():  # an optional file the directory does not have: its header alone
        return pd.DataFrame(columns=columns)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return table.reindex(columns=columns, fill_value="")


def bundle_zip(dataset: Dataset, url: str, accessed: date, lang: str = "en") -> bytes:
    """Zip of every table (neutralised CSV), ``datapackage.json`` and ``README.txt`` (in ``lang``)."""
    members = {
        "README.txt": readme_text(dataset, url, accessed, lang).encode("utf-8"),
        "datapackage.json": json.dumps(package_descriptor(), indent=2, ensure_ascii=False).encode("utf-8"),
        FULL_FILE: csv_bytes(full_data(dataset)),
        COVERAGE_FILE: csv_bytes(coverage(dataset, "all")),
        **{name: csv_bytes(source_table(dataset, name)) for name in TABLES},
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


def xlsx_readme(
    dataset: Dataset,
    frame: pd.DataFrame,
    view: dict[str, str | None],
    url: str,
    accessed: date,
    lang: str = "en",
) -> list[str]:
    """The README sheet of one coverage workbook, in whole sentences: what THIS file holds (its
    editions with HRI's report for each, region, indicator, rows), how to cite it, the licence.

    ``view``: ``edition`` (an id or "all"), ``region`` and ``indicator`` (None: every indicator).
    """
    t, nt = translator(lang), plural_translator(lang)
    licence = descriptor()["licenses"][0]  # type: ignore[index]
    editions = list(dict.fromkeys(frame["edition"])) if len(frame) else []
    region = view.get("region") or WORLD
    indicator = view.get("indicator")
    where = (
        t("the whole world")
        if region == WORLD
        else t("the region {region}").format(region=t(region_label(region)))
    )
    what = (
        t("every indicator")
        if indicator is None
        else t("the indicator {indicator}").format(indicator=indicator)
    )
    lines = [
        t("Harm Reduction Atlas: harm reduction services and national policy support by country"),
        "",
        nt(
            "This workbook holds one row per country and edition for {where} and {what}: {rows} row on"
            " the sheet “coverage”, with a filter on every column.",
            "This workbook holds one row per country and edition for {where} and {what}: {rows} rows on"
            " the sheet “coverage”, with a filter on every column.",
            len(frame),
        ).format(where=where, what=what, rows=format_number(len(frame), lang)),
        t("It holds these editions of Harm Reduction International's Global State of Harm Reduction:"),
    ]
    for edition in editions:
        lines.append(
            t("{label}: {title}, {url}").format(
                label=t(dataset.edition_labels[edition]),
                title=t(dataset.edition_titles[edition]),
                url=dataset.report_urls.get(edition, "") or t("no report page in the data"),
            )
        )
    lines += [
        "",
        t("Cite Harm Reduction International first:"),
        citation(dataset, editions[0] if len(editions) == 1 else "all", url, accessed),
        "",
        t(
            "For each indicator, the column with its id holds the status: yes = on HRI's list for the"
            " edition; no = not on it; unknown = not (yet) sourced in this dataset. Unknown is not no."
        ),
        t(
            "The _primary_source column links HRI's report for the edition, the primary source of every"
            " fact. The _source column says how the fact was read: for transcription_derived rows, a"
            " third-party transcription of the report's Table 1, never the source itself."
        ),
        t("The _evidence column says how the fact is known:"),
        *[f"{kind}: {t(text)}" for kind, text in EVIDENCE_KINDS.items()],
        t("Each rule a fact rests on is explained in words, with its HRI source, at {methods}.").format(
            methods=methods_url(url, lang)
        ),
        "",
        t(
            "Licence: {licence} ({path}) for this compilation. The facts are Harm Reduction"
            " International's, from its Global State of Harm Reduction; every yes or no row names its"
            " source URL."
        ).format(licence=licence["name"], path=licence["path"]),
        t("Downloaded from {url} on {date}.").format(url=url, date=accessed.isoformat()),
    ]
    return lines


MAX_WIDTH = 60  # characters: a URL column is cut off at this width (the link still works)


def to_xlsx(frame: pd.DataFrame, readme: str | list[str], sheet: str = "data") -> bytes:
    """Workbook: a README sheet first (whole sentences about this file), then the data sheet with
    an autofilter over every column, a frozen header, widths that fit, and URLs as real links."""
    book = Workbook()
    notes = book.active
    notes.title = "README"
    lines = readme.splitlines() if isinstance(readme, str) else readme
    for line in lines:
        text = line.strip()
        notes.append([neutralise(text) if text else None])
        cell = notes.cell(row=notes.max_row, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if text.startswith(("https://", "http://")) or ", https://" in text:
            link = text[text.index("http") :]
            if " " not in link:
                cell.hyperlink = link
                cell.font = Font(color="0B5CAD", underline="single")
    notes.column_dimensions["A"].width = 110
    notes["A1"].font = Font(bold=True, size=13)
    data = book.create_sheet(sheet)
    data.append(list(frame.columns))
    for cell in data[1]:
        cell.font = Font(bold=True)
    safe = frame.map(neutralise)
    url_columns = {
        n for n, c in enumerate(frame.columns, start=1) if c.endswith(("_source", "source_url", "_url"))
    }
    for row in safe.itertuples(index=False):
        data.append(list(row))
    for column in url_columns:
        for (cell,) in data.iter_rows(min_row=2, min_col=column, max_col=column):
            if isinstance(cell.value, str) and cell.value.startswith(("https://", "http://")):
                cell.hyperlink = cell.value
                cell.font = Font(color="0B5CAD", underline="single")
    for n, name in enumerate(frame.columns, start=1):
        longest = max([len(str(name)), *(len(str(v)) for v in frame[name].head(500))])
        data.column_dimensions[get_column_letter(n)].width = min(MAX_WIDTH, longest + 2)
    data.freeze_panes = "B2"
    if len(frame.columns):
        data.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(1, len(frame) + 1)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sqlite_bytes(dataset: Dataset) -> bytes:
    """The whole dataset as one SQLite file (built with sqlite-utils): the tidy tables with their
    primary and foreign keys, and a wide view per edition (``coverage_2024``: one row per country,
    one status column per indicator, with HRI's report), for ``datasette`` or any SQL client."""
    db = sqlite_utils.Database(memory=True)
    package = descriptor()
    resources = {r["path"]: r for r in cast(list[dict[str, Any]], package["resources"])}
    types = {"integer": int, "number": float, "boolean": bool, "year": int}
    for name in TABLES:
        table = source_table(dataset, name)
        schema = resources[name]["schema"]
        columns = {f["name"]: types.get(str(f["type"]), str) for f in schema["fields"]}
        rows = []
        for record in table.to_dict(orient="records"):
            row: dict[str, object] = {}
            for column, kind in columns.items():
                value = record.get(column, "")
                if value == "":
                    row[column] = None
                elif kind is bool:
                    row[column] = value == "true"
                else:
                    row[column] = kind(value)
            rows.append(row)
        keys = schema["primaryKey"]
        created = db.table(name.removesuffix(".csv"))
        created.create(columns, pk=keys[0] if len(keys) == 1 else tuple(keys))  # even with no rows
        created.insert_all(rows)
    for name in TABLES:
        for key in resources[name]["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"].replace("-", "_")
            db.table(name.removesuffix(".csv")).add_foreign_key(
                key["fields"], target, key["reference"]["fields"]
            )
    indicators = [i for i in DATA_INDICATORS if i in set(dataset.status["indicator"])]
    for edition in dataset.edition_ids:
        pivots = ",\n  ".join(
            f"max(case when s.indicator = '{i}' then s.status end) as {i}" for i in indicators
        )
        db.create_view(
            f"coverage_{edition}",
            f"""select c.iso3, c.country, c.region, s.edition, e.report_url as primary_source,
  {pivots}
from status s join countries c on c.iso3 = s.iso3 join editions e on e.edition = s.edition
where s.edition = '{edition}'
group by c.iso3 order by c.iso3""",
        )
    return db.conn.serialize()
