"""Resolving explicit dates against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.analysis.dates import find_dates

PUBLISHED = date(2021, 9, 19)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("left office on Monday, July 12, as part", ["2021-07-12"]),
        ("commanded since September 2018, then", ["2018-09"]),
        ("entered Afghanistan in October 2001.", ["2001-10"]),
        ("in the aftermath of the September 11 attacks", ["2001-09-11"]),
        ("the vote on September 11 was close", ["2021-09-11"]),
        ("published on 2020-03-04 online", ["2020-03-04"]),
        ("on 3 March 2020 it began", ["2020-03-03"]),
        ("on Sept. 30 it ends", ["2021-09-30"]),
        ("launched in May after the start", ["2021-05"]),
        ("completed by the end of August.", ["2021-08"]),
        ("since 2016 it grew", ["2016"]),
    ],
)
def test_explicit_dates_resolve_to_iso(text: str, expected: list[str]) -> None:
    assert find_dates(text, PUBLISHED) == expected


def test_day_far_after_publication_belongs_to_previous_year() -> None:
    assert find_dates("on December 24 they met", date(2021, 1, 10)) == ["2020-12-24"]


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("May I say that it may rain", PUBLISHED) == []


def test_day_without_year_needs_publication_date() -> None:
    assert find_dates("on July 12 it happened") == []


def test_impossible_day_is_ignored() -> None:
    assert find_dates("on February 30, 2021 nothing", PUBLISHED) == []
