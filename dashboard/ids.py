"""Component ids, shared by layout and callbacks so a typo is an import error, not a silent no-op."""

URL = "url"
CARD = "card"
MAP = "map"
