"""The data layer: the shipped data validates, and every malformed file is named with row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.core.config import ROOT
from dashboard.dataset.__main__ import main
from dashboard.dataset.counts import completeness
from dashboard.dataset.load import DataError, load_dataset

DATA_DIR = ROOT / "data"
REFERENCE = ROOT.parent / "shared" / "reference"


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
    assert len(dataset.countries) == 200
    assert "XKX" in dataset.countries.index
    assert dataset.countries.loc["XKX", "country"] == "Kosovo"
    assert dataset.edition_ids == ["2020", "2022", "2023", "2024"]


def test_every_yes_has_a_source(dataset):
    yes = dataset.long[dataset.long["status"] == "yes"]
    assert len(yes) > 400
    assert yes["source_url"].str.startswith("http").all()


def test_listed_never_exceeds_published(dataset):
    table = completeness(dataset)
    with_total = table.dropna(subset=["published"])
    assert (with_total["yes"] <= with_total["published"]).all()


@pytest.mark.parametrize(
    ("file", "column", "match", "value", "message"),
    [
        ("countries.csv", "iso3", ("iso3", "COL"), "ZZZ", "unknown ISO 3166-1 alpha-3 code 'ZZZ'"),
        ("countries.csv", "hri_region", ("iso3", "COL"), "Atlantis", "unknown value 'Atlantis'"),
        ("countries.csv", "lat", ("iso3", "COL"), "north", "not a number"),
        ("status.csv", "status", ("status", "yes"), "maybe", "unknown value 'maybe'"),
        ("status.csv", "source_id", ("status", "yes"), "", "needs a source"),
        ("status.csv", "source_id", ("status", "yes"), "src-missing", "not in sources.csv"),
        ("status.csv", "iso3", ("status", "yes"), "FRA1", "not in countries.csv"),
        ("status.csv", "edition", ("status", "yes"), "1999", "unknown value '1999'"),
        ("status.csv", "evidence_kind", ("status", "yes"), "rumour", "unknown value 'rumour'"),
        ("published_totals.csv", "countries", ("indicator", "nsp"), "ninety", "not a whole number"),
        ("sources.csv", "url", ("publisher", "hri.global"), "ftp://x", "not an http(s) URL"),
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
    assert (err.value.file, err.value.row, err.value.column) == ("countries.csv", 1, "hri_region")


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

    def edit(rows):
        for row in rows[1:]:
            if row[:2] == ["2023", "dcr"]:
                row[2] = "16"

    rewrite(path, edit)
    with pytest.raises(DataError, match="lists 17 countries .* published total of 16") as err:
        load_dataset(data_copy)
    assert err.value.column == "countries"


def test_bom_and_crlf_are_accepted(data_copy):
    for path in data_copy.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    dataset = load_dataset(data_copy)
    assert len(dataset.countries) == 200
    assert list(dataset.countries.columns)[0] == "country"


def test_not_utf8(data_copy):
    (data_copy / "countries.csv").write_bytes(b"iso3,country\n\xff\xfe\n")
    with pytest.raises(DataError, match="not valid UTF-8"):
        load_dataset(data_copy)


def test_cli_prints_completeness(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "2023    dcr              17        17" in out
    assert "2023    policy           92       109" in out


def test_cli_fails_on_invalid_directory(data_copy, capsys):
    set_cell(data_copy / "countries.csv", 2, "iso3", "QQQ")
    assert main([str(data_copy)]) == 1
    assert "countries.csv, row 2, column 'iso3'" in capsys.readouterr().err


def test_datapackage_matches_files():
    import json

    from dashboard.dataset.datapackage import descriptor
    from dashboard.dataset.load import SCHEMAS

    shipped = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert shipped == descriptor()
    for resource in shipped["resources"]:
        header = (DATA_DIR / resource["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert [f["name"] for f in resource["schema"]["fields"]] == header == list(SCHEMAS[resource["path"]])


@pytest.mark.skipif(
    not (REFERENCE / "data" / "status.csv").exists(), reason="../shared/reference not present"
)
def test_data_is_rebuilt_from_current_reference(tmp_path):
    """data/ must equal a fresh build from ../shared/reference (else run `make data`)."""
    import importlib.util

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
