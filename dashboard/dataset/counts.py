"""Counts of a validated dataset: the headline numbers per view, and how complete each list is."""

from __future__ import annotations

import pandas as pd

from dashboard.core.indicators import NO, STATUS_INDICATORS, UNKNOWN, YES
from dashboard.core.regions import region_rows
from dashboard.dataset.load import Dataset


def headline_counts(dataset: Dataset, edition: str, region: str) -> dict[str, dict[str, int | None]]:
    """Per status indicator: the number a card shows, and how complete the country list is.

    ``listed`` counts countries with ``yes`` in the data for the edition and region. ``published``
    is HRI's total (world only: HRI publishes no regional totals here). ``count`` is what the card
    shows: HRI's total where there is one (the list may be shorter: sources not yet found), else
    the listed count. ``unknown`` counts countries whose status is not known.
    """
    frame = region_rows(dataset.wide(edition), dataset.countries["region"], region)
    out: dict[str, dict[str, int | None]] = {}
    for indicator in STATUS_INDICATORS:
        listed = int((frame[indicator] == YES).sum())
        published = dataset.published.get((edition, indicator)) if region == "world" else None
        out[indicator] = {
            "count": published if published is not None else listed,
            "published": published,
            "listed": listed,
            "unknown": int((frame[indicator] == UNKNOWN).sum()),
        }
    return out


def completeness(dataset: Dataset) -> pd.DataFrame:
    """Per edition and indicator: yes / no / unknown rows, HRI's total and how many are still missing."""
    rows = []
    for (edition, indicator), group in dataset.status.groupby(["edition", "indicator"], sort=False):
        counts = group["status"].value_counts()
        published = dataset.published.get((edition, indicator))
        yes = int(counts.get(YES, 0))
        rows.append(
            {
                "edition": edition,
                "indicator": indicator,
                "yes": yes,
                "no": int(counts.get(NO, 0)),
                "unknown": int(counts.get(UNKNOWN, 0)),
                "published": published,
                "missing": None if published is None else published - yes,
                "complete": published is not None and yes == published,
            }
        )
    return pd.DataFrame(rows).astype({"published": "Int64", "missing": "Int64"})
