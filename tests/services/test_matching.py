"""Claims checked before: matches found at extraction, decisions recorded, checks reused."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from claimcheck.extensions import db
from claimcheck.matching import DEFAULT_THRESHOLD, MatchSettings
from claimcheck.models import AuditEvent, ClaimMatch, ClaimRevision
from claimcheck.roles import Role
from claimcheck.services import match_index, matching, review
from claimcheck.services.articles import ArticleDetails, import_article, rerun_extraction
from claimcheck.services.claims import edit_wording
from claimcheck.services.demo import demo_article_text
from claimcheck.services.errors import ServiceError
from claimcheck.services.evidence import EvidenceInput, add_evidence
from claimcheck.services.match_index import (
    RESCAN_SECONDS,
    ReviewedClaimIndex,
    reviewed_claim_index,
    warm_on_first_request,
)
from claimcheck.services.rationale import set_rationale
from claimcheck.workflow import Action
from tests.support.journeys import approve_claim

pytestmark = pytest.mark.usefixtures("app_context")

REPORT = EvidenceInput(
    url="https://www.example.org/district-control-map",
    title="District control map, July 2021",
    relation="context",
    publisher="Long War Journal",
)
RATIONALE = "Independent maps show the Taliban controlling about a third of districts."


@pytest.fixture
def people(make_user):
    made = {role: make_user(role) for role in Role}
    return {role: db.session.merge(user) for role, user in made.items()}


def _approve(claim, people):
    """A fact-checker checks the claim against REPORT and an editor approves it."""
    approve_claim(
        claim,
        people[Role.FACT_CHECKER],
        people[Role.EDITOR],
        evidence=REPORT,
        verdict="Misleading",
        rationale=RATIONALE,
    )
    db.session.commit()
    return claim


@pytest.fixture
def approved(people):
    """The demo article's 85% claim, checked and approved."""
    article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
    return _approve(next(c for c in article.claims if "85%" in c.text), people)


def _import(text: str, title: str = "Later article"):
    article = import_article(text, ArticleDetails(title=title), None)
    db.session.commit()
    return article


def _matches_of(article) -> dict[str, list[ClaimMatch]]:
    return {
        claim.text: list(
            db.session.scalars(select(ClaimMatch).where(ClaimMatch.claim_id == claim.id))
        )
        for claim in article.claims
    }


def _only_match(article) -> ClaimMatch:
    found = [m for matches in _matches_of(article).values() for m in matches]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Taliban say they control 85 percent of Afghanistan's territory, a spokesman said.",
        "Taliban insurgents now hold eighty-five per cent of Afghan territory, they claimed.",
    ],
)
def test_a_claim_repeated_in_other_words_is_matched_to_the_approved_one(approved, sentence):
    later = _import(f"Kabul, July 20. {sentence} The weather was mild.")
    match = _only_match(later)
    assert match.earlier_claim_id == approved.id
    assert match.status == "suggested"
    assert 0.6 <= match.score <= 1


@pytest.mark.parametrize(
    "sentence",
    [
        # Negation and a different number say something else.
        "The Taliban do not control 85% of Afghan territory, the government said.",
        "The Taliban control 58% of Afghan territory, a spokesman said.",
        "Unemployment fell to 5.1% in March, according to the statistics office.",
    ],
)
def test_a_different_claim_finds_no_match(approved, sentence):
    later = _import(sentence)
    assert not any(_matches_of(later).values())


def test_claims_not_yet_reviewed_are_not_matched(people):
    _import(demo_article_text(), "First")
    later = _import("The Taliban claim to control 85% of Afghan territory, a spokesman said.")
    assert not any(_matches_of(later).values())


def test_a_claim_that_enters_review_later_is_found_by_the_next_import(people):
    first = _import(demo_article_text(), "First")
    claim = next(c for c in first.claims if "85%" in c.text)
    _import("The Taliban claim to control 85% of Afghan territory, a spokesman said.")
    # The index is already built; taking the claim into review must reach it.
    review.transition(claim, people[Role.FACT_CHECKER], Action.TAKE)
    review.transition(claim, people[Role.FACT_CHECKER], Action.START)
    db.session.commit()
    third = _import("The Taliban claim to control 85% of Afghan territory, officials said.")
    assert _only_match(third).earlier_claim_id == claim.id


def test_a_claim_that_leaves_review_leaves_the_index(approved, people):
    index = reviewed_claim_index()
    _import("The deficit grew 12% in 2023, the ministry said.")
    assert len(index) == 1
    review.transition(approved, people[Role.EDITOR], Action.REOPEN, reason="New maps")
    review.transition(approved, people[Role.FACT_CHECKER], Action.DISMISS, reason="Duplicate")
    db.session.commit()
    later = _import("The Taliban claim to control 85% of Afghan territory, a spokesman said.")
    assert len(index) == 0
    assert not any(_matches_of(later).values())


def test_matching_can_be_switched_off(app, approved):
    app.config["MATCHING_ENABLED"] = False
    later = _import("The Taliban claim to control 85% of Afghan territory, a spokesman said.")
    assert not any(_matches_of(later).values())


def test_the_import_audit_event_counts_the_matches(approved):
    _import("The Taliban claim to control 85% of Afghan territory, a spokesman said.")
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "article.imported").order_by(AuditEvent.id)
    ).all()[-1]
    assert event.after["matches"] == 1
    assert "1 matches with claims checked before" in event.summary


def test_rerunning_extraction_matches_only_new_claims_and_never_twice(approved):
    later = _import("The Taliban claim to control 85% of Afghan territory, a spokesman said.")
    rerun_extraction(later, None)
    db.session.commit()
    assert db.session.scalar(select(func.count(ClaimMatch.id))) == 1


def _revisions(claim, action):
    return db.session.scalars(
        select(ClaimRevision).where(
            ClaimRevision.claim_id == claim.id, ClaimRevision.action == action
        )
    ).all()


def test_confirming_and_dismissing_are_revisions_with_audit_lines(approved, people):
    match = _only_match(_import("The Taliban claim to control 85% of Afghan territory."))
    checker = people[Role.FACT_CHECKER]
    matching.decide(match, checker, same=True)
    db.session.commit()
    assert (match.status, match.decided_by_id) == ("confirmed", checker.id)
    (confirmed,) = _revisions(match.claim, "match_confirmed")
    assert confirmed.changes == {f"match {approved.id}": ["suggested", "confirmed"]}
    assert f"claim {approved.id} of “Afghanistan”" in confirmed.reason
    with pytest.raises(ServiceError, match="already confirmed"):
        matching.decide(match, checker, same=True)
    matching.decide(match, checker, same=False)
    db.session.commit()
    assert match.status == "dismissed"
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.claim_id == match.claim_id)
    ).all()
    assert actions == ["claim.match_confirmed", "claim.match_dismissed"]
    # Deciding copies nothing.
    assert match.claim.rationale is None
    assert match.claim.evidence == []


def test_reusing_a_confirmed_check_is_one_revision_naming_the_original(approved, people):
    match = _only_match(_import("The Taliban claim to control 85% of Afghan territory."))
    claim, checker = match.claim, people[Role.FACT_CHECKER]
    with pytest.raises(ServiceError, match="Confirm that it is the same claim"):
        matching.reuse(match, checker)
    matching.decide(match, checker, same=True)
    copies = matching.reuse(match, checker, claim.version)
    db.session.commit()
    assert [item.url for item in copies] == [REPORT.url]
    assert [(e.title, e.created_by_id) for e in claim.evidence] == [(REPORT.title, checker.id)]
    assert claim.rationale == RATIONALE
    # The verdict is offered, not set: the reviewer still proposes it.
    assert claim.verdict_id is None
    assert matching.reused_verdict_id(matching.checks_for_claim(claim)) == approved.verdict_id
    (revision,) = _revisions(claim, "match_reused")
    assert match.reuse_revision_id == revision.id
    assert revision.changes["reused_from"] == [None, approved.id]
    assert revision.changes["suggested_verdict"] == [None, "Misleading"]
    assert revision.changes["rationale"] == [None, RATIONALE]
    assert [item["url"] for item in revision.changes["evidence"][1]] == [REPORT.url]
    assert db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.action == "claim.match_reused")
    )
    with pytest.raises(ServiceError, match="already reused"):
        matching.reuse(match, checker)


def test_reuse_keeps_the_reviewers_own_rationale_and_evidence(approved, people):
    match = _only_match(_import("The Taliban claim to control 85% of Afghan territory."))
    claim, checker = match.claim, people[Role.FACT_CHECKER]
    review.transition(claim, checker, Action.TAKE)
    review.transition(claim, checker, Action.START)
    add_evidence(claim, checker, REPORT)
    set_rationale(claim, checker, "My own notes.")
    matching.decide(match, checker, same=True)
    assert matching.reuse(match, checker) == []
    assert claim.rationale == "My own notes."
    assert len([e for e in claim.evidence if not e.is_removed]) == 1


def test_reuse_from_a_stale_page_is_refused(approved, people):
    match = _only_match(_import("The Taliban claim to control 85% of Afghan territory."))
    checker = people[Role.FACT_CHECKER]
    matching.decide(match, checker, same=True)
    with pytest.raises(ServiceError):
        matching.reuse(match, checker, expected_version=match.claim.version - 1)
    assert match.reuse_revision_id is None


def test_the_article_list_shows_each_claims_best_match_not_dismissed(approved, people):
    later = _import("The Taliban claim to control 85% of Afghan territory. It rained.")
    match = _only_match(later)
    best = matching.best_checks_for_article(later)
    assert list(best) == [match.claim_id]
    check = best[match.claim_id]
    assert check.earlier.verdict.name == "Misleading"
    assert [e.url for e in check.evidence] == [REPORT.url]
    assert check.article.title == "Afghanistan"
    matching.decide(match, people[Role.FACT_CHECKER], same=False)
    assert matching.best_checks_for_article(later) == {}
    assert [c.match.id for c in matching.checks_for_claim(match.claim)] == [match.id]


def test_a_reworded_claim_in_review_is_matched_by_its_new_wording(people):
    first = _import("The deficit grew 12% in 2023, the ministry said.", "Budget")
    claim = first.claims[0]
    checker = people[Role.FACT_CHECKER]
    review.transition(claim, checker, Action.TAKE)
    review.transition(claim, checker, Action.START)
    db.session.commit()
    assert not any(
        _matches_of(_import("Exports rose by 8% last year, the minister said.")).values()
    )
    edit_wording(claim, checker, "Exports rose by 8% last year.")
    db.session.commit()
    later = _import("Exports rose by 8% last year, the minister claimed.")
    assert _only_match(later).earlier_claim_id == claim.id


def test_a_change_committed_late_with_an_older_revision_id_is_still_seen(approved, people):
    """Revision ids are handed out before commit, so a later scan looks back a while."""
    now = [1000.0]
    index = ReviewedClaimIndex(MatchSettings(), clock=lambda: now[0])
    first = _import("The deficit grew 12% in 2023, the ministry said.", "Budget")
    late = first.claims[0]
    newest = db.session.scalar(select(func.max(ClaimRevision.id)))
    index.search(["anything"], 1)
    assert len(index) == 1
    # Long after the index was built, a revision far ahead stands in for a transaction
    # that committed first.
    db.session.add(ClaimRevision(id=newest + 10, claim_id=approved.id, action="comment"))
    db.session.commit()
    now[0] += RESCAN_SECONDS + 1
    index.search(["anything"], 1)
    # Then the earlier transaction commits: its revision id is below the newest seen.
    late.state = "in_review"
    db.session.add(ClaimRevision(id=newest + 5, claim_id=late.id, action="review_started"))
    db.session.commit()
    now[0] += RESCAN_SECONDS / 2
    (found,) = index.search(["The deficit grew 12% in 2023."], 1)
    assert [m.id for m in found] == [str(late.id)]
    assert len(index) == 2


def test_the_index_is_built_in_the_background_on_the_first_request(app, approved):
    warm_on_first_request(app)
    index = reviewed_claim_index(app)
    assert len(index) == 0
    app.test_client().get("/login")
    for builder in [t for t in threading.enumerate() if t.name == "reviewed-claims"]:
        builder.join(timeout=30)
    # Nothing searched the index: only the background build can have filled it.
    assert len(index) == 1


def test_looking_again_finds_claims_reviewed_since_extraction(people):
    first = _import(demo_article_text(), "Afghanistan")
    later = _import("The Taliban claim to control 85% of Afghan territory, a spokesman said.")
    (repeated,) = later.claims
    earlier = next(c for c in first.claims if "85%" in c.text)
    assert matching.look_again(repeated, people[Role.FACT_CHECKER]) == 0
    _approve(earlier, people)
    assert matching.look_again(repeated, people[Role.FACT_CHECKER]) == 1
    assert _only_match(later).earlier_claim_id == earlier.id
    revisions = _revisions(repeated, "matched_again")
    assert [r.changes for r in revisions] == [
        {"new matches": [None, 0]},
        {"new matches": [None, 1]},
    ]
    # A reviewed claim looking again never lists itself.
    assert matching.look_again(earlier, people[Role.EDITOR]) == 0


class _SureReranker:
    """Stands in for the semantic extra: sure of every claim the lexical index shortlists."""

    depth = 20
    threshold = 0.7

    def rescore(self, query, candidates):
        return [0.99 for _ in candidates]


@pytest.fixture
def semantic_extra(monkeypatch):
    """The app as it runs with the semantic extra installed (before its index is made)."""
    monkeypatch.setattr(match_index, "default_reranker", lambda threshold: _SureReranker())


def test_the_semantic_reranker_is_used_when_the_extra_is_there(semantic_extra, approved):
    # The lexical matcher alone rejects this one (see above); the re-ranker decides now.
    later = _import("The Taliban control 58% of Afghan territory, a spokesman said.")
    assert _only_match(later).score == 0.99


def test_without_the_extra_the_app_matches_by_words_and_rules(app):
    index = reviewed_claim_index(app)
    assert index.reranker is None
    assert index.settings.threshold == DEFAULT_THRESHOLD
