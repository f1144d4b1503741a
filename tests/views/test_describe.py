"""describe.View: every word said about a view, as whole outputs on a five-country inline dataset."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_dataset
from werkzeug.datastructures import MultiDict

from dashboard.core.i18n import translator
from dashboard.core.state import REPEATED, SAME_EDITION, Note, ParamError, ViewState
from dashboard.views.describe import DISCLAIMER, Reference, View, citation, parse_query

NSP = "Needle and syringe programmes"


@pytest.fixture(scope="module")
def ds():
    """Colombia, Kenya, Malta, Ukraine, Kosovo; two editions; HRI counts 4 NSP and 5 OAT in 2023."""
    return make_dataset(
        [
            ("2022", "nsp", "COL", "no"),
            ("2022", "nsp", "KEN", "no"),
            ("2022", "nsp", "MLT", "yes"),
            ("2022", "nsp", "UKR", "yes"),
            ("2023", "nsp", "COL", "yes"),
            ("2023", "nsp", "KEN", "no"),
            ("2023", "nsp", "MLT", "yes"),
            ("2023", "nsp", "UKR", "yes"),
            ("2023", "dcr", "MLT", "yes"),
            ("2023", "dcr", "UKR", "no"),
            *[("2023", "oat", iso3, "yes") for iso3 in ("COL", "KEN", "MLT", "UKR", "XKX")],
        ],
        editions=("2022", "2023"),
        totals=[("2023", "nsp", 4), ("2023", "oat", 5)],
    )


def test_a_status_view_in_words(ds):
    view = View(ds, ViewState())
    assert view.editions == ("2023",) and view.before is None and view.after == "2023"
    assert list(view.frame.index) == ["COL", "KEN", "MLT", "UKR", "XKX"]
    assert view.title == f"{NSP} · 2023 update · World"
    assert view.subtitle == "At least one needle and syringe programme operational in the community."
    assert view.summary == (
        "In the 2023 update, 4 countries have needle and syringe programmes according to HRI; the Atlas"
        " has a source for 3 of them; other countries with no source saying they have them: 1; not known: 1."
    )
    # the card's numbers (HRI's count, then how many the Atlas has a source for)
    assert view.alt_text == (
        f"Map: {NSP} · 2023 update · World. HRI counts 4; the Atlas has a source for 3; 1 not known."
    )
    assert view.map_label == f"Map: {NSP} · 2023 update · World. {view.summary}"
    assert view.legend_title == f"{NSP}, 2023 update · list incomplete: 3 of 4 with a source"
    assert view.table_caption == f"{NSP} · 2023 update · World: 5 countries."
    assert view.source_line == (
        "Source: Harm Reduction International, Global State of Harm Reduction 2023 update to key data (2023)"
    )
    assert (
        view.disclaimer
        == DISCLAIMER
        == (
            "The boundaries and names shown do not imply any opinion on the legal status of any country or"
            " territory, or on the delimitation of its borders."
        )
    )
    assert view.counts["nsp"] == {"count": 4, "published": 4, "listed": 3, "unknown": 1}


@pytest.mark.parametrize("state", [ViewState(compare="2022"), ViewState(edition="2022", compare="2023")])
def test_a_comparison_is_told_oldest_first_whichever_edition_is_shown(ds, state):
    view = View(ds, state)
    assert (view.before, view.after) == ("2022", "2023")
    assert view.title == f"{NSP}: what changed from GSHR 2022 to 2023 update · World"
    assert view.summary == (
        "World, needle and syringe programmes, from GSHR 2022 to 2023 update: 1 country gained it, 0 lost"
        " it, 2 had it in both editions, 1 in neither; for 1 it is not known in at least one of the two."
    )
    assert view.alt_text == f"Map: {view.title}."  # no status counts for a change map
    assert view.source_line == (
        "Source: Harm Reduction International, Global State of Harm Reduction 2022 (2022);"
        " Global State of Harm Reduction 2023 update to key data (2023)"
    )
    assert view.references == (
        Reference("Global State of Harm Reduction 2022", "2022", None),  # no HRI total for 2022: no link
        Reference(
            "Global State of Harm Reduction 2023 update to key data",
            "2023",
            "https://hri.global/publications/gshr-2023/",
        ),
    )


def test_a_region_view_counts_only_its_rows_and_says_one_country(ds):
    view = View(ds, ViewState(region="eurasia"))
    assert list(view.frame.index) == ["UKR", "XKX"] and list(view.shown.index) == ["UKR", "XKX"]
    assert view.summary == (
        "Eurasia, 2023 update: 1 country has needle and syringe programmes; recorded as not having"
        " them: 0; not known: 1."
    )
    assert view.table_caption == f"{NSP} · 2023 update · Eurasia: 2 countries."
    assert view.legend_title == f"{NSP}, 2023 update · not known in this region: 1"
    assert View(ds, ViewState(region="sub-saharan-africa")).table_caption == (
        f"{NSP} · 2023 update · sub-Saharan Africa: 1 country."
    )


def test_partial_list_complete_list_and_services_sentences(ds):
    assert View(ds, ViewState(indicator="dcr")).summary == (
        "In the 2023 update, the Atlas has a source for 1 country with drug consumption rooms; HRI's"
        " count for this edition is not in the data, so the list is partial; recorded as not"
        " having them: 1; not known: 3."
    )
    assert View(ds, ViewState(indicator="oat")).summary == (
        "World, 2023 update: 5 countries have opioid agonist therapy; recorded as not having them: 0;"
        " not known: 0."
    )
    services = View(ds, ViewState(indicator="services"))
    assert services.summary == (
        "World, 2023 update: 1 country has all three services (needle and syringe programmes, opioid"
        " agonist therapy and drug consumption rooms), 1 have two, 0 have one and 0 have none; for 3 at"
        " least one is not known."
    )
    assert services.alt_text == "Map: Services available · 2023 update · World."


def test_plural_forms_follow_each_language(ds):
    french = View(ds, ViewState(lang="fr", region="eurasia"))
    assert french.summary == (
        "Eurasie, GSHR 2023 (mise à jour)\u00a0: 1 pays dispose de programmes d'échange de seringues\u00a0;"
        " indiqués comme n'en disposant pas\u00a0: 0\u00a0; inconnu\u00a0: 1."
    )
    russian = View(ds, ViewState(lang="ru", region="eurasia"))
    title = "Программы обмена игл и шприцев · GSHR 2023 (обновление) · Евразия"
    assert russian.title == title
    assert russian.table_caption == f"{title}: 2 страны."
    assert View(ds, ViewState(lang="ru")).table_caption.endswith(": 5 стран.")
    assert View(ds, ViewState(lang="ru", region="sub-saharan-africa")).table_caption.endswith(": 1 страна.")


def test_citation_names_hri_first_then_the_atlas_view(ds):
    accessed = date(2024, 5, 1)
    assert View(ds, ViewState()).citation("https://atlas.example/", accessed) == (
        "Harm Reduction International (2023). Global State of Harm Reduction 2023 update to key data."
        " Via Harm Reduction Atlas, https://atlas.example/, accessed 2024-05-01."
    )
    assert citation(ds, "all", "https://atlas.example/", accessed) == (
        "Harm Reduction International (2022–2023). Global State of Harm Reduction (GSHR 2022, 2023 update)."
        " Via Harm Reduction Atlas, https://atlas.example/, accessed 2024-05-01."
    )


def test_parse_query_reads_a_view_for_the_dataset(ds):
    assert parse_query("?edition=2022&compare=2023&region=mars", ds) == (
        ViewState(edition="2022", compare="2023"),
        [Note("region", "mars", "world")],
    )
    assert parse_query("country=ukr", ds) == (ViewState(country="UKR"), [])
    assert parse_query({"edition": "2022"}, ds) == (ViewState(edition="2022"), [])
    assert parse_query("", ds) == (ViewState(), [])
    with pytest.raises(ParamError):
        parse_query("?edition=2024", ds, strict=True)  # not an edition of this dataset


@pytest.mark.parametrize(
    "query",
    [
        "?indicator=oat&indicator=dcr",
        "indicator=oat&indicator=dcr&indicator=nsp",
        "?indicator=&indicator=oat&indicator=dcr",  # an empty copy is no value, as everywhere
        MultiDict([("indicator", "oat"), ("indicator", "dcr")]),  # Flask's request.args
        {"indicator": ["oat", "dcr"]},  # parse_qs
    ],
    ids=["string", "three-copies", "empty-first", "multidict", "lists"],
)
def test_a_repeated_parameter_is_read_as_its_first_value_with_a_note(ds, query):
    state, notes = parse_query(query, ds)
    assert state == ViewState(indicator="oat")
    assert notes == [Note("indicator", "oat", None, REPEATED)]
    assert str(notes[0]) == "indicator was given more than once: using the first value, 'oat'."
    with pytest.raises(ParamError) as raised:
        parse_query(query, ds, strict=True)
    assert raised.value.parameter == "indicator"
    assert raised.value.as_json()["error"] == (
        "Parameter 'indicator' was given more than once with different values: give it once."
    )


def test_a_parameter_repeated_with_one_value_is_no_ambiguity(ds):
    for query in ("?indicator=oat&indicator=OAT", MultiDict([("country", "ukr"), ("country", "UKR ")])):
        state, notes = parse_query(query, ds)
        assert notes == [] and state == parse_query(query, ds, strict=True)[0]
    assert parse_query("?indicator=oat&indicator=OAT", ds)[0] == ViewState(indicator="oat")


def test_a_repeated_unknown_first_value_says_both(ds):
    state, notes = parse_query("?region=mars&region=eurasia", ds)
    assert state == ViewState() and [n.kind for n in notes] == [REPEATED, "unknown"]


def test_comparing_the_edition_shown_with_itself_is_a_note_or_a_400(ds):
    for query in ("?edition=2023&compare=2023", "?compare=2023", MultiDict([("compare", "2023")])):
        state, notes = parse_query(query, ds)
        assert state == ViewState() and notes == [Note("compare", "2023", None, SAME_EDITION)]
        assert (
            str(notes[0]) == "compare '2023' is the edition already shown: showing it without a comparison."
        )
        with pytest.raises(ParamError) as raised:
            parse_query(query, ds, strict=True)
        assert raised.value.parameter == "compare" and raised.value.allowed == ["2022"]
        assert "is the edition shown (2023)" in str(raised.value.as_json()["error"])
    state, notes = parse_query("?edition=2022&compare=2022", ds)
    assert state == ViewState(edition="2022") and notes[0].kind == SAME_EDITION


def test_url_notes_in_every_language(ds):
    _, notes = parse_query("?indicator=oat&indicator=dcr&edition=2022&compare=2022", ds)
    for lang in ("es", "fr", "ru", "ar"):
        texts = [n.text(translator(lang)) for n in notes]
        assert len(texts) == 2 and "'oat'" in texts[0] and "'2022'" in texts[1]
        assert texts != [str(n) for n in notes], lang
    assert notes[0].text(translator("ru")) == (
        "Параметр «indicator» указан несколько раз: используется первое значение, 'oat'."
    )
