"""JSON shapes of the API's resources."""

from __future__ import annotations

from typing import Any

from claimcheck.models import Article, Claim


def article_json(article: Article) -> dict[str, Any]:
    """An article with its details (the text included)."""
    return {
        "id": article.id,
        "title": article.title,
        "publication": article.publication,
        "url": article.url,
        "byline": article.byline,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "source_format": article.source_format,
        "text": article.text,
        "created_at": article.created_at.isoformat(),
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    """A claim with its span, analysis and review state."""
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "state": claim.state,
        "accepted": claim.is_accepted,
        "origin": claim.origin,
        "score": claim.score,
        "kind": claim.kind,
        "reasons": claim.reasons,
        "dates": claim.dates,
        "suggested_attribution": claim.suggested_attribution,
        "version": claim.version,
    }


def person_json(user) -> dict[str, Any] | None:
    """A person as other people's records show them."""
    if user is None:
        return None
    return {"id": user.id, "email": user.email, "name": user.name, "role": user.role.value}


def evidence_json(item) -> dict[str, Any]:
    """One evidence item (the attached file is linked, not inlined)."""
    return {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "publisher": item.publisher,
        "published": item.published.isoformat() if item.published else None,
        "accessed": item.accessed.isoformat() if item.accessed else None,
        "excerpt": item.excerpt,
        "relation": item.relation,
        "archive_url": item.archive_url,
        "file": {"name": item.file_name, "type": item.file_type, "size": item.file_size}
        if item.file_name
        else None,
        "removed": item.is_removed,
        "created_at": item.created_at.isoformat(),
    }


def review_json(claim: Claim) -> dict[str, Any]:
    """A claim with everything about its review."""
    verdict = claim.verdict
    return claim_json(claim) | {
        "article": {"id": claim.article_id, "title": claim.article.title},
        "verdict": {"id": verdict.id, "name": verdict.name, "rating": verdict.rating}
        if verdict
        else None,
        "attribution": {
            "kind": claim.attribution_kind,
            "source": claim.source.name if claim.source else None,
            "source_kind": claim.source.kind if claim.source else None,
            "cue": claim.attribution_cue,
            "quote": bool(claim.attribution_quote),
            "confirmed": claim.attribution_confirmed_at is not None,
        },
        "rationale": claim.rationale,
        "assignee": person_json(claim.assignee),
        "proposer": person_json(claim.proposer),
        "approver": person_json(claim.approver),
        "approved_at": claim.approved_at.isoformat() if claim.approved_at else None,
        "verdict_evidence_ids": claim.verdict_evidence_ids or [],
        "evidence": [evidence_json(item) for item in claim.evidence],
    }


def earlier_check_json(check) -> dict[str, Any]:
    """A match with a claim checked before: its score, the decision, and that claim's check."""
    match, earlier, verdict = check.match, check.earlier, check.earlier.verdict
    return {
        "id": match.id,
        "score": match.score,
        "status": match.status,
        "decided_by": person_json(match.decided_by),
        "decided_at": match.decided_at.isoformat() if match.decided_at else None,
        "reuse_revision_id": match.reuse_revision_id,
        "earlier_claim": {
            "id": earlier.id,
            "text": earlier.text,
            "state": earlier.state,
            "verdict": {"id": verdict.id, "name": verdict.name, "rating": verdict.rating}
            if verdict
            else None,
            "rationale": earlier.rationale,
            "article": {"id": check.article.id, "title": check.article.title},
            "evidence": [
                {"id": e.id, "title": e.title, "url": e.url, "relation": e.relation}
                for e in check.evidence
            ],
        },
    }


def revision_json(revision) -> dict[str, Any]:
    """One revision: who, when, what changed (old and new) and why."""
    return {
        "id": revision.id,
        "action": revision.action,
        "actor": person_json(revision.actor),
        "at": revision.created_at.isoformat(),
        "changes": revision.changes,
        "reason": revision.reason,
    }
