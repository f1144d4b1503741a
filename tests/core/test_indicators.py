"""Headline counts (HRI's total, or the listed count) and how complete each list is; categories and colours.

HRI's real totals are pinned in tests/test_shipped_data.py.
"""

from __future__ import annotations

import pytest
from factories import make_dataset

from dashboard.core.indicators import (
    CHANGE_COLOURS,
    INDICATORS,
    SERVICE_COLOURS,
    STATUS_COLOURS,
    change_category,
    count_change_category,
    services_category,
)
from dashboard.dataset.counts import headline_counts

# Colombia, Kenya, Malta, Ukraine, Kosovo (Kenya and Malta are not in Eurasia; Ukraine and Kosovo are).
ROWS = [
    ("2023", "nsp", "COL", "yes"),
    ("2023", "nsp", "KEN", "yes"),
    ("2023", "nsp", "UKR", "yes"),
    ("2023", "nsp", "MLT", "no"),
    ("2023", "dcr", "COL", "yes"),
    ("2023", "dcr", "KEN", "no"),
    ("2023", "dcr", "MLT", "no"),
    ("2023", "dcr", "UKR", "no"),
    ("2023", "dcr", "XKX", "no"),
    ("2023", "naloxone", "UKR", "yes"),
]
TOTALS = [("2023", "nsp", 4), ("2023", "dcr", 1)]


@pytest.fixture(scope="module")
def tiny():
    return make_dataset(ROWS, totals=TOTALS, editions=["2022", "2023"])


def test_world_counts(tiny):
    """HRI's total where there is one (the list may be shorter), else the listed count."""
    assert headline_counts(tiny, "2023", "world") == {
        "nsp": {"count": 4, "published": 4, "listed": 3, "unknown": 1},
        "oat": {"count": 0, "published": None, "listed": 0, "unknown": 5},
        "dcr": {"count": 1, "published": 1, "listed": 1, "unknown": 0},
        "policy": {"count": 0, "published": None, "listed": 0, "unknown": 5},
        "naloxone": {"count": 1, "published": None, "listed": 1, "unknown": 4},
        "prison_nsp": {"count": 0, "published": None, "listed": 0, "unknown": 5},
        "prison_oat": {"count": 0, "published": None, "listed": 0, "unknown": 5},
    }


def test_region_counts_have_no_published_total(tiny):
    """HRI publishes no regional totals: a region shows what its countries list."""
    assert headline_counts(tiny, "2023", "eurasia") == {
        "nsp": {"count": 1, "published": None, "listed": 1, "unknown": 1},
        "oat": {"count": 0, "published": None, "listed": 0, "unknown": 2},
        "dcr": {"count": 0, "published": None, "listed": 0, "unknown": 0},
        "policy": {"count": 0, "published": None, "listed": 0, "unknown": 2},
        "naloxone": {"count": 1, "published": None, "listed": 1, "unknown": 1},
        "prison_nsp": {"count": 0, "published": None, "listed": 0, "unknown": 2},
        "prison_oat": {"count": 0, "published": None, "listed": 0, "unknown": 2},
    }


def test_a_total_above_the_list_is_what_the_card_counts(tiny):
    """The count follows HRI's total, not the list: two datasets differing only in it differ there."""
    other = make_dataset(ROWS, totals=[("2023", "nsp", 5), ("2023", "dcr", 1)], editions=["2022", "2023"])
    assert headline_counts(other, "2023", "world")["nsp"] == {
        "count": 5,
        "published": 5,
        "listed": 3,
        "unknown": 1,
    }
    assert headline_counts(tiny, "2023", "world")["nsp"]["count"] == 4


def test_region_lists_add_up_to_the_world_list(dataset):
    world = headline_counts(dataset, "2023", "world")
    for indicator in world:
        total = sum(
            headline_counts(dataset, "2023", r)[indicator]["listed"]
            for r in dataset.countries["region"].unique()
        )
        assert total == world[indicator]["listed"], indicator


def test_listed_never_exceeds_hris_total(dataset):
    for edition in dataset.edition_ids:
        for indicator, c in headline_counts(dataset, edition, "world").items():
            if c["published"] is not None:
                assert c["listed"] <= c["published"] == c["count"], (edition, indicator)
            else:
                assert c["count"] == c["listed"], (edition, indicator)


def test_colours_fixed_and_distinct():
    for palette in (STATUS_COLOURS, SERVICE_COLOURS, CHANGE_COLOURS):
        assert len(set(palette.values())) == len(palette)
    assert STATUS_COLOURS["unknown"] == SERVICE_COLOURS["unknown"] == CHANGE_COLOURS["unknown"]
    assert list(INDICATORS) == ["nsp", "oat", "dcr", "policy", "naloxone"]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["yes", "yes", "yes"], "3"),
        (["no", "yes", "no"], "1"),
        (["no"] * 3, "0"),
        (["yes", "unknown", "no"], "unknown"),
    ],
)
def test_services_category(statuses, expected):
    assert services_category(statuses) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("2", "3", "more"),
        ("3", "1", "fewer"),
        ("2", "2", "same"),
        ("0", "0", "same"),
        ("unknown", "3", "unknown"),
    ],
)
def test_count_change_category(before, after, expected):
    assert count_change_category(before, after) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("no", "yes", "gained"),
        ("yes", "no", "lost"),
        ("yes", "yes", "yes_both"),
        ("no", "no", "no_both"),
        ("unknown", "yes", "unknown"),
        ("yes", "unknown", "unknown"),
    ],
)
def test_change_category(before, after, expected):
    assert change_category(before, after) == expected
