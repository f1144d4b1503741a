"""View state: the query string <-> a typed ``ViewState``, shared by the page, embeds and the API.

One parser means a link, an embed and an export of the same view always agree. The page and
``/embed`` are lenient (unknown values fall back to the default, with a note to show); the API is
strict (unknown values raise :class:`ParamError`, answered with HTTP 400).

A repeated parameter (``?indicator=oat&indicator=dcr``) is read as its first non-empty value, as
Flask's ``request.args.get`` and the page's script (``assets/dashboard_controls.js``) read it; when
the copies differ the page says so in a note and the API answers 400. Comparing an edition with
itself is no comparison: a note on the page, a 400 on the API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    """An API parameter has a value outside its domain, or a value the API cannot read one way only.

    ``message`` is the JSON body's ``error`` (an unknown value by default); ``allowed`` the values
    that would do.
    """

    def __init__(self, parameter: str, value: str, allowed: list[str], message: str | None = None) -> None:
        self.parameter, self.value, self.allowed = parameter, value, allowed
        self.message = message or f"Unknown value for parameter '{parameter}'."
        super().__init__(f"{self.message} Value: {shorten(value)!r}")

    def as_json(self) -> dict[str, object]:
        return {"error": self.message, "parameter": self.parameter, "allowed": self.allowed}


# Kinds of note: a value outside its domain (replaced by the default, or left out), a parameter
# given more than once with different values (the first is used), a comparison with itself (left out).
UNKNOWN_VALUE, REPEATED, SAME_EDITION = "unknown", "repeated", "same-edition"
NOTE_DEFAULT = N_("Unknown {parameter} {value}: showing the default ({fallback}).")
NOTE_DROPPED = N_("Unknown {parameter} {value}: showing the view without it.")
NOTE_REPEATED = N_("{parameter} was given more than once: using the first value, {value}.")
NOTE_SAME_EDITION = N_("{parameter} {value} is the edition already shown: showing it without a comparison.")


@dataclass(frozen=True)
class Note:
    """A query value the page did not use as given: kept structured so each page can translate it.

    ``kind`` says why (:data:`UNKNOWN_VALUE`: ``fallback`` is the default shown instead, None when
    the parameter was left out; :data:`REPEATED`: ``value`` is the first value, the one used;
    :data:`SAME_EDITION`: the comparison was left out).
    """

    parameter: str
    value: str
    fallback: str | None
    kind: str = UNKNOWN_VALUE

    def text(self, t: Translate = str) -> str:
        """The note in the page's language; the value is shortened and quoted."""
        if self.kind == REPEATED:
            template = NOTE_REPEATED
        elif self.kind == SAME_EDITION:
            template = NOTE_SAME_EDITION
        else:
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


# Query parameters as a parser reads them: one value per name (a dict), or every value per name in
# order (``parse_qs``'s dict of lists), or a multi-dict with ``getlist`` (Flask's ``request.args``).
QueryArgs = Mapping[str, str] | Mapping[str, Sequence[str]]


def given_values(args: QueryArgs, name: str) -> list[str]:
    """Every non-empty value given for ``name``, in the order given (``[]`` when there is none)."""
    getlist = getattr(args, "getlist", None)
    if callable(getlist):
        found = list(getlist(name))
    else:
        raw = args.get(name)
        found = [] if raw is None else [raw] if isinstance(raw, str) else list(raw)
    return [v for v in found if isinstance(v, str) and v != ""]


def normalised(name: str, raw: str) -> str:
    value = raw.strip()
    if name == "country":
        return value.upper()
    return value if name == "edition" else value.lower()


def parse_view(
    args: QueryArgs, editions: list[str], countries: list[str], *, strict: bool
) -> tuple[ViewState, list[Note]]:
    """Read a view from query parameters.

    Returns the state and a list of notes about values that were not used as given (lenient
    mode): unknown values (replaced by the default), a parameter repeated with different values
    (the first is used) and a comparison of an edition with itself (left out). In strict mode the
    first of these raises :class:`ParamError`. Parameters not listed here are ignored, as are
    empty values.
    """
    allowed = domains(editions, countries)
    defaults = asdict(ViewState())
    values: dict[str, object] = {}
    notes: list[Note] = []
    for name, domain in allowed.items():
        given = given_values(args, name)
        if not given:
            continue
        raw = given[0]
        if len({normalised(name, v) for v in given}) > 1:
            if strict:
                message = f"Parameter '{name}' was given more than once with different values: give it once."
                raise ParamError(name, raw, domain, message)
            notes.append(Note(name, shorten(raw), None, REPEATED))
        value = normalised(name, raw)
        if value in domain:
            values[name] = value
            continue
        if strict:
            raise ParamError(name, raw, domain)
        notes.append(Note(name, shorten(raw), defaults[name]))
    state = ViewState(**values)  # type: ignore[arg-type]
    if state.compare == state.edition:
        if strict:
            message = (
                f"Parameter 'compare' is the edition shown ({state.edition}): leave it out, or compare"
                " with another edition."
            )
            raise ParamError("compare", state.edition, [e for e in editions if e != state.edition], message)
        notes.append(Note("compare", shorten(str(state.compare)), None, SAME_EDITION))
        state = state.with_(compare=None)
    return state, notes
