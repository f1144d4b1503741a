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


# Memoised answers (issue 11): summary.json and downloads are built once per view; these check that
# the answers are still the ones jsonify and flask.send_file gave, and that parameters still count.

SUMMARY_VIEWS = [
    "",
    "edition=2024&region=asia",
    "edition=2020&region=western-europe",
    "region=oceania&lang=fr",
]


@pytest.mark.parametrize("query", SUMMARY_VIEWS)
def test_summary_is_jsonify_of_the_headline_counts_every_time(app, client, dataset, query):
    from flask import jsonify
    from werkzeug.http import generate_etag

    state = {"edition": "2023", "region": "world"} | dict(p.split("=") for p in query.split("&") if p)
    with app.server.test_request_context():
        expected = jsonify(
            {
                "edition": state["edition"],
                "region": state["region"],
                "indicators": headline_counts(dataset, state["edition"], state["region"]),
            }
        ).get_data()
    answers = [client.get(f"/api/v1/summary.json?{query}") for _ in range(3)]
    for response in answers:
        assert response.status_code == 200 and response.mimetype == "application/json"
        assert response.data == expected
        assert response.headers["ETag"] == f'"{generate_etag(expected)}"'  # what add_etag gave
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert response.headers["X-Content-Type-Options"] == "nosniff" and "Date" in response.headers
    again = client.get(f"/api/v1/summary.json?{query}", headers={"If-None-Match": answers[0].headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert (
        client.get(f"/api/v1/summary.json?{query}", headers={"If-None-Match": '"other"'}).status_code == 200
    )


def test_summary_views_do_not_share_answers_and_bad_values_stay_400(client):
    asia = client.get("/api/v1/summary.json?edition=2024&region=asia")
    world = client.get("/api/v1/summary.json?edition=2024")
    assert asia.get_json()["region"] == "asia" and world.get_json()["region"] == "world"
    assert asia.headers["ETag"] != world.headers["ETag"]
    assert client.get("/api/v1/summary.json?edition=2024&region=asia&utm=x").data == asia.data  # other names
    for _ in range(2):  # a bad value is never memoised as a view
        response = client.get("/api/v1/summary.json?edition=2024&region=mars")
        assert response.status_code == 400 and response.get_json()["parameter"] == "region"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Range": "bytes=0-99"},
        {"Range": "bytes=-50"},
        {"If-None-Match": '"x"'},
        {"If-Modified-Since": "Wed, 21 Oct 2015 07:28:00 GMT"},
        {"If-Match": '"x"'},
    ],
)
@pytest.mark.parametrize(
    ("name", "attachment"), [("harm-reduction-atlas_2023_world.csv", True), ("Côte.csv", True), (None, False)]
)
def test_download_answers_as_send_file_did(app, headers, name, attachment):
    """``api.download`` builds the response ``flask.send_file(io.BytesIO(data), ...)`` made."""
    import io

    from flask import send_file

    from dashboard.web.api import MAX_AGE, download, etag_of

    data = b"iso3,country\nCOL,Colombia\n" * 20
    with app.server.test_request_context(headers=headers):
        ours = download(data, "text/csv", name, attachment=attachment)
        theirs = send_file(
            io.BytesIO(data),
            mimetype="text/csv",
            as_attachment=attachment and name is not None,
            download_name=name,
            etag=etag_of(data),
            max_age=MAX_AGE,
            conditional=True,
        )
        assert ours.status_code == theirs.status_code
        assert ours.is_streamed and theirs.is_streamed  # compression treats both alike
        timeless = {"Date", "Expires"}
        assert sorted((k, v) for k, v in ours.headers.items() if k not in timeless) == sorted(
            (k, v) for k, v in theirs.headers.items() if k not in timeless
        )
        assert {k for k, _ in ours.headers.items() if k in timeless} == {
            k for k, _ in theirs.headers.items() if k in timeless
        }
        assert b"".join(ours.iter_encoded()) == b"".join(theirs.iter_encoded())
        theirs.close()


def test_coverage_etag_is_the_content_hash_and_answers_304(client):
    from dashboard.web.api import etag_of

    first = client.get("/api/v1/coverage.csv?region=asia")
    assert first.headers["ETag"] == f'"{etag_of(first.data)}"'
    assert first.headers["Cache-Control"] == "public, max-age=3600" and "Expires" in first.headers
    again = client.get("/api/v1/coverage.csv?region=asia", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    part = client.get("/api/v1/coverage.csv?region=asia", headers={"Range": "bytes=10-19"})
    assert part.status_code == 206 and part.data == first.data[10:20]
