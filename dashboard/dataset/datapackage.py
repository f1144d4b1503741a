"""The Frictionless Data Package descriptor of ``data/``: fields, types, allowed values, licence, sources.

Built from the same schemas the validator checks (``dashboard.dataset.load.SCHEMAS``), so the descriptor
cannot drift from the files. ``scripts/build_data.py`` writes it to ``data/datapackage.json``; the API
serves the same dictionary.
"""

from __future__ import annotations

from dashboard.core.indicators import DATA_INDICATORS, STATUSES
from dashboard.core.regions import REGIONS
from dashboard.dataset.load import EVIDENCE_KINDS, OPTIONAL_COLUMNS, OPTIONAL_SCHEMAS, SCHEMAS

# The descriptor's version: bump it (semantic versioning) whenever a file's columns change, and set
# CREATED to that day. 1.1.0: countries.region (was hri_region), editions.published a year with
# published_month, report_url and table_pages, status.method and methods.csv.
VERSION = "1.1.0"
CREATED = "2026-12-01T00:00:00Z"

LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0"
    " (the compilation; cite Harm Reduction International for the facts)",
}
HRI = {
    "title": "Harm Reduction International, Global State of Harm Reduction (2020, 2022, 2023 update, 2024)",
    "path": "https://hri.global/flagship-research/the-global-state-of-harm-reduction/",
}

EXTENT_FIELDS: list[dict[str, object]] = [
    {
        "name": f"extent_{side}",
        "type": "number",
        "description": f"{side.capitalize()} edge (degrees) of a large country's main polygons,"
        " which region views fit; empty for the others (east may pass 180 across the antimeridian).",
    }
    for side in ("west", "south", "east", "north")
]

FIELDS: dict[str, list[dict[str, object]]] = {
    "editions.csv": [
        {"name": "edition", "type": "string", "description": "Edition id used in URLs and other files."},
        {"name": "label", "type": "string", "description": "Short label shown in the Atlas."},
        {"name": "title", "type": "string", "description": "Full title of HRI's publication."},
        {"name": "published", "type": "year", "description": "Year of publication."},
        {
            "name": "published_month",
            "type": "yearmonth",
            "description": "Month of publication (YYYY-MM); empty where only the year is known.",
        },
        {
            "name": "report_url",
            "type": "string",
            "format": "uri",
            "description": "HRI's page for the report: the primary source of every fact of the edition.",
        },
        {
            "name": "table_pages",
            "type": "string",
            "description": "Pages of the report's per-country Table 1 (empty where not stated).",
        },
    ],
    "countries.csv": [
        {"name": "iso3", "type": "string", "description": "ISO 3166-1 alpha-3 code (Kosovo: XKX)."},
        {"name": "country", "type": "string", "description": "English name (pycountry common name)."},
        {
            "name": "region",
            "type": "string",
            "description": "HRI region (the same name and values as in the exports' region column).",
            "constraints": {"enum": list(REGIONS.values())},
        },
        {"name": "lat", "type": "number", "description": "Latitude of the map marker anchor (degrees)."},
        {"name": "lon", "type": "number", "description": "Longitude of the map marker anchor (degrees)."},
        {
            "name": "small",
            "type": "boolean",
            "description": "True where the country is too small to see at world zoom and gets a marker.",
        },
        *EXTENT_FIELDS,
    ],
    "sources.csv": [
        {"name": "source_id", "type": "string", "description": "Stable id (hash of the URL)."},
        {"name": "url", "type": "string", "format": "uri", "description": "Where the fact is published."},
        {"name": "publisher", "type": "string", "description": "Host name of the URL."},
    ],
    "status.csv": [
        {"name": "edition", "type": "string", "description": "Edition id (editions.csv)."},
        {
            "name": "indicator",
            "type": "string",
            "description": "Indicator id.",
            "constraints": {"enum": list(DATA_INDICATORS)},
        },
        {"name": "iso3", "type": "string", "description": "Country (countries.csv)."},
        {
            "name": "status",
            "type": "string",
            "description": "yes: on HRI's list for the edition; no: not on it; unknown: not (yet) sourced.",
            "constraints": {"enum": list(STATUSES)},
        },
        {
            "name": "source_id",
            "type": "string",
            "description": "Source of a yes or no (sources.csv); empty for unknown.",
        },
        {
            "name": "evidence_kind",
            "type": "string",
            "description": "How the fact is known: "
            + " ".join(f"{k}: {v}" for k, v in EVIDENCE_KINDS.items()),
            "constraints": {"enum": [*EVIDENCE_KINDS, ""]},
        },
        {"name": "evidence", "type": "string", "description": "Short note on the rule or quote used."},
        {
            "name": "method",
            "type": "string",
            "description": "The rule (methods.csv) the fact rests on; empty for a direct quote of HRI.",
        },
    ],
    "methods.csv": [
        {"name": "method", "type": "string", "description": "Rule id, as in status.csv's method."},
        {"name": "applies_to", "type": "string", "description": "Indicators and editions it covers."},
        {"name": "statement", "type": "string", "description": "The rule in plain words."},
        {
            "name": "hri_source_url",
            "type": "string",
            "format": "uri",
            "description": "Where HRI's statement the rule rests on is published (empty: HRI's Table 1).",
        },
    ],
    "published_totals.csv": [
        {"name": "edition", "type": "string", "description": "Edition id (editions.csv)."},
        {
            "name": "indicator",
            "type": "string",
            "description": "Indicator id.",
            "constraints": {"enum": list(DATA_INDICATORS)},
        },
        {"name": "countries", "type": "integer", "description": "HRI's published number of countries."},
        {"name": "source_id", "type": "string", "description": "Where HRI published it (sources.csv)."},
    ],
}

PRIMARY_KEYS = {
    "editions.csv": ["edition"],
    "countries.csv": ["iso3"],
    "sources.csv": ["source_id"],
    "status.csv": ["edition", "indicator", "iso3"],
    "published_totals.csv": ["edition", "indicator"],
    "methods.csv": ["method"],
}
FOREIGN_KEYS = {
    "status.csv": [
        {"fields": "edition", "reference": {"resource": "editions", "fields": "edition"}},
        {"fields": "iso3", "reference": {"resource": "countries", "fields": "iso3"}},
        {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}},
        {"fields": "method", "reference": {"resource": "methods", "fields": "method"}},
    ],
    "published_totals.csv": [
        {"fields": "edition", "reference": {"resource": "editions", "fields": "edition"}},
        {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}},
    ],
}


def descriptor() -> dict[str, object]:
    """The datapackage.json dictionary for the files in ``data/``."""
    resources = []
    for name in [*SCHEMAS, *OPTIONAL_SCHEMAS]:
        expected = [*(SCHEMAS.get(name) or OPTIONAL_SCHEMAS[name]), *OPTIONAL_COLUMNS.get(name, ())]
        assert [f["name"] for f in FIELDS[name]] == expected, name
        schema: dict[str, object] = {"fields": FIELDS[name], "primaryKey": PRIMARY_KEYS[name]}
        if name in FOREIGN_KEYS:
            schema["foreignKeys"] = FOREIGN_KEYS[name]
        resources.append(
            {
                "name": name.removesuffix(".csv").replace("_", "-"),
                "path": name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "harm-reduction-atlas",
        "version": VERSION,
        "created": CREATED,
        "title": "Harm Reduction Atlas: harm reduction services and national policy support by country",
        "description": (
            "Country-level status (yes / no / unknown) of needle and syringe programmes, opioid agonist"
            " therapy, drug consumption rooms and national policy support for harm reduction, per edition of"
            " Harm Reduction International's Global State of Harm Reduction, with the source of every fact"
            " and HRI's published totals. Unknown means not yet sourced in this dataset, not 'no'."
        ),
        "licenses": [LICENCE],
        "sources": [
            HRI,
            {
                "title": "Derivation rules (methods.csv): Harm Reduction Atlas reference research, each"
                " rule with the HRI statement it rests on",
                "path": "https://hri.global/flagship-research/the-global-state-of-harm-reduction/",
            },
            {
                "title": "Natural Earth (map geometry, public domain)",
                "path": "https://www.naturalearthdata.com/",
            },
        ],
        "resources": resources,
    }
