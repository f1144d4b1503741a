"""View builders and callback logic without a browser: cards, summary, table, panel, transitions."""

from __future__ import annotations

import pytest
from dash import html
from factories import make_dataset

from dashboard.app import ids, layout
from dashboard.app.callbacks import next_state, search_of
from dashboard.core.i18n import translator
from dashboard.core.state import ViewState
from dashboard.views.describe import View
from dashboard.views.figures import view_map_data
from dashboard.views.panel import changes, country_facts, country_panel

t = translator("en")


def text_of(component) -> str:
    """All text in a component tree, as a screen reader would meet it."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return "".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def map_data(dataset, state: ViewState):
    return view_map_data(dataset, state)


def all_links(component) -> list:
    found = [component] if isinstance(component, html.A) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += all_links(child)
    return found


# Colombia, Kenya, Malta, Ukraine, Kosovo; HRI's real numbers are pinned in tests/test_shipped_data.py.
TINY_ROWS = [
    ("2022", "dcr", "COL", "no"),
    ("2022", "dcr", "KEN", "no"),
    ("2022", "dcr", "MLT", "no"),
    ("2023", "nsp", "COL", "yes"),
    ("2023", "nsp", "KEN", "yes"),
    ("2023", "nsp", "UKR", "yes"),
    ("2023", "nsp", "MLT", "no"),
    ("2023", "nsp", "XKX", "no"),
    ("2023", "oat", "COL", "yes"),
    ("2023", "oat", "UKR", "yes"),
    ("2023", "dcr", "COL", "yes"),
    ("2023", "dcr", "KEN", "no"),
    ("2023", "dcr", "MLT", "no"),
    ("2023", "dcr", "UKR", "no"),
    ("2023", "dcr", "XKX", "no"),
    ("2023", "policy", "COL", "yes"),
    ("2023", "policy", "UKR", "no"),
    ("2023", "naloxone", "UKR", "yes"),
]
TINY_TOTALS = [("2023", "nsp", 5), ("2023", "oat", 2), ("2023", "dcr", 1), ("2023", "policy", 3)]


@pytest.fixture(scope="module")
def tiny():
    return make_dataset(TINY_ROWS, totals=TINY_TOTALS, editions=["2022", "2023"])


def test_world_cards_show_hri_totals_and_how_many_are_named(tiny):
    assert [text_of(c) for c in layout.cards(View(tiny, ViewState()))] == [
        "Needle and syringe programmes5 · 3 with a sourcecountries (HRI's total)",
        "Opioid agonist therapy2countries (HRI's total)",  # the list is complete: no note
        "Drug consumption rooms1countries (HRI's total)",
        "National policy support3 · 1 with a sourcecountries (HRI's total)",
        "Take-home naloxone1 · HRI's count for this edition is not in the datacountries with a source",
    ]


def test_region_cards_show_listed_count_and_how_many_are_not_known(tiny):
    assert [text_of(c) for c in layout.cards(View(tiny, ViewState(region="eurasia")))] == [
        "Needle and syringe programmes1of 2 countries",  # a region card has its denominator
        "Opioid agonist therapy1 · 1 not knownof 2 countries",
        "Drug consumption rooms0of 2 countries",
        "National policy support0 · 1 not knownof 2 countries",
        "Take-home naloxone1 · 1 not knownof 2 countries",
    ]


def test_region_cards_show_listed_count_and_unknowns(dataset):
    state = ViewState(region="latin-america")
    wide = dataset.wide("2023")
    wide = wide[wide["region"] == "latin-america"]
    cards = layout.cards(View(dataset, state))
    assert text_of(cards[0][1].children[0]) == str((wide["nsp"] == "yes").sum())
    unknown = int((wide["policy"] == "unknown").sum())
    assert unknown > 0 and f"{unknown} not known" in text_of(cards[3])


def test_summary_sentences(tiny):
    def summary(**state) -> str:
        return View(tiny, ViewState(**state)).summary

    assert summary() == (
        "In the 2023 update, 5 countries have needle and syringe programmes according to HRI; the Atlas"
        " has a source for 3 of them; other countries with no source saying they have them: 2; not known: 0."
    )
    assert summary(indicator="dcr") == (
        "World, 2023 update: 1 country has drug consumption rooms; recorded as not having them: 4;"
        " not known: 0."
    )
    assert summary(indicator="dcr", compare="2022") == (
        "World, drug consumption rooms, from GSHR 2022 to 2023 update: 1 country gained it, 0 lost it,"
        " 0 had it in both editions, 2 in neither; for 2 it is not known in at least one of the two."
    )


def test_summary_gives_the_second_count_as_label_and_number_so_one_reads_right(tiny):
    """ "1 are recorded" was wrong: the second count of a sentence follows its label ("not known: 3")."""
    assert View(tiny, ViewState(region="eurasia")).summary == (
        "Eurasia, 2023 update: 1 country has needle and syringe programmes; recorded as not"
        " having them: 1; not known: 0."
    )


def test_summary_gives_the_countries_without_a_source_as_label_and_number(tiny):
    assert View(tiny, ViewState(indicator="policy")).summary == (
        "In the 2023 update, 3 countries have national policy support according to HRI; the Atlas has a"
        " source for 1 of them; other countries with no source saying they have them: 1; not known: 3."
    )
    for lang in ("es", "fr"):  # nor "los otros 1 no tienen" / "les 1 autres"
        text = View(tiny, ViewState(indicator="policy", lang=lang)).summary
        assert "otros 1 " not in text and "les 1 autres" not in text and ": 1" in text.replace("\xa0", " ")


def test_services_compared_as_counts_in_the_summary(dataset):
    """A 0-3 count goes up, down or stays: "gained it" / "had it in both" would say nothing."""
    state = ViewState(indicator="services", edition="2024", region="western-europe", compare="2020")
    text = View(dataset, state).summary
    assert text.startswith(
        "Western Europe, from GSHR 2020 to GSHR 2024: 2 countries have more of the three services"
    )
    assert "0 have fewer and 23 have the same number" in text
    assert "gained it" not in text and "in both editions" not in text
    rows = {r["iso3"]: r for r in layout.table_rows(View(dataset, state))}
    assert rows["GRC"]["status"] == "More services"
    assert rows["GRC"]["detail"] == "Services: 2 → 3 (2020 → 2024)"


def test_table_rows_follow_the_view(dataset):
    state = ViewState(region="oceania")
    rows = layout.table_rows(View(dataset, state))
    assert len(rows) == int((dataset.countries["region"] == "oceania").sum())
    aus = next(r for r in rows if r["iso3"] == "AUS")
    assert aus["region"] == "Oceania" and aus["status"] in {"Yes", "No", "Not known"}
    urls = layout.table_sources(dataset, state)
    assert urls[aus["source"]] == dataset.wide("2023").at["AUS", "nsp_source"]
    columns = layout.table_columns(dataset, state, t)
    assert [c["field"] for c in columns] == ["country", "region", "status", "primary", "source"]
    assert columns[-1]["cellRendererParams"]["urls"] == urls
    assert columns[3]["cellRendererParams"] == {  # HRI's report first, named in words
        "urls": [dataset.report_urls["2023"]],
        "labels": ["HRI, Global State of Harm Reduction 2023 update to key data"],
    }
    assert aus["primary"] == 0 and columns[3]["headerName"] == "Source"
    compare = ViewState(compare="2020")
    assert [c["field"] for c in layout.table_columns(dataset, compare, t)][-1] == "detail"
    assert len(layout.table_rows(View(dataset, compare))) == 200


def test_map_title_and_citation(dataset):
    assert View(dataset, ViewState()).title == "Needle and syringe programmes · 2023 update · World"
    assert "what changed from GSHR 2020 to 2023 update" in View(dataset, ViewState(compare="2020")).title
    cite = layout.citation(View(dataset, ViewState()))
    assert "Global State of Harm Reduction 2023 update to key data" in text_of(cite)
    (link,) = [a for c in cite for a in all_links(c)]
    assert link.target == "_blank" and "noopener" in link.rel


def test_panel_table_gives_each_indicator_a_row_and_the_editions_the_width(dataset):
    """Indicator names sit on rows of their own, so a row holds only the editions (nothing clips)."""
    table = next(c for c in country_panel(dataset, "COL", t) if getattr(c, "className", "") == "table-scroll")
    facts = table.children
    editions = dataset.edition_ids
    (head,) = [c for c in facts.children if type(c).__name__ == "Thead"]
    assert [th.id for th in head.children.children] == [f"facts-{e}" for e in editions]
    bodies = [c for c in facts.children if type(c).__name__ == "Tbody"]
    assert len(bodies) == 7  # the four indicators, naloxone, prison NSP and prison OAT
    name_row, cells_row = bodies[0].children
    assert name_row.children.colSpan == len(editions) and name_row.children.scope == "rowgroup"
    assert [td.headers for td in cells_row.children] == [f"facts-nsp facts-{e}" for e in editions]
    evidence = [part for td in cells_row.children for part in td.children if part.className == "evidence"]
    assert evidence and all(part.title for part in evidence)  # the plain-words meaning on hover


def test_country_panel_for_colombia(dataset):
    body = country_panel(dataset, "COL", t)
    text = text_of(body)
    assert body[0].children == "Colombia" and "Region: Latin America" in text
    for label in (
        "Needle and syringe programmes",
        "Opioid agonist therapy",
        "Drug consumption rooms",
        "National policy support",
        "Take-home naloxone",
        "Needle and syringe programmes in prisons",
        "Opioid agonist therapy in prisons",
    ):
        assert label in text
    facts = country_facts(dataset, "COL")
    assert len(facts) == 7 * len(dataset.edition_ids)
    links = [a for c in body for a in all_links(c)]
    assert links and all(a.target == "_blank" and "noopener" in a.rel for a in links)
    assert "Drug consumption rooms: No in GSHR 2022 → Yes in 2023 update" in text
    assert "Named by a Harm Reduction International publication" in text


def test_changes_ignore_steps_to_or_from_not_known(dataset):
    facts = country_facts(dataset, "COL")
    moved = changes(facts, dataset.edition_ids)
    assert ("dcr", "2022", "no", "2023", "yes") in moved
    assert all("unknown" not in (old, new) for _, _, old, _, new in moved)


def test_map_click_table_and_close_transitions():
    state = ViewState(compare="2020")
    click = {"points": [{"customdata": "MLT", "lat": 35.9, "lon": 14.4}]}
    assert next_state(state, ids.MAP, click=click).country == "MLT"
    assert next_state(state, ids.TABLE, cell={"rowId": "COL"}).country == "COL"
    assert next_state(state.with_(country="COL"), ids.PANEL_CLOSE).country is None
    assert search_of(ViewState()) == "" and search_of(ViewState(edition="2024")) == "?edition=2024"


@pytest.mark.parametrize(
    ("typed", "iso3"),
    [
        ("Colombia", "COL"),
        (" colombia ", "COL"),
        ("mlt", "MLT"),
        ("Kosovo", "XKX"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_find_country(dataset, typed, iso3):
    assert layout.find_country(dataset, typed) == iso3


def test_layout_builds_for_a_linked_view(app, dataset):
    page = layout.page(app, dataset, ViewState(indicator="dcr", country="COL"))
    text = text_of(page)
    assert "Harm Reduction Atlas" in text and layout.DISCLAIMER in text
    assert "Natural Earth" in text


def test_rendering_callbacks_wait_for_no_other_callback(app):
    """First paint: what reads URL.search is requested at once, not after the sync round trip.

    Dash holds a callback back while another one that outputs one of its inputs is pending; the
    sync callback writes to a second Location (URL_WRITE), so no callback outputs URL.search.
    """
    readers = [
        cb for cb in app.callback_map.values() if {"id": ids.URL, "property": "search"} in cb["inputs"]
    ]
    assert len(readers) >= 5  # sync, render, panel, table, the share links
    outputs = {part for key in app.callback_map for part in key.strip(".").split("...")}
    assert f"{ids.URL}.search" not in outputs
    assert f"{ids.URL_WRITE}.search" in outputs
