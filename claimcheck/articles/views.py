"""Articles: the list a reviewer starts from, and each article's text."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from claimcheck.extensions import db
from claimcheck.models import Article
from claimcheck.permissions import can_review, require

bp = Blueprint("articles", __name__)


@bp.route("/")
@require(can_review)
def index():
    """Every article, newest first."""
    articles = db.session.scalars(
        select(Article).order_by(Article.created_at.desc(), Article.id.desc())
    ).all()
    return render_template("articles/index.html", articles=articles)


@bp.route("/articles/<int:article_id>")
@require(can_review)
def detail(article_id: int):
    """One article's text and details."""
    article = db.session.get(Article, article_id)
    if article is None:
        abort(404)
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    return render_template("articles/detail.html", article=article, paragraphs=paragraphs)
