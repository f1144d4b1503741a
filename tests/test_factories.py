"""The inline-dataset factory builds what the loader builds from data/, and the validator still runs."""

from __future__ import annotations

import pytest
from factories import make_dataset

from dashboard.dataset.load import DataError


def test_rows_given_are_kept_and_the_rest_of_the_grid_is_unknown() -> None:
    ds = make_dataset(
        [
            ("2023", "nsp", "COL", "yes"),
            ("2023", "nsp", "KEN", "no", "https://example.org/ken", "hri_derived"),
        ],
        totals=[("2023", "nsp", 2)],
    )
    wide = ds.wide("2023")
    assert wide["nsp"].to_dict() == {
        "COL": "yes",
        "KEN": "no",
        "MLT": "unknown",
        "UKR": "unknown",
        "XKX": "unknown",
    }
    assert wide.loc["KEN", ["nsp_source", "nsp_evidence"]].tolist() == [
        "https://example.org/ken",
        "hri_derived",
    ]
    assert wide.loc["COL", ["nsp_source", "nsp_evidence"]].tolist() == [
        "https://hri.global/publications/gshr-2023/",
        "hri_direct",
    ]
    assert ds.published == {("2023", "nsp"): 2}
    assert ds.edition_ids == ["2020", "2022", "2023", "2024"]
    assert set(ds.wide("2020")["oat"]) == {"unknown"}


def test_optional_indicators_only_in_editions_that_name_them() -> None:
    ds = make_dataset([("2022", "prison_nsp", "UKR", "yes")], editions=["2022", "2023"])
    assert sorted(set(ds.status.loc[ds.status["edition"] == "2022", "indicator"])) == [
        "dcr",
        "naloxone",
        "nsp",
        "oat",
        "policy",
        "prison_nsp",
    ]
    assert "prison_nsp" not in set(ds.status.loc[ds.status["edition"] == "2023", "indicator"])


def test_countries_by_code_or_full_row() -> None:
    ds = make_dataset([], countries=["DEU", ("TUV", "Tuvalu", "Oceania", -8.52, 179.2, True)])
    assert ds.countries[["country", "region", "small"]].to_dict("index") == {
        "DEU": {"country": "Germany", "region": "western-europe", "small": False},
        "TUV": {"country": "Tuvalu", "region": "oceania", "small": True},
    }


def test_the_real_validator_runs() -> None:
    with pytest.raises(DataError, match="status.csv, row 22, column 'iso3': 'FRA' is not in countries.csv"):
        make_dataset([("2023", "nsp", "FRA", "yes")], countries=["COL"])
    with pytest.raises(DataError, match="more than HRI's published total of 1"):
        make_dataset(
            [("2023", "nsp", "COL", "yes"), ("2023", "nsp", "KEN", "yes")], totals=[("2023", "nsp", 1)]
        )
