"""Claims checked before: likely matches for new claims, and what reviewers make of them.

Matches are looked for when claims are extracted. A reviewer then says whether a match is
the same claim or not; either way a revision of the claim records it. Confirming copies
nothing: reusing the earlier verdict and evidence is a separate step, recorded as its own
revision that names the earlier claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.orm import joinedload, load_only

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models import Article, Claim, ClaimMatch, Evidence, User
from claimcheck.models.matching import CONFIRMED, DISMISSED, SUGGESTED
from claimcheck.services import revisions
from claimcheck.services.errors import NotFound, ServiceError
from claimcheck.services.evidence import summary
from claimcheck.services.guards import require_unlocked, require_version
from claimcheck.services.match_index import reviewed_claim_index

MATCHES_PER_CLAIM = 5
_EVIDENCE_FIELDS = (
    "url",
    "title",
    "publisher",
    "published",
    "accessed",
    "excerpt",
    "relation",
    "archive_url",
    "file_name",
    "file_type",
    "file_size",
    "file_data",
)


def find_matches(claims: Sequence[Claim]) -> int:
    """Record the reviewed claims each of these claims likely repeats; return how many."""
    if not claims or not current_app.config["MATCHING_ENABLED"]:
        return 0
    db.session.flush()
    # One more than shown: a claim under review, looked for again, finds itself.
    found = reviewed_claim_index().search([c.text for c in claims], MATCHES_PER_CLAIM + 1)
    # Matches found before keep their decisions; only new ones are added.
    known = set(
        db.session.execute(
            select(ClaimMatch.claim_id, ClaimMatch.earlier_claim_id).where(
                ClaimMatch.claim_id.in_([c.id for c in claims])
            )
        ).tuples()
    )
    added = 0
    for claim, matches in zip(claims, found, strict=True):
        for match in [m for m in matches if int(m.id) != claim.id][:MATCHES_PER_CLAIM]:
            if (claim.id, int(match.id)) in known:
                continue
            db.session.add(
                ClaimMatch(claim_id=claim.id, earlier_claim_id=int(match.id), score=match.score)
            )
            added += 1
    db.session.flush()
    return added


def look_again(claim: Claim, actor: User) -> int:
    """Match one claim against the claims reviewed since it was extracted; a revision says so."""
    if not current_app.config["MATCHING_ENABLED"]:
        raise ServiceError("Matching is switched off on this installation.")
    added = find_matches([claim])
    revisions.record(claim, actor, "matched_again", {"new matches": (None, added)})
    return added


@dataclass
class EarlierCheck:
    """A match as the pages show it: the earlier claim, its verdict, evidence and article."""

    match: ClaimMatch
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def earlier(self) -> Claim:
        return self.match.earlier

    @property
    def article(self) -> Article:
        return self.match.earlier.article


def _matches_where(condition: ColumnElement[bool]) -> Select:
    """The matches meeting condition, best first, with what the pages show of each."""
    return (
        select(ClaimMatch)
        .where(condition)
        .options(
            joinedload(ClaimMatch.earlier)
            .load_only(
                Claim.id,
                Claim.text,
                Claim.state,
                Claim.article_id,
                Claim.verdict_id,
                Claim.rationale,
                Claim.approved_at,
            )
            .options(
                joinedload(Claim.article).load_only(Article.id, Article.title, Article.publication),
                joinedload(Claim.verdict),
            ),
            joinedload(ClaimMatch.decided_by),
        )
        .order_by(ClaimMatch.claim_id, ClaimMatch.score.desc(), ClaimMatch.id)
    )


# Every view of a claim's page asks for its matches: built once, the statement's cache key
# (costly with these nested options) is computed once too.
_MATCHES_OF_CLAIM = _matches_where(ClaimMatch.claim_id == bindparam("claim_id"))


def _earlier_checks(
    statement: Select, parameters: dict[str, Any] | None = None
) -> list[EarlierCheck]:
    """The matches `statement` selects with what the pages show, in two statements."""
    matches = db.session.scalars(statement, parameters).all()
    if not matches:
        return []
    evidence: dict[int, list[Evidence]] = {}
    for item in db.session.scalars(
        select(Evidence)
        .where(Evidence.claim_id.in_({m.earlier_claim_id for m in matches}))
        .where(Evidence.removed_at.is_(None))
        .options(
            load_only(
                Evidence.id,
                Evidence.claim_id,
                Evidence.title,
                Evidence.url,
                Evidence.relation,
                Evidence.publisher,
            )
        )
        .order_by(Evidence.id)
    ):
        evidence.setdefault(item.claim_id, []).append(item)
    return [EarlierCheck(m, evidence.get(m.earlier_claim_id, [])) for m in matches]


def checks_for_claim(claim: Claim) -> list[EarlierCheck]:
    """Every match found for one claim, best first, decided ones included."""
    return _earlier_checks(_MATCHES_OF_CLAIM, {"claim_id": claim.id})


def best_checks_for_article(article: Article) -> dict[int, EarlierCheck]:
    """For each claim of the article, its best match not dismissed (for the claim list)."""
    claim_ids = select(Claim.id).where(Claim.article_id == article.id).scalar_subquery()
    best: dict[int, EarlierCheck] = {}
    for check in _earlier_checks(
        _matches_where(ClaimMatch.claim_id.in_(claim_ids) & (ClaimMatch.status != DISMISSED))
    ):
        current = best.get(check.match.claim_id)
        # A confirmed match outranks a merely suggested one, then the higher score.
        if current is None or _rank(check) > _rank(current):
            best[check.match.claim_id] = check
    return best


def _rank(check: EarlierCheck) -> tuple[bool, float]:
    return check.match.status == CONFIRMED, check.match.score


def get_match(claim: Claim, match_id: int) -> ClaimMatch:
    """A match found for this claim, or NotFound."""
    match = db.session.get(ClaimMatch, match_id)
    if match is None or match.claim_id != claim.id:
        raise NotFound("No such match for this claim.")
    return match


def _describe(match: ClaimMatch) -> str:
    earlier = match.earlier
    return f"claim {earlier.id} of “{earlier.article.title}” ({match.percent}% alike)"


def decide(match: ClaimMatch, actor: User, same: bool) -> None:
    """Say whether the match is the same claim; a revision of the claim records it."""
    status = CONFIRMED if same else DISMISSED
    if match.status == status:
        raise ServiceError(
            "That match is already confirmed." if same else "That match is already dismissed."
        )
    old = match.status
    match.status, match.decided_by_id, match.decided_at = status, actor.id, utcnow()
    revisions.record(
        match.claim,
        actor,
        "match_confirmed" if same else "match_dismissed",
        {f"match {match.earlier_claim_id}": (old, status)},
        reason=f"{'Same claim as' if same else 'Not the same claim as'} {_describe(match)}",
    )


def reuse(match: ClaimMatch, actor: User, expected_version: int | None = None) -> list[Evidence]:
    """Start from the earlier claim's rationale and evidence, in one revision naming it.

    Evidence already on the claim (same URL) is not copied twice, and a rationale the
    reviewer already wrote is kept. The earlier verdict is offered in the proposal form
    rather than set, so it is still the reviewer who proposes it.
    """
    claim, earlier = match.claim, match.earlier
    require_version(claim, expected_version)
    require_unlocked(claim)
    if match.status != CONFIRMED:
        raise ServiceError("Confirm that it is the same claim before reusing its check.")
    if match.reuse_revision_id is not None:
        raise ServiceError("This check was already reused; its evidence is on the claim.")
    present = {item.url for item in claim.evidence if not item.is_removed}
    copies = [
        Evidence(
            claim_id=claim.id,
            created_by_id=actor.id,
            **{name: getattr(item, name) for name in _EVIDENCE_FIELDS},
        )
        for item in earlier.evidence
        if not item.is_removed and item.url not in present
    ]
    if not copies and not (earlier.rationale and not claim.rationale) and not earlier.verdict_id:
        raise ServiceError("The earlier claim has no verdict, rationale or new evidence to reuse.")
    db.session.add_all(copies)
    db.session.flush()
    changes = {"reused_from": (None, earlier.id)}
    if earlier.verdict is not None:
        changes["suggested_verdict"] = (None, earlier.verdict.name)
    if copies:
        changes["evidence"] = (None, [summary(item) for item in copies])
    if earlier.rationale and not claim.rationale:
        changes.update(revisions.apply_changes(claim, {"rationale": earlier.rationale}))
    revision = revisions.record(
        claim, actor, "match_reused", changes, reason=f"Started from {_describe(match)}"
    )
    match.reuse_revision_id = revision.id
    return copies


def reused_verdict_id(checks: Sequence[EarlierCheck]) -> int | None:
    """The verdict of a check this claim reused, to start the proposal form from."""
    for check in checks:
        if check.match.reuse_revision_id is not None and check.earlier.verdict_id:
            return check.earlier.verdict_id
    return None


__all__ = [
    "MATCHES_PER_CLAIM",
    "SUGGESTED",
    "EarlierCheck",
    "best_checks_for_article",
    "checks_for_claim",
    "decide",
    "find_matches",
    "get_match",
    "look_again",
    "reuse",
    "reused_verdict_id",
]
