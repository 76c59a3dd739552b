"""Pinned pipeline output on the demo article, so speed work cannot change results unseen.

If a change to the analysis is meant to alter these, update the tables in the same commit
and say why in its message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimcheck.analysis import analyse_sentences

ARTICLE = (
    Path(__file__).resolve().parents[3] / "claimcheck" / "demo" / "afghanistan-withdrawal-2021.txt"
)
# (start, end, line kind, score as rounded for output, is_claim, claim kind) of every line.
SCORED = [
    (0, 18, "dateline", 0.6376, False, "statistic"),
    (20, 110, "headline", 0.295, False, "event"),
    (112, 287, "prose", 0.6864, True, "statistic"),
    (288, 395, "prose", 0.6505, True, "event"),
    (397, 802, "prose", 0.9798, True, "statistic"),
    (816, 868, "related_link", 0.9856, True, "statistic"),
    (870, 1048, "prose", 0.6316, True, "event"),
    (1050, 1111, "prose", 0.9598, True, "statistic"),
    (1112, 1319, "prose", 0.9785, True, "statistic"),
    (1321, 1343, "subheading", 0.3318, False, "event"),
    (1345, 1476, "prose", 0.5636, True, "event"),
    (1477, 1652, "prose", 0.7624, True, "event"),
    (1654, 1781, "prose", 0.4322, True, "event"),
    (1782, 1855, "prose", 0.3434, True, "event"),
    (1868, 1927, "related_link", 0.0675, False, "event"),
    (1929, 2155, "prose", 0.6188, True, "prediction"),
    (2157, 2313, "prose", 0.4895, True, "event"),
]
# (start, reasons, (attribution kind, source, cue, quote), dates) of every line.
DESCRIBED = [
    (0, ("number", "date"), ("publication", None, None, False), ("2021-09-19",)),
    (20, ("named person or place",), ("publication", None, None, False), ()),
    (
        112,
        ("number", "named organisation", "named person or place", "date"),
        ("publication", None, None, False),
        ("2021-07-12",),
    ),
    (
        288,
        ("named person or place",),
        ("named", "a local correspondent for Agence France-Presse", "according to", False),
        (),
    ),
    (
        397,
        ("number", "date", "named organisation", "named person or place"),
        ("publication", None, None, False),
        ("2018-09",),
    ),
    (
        816,
        ("percentage", "number", "named person or place"),
        ("named", "the Taliban", "claim", False),
        (),
    ),
    (870, ("named person or place", "date"), ("publication", None, None, False), ("2021-08",)),
    (1050, ("percentage", "number", "named organisation"), ("publication", None, None, False), ()),
    (
        1112,
        ("number", "date", "named organisation", "named person or place"),
        ("publication", None, None, False),
        ("2001-10", "2001-09-11"),
    ),
    (1321, ("named person or place",), ("publication", None, None, False), ()),
    (1345, ("named person or place", "date"), ("publication", None, None, False), ("2021-05",)),
    (1477, ("named person or place",), ("publication", None, None, False), ()),
    (1654, ("named person or place",), ("publication", None, None, False), ()),
    (1782, ("named person or place",), ("publication", None, None, False), ()),
    (1868, ("named person or place",), ("publication", None, None, False), ()),
    (1929, ("named person or place",), ("publication", None, None, False), ()),
    (2157, ("named person or place",), ("publication", None, None, False), ()),
]


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    """Return the pipeline output for the demo article, as the command line prints it."""
    text = ARTICLE.read_text(encoding="utf-8")
    return [candidate.to_dict() for candidate in analyse_sentences(text)]


def test_demo_article_spans_scores_and_kinds_are_unchanged(
    records: list[dict[str, Any]],
) -> None:
    found = [
        (r["start"], r["end"], r["line_kind"], r["score"], r["is_claim"], r["kind"])
        for r in records
    ]
    assert found == SCORED


def test_demo_article_reasons_attributions_and_dates_are_unchanged(
    records: list[dict[str, Any]],
) -> None:
    found = []
    for r in records:
        a = r["attribution"]
        attribution = (a["kind"], a["source"], a["cue"], a["quote"])
        found.append((r["start"], tuple(r["reasons"]), attribution, tuple(r["dates"])))
    assert found == DESCRIBED
