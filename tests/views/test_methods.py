"""The methods page's content on a tiny inline dataset: whole sentences, counts and doubts."""

from __future__ import annotations

from factories import make_dataset

from dashboard.views.methods import methods_page

ROWS = [
    ("2023", "nsp", "COL", "yes"),
    ("2023", "nsp", "KEN", "no", "https://github.com/x/y.json", "transcription_derived"),
    ("2023", "dcr", "COL", "yes"),
]


def test_completeness_cells_and_doubts_say_what_is_known():
    dataset = make_dataset(ROWS, totals=[("2023", "nsp", 3)], editions=["2023"])
    page = methods_page(dataset, "en")
    assert page.indicator_labels[:3] == (
        "Needle and syringe programmes", "Opioid agonist therapy", "Drug consumption rooms"
    )  # fmt: skip
    (row,) = page.completeness
    assert row.edition == "2023 update"
    assert row.cells[:3] == ("1 of 3", "0 with a source (partial list)", "1 with a source (partial list)")
    assert page.doubts == (
        "1 fact rests on a third party's transcription of HRI's Table 1: good, not authoritative;"
        " each agrees with HRI's totals.",
        "HRI's published counts name 2 more country-list entries than the data does: those countries are"
        " not known here until a source names them.",
        "4 lists have no HRI count in the data, so they are partial.",
    )
    assert page.rules == ()  # no methods.csv in this directory: no rules, nothing invented


def test_french_page_translates_its_words():
    dataset = make_dataset(ROWS, totals=[("2023", "nsp", 3)], editions=["2023"])
    page = methods_page(dataset, "fr")
    assert page.texts["title"] != "How the Atlas knows each fact"
    assert page.completeness[0].cells[0] == "1 sur 3"


def test_rules_of_the_shipped_data_are_named_in_words(dataset):
    page = methods_page(dataset, "en")
    names = {rule.code: rule.name for rule in page.rules}
    assert names["R3"] == "The 2023 update carries NSP and OAT from 2022"
    assert names["Transcribed score"] == "Read from a transcription of HRI's Table 1 scores"
    r3 = next(rule for rule in page.rules if rule.code == "R3")
    assert (r3.anchor, r3.facts) == ("rule-r3", "Used for 380 facts.")
    assert any("assumption" in doubt for doubt in page.doubts)  # R5 says it is one
