"""The data behind the views beside the map: trend, changes and regions (pure: dataset + view in, frame out).

Each builder returns exactly what its view shows and what ``/api/v1/<view>.csv|json`` sends, so the
page, the image, the embed and the download cannot disagree. The words about them are in
:mod:`dashboard.views.describe`.

- :func:`trend_table`: per indicator and edition, HRI's published total (world only; null where
  HRI's count is not in the data) and how many countries the data names.
- :func:`changes_table`: the named countries whose status moved between two editions; moves from
  or to "not known" are their own kinds (``from_unknown``, ``to_unknown``), never a gain or loss.
- :func:`regions_table`: per HRI region, its country count and per indicator yes / no / not known.
"""

from __future__ import annotations

import pandas as pd

from dashboard.core.indicators import INDICATORS, NO, SERVICE_IDS, UNKNOWN, YES
from dashboard.core.regions import REGIONS, SLUG_BY_LABEL, region_rows
from dashboard.core.state import ViewState
from dashboard.dataset.load import Dataset

GAINED, LOST, FROM_UNKNOWN, TO_UNKNOWN = "gained", "lost", "from_unknown", "to_unknown"
CHANGE_KINDS = (GAINED, LOST, FROM_UNKNOWN, TO_UNKNOWN)
TREND_COLUMNS = ["indicator", "edition", "region", "published", "listed", "no", "unknown", "countries"]
CHANGES_COLUMNS = [
    "indicator",
    "change",
    "iso3",
    "country",
    "region",
    "before_edition",
    "before_status",
    "before_source",
    "after_edition",
    "after_status",
    "after_source",
]
REGION_INDICATORS = tuple(INDICATORS)  # the four services and national policy support, every edition


def view_indicators(state: ViewState) -> tuple[str, ...]:
    """The indicators a trend or changes view is about: the chosen one, or the three services."""
    return SERVICE_IDS if state.indicator == "services" else (state.indicator,)


def has_facts(dataset: Dataset, edition: str, indicator: str) -> bool:
    """Whether the data holds the indicator for the edition at all (optional indicators may not)."""
    return bool(((dataset.status["edition"] == edition) & (dataset.status["indicator"] == indicator)).any())


def trend_table(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """One row per (indicator, edition) holding the indicator, oldest edition first.

    ``published`` is HRI's total for the world (null in a region, and where HRI's count for the
    edition is not in the data); ``listed`` the countries named with ``yes``; ``countries`` the
    countries in the region.
    """
    rows = []
    for indicator in view_indicators(state):
        for edition in dataset.edition_ids:
            if not has_facts(dataset, edition, indicator):
                continue
            frame = region_rows(dataset.wide(edition), dataset.countries["region"], state.region)
            statuses = frame[indicator]
            published = dataset.published.get((edition, indicator)) if state.region == "world" else None
            rows.append(
                {
                    "indicator": indicator,
                    "edition": edition,
                    "region": state.region,
                    "published": published,
                    "listed": int((statuses == YES).sum()),
                    "no": int((statuses == NO).sum()),
                    "unknown": int((statuses == UNKNOWN).sum()),
                    "countries": len(frame),
                }
            )
    return pd.DataFrame(rows, columns=TREND_COLUMNS).astype({"published": "Int64"})


def compared_editions(dataset: Dataset, state: ViewState) -> tuple[str | None, str]:
    """(before, after) of the changes view: ``compare`` and ``edition`` oldest first, else the
    edition before the chosen one and the chosen one (before is None for the first edition)."""
    order = dataset.edition_ids
    if state.compare:
        before, after = state.editions_in(order)
        return before, after
    index = order.index(state.edition)
    return (order[index - 1] if index else None), state.edition


def change_kind(before: str, after: str) -> str | None:
    """How a status moved; None when it did not (or stayed not known)."""
    if before == after:
        return None
    if before == UNKNOWN:
        return FROM_UNKNOWN
    if after == UNKNOWN:
        return TO_UNKNOWN
    return GAINED if after == YES else LOST


def changes_table(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """The countries of the region whose status of the view's indicator(s) moved between the two
    editions, with the source of each side; ordered by indicator, kind, HRI region, country."""
    before, after = compared_editions(dataset, state)
    if before is None:
        return pd.DataFrame(columns=CHANGES_COLUMNS)
    regions = dataset.countries["region"]
    old = region_rows(dataset.wide(before), regions, state.region)
    new = region_rows(dataset.wide(after), regions, state.region)
    region_order = {slug: n for n, slug in enumerate(REGIONS)}
    rows = []
    for indicator in view_indicators(state):
        for iso3 in new.index:
            kind = change_kind(str(old.at[iso3, indicator]), str(new.at[iso3, indicator]))
            if kind is None:
                continue
            rows.append(
                {
                    "indicator": indicator,
                    "change": kind,
                    "iso3": iso3,
                    "country": new.at[iso3, "country"],
                    "region": new.at[iso3, "hri_region"],
                    "before_edition": before,
                    "before_status": old.at[iso3, indicator],
                    "before_source": old.at[iso3, f"{indicator}_source"],
                    "after_edition": after,
                    "after_status": new.at[iso3, indicator],
                    "after_source": new.at[iso3, f"{indicator}_source"],
                }
            )
    frame = pd.DataFrame(rows, columns=CHANGES_COLUMNS)
    if frame.empty:
        return frame
    keys = pd.DataFrame(
        {
            "i": frame["indicator"].map({i: n for n, i in enumerate(view_indicators(state))}),
            "k": frame["change"].map({k: n for n, k in enumerate(CHANGE_KINDS)}),
            "r": frame["region"].map(SLUG_BY_LABEL).map(region_order),
            "c": frame["country"],
        }
    )
    return frame.loc[keys.sort_values(["i", "k", "r", "c"]).index].reset_index(drop=True)


def regions_table(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """One row per HRI region (HRI's order) for the view's edition: ``countries`` in it, then per
    indicator ``<id>_yes``, ``<id>_no`` and ``<id>_unknown`` (they add up to ``countries``)."""
    wide = dataset.wide(state.edition)
    rows = []
    for slug, label in REGIONS.items():
        frame = wide[wide["region"] == slug]
        row: dict[str, object] = {"edition": state.edition, "region": label, "countries": len(frame)}
        for indicator in REGION_INDICATORS:
            for status in (YES, NO, UNKNOWN):
                row[f"{indicator}_{status}"] = int((frame[indicator] == status).sum())
        rows.append(row)
    return pd.DataFrame(rows)
