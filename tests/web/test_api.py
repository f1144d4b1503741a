"""API contract: status codes, content types, columns, and 400s naming the bad parameter."""

from __future__ import annotations

import csv
import io

import pytest


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"


def test_summary_default_is_2023(client):
    body = client.get("/api/v1/summary.json").get_json()
    assert body["edition"] == "2023" and body["region"] == "world"
    counts = {k: v["count"] for k, v in body["indicators"].items()}
    assert {k: counts[k] for k in ("nsp", "oat", "dcr", "policy")} == {
        "nsp": 92,
        "oat": 88,
        "dcr": 17,
        "policy": 109,
    }
    # 2023: HRI published no naloxone count: the card shows the named countries, published is null
    assert body["indicators"]["naloxone"] == {"count": 26, "published": None, "listed": 26, "unknown": 174}
    assert body["indicators"]["policy"] == {"count": 109, "published": 109, "listed": 92, "unknown": 17}


@pytest.mark.parametrize(("edition", "expected"), [("2022", (92, 87, 16, 105)), ("2024", (93, 94, 18, 108))])
def test_summary_other_editions(client, edition, expected):
    body = client.get(f"/api/v1/summary.json?edition={edition}").get_json()
    assert tuple(body["indicators"][i]["count"] for i in ("nsp", "oat", "dcr", "policy")) == expected


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


def test_coverage_csv_2023(client):
    response = client.get("/api/v1/coverage.csv?edition=2023")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "harm-reduction-atlas_2023_world.csv" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) >= 190
    assert list(rows[0])[:4] == ["iso3", "country", "region", "edition"]
    for i in ("nsp", "oat", "dcr", "policy"):
        assert {i, f"{i}_source", f"{i}_evidence"} <= set(rows[0])
    assert sum(r["dcr"] == "yes" for r in rows) == 17
    assert all(r["dcr_source"].startswith("https://") for r in rows if r["dcr"] == "yes")
    assert {r["nsp"] for r in rows} == {"yes", "no", "unknown"}


def test_coverage_region_filter(client, dataset):
    rows = read_csv(client.get("/api/v1/coverage.csv?edition=2023&region=western-europe"))
    assert {r["region"] for r in rows} == {"Western Europe"}
    assert len(rows) == int((dataset.countries["region"] == "western-europe").sum())


def test_coverage_all_editions_is_long(client):
    rows = read_csv(client.get("/api/v1/coverage.csv?edition=all"))
    assert len(rows) == 4 * 200
    assert {r["edition"] for r in rows} == {"2020", "2022", "2023", "2024"}
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
