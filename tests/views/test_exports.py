"""Downloads on a small fixture dataset: exact CSV text, JSON shapes, xlsx, zip, datapackage, 400s."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from dashboard.core.config import ROOT
from dashboard.web.factory import create_app

MINI = ROOT / "tests" / "fixtures" / "mini"
SRC23 = "https://hri.global/publications/global-state-of-harm-reduction-2023-update-to-key-data/"
SRC22 = "https://hri.global/publications/global-state-of-harm-reduction-2022/"
REPORT22 = "https://hri.global/flagship-research/gshr-2022/"  # editions.csv report_url: primary source
REPORT23 = SRC23


@pytest.fixture(scope="module")
def mini():
    return create_app(MINI).server.test_client()


def test_coverage_csv_exact_text_for_region(mini):
    response = mini.get("/api/v1/coverage.csv?edition=2023&region=western-europe&indicator=policy")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=harm-reduction-atlas_2023_western-europe_policy.csv"  # by flask.send_file
    )
    assert response.get_data(as_text=True) == (
        "iso3,country,region,edition,policy,policy_primary_source,policy_source,policy_evidence\n"
        f"DEU,Germany,Western Europe,2023,yes,{REPORT23},{SRC23},hri_direct\n"
        f"FRA,France,Western Europe,2023,no,{REPORT23},{SRC23},hri_direct\n"
        "MLT,Malta,Western Europe,2023,unknown,,,\n"
    )


def test_coverage_csv_has_no_bom_unless_asked(mini):
    plain = mini.get("/api/v1/coverage.csv?edition=2023").get_data()
    with_bom = mini.get("/api/v1/coverage.csv?edition=2023&bom=1").get_data()
    assert plain.startswith(b"iso3,")
    assert with_bom == b"\xef\xbb\xbf" + plain


def test_coverage_all_editions(mini):
    rows = list(
        csv.DictReader(io.StringIO(mini.get("/api/v1/coverage.csv?edition=all").get_data(as_text=True)))
    )
    assert [(r["edition"], r["iso3"]) for r in rows] == [
        (e, c) for e in ("2022", "2023") for c in ("DEU", "FRA", "MLT", "UKR")
    ]


def test_full_data_csv_is_long_neutralised_and_complete(mini):
    response = mini.get("/api/v1/data.csv")
    assert response.status_code == 200
    assert "harm-reduction-atlas_data.csv" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    lines = text.splitlines()
    assert lines[0] == (
        "edition,iso3,country,region,indicator,status,primary_source,source_url,evidence_kind,method,evidence"
    )
    assert len(lines) == 1 + 33  # every status row, prison_nsp included
    assert lines[5] == (
        f"2022,DEU,Germany,Western Europe,prison_nsp,yes,{REPORT22},{SRC22},hri_direct,,"
        "Named in the prisons table"
    )
    s23 = f"{REPORT23},{SRC23}"
    assert f"2023,MLT,Malta,Western Europe,oat,no,{s23},hri_derived,,'=1+1 not listed" in lines
    assert (
        f"2023,FRA,France,Western Europe,policy,no,{s23},hri_direct,,'-no supportive reference found" in lines
    )
    assert f"2023,UKR,Ukraine,Eurasia,policy,yes,{s23},hri_direct,,'@policy cited" in lines
    assert (
        f'2023,UKR,Ukraine,Eurasia,nsp,yes,{s23},hri_direct,,"Named in the 2023 update, ""NSP"" row"' in lines
    )
    assert "2023,MLT,Malta,Western Europe,policy,unknown,,,,," in lines  # not known: no source at all


def test_coverage_json_shape(mini):
    body = mini.get("/api/v1/coverage.json?edition=2022&region=eurasia").get_json()
    assert body["edition"] == "2022" and body["region"] == "eurasia" and body["indicator"] is None
    assert body["columns"][:4] == ["iso3", "country", "region", "edition"]
    assert body["rows"] == [
        {
            "iso3": "UKR", "country": "Ukraine", "region": "Eurasia", "edition": "2022",
            "nsp": "yes", "nsp_primary_source": REPORT22, "nsp_source": SRC22, "nsp_evidence": "hri_direct",
            "oat": "yes", "oat_primary_source": REPORT22, "oat_source": SRC22,
            "oat_evidence": "transcription_derived",
            "dcr": "no", "dcr_primary_source": REPORT22, "dcr_source": SRC22, "dcr_evidence": "hri_derived",
            "policy": "unknown", "policy_primary_source": "", "policy_source": "", "policy_evidence": "",
            "naloxone": "unknown", "naloxone_primary_source": "", "naloxone_source": "",
            "naloxone_evidence": "",
            "prison_nsp": "unknown", "prison_nsp_primary_source": "", "prison_nsp_source": "",
            "prison_nsp_evidence": "",
            "prison_oat": "unknown", "prison_oat_primary_source": "", "prison_oat_source": "",
            "prison_oat_evidence": "",
        }
    ]  # fmt: skip
    assert list(body["rows"][0]) == body["columns"]


def test_downloads_are_cacheable_and_conditional(mini):
    first = mini.get("/api/v1/coverage.csv?edition=2023")
    assert first.headers["Cache-Control"] == "public, max-age=3600"
    etag = first.headers["ETag"]
    again = mini.get("/api/v1/coverage.csv?edition=2023", headers={"If-None-Match": etag})
    assert again.status_code == 304
    other = mini.get("/api/v1/coverage.csv?edition=2022")
    assert other.headers["ETag"] != etag


def test_xlsx_has_readme_and_data(mini):
    response = mini.get("/api/v1/coverage.xlsx?edition=2023&region=eurasia")
    assert response.status_code == 200
    assert "harm-reduction-atlas_2023_eurasia_en.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ["README", "coverage"]
    readme = [str(c.value) for c in book["README"]["A"] if c.value]
    assert readme[1:5] == [
        "This workbook holds one row per country and edition for the region Eurasia and every indicator:"
        " 1 row on the sheet “coverage”, with a filter on every column.",
        "It holds these editions of Harm Reduction International's Global State of Harm Reduction:",
        f"2023 update: Global State of Harm Reduction 2023 update to key data, {REPORT23}",
        "Cite Harm Reduction International first:",
    ]
    assert readme[5].startswith("Harm Reduction International (2023). Global State of Harm Reduction 2023")
    assert "CC-BY-4.0" in "\n".join(readme)
    assert any(line.endswith("/methods.") for line in readme)
    sheet = book["coverage"]
    rows = list(sheet.values)
    assert rows[0][:6] == ("iso3", "country", "region", "edition", "nsp", "nsp_primary_source")
    assert [r[0] for r in rows[1:]] == ["UKR"]
    assert rows[1][rows[0].index("policy")] == "yes"
    assert rows[1][rows[0].index("policy_source")] == SRC23
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(rows[0])).column_letter}2"
    link = sheet.cell(2, rows[0].index("policy_primary_source") + 1)
    assert link.hyperlink.target == REPORT23 and link.font.underline == "single"
    assert sheet.column_dimensions["A"].width == len("iso3") + 2
    assert sheet.column_dimensions["F"].width == 60  # a long URL column is capped (the link works)


def test_download_names_differ_whenever_the_content_does(mini):
    def name(query):
        return mini.get("/api/v1/coverage." + query).headers["Content-Disposition"].split("=", 1)[1]

    names = {
        name("xlsx?edition=2023"), name("xlsx?edition=2023&lang=fr"), name("xlsx?edition=2023&indicator=oat"),
        name("xlsx?edition=2022"), name("csv?edition=2023"), name("csv?edition=2023&indicator=oat"),
    }  # fmt: skip
    assert len(names) == 6
    assert name("csv?edition=2023&lang=fr") == name("csv?edition=2023")  # same bytes, same name


def test_bundle_members_and_datapackage_fields_match_files(mini):
    response = mini.get("/api/v1/bundle.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.get_data()))
    names = set(bundle.namelist())
    assert names == {
        "README.txt", "datapackage.json",
        "harm-reduction-atlas_data.csv", "harm-reduction-atlas_coverage_all.csv",
        "editions.csv", "countries.csv", "sources.csv", "status.csv", "published_totals.csv", "methods.csv",
    }  # fmt: skip
    readme = bundle.read("README.txt").decode()
    assert readme.index("Harm Reduction International") < readme.index("Harm Reduction Atlas,")
    assert "CC-BY-4.0" in readme
    assert "Every fact's primary source is HRI's report for its edition" in readme
    assert "http://localhost/methods" in readme
    package = json.loads(bundle.read("datapackage.json"))
    served = mini.get("/api/v1/datapackage.json").get_json()
    for resource in served["resources"]:  # the served copy names the served files
        assert resource["path"].startswith("data/")
        assert mini.get("/api/v1/" + resource["path"]).get_data() == bundle.read(resource["path"][5:])
        resource["path"] = resource["path"][5:]
    assert package == served
    assert {r["path"] for r in package["resources"]} == names - {"README.txt", "datapackage.json"}
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO(bundle.read(resource["path"]).decode())))
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["path"]
    assert bundle.read("harm-reduction-atlas_data.csv") == mini.get("/api/v1/data.csv").get_data()


def test_real_data_western_europe_2023_only_that_region(client, dataset):
    text = client.get("/api/v1/coverage.csv?edition=2023&region=western-europe").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = set(dataset.countries.index[dataset.countries["region"] == "western-europe"])
    assert {r["iso3"] for r in rows} == expected
    assert {r["region"] for r in rows} == {"Western Europe"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/coverage.csv", "/api/v1/coverage.json", "/api/v1/coverage.xlsx", "/api/v1/data.csv",
        "/api/v1/bundle.zip", "/api/v1/datapackage.json", "/api/v1/map.png", "/api/v1/map.svg",
    ],
)  # fmt: skip
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("edition=1999", "edition"),
        ("region=atlantis", "region"),
        ("indicator=<b>", "indicator"),
        ("lang=xx", "lang"),
    ],
)
def test_bad_parameters_are_400_everywhere(mini, path, query, parameter):
    response = mini.get(f"{path}?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == parameter and body["allowed"]
    assert "<b>" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("/api/v1/coverage.csv", "bom=yes", "bom"),
        ("/api/v1/data.csv", "bom=2", "bom"),
        ("/api/v1/map.png", "preset=poster", "preset"),
        ("/api/v1/map.svg", "preset=a3", "preset"),
        ("/api/v1/map.png", "edition=all", "edition"),
    ],
)
def test_route_specific_bad_parameters(mini, path, query, parameter):
    response = mini.get(f"{path}?{query}")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == parameter


@pytest.mark.parametrize("value", ["-11.937", "+3", "-0.5e3", "42"])
def test_plain_numbers_are_not_neutralised(value):
    from dashboard.views.exports import neutralise

    assert neutralise(value) == value


@pytest.mark.parametrize("value", ["-1+1", "=1+1", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2-3"])
def test_formula_like_text_is_neutralised(value):
    from dashboard.views.exports import neutralise

    assert neutralise(value) == "'" + value


def test_bundle_tables_keep_negative_coordinates_and_are_readable(dataset):
    import csv
    import io
    import zipfile
    from datetime import date

    from dashboard.views.exports import bundle_zip

    with zipfile.ZipFile(io.BytesIO(bundle_zip(dataset, "http://x/", date(2026, 1, 2)))) as bundle:
        rows = list(csv.DictReader(io.StringIO(bundle.read("countries.csv").decode("utf-8"))))
        modes = {info.filename: info.external_attr >> 16 for info in bundle.infolist()}
    ago = next(r for r in rows if r["iso3"] == "AGO")
    assert float(ago["lat"]) < 0 and not ago["lat"].startswith("'")
    assert all(mode == 0o644 for mode in modes.values()), modes


def test_sqlite_has_keyed_tables_and_a_wide_view_per_edition(mini, tmp_path):
    import sqlite3

    response = mini.get("/api/v1/atlas.sqlite")
    assert (
        response.status_code == 200
        and "harm-reduction-atlas.sqlite" in response.headers["Content-Disposition"]
    )
    path = tmp_path / "atlas.sqlite"
    path.write_bytes(response.get_data())
    db = sqlite3.connect(path)
    tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
    assert tables == {"editions", "countries", "sources", "status", "published_totals", "methods"}
    views = [r[0] for r in db.execute("select name from sqlite_master where type = 'view' order by name")]
    assert views == ["coverage_2022", "coverage_2023"]
    keys = [r[5] for r in db.execute("pragma table_info(status)") if r[5]]
    assert len(keys) == 3  # edition, indicator, iso3
    targets = {r[2] for r in db.execute("pragma foreign_key_list(status)")}
    assert targets == {"editions", "countries", "sources", "methods"}
    assert db.execute("pragma foreign_key_check").fetchall() == []
    assert db.execute("select iso3, policy, primary_source from coverage_2023 order by iso3").fetchall() == [
        ("DEU", "yes", REPORT23), ("FRA", "no", REPORT23), ("MLT", "unknown", REPORT23),
        ("UKR", "yes", REPORT23),
    ]  # fmt: skip
    assert db.execute("select published, published_month from editions").fetchall() == [
        (2022, "2022-11"), (2023, "2023-11")
    ]  # fmt: skip


def test_sqlite_yes_counts_equal_the_api_listed_counts(client):
    import sqlite3
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".sqlite") as fh:
        fh.write(client.get("/api/v1/atlas.sqlite").get_data())
        fh.flush()
        db = sqlite3.connect(fh.name)
        counted = dict(
            ((e, i), n)
            for e, i, n in db.execute(
                "select edition, indicator, count(*) from status where status = 'yes' group by 1, 2"
            )
        )
        for edition in ("2020", "2024"):  # sampled, not every edition
            listed = client.get(f"/api/v1/summary.json?edition={edition}").get_json()["indicators"]
            for indicator, counts in listed.items():
                if indicator != "services" and counts.get("listed") is not None:
                    assert counted.get((edition, indicator), 0) == counts["listed"], (edition, indicator)
