"""Reading the audit log: checking its chain, and the filtered, newest-first pages of it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, String, func, literal, select

from claimcheck.audit_chain import HASHED_FIELDS, ChainReport, verify_chain
from claimcheck.exports.formats import csv_line, defuse_cell
from claimcheck.extensions import db
from claimcheck.models import AuditEvent, Claim, ClaimRevision
from claimcheck.services.audit import ACTION_FAMILIES

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


def _like_pattern(before: str, value: str, after: str) -> BindParameter[str]:
    """`value` escaped for LIKE … ESCAPE '/', written into the SQL rather than bound.

    The planner must see a family's prefix to range-scan the action index. A bound
    pattern is hidden from the generic plan that a statement prepared by psycopg (after
    five runs) may switch to, and that plan walks the whole log instead.
    """
    escaped = value.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return literal(f"{before}{escaped}{after}", String, literal_execute=True)


def _conditions(chosen: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if chosen.actor_id is not None:
        conditions.append(AuditEvent.actor_id == chosen.actor_id)
    if chosen.action:
        # A family ("claim.") or one action ("claim.approved").
        if chosen.action.endswith("."):
            prefix = _like_pattern("", chosen.action, "%")
            conditions.append(AuditEvent.action.like(prefix, escape="/"))
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
        pattern = _like_pattern("%", needle.lower(), "%")
        conditions.append(func.lower(AuditEvent.summary).like(pattern, escape="/"))
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


def _known_action(value: str) -> bool:
    return value in ACTION_FAMILIES or any(
        value in actions for _, actions in ACTION_FAMILIES.values()
    )


def filter_from_args(args: Mapping[str, str]) -> tuple[AuditFilter, list[str]]:
    """The filter a query string asks for, and a message for each value that made no sense.

    A value that cannot be understood is left out (and said so) rather than failing the page.
    """
    ignored: list[str] = []

    def number(name: str, label: str) -> int | None:
        raw = (args.get(name) or "").strip().lstrip("#")
        if not raw:
            return None
        if raw.isdigit() and len(raw) < 12:
            return int(raw)
        ignored.append(f"{label} must be a number, not “{raw[:40]}”.")
        return None

    def day(name: str, label: str) -> date | None:
        raw = (args.get(name) or "").strip()
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            ignored.append(f"{label} must be a date as YYYY-MM-DD, not “{raw[:40]}”.")
            return None

    action = (args.get("action") or "").strip() or None
    if action and not _known_action(action):
        ignored.append(f"There is no action called “{action[:40]}”.")
        action = None
    text = " ".join((args.get("q") or "").split())[:MAX_SEARCH] or None
    chosen = AuditFilter(
        actor_id=number("person", "Person"),
        action=action,
        article_id=number("article", "Article"),
        claim_id=number("claim", "Claim"),
        since=day("since", "From"),
        until=day("until", "To"),
        text=text,
    )
    return chosen, ignored


def to_query(chosen: AuditFilter) -> dict[str, str]:
    """The query string of a filter, for links to other pages and the download."""
    values = {
        "person": chosen.actor_id,
        "action": chosen.action,
        "article": chosen.article_id,
        "claim": chosen.claim_id,
        "since": chosen.since.isoformat() if chosen.since else None,
        "until": chosen.until.isoformat() if chosen.until else None,
        "q": chosen.text,
    }
    return {name: str(value) for name, value in values.items() if value not in (None, "")}


@dataclass(frozen=True)
class TimelineEntry:
    """One step in a claim's life: an audit event, a revision, or both (the usual case)."""

    at: datetime
    who: str
    action: str
    summary: str
    changes: dict[str, Any]
    reason: str | None = None
    event: AuditEvent | None = None
    revision: ClaimRevision | None = None


def claim_timeline(claim: Claim) -> list[TimelineEntry]:
    """Every event and revision of a claim, and its article's events, oldest first.

    Revisions written as part of a larger action (an import, a split) have no event of
    their own; they appear beside the event that covers them.
    """
    events = list(
        db.session.scalars(
            select(AuditEvent)
            .where(
                (AuditEvent.claim_id == claim.id)
                | ((AuditEvent.article_id == claim.article_id) & AuditEvent.claim_id.is_(None))
            )
            .order_by(AuditEvent.id)
        )
    )
    revisions = {revision.id: revision for revision in claim.revisions}
    entries = []
    for event in events:
        revision = revisions.pop(event.revision_id, None) if event.revision_id else None
        entries.append(
            TimelineEntry(
                at=event.created_at,
                # As the log's own rows name an event without an account.
                who=event.actor_name or ("Someone" if event.ip_address else "Command line"),
                action=event.action,
                summary=event.summary,
                changes=revision.changes if revision is not None else _pairs(event),
                reason=revision.reason if revision is not None else None,
                event=event,
                revision=revision,
            )
        )
    for revision in revisions.values():
        entries.append(
            TimelineEntry(
                at=revision.created_at,
                who=revision.actor.name if revision.actor else "ClaimCheck",
                action=f"claim.{revision.action}",
                summary=f"Claim #{claim.id}: {revision.action.replace('_', ' ')}",
                changes=revision.changes or {},
                reason=revision.reason,
                revision=revision,
            )
        )
    return sorted(entries, key=lambda entry: (entry.at, entry.event.id if entry.event else 0))


def _pairs(event: AuditEvent) -> dict[str, Any]:
    """An event's before and after values as the field → [old, new] pairs revisions use."""
    before, after = event.before or {}, event.after or {}
    return {name: [before.get(name), after.get(name)] for name in dict.fromkeys([*before, *after])}


AUDIT_CSV_HEADER = (
    "event id",
    "time (UTC)",
    "person id",
    "person",
    "IP address",
    "action",
    "object type",
    "object id",
    "article id",
    "claim id",
    "revision id",
    "summary",
    "before",
    "after",
    "previous hash",
    "hash",
)


def csv_download(chosen: AuditFilter) -> Iterator[str]:
    """The filtered log as CSV, newest first, streamed; cells are defused for spreadsheets."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif isinstance(value, datetime):
            value = value.isoformat()
        return defuse_cell(str(value))

    def rows() -> Iterator[list[str]]:
        yield list(AUDIT_CSV_HEADER)
        for event in iter_events(chosen):
            yield [
                cell(value)
                for value in (
                    event.id,
                    event.created_at,
                    event.actor_id,
                    event.actor_name,
                    event.ip_address,
                    event.action,
                    event.object_type,
                    event.object_id,
                    event.article_id,
                    event.claim_id,
                    event.revision_id,
                    event.summary,
                    event.before,
                    event.after,
                    event.previous_hash,
                    event.hash,
                )
            ]

    return (csv_line(row) for row in rows())


def action_counts(actor_id: int) -> list[tuple[str, int]]:
    """How many events of each action one person wrote, most frequent first."""
    rows = db.session.execute(
        select(AuditEvent.action, func.count())
        .where(AuditEvent.actor_id == actor_id)
        .group_by(AuditEvent.action)
        .order_by(func.count().desc(), AuditEvent.action)
    )
    return [(action, count) for action, count in rows]
