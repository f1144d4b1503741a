"""The country profile's words on a tiny inline dataset: facts, footnotes, changes, region counts,
correction reports and suggestions, asserted whole."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

import pytest
from factories import make_dataset

from dashboard.core.config import ConfigError, Corrections, corrections_from_env
from dashboard.views.profile import build_profile, correction_href, locator_data, suggestions

URL = "https://atlas.example/country/COL"
A, B = "https://hri.global/a", "https://example.org/b"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return make_dataset(
        [
            ("2022", "dcr", "COL", "no", A, "hri_derived"),
            ("2023", "dcr", "COL", "yes", B),
            ("2024", "dcr", "COL", "yes", B),
            ("2023", "nsp", "COL", "yes", A),
            ("2023", "nsp", "KEN", "yes", A),
            ("2023", "policy", "COL", "yes", A, "transcription_derived"),
        ],
        countries=["COL", "KEN", "MLT", "JAM", ("ARG", "Argentina", "Latin America", -35.0, -65.0, False)],
        editions=["2022", "2023", "2024"],
        directory=tmp_path_factory.mktemp("profile-data"),
    )


def test_every_fact_with_its_footnote_and_how_it_is_known(dataset):
    p = build_profile(dataset, "COL", "en", page_url=URL, accessed=date(2026, 1, 2))
    assert [r.indicator for r in p.rows] == ["nsp", "oat", "dcr", "policy", "naloxone"]
    dcr = [(c.edition, c.status_label, c.notes, c.evidence) for c in p.cell_row("dcr")]
    assert dcr == [
        ("2022", "No", (1,), "HRI, derived"),
        ("2023", "Yes", (2,), "HRI"),
        ("2024", "Yes", (2,), "HRI"),
    ]
    assert [s.url for s in p.sources] == [A, B]  # each URL once, numbered in reading order
    assert p.sources[1].label == "HRI's words as published at example.org"  # sources.fact_sources' label
    assert p.cell("policy", "2023").evidence == "HRI's table, via a third-party copy"
    assert p.cell("oat", "2024").status_label == "Not known" and p.cell("oat", "2024").notes == ()
    assert p.changes == ("Drug consumption rooms: No in GSHR 2022 → Yes in 2023 update",)
    assert p.title == "Colombia: harm reduction country profile"
    assert p.citation == (
        "Harm Reduction International (2022–2024). Global State of Harm Reduction (GSHR 2022, 2023 update,"
        f" GSHR 2024). Via Harm Reduction Atlas, {URL}, accessed 2026-01-02."
    )
    assert p.source_line.startswith("Source: Harm Reduction International, Global State of Harm Reduction")


def test_region_comparison_counts_the_regions_countries(dataset):
    p = build_profile(dataset, "COL", "en", page_url=URL)
    assert (p.region_label, p.region_size) == ("Latin America", 2)
    dcr = next(c for c in p.comparison if c.indicator == "dcr")
    assert dcr.counts == (("2022", 0, 1), ("2023", 1, 1), ("2024", 1, 1))  # (edition, yes, not known)


def test_french_and_arabic_profiles(dataset):
    fr = build_profile(dataset, "COL", "fr", page_url=URL)
    assert fr.title == "Colombie : profil de réduction des risques"
    assert fr.cell("dcr", "2023").status_label == "Oui"
    ar = build_profile(dataset, "COL", "ar", page_url=URL)
    assert (ar.dir, ar.rtl) == ("rtl", True)
    assert ar.texts["sources"] == "المصادر"


def test_correction_report_is_prefilled_and_goes_where_configured(dataset):
    p = build_profile(dataset, "COL", "en", page_url=URL)
    report = p.cell("dcr", "2023").report
    assert report.title == "Correction: Colombia, Drug consumption rooms, 2023 update"
    assert report.body == (
        "Country: Colombia (COL)\nEdition: 2023 update (2023)\nIndicator: Drug consumption rooms (dcr)\n"
        f"Current status: Yes\nSource: HRI's words as published at example.org ({B})\nHow it is known: "
        "Named by a Harm Reduction International publication for this edition.\n"
        f"Page: {URL}\n\nWhat should it say, and what is your source?\n"
    )
    assert report.href == ""  # nothing configured: the page to copy it from
    assert report.page == "country/COL/correction?edition=2023&indicator=dcr"
    tracker = Corrections(url="https://git.example/new?title={title}&body={body}")
    href = correction_href(tracker, report.title, report.body)
    assert href.startswith("https://git.example/new?title=Correction%3A%20Colombia%2C")
    assert unquote(href.split("&body=")[1]) == report.body
    mail = correction_href(Corrections(email="data@atlas.example"), "a b", "c&d")
    assert mail == "mailto:data@atlas.example?subject=a%20b&body=c%26d"
    unknown = build_profile(dataset, "COL", "en", page_url=URL).cell("oat", "2024").report
    assert "Source: no source recorded" in unknown.body


def test_correction_settings_are_checked():
    assert corrections_from_env({}) == Corrections()
    assert corrections_from_env({"CORRECTIONS_EMAIL": "a@b.org"}).email == "a@b.org"
    for env in (
        {"CORRECTIONS_URL": "javascript:alert(1)//{title}"},
        {"CORRECTIONS_URL": "https://x.example/new"},
        {"CORRECTIONS_EMAIL": "a@b.org?bcc=c@d.org"},
    ):
        with pytest.raises(ConfigError):
            corrections_from_env(env)


def test_suggestions_for_unknown_codes(dataset):
    assert suggestions(dataset, "COK", "en")[0] == ("COL", "Colombia")
    assert ("ARG", "Argentina") in suggestions(dataset, "argentin", "en")
    assert suggestions(dataset, "", "en") == []
    assert suggestions(dataset, "x" * 5000, "en") == []


def test_locator_highlights_the_country_in_its_region(dataset):
    data = locator_data(dataset, "COL", "en")
    assert data.frame.loc["COL", "category"] == "here"
    assert data.frame.loc["ARG", "category"] == "region"
    assert data.labels == {"here": "Colombia", "region": "Other countries of Latin America"}


def test_the_country_panel_links_each_fact_to_its_correction_and_the_profile(dataset):
    from dashboard.core.i18n import translator
    from dashboard.views.panel import country_panel

    def links(component):
        found = [component] if type(component).__name__ == "A" else []
        children = getattr(component, "children", None)
        for child in children if isinstance(children, list) else [children] if children is not None else []:
            found += links(child)
        return found

    body = country_panel(dataset, "COL", translator("fr"), lang="fr")
    hrefs = [a.href for c in body for a in links(c)]
    assert "country/COL?lang=fr" in hrefs
    corrections = [h for h in hrefs if "/correction?" in h]
    assert len(corrections) == 5 * 3  # every indicator (four core, naloxone) in every edition
    assert "country/COL/correction?edition=2023&indicator=dcr&lang=fr" in corrections
