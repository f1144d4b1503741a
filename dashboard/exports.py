"""Tables for download: pure functions from the dataset and a view to CSV/JSON-ready data.

Column names are stable snake_case (analysts script against them) and stay English in every
language. CSV cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import Dataset
from dashboard.indicators import INDICATORS, SERVICE_IDS, services_category
from dashboard.regions import WORLD

BASE_COLUMNS = ["iso3", "country", "region", "edition"]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def indicator_columns(indicator: str | None) -> list[str]:
    """The per-indicator columns of a coverage table: status, source URL, evidence kind."""
    if indicator is None:
        ids = list(INDICATORS)
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
        wide = dataset.wide(ed)
        if region != WORLD:
            wide = wide[wide["region"] == region]
        frame = wide.reset_index().rename(columns={"index": "iso3"})
        frame["region"] = frame["hri_region"]
        frame["edition"] = ed
        if indicator == "services":
            frame["services"] = [
                services_category(list(s)) for s in frame[list(SERVICE_IDS)].itertuples(index=False)
            ]
        frames.append(frame[BASE_COLUMNS + indicator_columns(indicator)])
    return pd.concat(frames, ignore_index=True)


def neutralise(value: object) -> object:
    """Prefix a quote to text a spreadsheet would evaluate as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text (UTF-8, no BOM, LF line endings) with formula-like cells neutralised."""
    safe = frame.map(neutralise)
    return safe.to_csv(index=False, lineterminator="\n")


def to_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return frame.to_dict(orient="records")
