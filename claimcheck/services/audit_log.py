"""Reading the audit log: checking its chain, and the filtered, newest-first pages of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from claimcheck.audit_chain import HASHED_FIELDS, ChainReport, verify_chain
from claimcheck.extensions import db
from claimcheck.models import AuditEvent

VERIFY_BATCH = 5_000
PAGE_SIZE = 50
MAX_SEARCH = 200
_CHAIN_COLUMNS = [
    AuditEvent.id,
    AuditEvent.previous_hash,
    AuditEvent.hash,
    *(getattr(AuditEvent, name) for name in HASHED_FIELDS),
]


def count_events() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def chain_rows(batch_size: int = VERIFY_BATCH) -> Iterator[dict[str, Any]]:
    """Every event as stored, in id order, a batch at a time (memory stays flat)."""
    last_id = 0
    while True:
        rows = db.session.execute(
            select(*_CHAIN_COLUMNS)
            .where(AuditEvent.id > last_id)
            .order_by(AuditEvent.id)
            .limit(batch_size)
        ).all()
        if not rows:
            return
        for row in rows:
            yield row._asdict()
        last_id = rows[-1].id


def verify_log(progress: Callable[[int], None] | None = None) -> ChainReport:
    """Check the whole chain as stored; `progress` is told of every batch read."""

    def counted() -> Iterator[dict[str, Any]]:
        for number, row in enumerate(chain_rows(), start=1):
            if progress is not None and number % VERIFY_BATCH == 0:
                progress(VERIFY_BATCH)
            yield row

    return verify_chain(counted())


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page shows; None and empty mean "any"."""

    actor_id: int | None = None
    action: str | None = None
    article_id: int | None = None
    claim_id: int | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    object_type: str | None = None
    object_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == AuditFilter()


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _first_id_at_or_after(moment: datetime) -> int | None:
    return db.session.scalar(
        select(AuditEvent.id)
        .where(AuditEvent.created_at >= moment)
        .order_by(AuditEvent.created_at, AuditEvent.id)
        .limit(1)
    )


def _id_bounds(since: date | None, until: date | None) -> tuple[int | None, int | None]:
    """A date range as a range of ids: times never go back along the chain.

    Filtering on ids keeps every filter on an (x, id) index, newest first.
    """
    low = high = None
    if since is not None:
        low = _first_id_at_or_after(_start_of(since))
        if low is None:
            return 1, 0  # nothing that late: an empty range
    if until is not None:
        after_end = _first_id_at_or_after(_start_of(until + timedelta(days=1)))
        if after_end is not None:
            high = after_end - 1
    return low, high


def _conditions(chosen: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if chosen.actor_id is not None:
        conditions.append(AuditEvent.actor_id == chosen.actor_id)
    if chosen.action:
        # A family ("claim.") or one action ("claim.approved").
        if chosen.action.endswith("."):
            conditions.append(AuditEvent.action.startswith(chosen.action, autoescape=True))
        else:
            conditions.append(AuditEvent.action == chosen.action)
    if chosen.article_id is not None:
        conditions.append(AuditEvent.article_id == chosen.article_id)
    if chosen.claim_id is not None:
        conditions.append(AuditEvent.claim_id == chosen.claim_id)
    if chosen.object_type:
        conditions.append(AuditEvent.object_type == chosen.object_type)
    if chosen.object_id is not None:
        conditions.append(AuditEvent.object_id == chosen.object_id)
    if chosen.text:
        needle = chosen.text.strip()[:MAX_SEARCH]
        conditions.append(func.lower(AuditEvent.summary).contains(needle.lower(), autoescape=True))
    low, high = _id_bounds(chosen.since, chosen.until)
    if low is not None:
        conditions.append(AuditEvent.id >= low)
    if high is not None:
        conditions.append(AuditEvent.id <= high)
    return conditions


def _query(chosen: AuditFilter) -> Select:
    return select(AuditEvent).where(*_conditions(chosen)).order_by(AuditEvent.id.desc())


@dataclass(frozen=True)
class AuditPage:
    """One page of events, newest first, and the cursor of the next (older) page."""

    events: list[AuditEvent]
    next_before: int | None


def page_of_events(
    chosen: AuditFilter, before: int | None = None, size: int = PAGE_SIZE
) -> AuditPage:
    """Events older than `before` (keyset pagination: page 1,000 costs what page 1 does)."""
    query = _query(chosen)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    events = list(db.session.scalars(query.limit(size + 1)))
    more = len(events) > size
    events = events[:size]
    return AuditPage(events, events[-1].id if more else None)


def iter_events(chosen: AuditFilter, batch_size: int = 1_000) -> Iterator[AuditEvent]:
    """Every event of a filter, newest first, a batch at a time (for downloads)."""
    before: int | None = None
    while True:
        page = page_of_events(chosen, before, batch_size)
        yield from page.events
        for event in page.events:
            db.session.expunge(event)
        if page.next_before is None:
            return
        before = page.next_before
