"""fact_sources: HRI's report first, then how the fact was read, in the view's language."""

from __future__ import annotations

from dashboard.core.i18n import translator
from dashboard.views.sources import fact_sources, method_anchor

TRANSCRIPTION = "https://github.com/WillieTheWhale/CDC_2026/blob/main/frontend/public/data/risk/2022.json"


def test_transcribed_fact_names_hris_table_first_and_the_transcription_second(dataset):
    sources = fact_sources(dataset, "2024", "nsp", "AGO")
    assert sources.primary is not None
    assert sources.primary.label == "HRI, Global State of Harm Reduction 2024, Table 1 (pp. 12–17)"
    assert sources.primary.url == dataset.report_urls["2024"]
    assert (
        sources.secondary is not None and sources.secondary.label == "read from a third-party transcription"
    )
    assert sources.secondary.url.startswith("https://github.com/")
    assert sources.how.startswith("From a third-party transcription")
    assert sources.method == "Transcribed score"
    assert sources.method_url == "/methods#rule-transcribed-score"


def test_malta_every_known_fact_has_hri_first_in_french(dataset):
    t = translator("fr")
    for edition in dataset.edition_ids:
        for indicator in ("nsp", "oat", "dcr", "policy"):
            sources = fact_sources(dataset, edition, indicator, "MLT", t, "methods?lang=fr")
            if not sources.how:
                continue
            assert sources.primary is not None and sources.primary.url == dataset.report_urls[edition]
            assert sources.primary.label.startswith("HRI, ")
            assert sources.links[0] == sources.primary
            if sources.method:
                assert sources.method_url == f"methods?lang=fr#{method_anchor(sources.method)}"
                assert sources.method not in sources.method_name  # the rule in words, not its code


def test_a_fact_that_is_not_known_has_no_source(dataset):
    sources = fact_sources(dataset, "2020", "naloxone", "AFG")
    assert (sources.primary, sources.secondary, sources.how, sources.method_url) == (None, None, "", "")
    assert sources.text() == ""


def test_anchors():
    assert [method_anchor(m) for m in ("R1", "MENA 2020", "Prison NSP 2022")] == [
        "rule-r1", "rule-mena-2020", "rule-prison-nsp-2022"
    ]  # fmt: skip
