from datetime import date

import pytest

from claimcheck.extensions import db
from claimcheck.models import ClaimRevision
from claimcheck.services import claims as claim_service
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text
from claimcheck.services.errors import ServiceError
from claimcheck.services.guards import StaleVersion

pytestmark = pytest.mark.usefixtures("app_context")


@pytest.fixture
def reviewer(make_user):
    return db.session.merge(make_user())


@pytest.fixture
def article(reviewer):
    # After `reviewer`: the account is committed before this session starts writing.
    details = ArticleDetails(title="Afghanistan", published=date(2021, 9, 19))
    return import_article(demo_article_text(), details, None)


def _claim(article, needle):
    return next(c for c in article.claims if needle in c.text and c.is_visible)


def _last_revision(claim) -> ClaimRevision:
    db.session.flush()
    db.session.refresh(claim)
    return claim.revisions[-1]


def test_accept_records_who_and_when(article, reviewer):
    claim = _claim(article, "85%")
    claim_service.accept(claim, reviewer)
    revision = _last_revision(claim)
    assert claim.accepted_by_id == reviewer.id
    assert claim.accepted_at is not None
    assert revision.action == "accepted"
    assert revision.actor_id == reviewer.id
    assert revision.created_at is not None


def test_dismiss_and_reinstate(article, reviewer):
    claim = _claim(article, "90%")
    claim_service.dismiss(claim, reviewer, "Background, not a claim")
    assert claim.state == "dismissed"
    revision = _last_revision(claim)
    assert revision.reason == "Background, not a claim"
    assert revision.changes["state"] == ["new", "dismissed"]
    claim_service.reinstate(claim, reviewer)
    assert claim.state == "new"
    assert claim.dismissed_reason is None


def test_dismiss_without_a_reason_says_not_a_claim(article, reviewer):
    claim = _claim(article, "90%")
    claim_service.dismiss(claim, reviewer, "  ")
    assert claim.dismissed_reason == "Not a claim"


def test_edit_wording_keeps_the_span_and_records_old_and_new(article, reviewer):
    claim = _claim(article, "85%")
    span, old = (claim.start, claim.end), claim.text
    claim_service.edit_wording(claim, reviewer, "  The Taliban   control 85% of Afghan territory ")
    assert claim.text == "The Taliban control 85% of Afghan territory"
    assert (claim.start, claim.end) == span
    assert article.text[claim.start : claim.end] == old
    assert _last_revision(claim).changes["text"] == [old, claim.text]


def test_edit_wording_refuses_empty_and_stale(article, reviewer):
    claim = _claim(article, "85%")
    with pytest.raises(ServiceError, match="needs some words"):
        claim_service.edit_wording(claim, reviewer, "   ")
    with pytest.raises(StaleVersion):
        claim_service.edit_wording(claim, reviewer, "New words", expected_version=claim.version + 5)


def test_split_makes_two_claims_that_cover_the_original(article, reviewer):
    claim = _claim(article, "steadily gaining ground")
    original = (claim.start, claim.end)
    at = article.text.index("the Taliban are", claim.start)
    second = claim_service.split(claim, reviewer, at)
    assert claim.start == original[0]
    assert second.end == original[1]
    assert claim.end <= second.start
    assert claim.text == article.text[claim.start : claim.end].strip()
    assert second.text.startswith("the Taliban are steadily gaining ground")
    assert second.split_from_id == claim.id
    assert _last_revision(claim).action == "split"
    assert _last_revision(second).action == "split_from"


@pytest.mark.parametrize("offset", [0, -1, 10_000])
def test_split_outside_the_claim_is_refused(article, reviewer, offset):
    claim = _claim(article, "85%")
    at = claim.start + offset if offset >= 0 else claim.end
    with pytest.raises(ServiceError, match="split point"):
        claim_service.split(claim, reviewer, at)


def test_merge_with_next_absorbs_the_following_claim(article, reviewer):
    claims = sorted((c for c in article.claims if c.is_visible), key=lambda c: c.start)
    first, second = claims[0], claims[1]
    end = second.end
    claim_service.merge_with_next(first, reviewer)
    assert first.end == end
    assert second.merged_into_id == first.id
    assert not second.is_visible
    assert first.text == article.text[first.start : first.end]
    assert _last_revision(second).action == "merged_into"


def test_merge_of_the_last_claim_is_refused(article, reviewer):
    last = max((c for c in article.claims if c.is_visible), key=lambda c: c.start)
    with pytest.raises(ServiceError, match="no later claim"):
        claim_service.merge_with_next(last, reviewer)


def test_add_claim_from_a_selection_trims_spaces(article, reviewer):
    # Part of a sentence: the model already reports the whole of it as a claim.
    sentence = "mainly retains control of large towns and major highways"
    start = article.text.index(sentence)
    claim = claim_service.add_claim(article, reviewer, start - 1, start + len(sentence))
    assert claim.text == sentence
    assert (claim.start, claim.end) == (start, start + len(sentence))
    assert claim.origin == "manual"
    assert claim.is_accepted
    assert _last_revision(claim).action == "added"


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 4), (0, 10**6)])
def test_add_claim_with_a_bad_span_is_refused(article, reviewer, start, end):
    with pytest.raises(ServiceError):
        claim_service.add_claim(article, reviewer, start, end)


def test_dismissed_claims_cannot_be_reworded_until_brought_back(article, reviewer):
    claim = _claim(article, "85%")
    claim_service.dismiss(claim, reviewer)
    with pytest.raises(ServiceError, match="cannot be changed"):
        claim_service.edit_wording(claim, reviewer, "Anything")
