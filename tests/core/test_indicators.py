"""Headline counts per edition equal HRI's published totals; completeness is reported honestly."""

from __future__ import annotations

import pytest

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

PUBLISHED = {
    "2020": (86, 84, 12, 87),
    "2022": (92, 87, 16, 105),
    "2023": (92, 88, 17, 109),
    "2024": (93, 94, 18, 108),
}


@pytest.mark.parametrize("edition", list(PUBLISHED))
def test_world_counts_are_hris_totals(dataset, edition):
    counts = headline_counts(dataset, edition, "world")
    assert tuple(counts[i]["count"] for i in ("nsp", "oat", "dcr", "policy")) == PUBLISHED[edition]
    for value in counts.values():
        if value["published"] is not None:  # a partial list (no HRI count) has nothing to exceed
            assert value["listed"] <= value["published"]


@pytest.mark.parametrize("edition", list(PUBLISHED))
def test_dcr_lists_are_complete(dataset, edition):
    counts = headline_counts(dataset, edition, "world")["dcr"]
    assert counts["listed"] == counts["published"] == PUBLISHED[edition][2]
    assert counts["unknown"] == 0


def test_complete_lists_agree_with_totals(dataset):
    """Wherever a list has no unknowns left, the listed count must equal HRI's total."""
    for edition in PUBLISHED:
        for indicator, c in headline_counts(dataset, edition, "world").items():
            if c["listed"] == c["published"]:
                assert c["count"] == c["listed"], (edition, indicator)


def test_incomplete_list_shows_published_and_listed(dataset):
    policy = headline_counts(dataset, "2023", "world")["policy"]
    assert policy == {"count": 109, "published": 109, "listed": 92, "unknown": 17}


def test_region_counts_filter_and_have_no_published_total(dataset):
    west = headline_counts(dataset, "2023", "western-europe")
    world = headline_counts(dataset, "2023", "world")
    assert west["dcr"]["published"] is None
    assert 0 < west["dcr"]["count"] == west["dcr"]["listed"] < world["dcr"]["listed"]
    total = sum(
        headline_counts(dataset, "2023", r)["nsp"]["listed"] for r in dataset.countries["region"].unique()
    )
    assert total == world["nsp"]["listed"]


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
