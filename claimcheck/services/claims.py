"""What a reviewer does with the claims of an article: accept, dismiss, edit, split, merge, add."""

from __future__ import annotations

from sqlalchemy import select

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models import Article, Claim, User
from claimcheck.services import review, revisions
from claimcheck.services.articles import analysis_fields
from claimcheck.services.claim_detection import analyse_span
from claimcheck.services.errors import NotFound, ServiceError
from claimcheck.services.guards import require_version
from claimcheck.workflow import EDITABLE_STATES, Action, ClaimState

MAX_CLAIM_CHARS = 2000
MAX_REASON_CHARS = 1000
NOT_A_CLAIM = "Not a claim"


def get_claim(claim_id: int) -> Claim:
    """Return a claim that still stands on its own, or raise NotFound."""
    claim = db.session.get(Claim, claim_id)
    if claim is None or not claim.is_visible:
        raise NotFound("No such claim.")
    return claim


def _require_editable(claim: Claim, expected_version: int | None = None) -> None:
    require_version(claim, expected_version)
    if claim.state not in EDITABLE_STATES:
        raise ServiceError(
            f"A claim that is {ClaimState(claim.state).label.lower()} cannot be changed."
        )


def accept(claim: Claim, actor: User) -> None:
    """Confirm that a candidate is a claim worth checking."""
    _require_editable(claim)
    if claim.is_accepted:
        return
    claim.accepted_at = utcnow()
    claim.accepted_by_id = actor.id
    revisions.record(claim, actor, "accepted", {"accepted": (False, True)})


def dismiss(claim: Claim, actor: User, reason: str | None = None) -> None:
    """Set a candidate aside as not a claim, with the reason."""
    why = (reason or "").strip() or NOT_A_CLAIM
    if len(why) > MAX_REASON_CHARS:
        raise ServiceError(f"Keep the reason under {MAX_REASON_CHARS} characters.")
    review.transition(claim, actor, Action.DISMISS, reason=why)


def reinstate(claim: Claim, actor: User) -> None:
    """Bring a dismissed candidate back."""
    review.transition(claim, actor, Action.REINSTATE)


def edit_wording(
    claim: Claim,
    actor: User,
    text: str,
    expected_version: int | None = None,
    reason: str | None = None,
) -> None:
    """Reword a claim; its place in the article (the span) stays as it was."""
    _require_editable(claim, expected_version)
    wording = " ".join((text or "").split())
    if not wording:
        raise ServiceError("The claim needs some words.")
    if len(wording) > MAX_CLAIM_CHARS:
        raise ServiceError(f"Keep the claim under {MAX_CLAIM_CHARS} characters.")
    changes = revisions.apply_changes(claim, {"text": wording})
    if changes:
        revisions.record(claim, actor, "edited", changes, reason=(reason or "").strip() or None)


def _trimmed_span(article_text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with white space."""
    while start < end and article_text[start].isspace():
        start += 1
    while end > start and article_text[end - 1].isspace():
        end -= 1
    return start, end


def split(claim: Claim, actor: User, at: int) -> Claim:
    """Split a claim at an article offset inside it; returns the new second claim."""
    _require_editable(claim)
    text = claim.article.text
    if not (claim.start < at < claim.end):
        raise ServiceError("Choose a split point between two words of the claim.")
    first = _trimmed_span(text, claim.start, at)
    second = _trimmed_span(text, at, claim.end)
    if first[0] == first[1] or second[0] == second[1]:
        raise ServiceError("Choose a split point between two words of the claim.")
    published = claim.article.published
    changes = revisions.apply_changes(
        claim,
        {
            "end": first[1],
            "text": text[first[0] : first[1]],
            **analysis_fields(analyse_span(text, *first, published)),
        },
    )
    revisions.record(claim, actor, "split", changes)
    part = Claim(
        article=claim.article,
        start=second[0],
        end=second[1],
        text=text[second[0] : second[1]],
        origin="split",
        split_from_id=claim.id,
        accepted_at=claim.accepted_at,
        accepted_by_id=claim.accepted_by_id,
        **analysis_fields(analyse_span(text, *second, published)),
    )
    db.session.add(part)
    revisions.record(
        part,
        actor,
        "split_from",
        {"text": (None, part.text), "start": (None, part.start), "end": (None, part.end)},
        reason=f"Split from claim {claim.id}",
        audited=False,
    )
    db.session.flush()
    return part


def next_claim(claim: Claim) -> Claim | None:
    """The visible claim that follows this one in the article."""
    return db.session.scalar(
        select(Claim)
        .where(
            Claim.article_id == claim.article_id,
            Claim.merged_into_id.is_(None),
            Claim.start >= claim.end,
            Claim.id != claim.id,
        )
        .order_by(Claim.start)
        .limit(1)
    )


def merge_with_next(claim: Claim, actor: User) -> Claim:
    """Merge a claim with the one after it; the first absorbs the second."""
    _require_editable(claim)
    following = next_claim(claim)
    if following is None:
        raise ServiceError("There is no later claim to merge with.")
    _require_editable(following)
    text = claim.article.text
    end = following.end
    wording = (
        text[claim.start : end]
        if not (claim.is_edited or following.is_edited)
        else f"{claim.text} {following.text}"
    )
    changes = revisions.apply_changes(
        claim,
        {
            "end": end,
            "text": wording,
            **analysis_fields(analyse_span(text, claim.start, end, claim.article.published)),
        },
    )
    revisions.record(claim, actor, "merged", changes, reason=f"Merged with claim {following.id}")
    following.merged_into_id = claim.id
    revisions.record(
        following,
        actor,
        "merged_into",
        {"merged_into": (None, claim.id)},
        reason=f"Merged into claim {claim.id}",
        audited=False,
    )
    return claim


def add_claim(article: Article, actor: User, start: int, end: int) -> Claim:
    """Add a claim a reviewer selected in the article text."""
    if not (0 <= start < end <= len(article.text)):
        raise ServiceError("Select some text of the article first.")
    start, end = _trimmed_span(article.text, start, end)
    if start == end:
        raise ServiceError("Select some words, not just spaces.")
    if end - start > MAX_CLAIM_CHARS:
        raise ServiceError(f"Select at most {MAX_CLAIM_CHARS} characters.")
    for existing in article.claims:
        if existing.is_visible and (existing.start, existing.end) == (start, end):
            raise ServiceError(f"That text is already claim {existing.id}.")
    candidate = analyse_span(article.text, start, end, article.published)
    claim = Claim(
        article=article,
        start=start,
        end=end,
        text=candidate.text,
        origin="manual",
        accepted_at=utcnow(),
        accepted_by_id=actor.id,
        **analysis_fields(candidate),
    )
    db.session.add(claim)
    revisions.record(
        claim,
        actor,
        "added",
        {"text": (None, claim.text), "start": (None, start), "end": (None, end)},
    )
    db.session.flush()
    return claim
