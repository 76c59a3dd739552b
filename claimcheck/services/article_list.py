"""The list of articles: newest first, found by title, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, select, true

from claimcheck.extensions import db
from claimcheck.models import Article, Claim
from claimcheck.services.queue import QueuePage
from claimcheck.workflow import ClaimState

ARTICLES_PER_PAGE = 50
MAX_TITLE_SEARCH = 200


@dataclass(frozen=True)
class ArticleLine:
    """One article as the list shows it, with how many of its claims are still open."""

    id: int
    title: str
    publication: str | None
    published: date | None
    created_at: datetime
    open_claims: int


def title_contains(search: str | None) -> ColumnElement[bool]:
    """Articles whose title contains the words typed, as written (% and _ included)."""
    search = (search or "").strip()[:MAX_TITLE_SEARCH]
    return Article.title.icontains(search, autoescape=True) if search else true()


def list_articles(search: str | None, page: int) -> QueuePage[ArticleLine]:
    """One page of the articles whose title contains `search` (all without one).

    Only the page's columns are read, never an article's text, and open claims are
    counted for the page's articles alone: the list stays as quick at ten thousand
    articles and a million claims as at ten.
    """
    matches = title_contains(search)
    total = db.session.scalar(select(func.count()).select_from(Article).where(matches)) or 0
    pages = max(1, -(-total // ARTICLES_PER_PAGE))
    page = max(1, page)
    rows = db.session.execute(
        select(
            Article.id, Article.title, Article.publication, Article.published, Article.created_at
        )
        .where(matches)
        .order_by(Article.created_at.desc(), Article.id.desc())
        .limit(ARTICLES_PER_PAGE)
        .offset((page - 1) * ARTICLES_PER_PAGE)
    ).all()
    open_counts = _open_claims([row.id for row in rows])
    lines = [ArticleLine(*row, open_claims=open_counts.get(row.id, 0)) for row in rows]
    return QueuePage(lines, total, page, ARTICLES_PER_PAGE, pages)


def _open_claims(article_ids: list[int]) -> dict[int, int]:
    """How many claims of each article are neither dismissed nor merged into another."""
    if not article_ids:
        return {}
    counted = db.session.execute(
        select(Claim.article_id, func.count())
        .where(
            Claim.article_id.in_(article_ids),
            Claim.merged_into_id.is_(None),
            Claim.state != ClaimState.DISMISSED.value,
        )
        .group_by(Claim.article_id)
    )
    return dict(counted.tuples().all())
