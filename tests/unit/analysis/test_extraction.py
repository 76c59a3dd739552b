"""Claim extraction on the demo article, as a fact-checker would read it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimcheck.analysis import analyse_sentences, extract_claims
from claimcheck.analysis.checkworthiness import CLAIM_THRESHOLD, score
from claimcheck.analysis.records import ClaimCandidate

ARTICLE = (
    Path(__file__).resolve().parents[3] / "claimcheck" / "demo" / "afghanistan-withdrawal-2021.txt"
)


@pytest.fixture(scope="module")
def article() -> str:
    """Return the demo article text."""
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def claims(article: str) -> list[ClaimCandidate]:
    """Return the claims extracted from the demo article."""
    return extract_claims(article)


def find(candidates: list[ClaimCandidate], fragment: str) -> ClaimCandidate:
    """Return the one candidate whose text contains fragment."""
    (found,) = [c for c in candidates if fragment in c.text]
    return found


def test_taliban_85_percent_claim_is_attributed_to_taliban(
    article: str, claims: list[ClaimCandidate]
) -> None:
    claim = find(claims, "85%")
    assert claim.text == "The Taliban claim to control 85% of Afghan territory"
    assert article[claim.start : claim.end] == claim.text
    assert claim.kind == "statistic"
    assert "percentage" in claim.reasons
    assert (claim.attribution.kind, claim.attribution.source) == ("named", "the Taliban")
    assert (claim.attribution.cue, claim.attribution.quote) == ("claim", False)


def test_steadily_gaining_ground_is_attributed_to_afp_correspondent(
    claims: list[ClaimCandidate],
) -> None:
    claim = find(claims, "steadily gaining ground")
    assert claim.attribution.source == "a local correspondent for Agence France-Presse"
    assert claim.attribution.cue == "according to"
    assert claim.attribution.kind == "named"


def test_no_claim_text_contains_related_link_marker(claims: list[ClaimCandidate]) -> None:
    assert claims
    assert all(">>" not in c.text for c in claims)


@pytest.mark.parametrize(
    "fragment",
    [
        "September 19, 2021",
        "Advance of the Taliban",
        "the head of the American troops withdraws",
        "the Taliban in force?",
    ],
)
def test_non_prose_lines_and_questions_are_not_claims(
    article: str, claims: list[ClaimCandidate], fragment: str
) -> None:
    assert all(fragment not in c.text for c in claims)
    assert not find(analyse_sentences(article), fragment).is_claim


def test_line_kinds_of_demo_article(article: str) -> None:
    kinds = {c.text: c.line_kind for c in analyse_sentences(article)}
    assert kinds["September 19, 2021"] == "dateline"
    assert kinds["Advance of the Taliban"] == "subheading"
    assert kinds["American withdrawal from Afghanistan: the Taliban in force?"] == "related_link"
    headline = "Afghanistan: the head of the American troops withdraws, the Taliban continue"
    assert kinds[headline + " their advance"] == "headline"


def test_miller_left_office_on_july_12_2021(claims: list[ClaimCandidate]) -> None:
    claim = find(claims, "left office on Monday, July 12")
    assert claim.dates == ("2021-07-12",)
    assert "date" in claim.reasons


def test_dates_resolve_against_dateline_and_explicit_publication(article: str) -> None:
    claim = find(extract_claims(article), "October 2001")
    assert claim.dates == ("2001-10", "2001-09-11")
    later = find(extract_claims(article, published=date(2022, 9, 1)), "July 12")
    assert later.dates == ("2022-07-12",)


def test_every_span_matches_text(article: str) -> None:
    for candidate in analyse_sentences(article):
        assert article[candidate.start : candidate.end] == candidate.text


def test_is_claim_follows_documented_threshold(article: str) -> None:
    for candidate in analyse_sentences(article):
        if candidate.is_claim:
            assert candidate.score >= CLAIM_THRESHOLD


def test_greeting_scores_low_and_statistic_scores_high() -> None:
    assert score("Thank you very much, it is great to be here.") < CLAIM_THRESHOLD
    assert score("Unemployment fell to 3.5% in 2019, the lowest in 50 years.") > CLAIM_THRESHOLD


def test_to_dict_has_the_command_line_fields(claims: list[ClaimCandidate]) -> None:
    record = claims[0].to_dict()
    assert set(record) >= {
        "text",
        "start",
        "end",
        "score",
        "is_claim",
        "kind",
        "reasons",
        "attribution",
        "dates",
    }
    assert set(record["attribution"]) == {"kind", "source", "cue", "quote"}
