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


# West, south, east, north (degrees, rounded outwards; east past 180 where a country crosses the
# antimeridian) of the countries so large that their centre says little about where they reach.
# Region views fit these boxes and every other country's centre (figures.region_view).
LARGE_COUNTRY_EXTENTS: dict[str, tuple[float, float, float, float]] = {
    "RUS": (19, 41, 191, 78),
    "CAN": (-141, 42, -53, 76),
    "USA": (-170, 19, -67, 71),
    "BRA": (-74, -34, -35, 5),
    "ARG": (-74, -55, -53, -22),
    "CHL": (-76, -56, -67, -17),
    "AUS": (113, -44, 154, -10),
    "NZL": (166, -47, 179, -34),
    "CHN": (73, 18, 135, 54),
    "IND": (68, 7, 97, 36),
    "IDN": (95, -11, 141, 6),
    "KAZ": (46, 40, 87, 56),
    "MNG": (87, 41, 120, 52),
    "DZA": (-9, 19, 12, 37),
    "SAU": (34, 16, 56, 32),
    "COD": (12, -14, 31, 6),
    "ZAF": (16, -35, 33, -22),
    "NOR": (4, 57, 31, 71),
    "MEX": (-118, 14, -86, 33),
}
