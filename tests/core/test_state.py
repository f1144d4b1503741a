"""URL state: ViewState -> query -> parse_view round trips, and lenient fallbacks with notes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.core.indicators import MAP_INDICATORS
from dashboard.core.regions import REGIONS, WORLD
from dashboard.core.state import REPEATED, SAME_EDITION, Note, ParamError, ViewState, parse_view
from dashboard.views.describe import parse_query as view_from_query

EDITIONS = ["2020", "2022", "2023", "2024"]
COUNTRIES = ["COL", "MLT", "XKX", "AUS"]

states = st.builds(
    ViewState,
    indicator=st.sampled_from(list(MAP_INDICATORS)),
    edition=st.sampled_from(EDITIONS),
    region=st.sampled_from([WORLD, *REGIONS]),
    country=st.none() | st.sampled_from(COUNTRIES),
    compare=st.none() | st.sampled_from(EDITIONS),
).filter(lambda s: s.compare != s.edition)


@settings(max_examples=150, deadline=None)
@given(states)
def test_round_trip(dataset, state):
    parsed, notes = view_from_query("?" + state.query(), dataset)
    assert parsed == state and notes == []


def test_default_view_has_an_empty_query(dataset):
    assert ViewState().query() == "" and ViewState().url() == "/"
    assert view_from_query("", dataset) == (ViewState(), [])


def test_spec_examples(dataset):
    state, notes = view_from_query("?indicator=dcr&edition=2024", dataset)
    assert (state.indicator, state.edition, notes) == ("dcr", "2024", [])
    state, _ = view_from_query("?country=col", dataset)
    assert state.country == "COL"
    assert view_from_query("?country=XKX", dataset)[0].country == "XKX"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("?edition=bogus", "edition"),
        ("?indicator=<script>alert(1)</script>", "indicator"),
        ("?region=mars", "region"),
        ("?country=ZZZ", "country"),
        ("?compare=1999", "compare"),
    ],
)
def test_unknown_values_fall_back_with_a_note(dataset, query, name):
    state, notes = view_from_query(query, dataset)
    assert getattr(state, name) == getattr(ViewState(), name)
    assert len(notes) == 1 and str(notes[0]).startswith(f"Unknown {name}")


def test_several_bad_values_keep_the_good_ones(dataset):
    state, notes = view_from_query("?edition=bogus&indicator=oat&region=nowhere", dataset)
    assert state == ViewState(indicator="oat") and len(notes) == 2


def test_compare_with_itself_is_no_comparison_with_a_note(dataset):
    state, notes = view_from_query("?edition=2022&compare=2022", dataset)
    assert state.compare is None and [n.kind for n in notes] == [SAME_EDITION]
    with pytest.raises(ParamError, match="compare"):
        parse_view({"edition": "2022", "compare": "2022"}, EDITIONS, COUNTRIES, strict=True)


def test_the_first_of_a_repeated_parameter_wins_for_every_kind_of_input():
    """A query string, a plain dict of lists (parse_qs) and a multi-dict (Flask) read alike."""

    class Args(dict):  # the shape of werkzeug's MultiDict: .get gives the first, .getlist all
        def getlist(self, name):
            return list(super().get(name, []))

    for args in ({"edition": ["2020", "2024"]}, Args(edition=["2020", "2024"])):
        state, notes = parse_view(args, EDITIONS, COUNTRIES, strict=False)
        assert state.edition == "2020" and notes == [Note("edition", "2020", None, REPEATED)]
        with pytest.raises(ParamError, match="more than once"):
            parse_view(args, EDITIONS, COUNTRIES, strict=True)
    assert parse_view({"edition": "2020"}, EDITIONS, COUNTRIES, strict=True)[0].edition == "2020"


def test_notes_are_translated_per_page_language(dataset):
    from dashboard.core.i18n import translator

    _, notes = view_from_query("?edition=bogus&country=ZZZ", dataset)
    english = [str(n) for n in notes]
    assert english == [
        "Unknown edition 'bogus': showing the default (2023).",
        "Unknown country 'ZZZ': showing the view without it.",
    ]
    french = [n.text(translator("fr")) for n in notes]
    assert french[0].startswith("Valeur inconnue pour « edition »") and "'bogus'" in french[0]
    assert "(2023)" in french[0] and french[1] != english[1]
