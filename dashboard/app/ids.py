"""Component ids, shared by layout and callbacks so a typo is an import error, not a silent no-op.

``URL`` is the single source of truth for the view: other modules (share.py) listen to its
``search`` property, so keep that id stable.
"""

URL = "url"
URL_WRITE = "url-write"  # where the sync callback writes a new query string (callbacks.py says why)
NOTES = "view-notes"

# Language switcher: one link per language, ``f"{LANGUAGE}-{code}"``.
LANGUAGE = "language-link"

# Controls: one native select per query parameter, ``layout.control_id(param)`` ("control-edition").
COUNTRY = "control-country"
COUNTRY_LIST = "country-names"
COUNTRY_STATUS = "country-status"

# Headline cards: one per core indicator, ``f"{CARD}-{indicator}"``.
CARD = "card"

# Map and what sits around it.
MAP = "map"
MAP_WRAP = "map-wrap"
MAP_TITLE = "map-title"
MAP_LAYOUT = "map-layout"
SUMMARY = "map-summary"
LEGEND = "map-legend"
COPY_LINK = "copy-link"
ZOOM_IN, ZOOM_OUT, ZOOM_RESET = "map-zoom-in", "map-zoom-out", "map-zoom-reset"

# Slots for the other views (issue 12: tabs beside the map, and their content under it).
ANALYSIS_TABS = "analysis-tabs"
ANALYSIS = "analysis"

# Country panel.
PANEL = "country-panel"
PANEL_BODY = "country-panel-body"
PANEL_CLOSE = "country-panel-close"
PANEL_HINT = "country-panel-hint"

# Table view.
TABLE = "table"
TABLE_SEARCH = "table-search"
TABLE_CAPTION = "table-caption"

CITATION = "citation"
