"""Trend, changes and regions tables and their words, on a tiny inline dataset."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.state import ViewState
from dashboard.views import analysis_figures
from dashboard.views.describe import AnalysisView
from dashboard.views.images import PRESETS
from tests.factories import make_dataset


@pytest.fixture(scope="module")
def ds():
    return make_dataset(
        [
            ("2023", "nsp", "COL", "no"),
            ("2023", "nsp", "KEN", "yes"),
            ("2023", "nsp", "MLT", "yes"),
            ("2023", "nsp", "UKR", "no"),
            ("2024", "nsp", "COL", "yes", "https://example.org/col-2024"),
            ("2024", "nsp", "KEN", "no"),
            ("2024", "nsp", "MLT", "unknown"),
            ("2024", "nsp", "UKR", "yes"),
            ("2024", "nsp", "XKX", "yes"),
        ],
        totals=[("2023", "nsp", 3), ("2024", "nsp", 5)],
    )


def test_trend_gives_hri_total_and_named_count_per_edition(ds):
    table = AnalysisView(ds, ViewState(view="trend")).trend
    rows = table[["edition", "published", "listed", "unknown"]].astype(object).values.tolist()
    assert [[e, None if pd.isna(p) else int(p), n, u] for e, p, n, u in rows] == [
        ["2020", None, 0, 5],
        ["2022", None, 0, 5],
        ["2023", 3, 2, 1],
        ["2024", 5, 3, 1],
    ]


def test_changes_default_to_previous_edition_and_keep_not_known_apart(ds):
    view = AnalysisView(ds, ViewState(view="changes", edition="2024"))
    table = view.changes
    assert table[["change", "iso3", "before_status", "after_status"]].values.tolist() == [
        ["gained", "UKR", "no", "yes"],  # Eurasia before Latin America: HRI's region order
        ["gained", "COL", "no", "yes"],
        ["lost", "KEN", "yes", "no"],
        ["from_unknown", "XKX", "unknown", "yes"],
        ["to_unknown", "MLT", "yes", "unknown"],
    ]
    assert table.loc[table["iso3"] == "COL", "after_source"].item() == "https://example.org/col-2024"
    assert view.changes_gap("nsp") == (
        "HRI's published total went from 3 to 5 (net +2). The Atlas has a source for 2 countries that"
        " gained it and 1 that lost it (net +1). 1 country of HRI's net change is not among the countries"
        " with a source."
    )


def test_changes_from_the_first_edition_say_there_is_nothing_before(ds):
    view = AnalysisView(ds, ViewState(view="changes", edition="2020"))
    assert view.changes.empty
    assert view.changes_gap("nsp") == (
        "There is no edition before GSHR 2020 in the data: choose one to compare with."
    )


def test_regions_count_every_country_once(ds):
    table = AnalysisView(ds, ViewState(view="regions", edition="2024")).regions
    assert len(table) == 9
    eurasia = table[table["region"] == "Eurasia"].iloc[0]
    assert (eurasia["countries"], eurasia["nsp_yes"], eurasia["nsp_no"], eurasia["nsp_unknown"]) == (
        2,
        2,
        0,
        0,
    )
    for i in ("nsp", "oat", "dcr", "policy", "naloxone"):
        assert (table[f"{i}_yes"] + table[f"{i}_no"] + table[f"{i}_unknown"] == table["countries"]).all()


def test_plural_forms_in_russian(ds):
    view = AnalysisView(ds, ViewState(view="changes", edition="2024", lang="ru"))
    assert view.change_heading("gained", 2) == "Приобретено: 2 страны" or view.change_heading(
        "gained", 2
    ).endswith("2 страны")
    assert view.change_heading("gained", 5).endswith("5 стран")


@pytest.mark.parametrize("name", ["trend", "changes", "regions"])
def test_figures_use_fixed_colours_and_dress_for_export(ds, name):
    view = AnalysisView(ds, ViewState(view=name, edition="2024"))
    fig = analysis_figures.view_figure(view)
    assert {t.type for t in fig.data} == {"scatter"}
    out = analysis_figures.export_view_figure(view, "http://x/?view=" + name, PRESETS["square"])
    texts = [a.text for a in out.layout.annotations]
    assert any(view.view_title[:12] in (t or "") for t in texts)
    assert any("Harm Reduction International" in (t or "") for t in texts)
    low, high = out.layout.yaxis.domain
    assert 0 < low < high < 1  # between the title block and the legend
