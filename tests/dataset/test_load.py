"""The data layer: the shipped data validates, and every malformed file is named with row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from factories import make_dataset

from dashboard.core.config import ROOT
from dashboard.dataset.__main__ import main
from dashboard.dataset.counts import completeness
from dashboard.dataset.load import DataError, load_dataset

DATA_DIR = ROOT / "data"


def rewrite(path: Path, edit) -> None:
    """Apply ``edit(rows)`` to a CSV's rows (lists of cells, header first) and write it back."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    def edit(rows):
        rows[line - 1][rows[0].index(column)] = value

    rewrite(path, edit)


def first_line(path: Path, column: str, value: str) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            if row[column] == value:
                return i
    raise AssertionError(f"no {column}={value} in {path}")


def test_shipped_data_is_valid(dataset):
    """data/ loads (its facts are pinned in tests/test_shipped_data.py)."""
    assert dataset.edition_ids == list(dataset.editions["edition"]) and len(dataset.countries) > 0


def test_completeness_table():
    ds = make_dataset(
        [("2023", "nsp", "COL", "yes"), ("2023", "nsp", "KEN", "no"), ("2023", "dcr", "COL", "yes")],
        totals=[("2023", "nsp", 3), ("2023", "dcr", 1)],
        editions=["2023"],
    )
    rows = completeness(ds).astype(object).where(completeness(ds).notna(), None).to_dict("records")
    assert rows == [
        {
            "edition": "2023",
            "indicator": "nsp",
            "yes": 1,
            "no": 1,
            "unknown": 3,
            "published": 3,
            "missing": 2,
            "complete": False,
        },
        {
            "edition": "2023",
            "indicator": "oat",
            "yes": 0,
            "no": 0,
            "unknown": 5,
            "published": None,
            "missing": None,
            "complete": False,
        },
        {
            "edition": "2023",
            "indicator": "dcr",
            "yes": 1,
            "no": 0,
            "unknown": 4,
            "published": 1,
            "missing": 0,
            "complete": True,
        },
        {
            "edition": "2023",
            "indicator": "policy",
            "yes": 0,
            "no": 0,
            "unknown": 5,
            "published": None,
            "missing": None,
            "complete": False,
        },
        {
            "edition": "2023",
            "indicator": "naloxone",
            "yes": 0,
            "no": 0,
            "unknown": 5,
            "published": None,
            "missing": None,
            "complete": False,
        },
    ]


@pytest.mark.parametrize(
    ("file", "column", "match", "value", "message"),
    [
        ("countries.csv", "iso3", ("iso3", "COL"), "ZZZ", "unknown ISO 3166-1 alpha-3 code 'ZZZ'"),
        ("countries.csv", "region", ("iso3", "COL"), "Atlantis", "unknown value 'Atlantis'"),
        ("countries.csv", "lat", ("iso3", "COL"), "north", "not a number"),
        ("status.csv", "status", ("status", "yes"), "maybe", "unknown value 'maybe'"),
        ("status.csv", "source_id", ("status", "yes"), "", "needs a source"),
        ("status.csv", "source_id", ("status", "yes"), "src-missing", "not in sources.csv"),
        ("status.csv", "iso3", ("status", "yes"), "FRA1", "not in countries.csv"),
        ("status.csv", "edition", ("status", "yes"), "1999", "unknown value '1999'"),
        ("status.csv", "evidence_kind", ("status", "yes"), "rumour", "unknown value 'rumour'"),
        ("published_totals.csv", "countries", ("indicator", "nsp"), "ninety", "not a whole number"),
        ("sources.csv", "url", ("publisher", "hri.global"), "ftp://x", "not an http(s) URL"),
        ("editions.csv", "published", ("edition", "2022"), "2022-11", "'2022-11' is not a year (YYYY)"),
        ("editions.csv", "published_month", ("edition", "2022"), "2023-11", "not a month (YYYY-MM) of 2022"),
        ("editions.csv", "report_url", ("edition", "2024"), "hri.global/x", "not an http(s) URL"),
        ("status.csv", "method", ("method", "R3"), "R9", "'R9' is not a rule in methods.csv"),
        ("methods.csv", "statement", ("method", "P23"), "", "needs its statement in plain words"),
    ],
)
def test_bad_cell_names_file_row_and_column(data_copy, file, column, match, value, message):
    path = data_copy / file
    line = first_line(path, *match)
    set_cell(path, line, column, value)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert (err.value.file, err.value.row, err.value.column) == (file, line, column)
    assert message in str(err.value)
    assert f"{file}, row {line}, column '{column}'" in str(err.value)


def test_duplicate_key(data_copy):
    path = data_copy / "status.csv"
    rewrite(path, lambda rows: rows.append(list(rows[1])))
    with pytest.raises(DataError, match="duplicate key") as err:
        load_dataset(data_copy)
    assert err.value.file == "status.csv"
    assert err.value.row == sum(1 for _ in path.open()) and err.value.row > 3000


def test_missing_column(data_copy):
    path = data_copy / "countries.csv"
    rewrite(path, lambda rows: [r.pop(2) for r in rows])
    with pytest.raises(DataError, match="required column is missing") as err:
        load_dataset(data_copy)
    assert (err.value.file, err.value.row, err.value.column) == ("countries.csv", 1, "region")


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_file(data_copy, content):
    (data_copy / "sources.csv").write_text(content)
    with pytest.raises(DataError, match="file is empty") as err:
        load_dataset(data_copy)
    assert err.value.file == "sources.csv"


def test_missing_file(data_copy):
    (data_copy / "editions.csv").unlink()
    with pytest.raises(DataError, match="editions.csv: file is missing"):
        load_dataset(data_copy)


def test_listed_above_published_total(data_copy):
    path = data_copy / "published_totals.csv"
    line = first_line(path, "indicator", "dcr")
    with path.open(encoding="utf-8", newline="") as fh:
        row = list(csv.DictReader(fh))[line - 2]
    listed = (
        load_dataset(data_copy)
        .status.query("edition == @row['edition'] and indicator == 'dcr' and status == 'yes'")
        .shape[0]
    )
    set_cell(path, line, "countries", str(listed - 1))
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert (err.value.file, err.value.row, err.value.column) == ("published_totals.csv", line, "countries")
    assert err.value.message == (
        f"status.csv lists {listed} countries with 'yes' for {row['edition']} dcr,"
        f" more than HRI's published total of {listed - 1}"
    )


def test_bom_and_crlf_are_accepted(data_copy):
    for path in data_copy.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    dataset = load_dataset(data_copy)
    assert dataset.countries.equals(load_dataset(DATA_DIR).countries)
    assert list(dataset.countries.columns)[0] == "country"


def test_not_utf8(data_copy):
    (data_copy / "countries.csv").write_bytes(b"iso3,country\n\xff\xfe\n")
    with pytest.raises(DataError, match="not valid UTF-8"):
        load_dataset(data_copy)


def test_cli_prints_completeness(tmp_path, capsys):
    data = tmp_path / "data"
    rows = [
        ("2023", "dcr", "COL", "yes"),
        ("2023", "policy", "COL", "yes", "https://example.org/col-policy", "hri_direct"),
        ("2023", "policy", "KEN", "no"),
    ]
    make_dataset(rows, totals=[("2023", "dcr", 1), ("2023", "policy", 3)], editions=["2023"], directory=data)
    assert main([str(data)]) == 0
    assert capsys.readouterr().out == (
        f"OK {data}: 5 countries, 25 status rows, 2 sources\n"
        "listed = countries with 'yes' in the data; published = HRI's total\n"
        "\n"
        "edition indicator    listed published   no unknown  complete\n"
        "2023    nsp               0         -    0       5  partial list\n"
        "2023    oat               0         -    0       5  partial list\n"
        "2023    dcr               1         1    0       4  yes\n"
        "2023    policy            1         3    1       3  no\n"
        "2023    naloxone          0         -    0       5  partial list\n"
    )


def test_cli_fails_on_invalid_directory(data_copy, capsys):
    set_cell(data_copy / "countries.csv", 2, "iso3", "QQQ")
    assert main([str(data_copy)]) == 1
    assert "countries.csv, row 2, column 'iso3'" in capsys.readouterr().err


def test_datapackage_matches_files():
    import json

    from dashboard.dataset.datapackage import descriptor
    from dashboard.dataset.load import OPTIONAL_COLUMNS, OPTIONAL_SCHEMAS, SCHEMAS

    shipped = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert shipped == descriptor()
    for resource in shipped["resources"]:
        header = (DATA_DIR / resource["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        columns = [
            *(SCHEMAS.get(resource["path"]) or OPTIONAL_SCHEMAS[resource["path"]]),
            *OPTIONAL_COLUMNS.get(resource["path"], ()),
        ]
        assert [f["name"] for f in resource["schema"]["fields"]] == header == columns


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("COD", "Democratic Republic of the Congo"),
        ("PSE", "State of Palestine"),
        ("FSM", "Federated States of Micronesia"),
        ("BOL", "Bolivia"),
        ("XKX", "Kosovo"),
    ],
)
def test_display_names_read_naturally(dataset, iso3, name):
    assert dataset.countries.loc[iso3, "country"] == name


def test_shipped_data_passes_the_frictionless_validator():
    """An outside check beside our own: frictionless reads data/ through its descriptor, keys included."""
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(DATA_DIR / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:5]
    assert [t.name for t in report.tasks] == [
        "editions", "countries", "sources", "status", "published-totals", "methods"
    ]  # fmt: skip


def test_every_fact_resting_on_a_rule_names_it_and_no_note_shows_a_code():
    dataset = load_dataset(DATA_DIR)
    status = dataset.status
    rules = set(dataset.methods["method"])
    assert set(status["method"]) - {""} == rules  # every rule is used, none is undefined
    assert (
        not status["evidence"].str.contains(r"\b(?:R[1-5]|P23|CDC_2026)\b|^Parsed|\brule:", regex=True).any()
    )
    transcribed = status[status["evidence_kind"] == "transcription_derived"]
    assert (transcribed["method"] != "").all()
    assert dataset.report_urls["2024"].startswith("https://hri.global/")
    assert dataset.table_pages == {"2020": "10-13", "2022": "14-19", "2023": "", "2024": "12-17"}


def test_methods_file_is_optional(data_copy):
    (data_copy / "methods.csv").unlink()
    set_cell(data_copy / "status.csv", 2, "method", "")
    rewrite(data_copy / "status.csv", lambda rows: [r.__setitem__(-1, "") for r in rows[1:]])
    dataset = load_dataset(data_copy)
    assert list(dataset.methods.columns) == ["method", "applies_to", "statement", "hri_source_url"]
    assert dataset.methods.empty
