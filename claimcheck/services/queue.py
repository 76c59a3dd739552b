"""The claims queue: one page of the claims matching the filters, and what the form offers."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, String, func, literal, select, union, union_all
from sqlalchemy.orm import joinedload

from claimcheck.extensions import db
from claimcheck.models import Article, Claim, Source, User, VerdictLabel
from claimcheck.services.queue_filters import (
    DEFAULT_PER_PAGE,
    DEFAULT_SORT,
    LARGEST_NUMBER,
    MAX_PER_PAGE,
    SORTS,
    UNASSIGNED,
    Ignored,
    Paging,
    QueueFilters,
    parse_filters,
    parse_paging,
)
from claimcheck.workflow import ClaimState

__all__ = [
    "COUNT_CAP",
    "DEFAULT_PER_PAGE",
    "DEFAULT_SORT",
    "MAX_PER_PAGE",
    "SORTS",
    "UNASSIGNED",
    "FilterChoices",
    "Ignored",
    "Paging",
    "QueueFilters",
    "QueuePage",
    "QueueRequest",
    "claims_page",
    "filter_choices",
    "has_claims",
    "parse_filters",
    "parse_paging",
    "read_queue",
]

COUNT_CAP = 10_000
# The filter form offers the newest articles and sources, not every one.
CHOICE_LIMIT = 100


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue and where it sits among the others."""

    items: list[Claim]
    total: int
    page: int
    per_page: int
    pages: int
    # True when there are more than `total` matches (counting stopped at COUNT_CAP).
    total_is_lower_bound: bool = False

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link to: the ends and those near this page, None for a gap."""
        wanted = {1, self.pages, *range(self.page - around, self.page + around + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.pages)
        shown: list[int | None] = []
        for number in numbers:
            if shown and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _conditions(filters: QueueFilters) -> list[Any]:
    """The WHERE clause of the queue for these filters."""
    conditions: list[Any] = [Claim.merged_into_id.is_(None)]
    if filters.states:
        conditions.append(Claim.state.in_([state.value for state in filters.states]))
    else:
        conditions.append(Claim.state != ClaimState.DISMISSED.value)
    if filters.verdict_id is not None:
        conditions.append(Claim.verdict_id == filters.verdict_id)
    if filters.unassigned:
        conditions.append(Claim.assignee_id.is_(None))
    elif filters.assignee_id is not None:
        conditions.append(Claim.assignee_id == filters.assignee_id)
    if filters.mine:
        conditions.append(Claim.assignee_id == filters.user_id)
    if filters.article_id is not None:
        conditions.append(Claim.article_id == filters.article_id)
    if filters.attribution is not None:
        conditions.append(Claim.attribution_kind == filters.attribution)
    if filters.source_id is not None:
        conditions.append(Claim.source_id == filters.source_id)
    if filters.min_score is not None:
        conditions.append(Claim.score >= filters.min_score)
    if filters.since is not None:
        conditions.append(Claim.created_at >= _start_of(filters.since))
    if filters.until is not None and filters.until < date.max:
        # Inclusive: everything up to the end of that day.
        conditions.append(Claim.created_at < _start_of(filters.until + timedelta(days=1)))
    return conditions


def _ordered(query: Select, sort: str) -> Select:
    if sort == "age":
        return query.order_by(Claim.created_at.asc(), Claim.id.asc())
    if sort == "newest":
        return query.order_by(Claim.created_at.desc(), Claim.id.desc())
    # id descending too, so the (score, id) index serves this order read backwards.
    return query.order_by(Claim.score.desc(), Claim.id.desc())


def claims_page(filters: QueueFilters, page: int, per_page: int) -> QueuePage:
    """One page of the claims matching `filters`, with what each row shows loaded alongside."""
    page = min(max(page, 1), LARGEST_NUMBER)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    conditions = _conditions(filters)
    # Counting stops at COUNT_CAP: past it, "more than 10,000" says enough, and an exact
    # count of a million rows would cost more than the page itself.
    capped = select(Claim.id).where(*conditions).limit(COUNT_CAP + 1).subquery()
    counted = db.session.scalar(select(func.count()).select_from(capped)) or 0
    # The page's ids first: that sort reads only an index, not whole claim rows.
    ids = list(
        db.session.scalars(
            _ordered(select(Claim.id).where(*conditions), filters.sort)
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    rows = (
        db.session.scalars(
            select(Claim)
            .where(Claim.id.in_(ids))
            .options(
                # The article's text can be long; a row only needs its title.
                joinedload(Claim.article).load_only(Article.id, Article.title),
                joinedload(Claim.assignee),
                joinedload(Claim.verdict),
                joinedload(Claim.source),
            )
        )
        if ids
        else []
    )
    by_id = {claim.id: claim for claim in rows}
    items = [by_id[claim_id] for claim_id in ids if claim_id in by_id]
    more = counted > COUNT_CAP
    total = COUNT_CAP if more else counted
    pages = math.ceil(total / per_page)
    if more and len(items) == per_page:
        pages = max(pages, page + 1)
    return QueuePage(items, total, page, per_page, pages, total_is_lower_bound=more)


def has_claims() -> bool:
    """Whether there is any claim at all (dismissed ones included), for the empty page."""
    return (
        db.session.scalar(select(Claim.id).where(Claim.merged_into_id.is_(None)).limit(1))
        is not None
    )


@dataclass(frozen=True)
class FilterChoices:
    """The values the filter form offers, as (id, name) pairs."""

    verdicts: list[tuple[int, str]]
    people: list[tuple[int, str]]
    articles: list[tuple[int, str]]
    sources: list[tuple[int, str]]


def _newest(id_column, name_column, selected: int | None):
    """The CHOICE_LIMIT newest rows of a table (highest ids), and the selected one."""
    recent = (
        select(id_column.label("id"), name_column.label("name"))
        .order_by(id_column.desc())
        .limit(CHOICE_LIMIT)
        .subquery()
    )
    picked = select(id_column.label("id"), name_column.label("name")).where(id_column == selected)
    return union(select(recent.c.id, recent.c.name), picked).subquery()


def filter_choices(filters: QueueFilters | None = None) -> FilterChoices:
    """What each filter can be set to: verdicts, people, articles and sources."""
    verdicts = [
        (label.id, f"{label.name} (retired)" if label.is_retired else label.name)
        for label in db.session.scalars(
            select(VerdictLabel).order_by(VerdictLabel.position, VerdictLabel.id)
        )
    ]
    # Plain (id, name) pairs in one round trip. Articles and sources grow without end,
    # so only the newest are offered, plus whichever one the filters already name.
    newest_articles = _newest(Article.id, Article.title, filters.article_id if filters else None)
    newest_sources = _newest(Source.id, Source.name, filters.source_id if filters else None)
    rows = db.session.execute(
        union_all(
            select(literal("person", String).label("kind"), User.id, User.name),
            select(literal("article", String), newest_articles.c.id, newest_articles.c.name),
            select(literal("source", String), newest_sources.c.id, newest_sources.c.name),
        )
    ).all()
    grouped: dict[str, list[tuple[int, str]]] = {"person": [], "article": [], "source": []}
    for kind, key, name in rows:
        grouped[kind].append((key, name))
    return FilterChoices(
        verdicts,
        people=sorted(grouped["person"], key=_by_name),
        # Ids follow import order, so the highest is the newest article.
        articles=sorted(grouped["article"], key=lambda pair: -pair[0]),
        sources=sorted(grouped["source"], key=_by_name),
    )


def _by_name(pair: tuple[int, str]) -> tuple[str, int]:
    return pair[1].casefold(), pair[0]


@dataclass(frozen=True)
class QueueRequest:
    """A queue request read from query parameters: the filters, the paging and the page."""

    filters: QueueFilters
    paging: Paging
    page: QueuePage

    @property
    def ignored(self) -> tuple[Ignored, ...]:
        """Every parameter that was left out, with why."""
        return (*self.filters.ignored, *self.paging.ignored)


def read_queue(args: Mapping[str, str | list[str]], user_id: int) -> QueueRequest:
    """Parse the filters and paging from query parameters and load that page."""
    filters = parse_filters(args, user_id)
    paging = parse_paging(args)
    return QueueRequest(filters, paging, claims_page(filters, paging.page, paging.per_page))
