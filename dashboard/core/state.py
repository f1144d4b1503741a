"""View state: the query string <-> a typed ``ViewState``, shared by the page, embeds and the API.

One parser means a link, an embed and an export of the same view always agree. The page and
``/embed`` are lenient (unknown values fall back to the default, with a note to show); the API is
strict (unknown values raise :class:`ParamError`, answered with HTTP 400).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import urlencode

from dashboard.core.i18n import N_, Translate
from dashboard.core.indicators import MAP_INDICATORS
from dashboard.core.regions import REGIONS, WORLD

DEFAULT_EDITION = "2023"
DEFAULT_INDICATOR = "nsp"
# What the page shows for the view: the map, or one of the analysis views beside it (``view=``).
VIEWS = ("map", "trend", "changes", "regions")
DEFAULT_VIEW = VIEWS[0]
LANGUAGES = ("en", "es", "fr", "ru", "ar")
MAX_SHOWN = 60  # characters of a rejected value echoed back (escaped) in notes and errors


class ParamError(ValueError):
    """An API parameter has a value outside its domain."""

    def __init__(self, parameter: str, value: str, allowed: list[str]) -> None:
        self.parameter, self.value, self.allowed = parameter, value, allowed
        super().__init__(f"unknown value for '{parameter}': {shorten(value)!r}")

    def as_json(self) -> dict[str, object]:
        return {
            "error": f"Unknown value for parameter '{self.parameter}'.",
            "parameter": self.parameter,
            "allowed": self.allowed,
        }


NOTE_DEFAULT = N_("Unknown {parameter} {value}: showing the default ({fallback}).")
NOTE_DROPPED = N_("Unknown {parameter} {value}: showing the view without it.")


@dataclass(frozen=True)
class Note:
    """A query value that was replaced by its default: kept structured so each page can translate it."""

    parameter: str
    value: str
    fallback: str | None

    def text(self, t: Translate = str) -> str:
        """The note in the page's language; the rejected value is shortened and quoted."""
        template = NOTE_DEFAULT if self.fallback else NOTE_DROPPED
        return t(template).format(parameter=self.parameter, value=repr(self.value), fallback=self.fallback)

    def __str__(self) -> str:
        return self.text()


def shorten(value: str) -> str:
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"


@dataclass(frozen=True)
class ViewState:
    """Everything that defines a view; defaults are the Atlas's landing view."""

    indicator: str = DEFAULT_INDICATOR
    edition: str = DEFAULT_EDITION
    region: str = WORLD
    country: str | None = None
    compare: str | None = None
    lang: str = "en"
    view: str = DEFAULT_VIEW

    def with_(self, **changes: Any) -> ViewState:
        return replace(self, **changes)

    def query(self) -> str:
        """Query string of the non-default parts, in a stable order (``""`` for the default view)."""
        defaults = asdict(ViewState())
        pairs = [(k, v) for k, v in asdict(self).items() if v is not None and v != defaults[k]]
        return urlencode(pairs)

    def url(self, path: str = "/") -> str:
        """``path`` plus ``?query`` when the view is not the default (``path`` alone when it is)."""
        q = self.query()
        return f"{path}?{q}" if q else path

    @property
    def search(self) -> str:
        """``?query`` for the non-default parts (``""`` for the default view), as ``location.search``."""
        return self.url("")

    def editions_in(self, order: list[str]) -> tuple[str, ...]:
        """The view's edition, or the two compared, in the dataset's edition ``order`` (oldest first)."""
        shown = {self.edition, self.compare} - {None}
        return tuple(e for e in order if e in shown)


def domains(editions: list[str], countries: list[str]) -> dict[str, list[str]]:
    """Allowed values per parameter, given the editions and countries in the data."""
    return {
        "indicator": list(MAP_INDICATORS),
        "edition": editions,
        "region": [WORLD, *REGIONS],
        "country": countries,
        "compare": editions,
        "lang": list(LANGUAGES),
        "view": list(VIEWS),
    }


def parse_view(
    args: Mapping[str, str], editions: list[str], countries: list[str], *, strict: bool
) -> tuple[ViewState, list[Note]]:
    """Read a view from query parameters.

    Returns the state and a list of notes about values that were replaced by defaults (lenient
    mode). In strict mode the first bad value raises :class:`ParamError`. Parameters not listed
    here are ignored, as are empty values.
    """
    allowed = domains(editions, countries)
    defaults = asdict(ViewState())
    values: dict[str, object] = {}
    notes: list[Note] = []
    for name, domain in allowed.items():
        raw = args.get(name)
        if raw is None or raw == "":
            continue
        value = raw.strip()
        if name == "country":
            value = value.upper()
        elif name != "edition":
            value = value.lower()
        if value in domain:
            values[name] = value
            continue
        if strict:
            raise ParamError(name, raw, domain)
        notes.append(Note(name, shorten(raw), defaults[name]))
    state = ViewState(**values)  # type: ignore[arg-type]
    if state.compare == state.edition:
        state = state.with_(compare=None)
    return state, notes
