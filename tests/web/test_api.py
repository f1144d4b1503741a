"""API contract: status codes, content types, columns, and 400s naming the bad parameter."""

from __future__ import annotations

import csv
import io

import pytest
from factories import make_dataset

from dashboard.dataset.counts import headline_counts
from dashboard.web.factory import create_app


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"


def test_summary_default_is_2023(client, dataset):
    body = client.get("/api/v1/summary.json").get_json()
    assert body == {
        "edition": "2023",
        "region": "world",
        "indicators": headline_counts(dataset, "2023", "world"),
    }


@pytest.mark.parametrize("edition", ["2020", "2022", "2024"])
def test_summary_other_editions(client, dataset, edition):
    body = client.get(f"/api/v1/summary.json?edition={edition}").get_json()
    assert body["indicators"] == headline_counts(dataset, edition, "world")


def test_summary_of_a_tiny_dataset(tmp_path):
    """The whole body, on data small enough to count by hand (a partial list's published is null)."""
    make_dataset(
        [("2023", "nsp", "COL", "yes"), ("2023", "nsp", "KEN", "no"), ("2024", "nsp", "COL", "yes")],
        totals=[("2023", "nsp", 2)],
        directory=tmp_path / "data",
    )
    client = create_app(tmp_path / "data").server.test_client()
    assert client.get("/api/v1/summary.json").get_json() == {
        "edition": "2023",
        "region": "world",
        "indicators": {
            "nsp": {"count": 2, "published": 2, "listed": 1, "unknown": 3},
            "oat": {"count": 0, "published": None, "listed": 0, "unknown": 5},
            "dcr": {"count": 0, "published": None, "listed": 0, "unknown": 5},
            "policy": {"count": 0, "published": None, "listed": 0, "unknown": 5},
            "naloxone": {"count": 0, "published": None, "listed": 0, "unknown": 5},
            "prison_nsp": {"count": 0, "published": None, "listed": 0, "unknown": 5},
            "prison_oat": {"count": 0, "published": None, "listed": 0, "unknown": 5},
        },
    }
    latin = client.get("/api/v1/summary.json?edition=2024&region=latin-america").get_json()
    assert latin["indicators"]["nsp"] == {"count": 1, "published": None, "listed": 1, "unknown": 0}


def test_summary_region(client):
    body = client.get("/api/v1/summary.json?region=western-europe").get_json()
    assert body["region"] == "western-europe"
    assert all(v["published"] is None for v in body["indicators"].values())


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("edition=bogus", "edition"),
        ("region=mars", "region"),
        ("indicator=heroin", "indicator"),
        ("country=ZZZ", "country"),
        ("edition=all", "edition"),
    ],
)
def test_summary_bad_parameter_is_400(client, query, parameter):
    response = client.get(f"/api/v1/summary.json?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["parameter"] == parameter
    assert body["allowed"]


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_coverage_csv_2023(client, dataset):
    response = client.get("/api/v1/coverage.csv?edition=2023")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "harm-reduction-atlas_2023_world.csv" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == len(dataset.countries)
    assert list(rows[0])[:4] == ["iso3", "country", "region", "edition"]
    for i in ("nsp", "oat", "dcr", "policy"):
        assert {i, f"{i}_source", f"{i}_evidence"} <= set(rows[0])
    assert sum(r["dcr"] == "yes" for r in rows) == headline_counts(dataset, "2023", "world")["dcr"]["listed"]
    assert all(r["dcr_source"].startswith("https://") for r in rows if r["dcr"] == "yes")
    assert {r["nsp"] for r in rows} == {"yes", "no", "unknown"}


def test_coverage_region_filter(client, dataset):
    rows = read_csv(client.get("/api/v1/coverage.csv?edition=2023&region=western-europe"))
    assert {r["region"] for r in rows} == {"Western Europe"}
    assert len(rows) == int((dataset.countries["region"] == "western-europe").sum())


def test_coverage_all_editions_is_long(client, dataset):
    rows = read_csv(client.get("/api/v1/coverage.csv?edition=all"))
    assert len(rows) == len(dataset.edition_ids) * len(dataset.countries)
    assert {r["edition"] for r in rows} == set(dataset.edition_ids)
    assert len({(r["iso3"], r["edition"]) for r in rows}) == len(rows)


def test_coverage_json_matches_csv(client):
    body = client.get("/api/v1/coverage.json?edition=2024&region=oceania").get_json()
    rows = read_csv(client.get("/api/v1/coverage.csv?edition=2024&region=oceania"))
    assert body["edition"] == "2024" and body["region"] == "oceania"
    assert [r["iso3"] for r in body["rows"]] == [r["iso3"] for r in rows]
    assert body["rows"][0].keys() == rows[0].keys()


@pytest.mark.parametrize("path", ["/api/v1/coverage.csv", "/api/v1/coverage.json"])
def test_coverage_bad_parameter_is_400(client, path):
    response = client.get(f"{path}?edition=<script>")
    assert response.status_code == 400
    assert "<script>" not in response.get_data(as_text=True)
    assert response.get_json()["parameter"] == "edition"


@pytest.mark.parametrize("value", ["all", "ALL", " All "])
def test_edition_all_is_case_insensitive_like_other_values(client, value):
    response = client.get(f"/api/v1/coverage.json?edition={value}&region=WESTERN-EUROPE")
    assert response.status_code == 200
    body = response.get_json()
    assert body["edition"] == "all" and body["region"] == "western-europe"
