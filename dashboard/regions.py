"""HRI's regions: URL slugs and the labels used in HRI's tables (and in data/countries.csv)."""

from __future__ import annotations

# slug -> label, in the order HRI's reports present them.
REGIONS: dict[str, str] = {
    "asia": "Asia",
    "eurasia": "Eurasia",
    "western-europe": "Western Europe",
    "latin-america": "Latin America",
    "caribbean": "Caribbean",
    "middle-east-north-africa": "Middle East and North Africa",
    "sub-saharan-africa": "sub-Saharan Africa",
    "oceania": "Oceania",
    "north-america": "North America",
}
WORLD = "world"
SLUG_BY_LABEL: dict[str, str] = {label: slug for slug, label in REGIONS.items()}


def region_label(slug: str) -> str:
    """Label for a region slug; ``world`` for the whole map."""
    return REGIONS.get(slug, "World")
