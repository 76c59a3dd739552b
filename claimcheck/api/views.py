"""The JSON API under /api/v1: personal-token (or signed-in) access with the same rules."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from flask_login import current_user

from claimcheck.api.serializers import article_json, claim_json
from claimcheck.articles.importing import limits_from
from claimcheck.extensions import db
from claimcheck.importing import DocumentError, read_pasted_text
from claimcheck.models import Article
from claimcheck.permissions import PREDICATES, can_review, require
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.errors import ServiceError
from claimcheck.services.search import filters_from_args, search
from claimcheck.services.sources import suggest_sources

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _error(status: int, message: str):
    response = jsonify(error=message)
    response.status_code = status
    return response


@bp.route("/me")
def me():
    """Who the caller is and what their role allows."""
    return jsonify(
        id=current_user.id,
        email=current_user.email,
        name=current_user.name,
        role=current_user.role.value,
        permissions=sorted(
            name
            for name, allowed in PREDICATES.items()
            if name != "change_account" and allowed(current_user)
        ),
    )


@bp.route("/sources")
@require(can_review)
def sources():
    """Existing sources whose name contains `q`, for completing an attribution."""
    found = suggest_sources(request.args.get("q", "")[:200])
    return jsonify(items=[{"id": s.id, "name": s.name, "kind": s.kind} for s in found])


@bp.route("/search")
@require(can_review)
def search_everything():
    """Claims, articles, sources and evidence matching `q`, best first, per kind."""
    filters, ignored = filters_from_args(request.args)
    if ignored:
        return _error(422, " ".join(ignored))
    limit = request.args.get("limit", "20")
    if not limit.isdigit() or not 1 <= int(limit) <= 100:
        return _error(422, "`limit` must be a whole number from 1 to 100.")
    results = search(request.args.get("q", ""), filters, int(limit))
    return jsonify(
        query=request.args.get("q", ""),
        results={
            kind: {
                "count": results.counts[kind],
                "items": [
                    {
                        "id": hit.id,
                        # Matching words are marked with <mark>; the rest is escaped HTML.
                        "heading_html": str(hit.heading),
                        "snippet_html": str(hit.snippet) if hit.snippet is not None else None,
                        "context": hit.context,
                        "state": hit.state,
                        "verdict": hit.verdict,
                        "article_id": hit.article_id,
                        "claim_id": hit.claim_id,
                    }
                    for hit in hits
                ],
            }
            for kind, hits in results.hits.items()
        },
    )


@bp.route("/articles", methods=["POST"])
@require(can_review)
def create_article():
    """Import an article from JSON through the same path as the web form."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return _error(400, "Send a JSON object with at least `text` and `title`.")
    fields = {
        name: payload.get(name)
        for name in ("text", "title", "publication", "url", "byline", "published", "language")
    }
    if any(value is not None and not isinstance(value, str) for value in fields.values()):
        return _error(422, "Every field must be a string.")
    try:
        published = date.fromisoformat(fields["published"]) if fields["published"] else None
    except ValueError:
        return _error(422, "`published` must be a date as YYYY-MM-DD.")
    try:
        document = read_pasted_text(fields["text"] or "", limits_from(current_app.config))
        article = import_article(
            document.text,
            ArticleDetails(
                title=fields["title"] or "",
                publication=fields["publication"],
                url=fields["url"],
                byline=fields["byline"],
                published=published,
                language=fields["language"] or "en",
            ),
            current_user,
            max_chars=current_app.config["ARTICLE_MAX_CHARS"],
        )
    except (ServiceError, DocumentError) as error:
        db.session.rollback()
        return _error(422, str(error))
    db.session.commit()
    body = article_json(article) | {"claims": [claim_json(c) for c in article.claims]}
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_article", article_id=article.id)
    return response


def _article(article_id: int) -> Article:
    article = db.session.get(Article, article_id)
    if article is None:
        abort(404, "No such article.")
    return article


@bp.route("/articles/<int:article_id>")
@require(can_review)
def get_article(article_id: int):
    """One article."""
    return jsonify(article_json(_article(article_id)))


@bp.route("/articles/<int:article_id>/claims")
@require(can_review)
def article_claims(article_id: int):
    """The claims of one article, in text order (merged-away claims left out)."""
    article = _article(article_id)
    return jsonify(items=[claim_json(c) for c in article.claims if c.is_visible])
