"""HRI's real facts, as shipped in data/: the one test file a data rebuild (`make data`) touches.

Logic tests elsewhere run on tiny inline datasets (``tests/factories.py``) or derive what they
expect from the loaded dataset; every literal number or status from HRI's reports is here. When
``make data`` changes a total or a country's status on purpose, update this file (and CHANGELOG.md).
"""

from __future__ import annotations

import csv
import importlib.util
import io

import pytest

from dashboard.core.config import ROOT
from dashboard.dataset.__main__ import main
from dashboard.dataset.counts import completeness, headline_counts

DATA_DIR = ROOT / "data"
REFERENCE = ROOT.parent / "shared" / "reference"

# HRI's published world totals: NSP, OAT, DCR, national policy support.
PUBLISHED = {
    "2020": (86, 84, 12, 87),
    "2022": (92, 87, 16, 105),
    "2023": (92, 88, 17, 109),
    "2024": (93, 94, 18, 108),
}
CORE = ("nsp", "oat", "dcr", "policy")


def test_countries_and_editions(dataset):
    assert len(dataset.countries) == 200
    assert dataset.countries.loc["XKX", "country"] == "Kosovo"
    assert dataset.edition_ids == ["2020", "2022", "2023", "2024"]
    assert dataset.edition_labels == {
        "2020": "GSHR 2020",
        "2022": "GSHR 2022",
        "2023": "2023 update",
        "2024": "GSHR 2024",
    }


@pytest.mark.parametrize("edition", list(PUBLISHED))
def test_world_cards_show_hris_totals(dataset, edition):
    counts = headline_counts(dataset, edition, "world")
    assert tuple(counts[i]["count"] for i in CORE) == PUBLISHED[edition]
    assert tuple(counts[i]["published"] for i in CORE) == PUBLISHED[edition]


@pytest.mark.parametrize("edition", list(PUBLISHED))
def test_dcr_lists_are_complete(dataset, edition):
    counts = headline_counts(dataset, edition, "world")["dcr"]
    assert counts == {
        "count": PUBLISHED[edition][2],
        "published": PUBLISHED[edition][2],
        "listed": PUBLISHED[edition][2],
        "unknown": 0,
    }


def test_2023_lists_how_complete(dataset):
    counts = headline_counts(dataset, "2023", "world")
    assert counts["nsp"] == {"count": 92, "published": 92, "listed": 87, "unknown": 5}
    assert counts["policy"] == {"count": 109, "published": 109, "listed": 92, "unknown": 17}
    # HRI published no naloxone count for 2023: the card shows the named countries
    assert counts["naloxone"] == {"count": 26, "published": None, "listed": 26, "unknown": 174}


def test_naloxone_totals(dataset):
    assert {e: dataset.published.get((e, "naloxone")) for e in dataset.edition_ids} == {
        "2020": None,
        "2022": 35,
        "2023": None,
        "2024": 34,
    }


def test_every_yes_has_a_source(dataset):
    yes = dataset.long[dataset.long["status"] == "yes"]
    assert len(yes) > 400
    assert yes["source_url"].str.startswith("http").all()


def test_listed_never_exceeds_published(dataset):
    with_total = completeness(dataset).dropna(subset=["published"])
    assert (with_total["yes"] <= with_total["published"]).all()


def test_colombia(dataset):
    """The country the README's screenshot opens: DCR no in 2022, yes in the 2023 update."""
    assert dataset.countries.loc["COL", ["country", "region"]].tolist() == ["Colombia", "latin-america"]
    assert dataset.wide("2022").at["COL", "dcr"] == "no"
    assert dataset.wide("2023").loc["COL", ["nsp", "dcr"]].tolist() == ["yes", "yes"]


def test_greece_and_iceland_gained_a_dcr_between_2020_and_2024(dataset):
    for iso3 in ("GRC", "ISL"):
        assert [dataset.wide(e).at[iso3, "dcr"] for e in ("2020", "2024")] == ["no", "yes"]


def test_api_summary_default(client):
    body = client.get("/api/v1/summary.json").get_json()
    assert (body["edition"], body["region"]) == ("2023", "world")
    assert tuple(body["indicators"][i]["count"] for i in CORE) == PUBLISHED["2023"]
    assert body["indicators"]["policy"] == {"count": 109, "published": 109, "listed": 92, "unknown": 17}


@pytest.mark.parametrize("edition", ["2022", "2024"])
def test_api_summary_other_editions(client, edition):
    body = client.get(f"/api/v1/summary.json?edition={edition}").get_json()
    assert tuple(body["indicators"][i]["count"] for i in CORE) == PUBLISHED[edition]


def test_api_coverage(client):
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/v1/coverage.csv?edition=2023").get_data(as_text=True)))
    )
    assert len(rows) == 200
    assert sum(r["dcr"] == "yes" for r in rows) == 17
    everything = client.get("/api/v1/coverage.csv?edition=all").get_data(as_text=True)
    assert len(list(csv.DictReader(io.StringIO(everything)))) == 4 * 200


def test_validator_cli_prints_completeness(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "2023    dcr              17        17" in out
    assert "2023    policy           92       109" in out


@pytest.mark.skipif(
    not (REFERENCE / "data" / "status.csv").exists(), reason="../shared/reference not present"
)
def test_data_is_rebuilt_from_current_reference(tmp_path):
    """data/ must equal a fresh build from ../shared/reference (else run `make data`)."""
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(REFERENCE, tmp_path / "data", tmp_path / "geo")
    (tmp_path / "data" / "datapackage.json").write_text((DATA_DIR / "datapackage.json").read_text())
    for path in sorted((tmp_path / "data").iterdir()):
        assert path.read_bytes() == (DATA_DIR / path.name).read_bytes(), (
            f"data/{path.name} is stale: run `make data`"
        )
    rebuilt = (tmp_path / "geo" / "world_50m.json").read_bytes()
    assert rebuilt == (ROOT / "assets" / "geo" / "world_50m.json").read_bytes()


# ---- trend, changes and regions views (issue 12) --------------------------------------------------


def test_changes_2023_to_2024_nsp_name_hri_s_countries(client):
    body = client.get("/api/v1/changes.json?indicator=nsp&edition=2024&compare=2023").get_json()
    moved = {(r["change"], r["country"]) for r in body["rows"]}
    assert {c for k, c in moved if k == "gained"} == {"Brazil", "Bulgaria", "Ghana"}
    assert {c for k, c in moved if k == "lost"} == {"Dominican Republic", "Guinea"}
    assert all(r["after_source"] and r["before_source"] for r in body["rows"])


def test_oat_trend_gives_hri_s_totals(client):
    body = client.get("/api/v1/trend.json?indicator=oat").get_json()
    assert [r["published"] for r in body["rows"]] == [84, 87, 88, 94]
    assert all(r["listed"] <= r["published"] for r in body["rows"])


@pytest.mark.parametrize("spec", ["trend:en:slide:png", "regions:ar:a4:svg", "changes:ar:square:png"])
def test_view_images_render(client, spec):
    name, lang, preset, fmt = spec.split(":")
    response = client.get(f"/api/v1/{name}.{fmt}?edition=2024&compare=2023&lang={lang}&preset={preset}")
    if response.status_code == 503:
        pytest.skip("no Chromium")
    assert response.status_code == 200
    assert response.data[:4] == b"\x89PNG" if fmt == "png" else b"<svg" in response.data[:400]
