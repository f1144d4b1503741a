"""HRI's regions: URL slugs and the labels used in HRI's tables (and in data/countries.csv)."""

from __future__ import annotations

import pandas as pd

from dashboard.core.i18n import N_

# slug -> label, in the order HRI's reports present them.
REGIONS: dict[str, str] = {
    "asia": N_("Asia"),
    "eurasia": N_("Eurasia"),
    "western-europe": N_("Western Europe"),
    "latin-america": N_("Latin America"),
    "caribbean": N_("Caribbean"),
    "middle-east-north-africa": N_("Middle East and North Africa"),
    "sub-saharan-africa": N_("sub-Saharan Africa"),
    "oceania": N_("Oceania"),
    "north-america": N_("North America"),
}
WORLD = "world"
SLUG_BY_LABEL: dict[str, str] = {label: slug for slug, label in REGIONS.items()}


def region_label(slug: str) -> str:
    """Label for a region slug; ``world`` for the whole map."""
    return REGIONS.get(slug, N_("World"))


def region_rows(frame: pd.DataFrame, regions: pd.Series, region: str) -> pd.DataFrame:
    """The rows of ``frame`` (indexed by ISO-3) in ``region`` (``regions``: ISO-3 -> slug); all of
    them for the world."""
    if region == WORLD:
        return frame
    return frame[regions.reindex(frame.index) == region]
