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
