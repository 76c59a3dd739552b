"""The claims queue: one page of the claims matching the filters, and what the form offers."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    String,
    bindparam,
    case,
    func,
    literal,
    select,
    tuple_,
    union,
    union_all,
)
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
from claimcheck.workflow import WAITING_ON_ASSIGNEE, ClaimState

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
    "QueueRow",
    "claims_page",
    "filter_choices",
    "has_claims",
    "parse_filters",
    "parse_paging",
    "read_queue",
    "read_queue_rows",
    "rows_page",
]

COUNT_CAP = 10_000
# The filter form offers the newest articles and sources, not every one.
CHOICE_LIMIT = 100


Item = TypeVar("Item")


class QueueRow(NamedTuple):
    """What one line of the queue page shows, read as plain columns.

    A page lists up to 200 claims; plain rows cost a fraction of ORM objects with four
    joined relationships, and the page needs nothing else from them.
    """

    id: int
    article_id: int
    text: str
    article_title: str
    state: str
    verdict_name: str | None
    score: float
    attribution_kind: str | None
    source_name: str | None
    assignee_id: int | None
    assignee_name: str | None
    created_at: datetime


@dataclass(frozen=True)
class QueuePage(Generic[Item]):
    """One page of the queue and where it sits among the others."""

    items: Sequence[Item]
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


# Each filter's condition, with its value left as a bound parameter of the same name.
_CONDITIONS: dict[str, Callable[[], ColumnElement[bool]]] = {
    "states": lambda: Claim.state.in_(bindparam("states", expanding=True)),
    "not_dismissed": lambda: Claim.state != ClaimState.DISMISSED.value,
    "verdict_id": lambda: Claim.verdict_id == bindparam("verdict_id"),
    "unassigned": lambda: Claim.assignee_id.is_(None),
    "assignee_id": lambda: Claim.assignee_id == bindparam("assignee_id"),
    "mine": lambda: Claim.assignee_id == bindparam("user_id"),
    "article_id": lambda: Claim.article_id == bindparam("article_id"),
    "attribution": lambda: Claim.attribution_kind == bindparam("attribution"),
    "source_id": lambda: Claim.source_id == bindparam("source_id"),
    "min_score": lambda: Claim.score >= bindparam("min_score"),
    "since": lambda: Claim.created_at >= bindparam("since"),
    "until": lambda: Claim.created_at < bindparam("until"),
}


def _bound_filters(filters: QueueFilters) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The names of the _CONDITIONS these filters need, and the values of their parameters."""
    used: list[str] = []
    values: dict[str, Any] = {}

    def use(name: str, **bound: Any) -> None:
        used.append(name)
        values.update(bound)

    if filters.states:
        use("states", states=[state.value for state in filters.states])
    else:
        use("not_dismissed")
    if filters.verdict_id is not None:
        use("verdict_id", verdict_id=filters.verdict_id)
    if filters.unassigned:
        use("unassigned")
    elif filters.assignee_id is not None:
        use("assignee_id", assignee_id=filters.assignee_id)
    if filters.mine:
        use("mine", user_id=filters.user_id)
    if filters.article_id is not None:
        use("article_id", article_id=filters.article_id)
    if filters.attribution is not None:
        use("attribution", attribution=filters.attribution)
    if filters.source_id is not None:
        use("source_id", source_id=filters.source_id)
    if filters.min_score is not None:
        use("min_score", min_score=filters.min_score)
    if filters.since is not None:
        use("since", since=_start_of(filters.since))
    if filters.until is not None and filters.until < date.max:
        # Inclusive: everything up to the end of that day.
        use("until", until=_start_of(filters.until + timedelta(days=1)))
    return tuple(used), values


def _ordered(query: Select, sort: str) -> Select:
    if sort == "age":
        return query.order_by(Claim.created_at.asc(), Claim.id.asc())
    if sort == "newest":
        return query.order_by(Claim.created_at.desc(), Claim.id.desc())
    # id descending too, so the (score, id) index serves this order read backwards.
    return query.order_by(Claim.score.desc(), Claim.id.desc())


@dataclass(frozen=True)
class _PageStatements:
    """The statements behind one page of the queue, for one set of filters and one order."""

    # How many claims match, counting no further than the `cap` parameter.
    count: Select
    # The ids of one page (`limit` and `offset` parameters), in order.
    ids: Select


@lru_cache(maxsize=256)
def _page_statements(used: tuple[str, ...], sort: str) -> _PageStatements:
    """The statements for one combination of filters and one order, built once.

    They are reused with new parameter values: building and keying a statement costs
    SQLAlchemy more than a page's SQL costs PostgreSQL.
    """
    conditions = [Claim.merged_into_id.is_(None), *(_CONDITIONS[name]() for name in used)]
    # Counting stops at the cap: past it, "more than 10,000" says enough, and an exact
    # count of a million rows would cost more than the page itself.
    capped = select(Claim.id).where(*conditions).limit(bindparam("cap")).subquery()
    # The page's ids first: that sort reads only an index, not whole claim rows.
    ids = (
        _ordered(select(Claim.id).where(*conditions), sort)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    return _PageStatements(select(func.count()).select_from(capped), ids)


# What a line of the queue page shows, for a list of claim ids; see QueueRow. Kept apart
# from the ids' statement: PostgreSQL keeps one plan for this prepared join over a list of
# ids, where a join over the paging subquery is planned afresh for every page (1-2 ms more
# of its CPU per page).
_ROWS = (
    select(
        Claim.id,
        Claim.article_id,
        Claim.text,
        Article.title,
        Claim.state,
        VerdictLabel.name,
        Claim.score,
        Claim.attribution_kind,
        Source.name,
        Claim.assignee_id,
        User.name,
        Claim.created_at,
    )
    .join(Article, Article.id == Claim.article_id)
    .outerjoin(VerdictLabel, VerdictLabel.id == Claim.verdict_id)
    .outerjoin(Source, Source.id == Claim.source_id)
    .outerjoin(User, User.id == Claim.assignee_id)
    .where(Claim.id.in_(bindparam("ids", expanding=True)))
)


def _paged(
    filters: QueueFilters,
    page: int,
    per_page: int,
    load: Callable[[list[int]], Sequence[Item]],
) -> QueuePage[Item]:
    """One page of the claims matching `filters`, each loaded by `load` from the page's ids."""
    page = min(max(page, 1), LARGEST_NUMBER)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    used, values = _bound_filters(filters)
    statements = _page_statements(used, filters.sort)
    counted = db.session.scalar(statements.count, {**values, "cap": COUNT_CAP + 1}) or 0
    ids = list(
        db.session.scalars(
            statements.ids, {**values, "limit": per_page, "offset": (page - 1) * per_page}
        )
    )
    items = load(ids) if ids else []
    more = counted > COUNT_CAP
    total = COUNT_CAP if more else counted
    pages = math.ceil(total / per_page)
    if more and len(items) == per_page:
        pages = max(pages, page + 1)
    return QueuePage(items, total, page, per_page, pages, total_is_lower_bound=more)


def _claims(ids: list[int]) -> list[Claim]:
    """The claims with these ids, in this order, with what a listing shows loaded alongside."""
    rows = db.session.scalars(
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
    by_id = {claim.id: claim for claim in rows}
    return [by_id[claim_id] for claim_id in ids if claim_id in by_id]


def _rows(ids: list[int]) -> list[QueueRow]:
    """The queue page's plain rows for these claim ids, in this order."""
    by_id = {row[0]: QueueRow(*row) for row in db.session.execute(_ROWS, {"ids": ids})}
    return [by_id[claim_id] for claim_id in ids if claim_id in by_id]


def claims_page(filters: QueueFilters, page: int, per_page: int) -> QueuePage[Claim]:
    """One page of the claims matching `filters`, as claims with their relations loaded."""
    return _paged(filters, page, per_page, _claims)


def rows_page(filters: QueueFilters, page: int, per_page: int) -> QueuePage[QueueRow]:
    """One page of the claims matching `filters`, as the plain rows the queue page shows."""
    return _paged(filters, page, per_page, _rows)


def _next_waiting() -> Select:
    """The next claim waiting on a person, in "My work" order (highest score first).

    Claims ranked below this one come first, then the top of the list again; each half is
    one walk down the person's (score, id) index, and the statement is one round trip.
    """
    waiting = (
        Claim.assignee_id == bindparam("user_id"),
        Claim.state.in_([state.value for state in WAITING_ON_ASSIGNEE]),
        Claim.merged_into_id.is_(None),
    )
    below = tuple_(Claim.score, Claim.id) < tuple_(bindparam("score"), bindparam("after_id"))
    halves = [
        select(Claim.id.label("id"), literal(turn, Integer).label("turn"))
        .where(*waiting, where)
        .order_by(Claim.score.desc(), Claim.id.desc())
        .limit(1)
        .subquery()
        for turn, where in ((0, below), (1, Claim.id != bindparam("after_id")))
    ]
    both = union_all(*(select(half.c.id, half.c.turn) for half in halves)).subquery()
    return select(both.c.id).order_by(both.c.turn).limit(1)


_NEXT_WAITING = _next_waiting()


def next_in_my_work(user_id: int, claim: Claim) -> int | None:
    """The id of the claim to open after `claim` among those waiting on this person."""
    values = {"user_id": user_id, "score": claim.score, "after_id": claim.id}
    return db.session.scalar(_NEXT_WAITING, values)


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


def _newest(id_column, name_column, selected: str):
    """A table's newest rows (highest ids) and the one whose id is the `selected` parameter.

    As many newest rows as the `choice_limit` parameter says.
    """
    recent = (
        select(id_column.label("id"), name_column.label("name"))
        .order_by(id_column.desc())
        .limit(bindparam("choice_limit"))
        .subquery()
    )
    picked = select(id_column.label("id"), name_column.label("name")).where(
        id_column == bindparam(selected)
    )
    return union(select(recent.c.id, recent.c.name), picked).subquery()


@lru_cache(maxsize=1)
def _choices_statement() -> CompoundSelect:
    """Every filter's (kind, id, name, position) rows in one statement, built once."""
    newest_articles = _newest(Article.id, Article.title, "article_id")
    newest_sources = _newest(Source.id, Source.name, "source_id")
    no_position = literal(0, Integer)
    verdict_name = case(
        (VerdictLabel.retired_at.is_not(None), VerdictLabel.name + " (retired)"),
        else_=VerdictLabel.name,
    )
    return union_all(
        select(
            literal("verdict", String).label("kind"),
            VerdictLabel.id,
            verdict_name.label("name"),
            VerdictLabel.position.label("position"),
        ),
        select(literal("person", String), User.id, User.name, no_position),
        select(
            literal("article", String), newest_articles.c.id, newest_articles.c.name, no_position
        ),
        select(literal("source", String), newest_sources.c.id, newest_sources.c.name, no_position),
    )


def filter_choices(filters: QueueFilters | None = None) -> FilterChoices:
    """What each filter can be set to: verdicts, people, articles and sources."""
    # Plain (id, name) pairs in one round trip. Articles and sources grow without end,
    # so only the newest are offered, plus whichever one the filters already name.
    rows = db.session.execute(
        _choices_statement(),
        {
            "choice_limit": CHOICE_LIMIT,
            "article_id": filters.article_id if filters else None,
            "source_id": filters.source_id if filters else None,
        },
    ).all()
    grouped: dict[str, list[tuple[int, str]]] = {"person": [], "article": [], "source": []}
    verdicts: list[tuple[int, int, str]] = []
    for kind, key, name, position in rows:
        if kind == "verdict":
            verdicts.append((position, key, name))
        else:
            grouped[kind].append((key, name))
    return FilterChoices(
        # In the order a lead gave them.
        verdicts=[(key, name) for _, key, name in sorted(verdicts)],
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
    page: QueuePage[Any]

    @property
    def ignored(self) -> tuple[Ignored, ...]:
        """Every parameter that was left out, with why."""
        return (*self.filters.ignored, *self.paging.ignored)


def read_queue(args: Mapping[str, str | list[str]], user_id: int) -> QueueRequest:
    """Parse the filters and paging from query parameters and load that page of claims."""
    filters = parse_filters(args, user_id)
    paging = parse_paging(args)
    return QueueRequest(filters, paging, claims_page(filters, paging.page, paging.per_page))


def read_queue_rows(args: Mapping[str, str | list[str]], user_id: int) -> QueueRequest:
    """Like read_queue, with the page as plain QueueRow rows for the HTML listing."""
    filters = parse_filters(args, user_id)
    paging = parse_paging(args)
    return QueueRequest(filters, paging, rows_page(filters, paging.page, paging.per_page))
