"""Choosing the claims to export and streaming them as plain records, batch by batch."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import load_only, selectinload

from claimcheck.exports.records import ExportRecord, record_from_claim
from claimcheck.extensions import db
from claimcheck.models import Article, Claim, ClaimRevision, Evidence, Source, User, VerdictLabel
from claimcheck.services import audit
from claimcheck.services.errors import ServiceError
from claimcheck.workflow import ClaimState

DEFAULT_BATCH = 500
_CLAIM_COLUMNS = (
    Claim.text,
    Claim.state,
    Claim.article_id,
    Claim.source_id,
    Claim.verdict_id,
    Claim.proposer_id,
    Claim.approver_id,
    Claim.attribution_kind,
    Claim.attribution_cue,
    Claim.attribution_quote,
    Claim.attribution_confirmed_at,
    Claim.rationale,
    Claim.approved_at,
)
_ARTICLE_COLUMNS = (Article.title, Article.url, Article.publication, Article.published)
_EVIDENCE_COLUMNS = (
    Evidence.claim_id,
    Evidence.url,
    Evidence.title,
    Evidence.relation,
    Evidence.publisher,
    Evidence.published,
    Evidence.accessed,
    Evidence.excerpt,
    Evidence.archive_url,
    Evidence.removed_at,
)


@dataclass(frozen=True)
class ExportScope:
    """Which claims an export holds; empty tuples and None mean "any".

    `since` and `until` are inclusive days (UTC), compared with the approval time of
    approved claims and with the creation time of every other claim.
    """

    article_ids: tuple[int, ...] = ()
    states: tuple[str, ...] = (ClaimState.APPROVED.value,)
    verdict_ids: tuple[int, ...] = ()
    source_id: int | None = None
    since: date | None = None
    until: date | None = None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _conditions(scope: ExportScope) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a scope; merged claims live on in the claim that absorbed them."""
    known = {state.value for state in ClaimState}
    unknown = sorted(set(scope.states) - known)
    if unknown:
        raise ServiceError(f"Unknown claim state: {', '.join(unknown)}.")
    conditions: list[ColumnElement[bool]] = [Claim.merged_into_id.is_(None)]
    if scope.article_ids:
        conditions.append(Claim.article_id.in_(scope.article_ids))
    if scope.states:
        conditions.append(Claim.state.in_(scope.states))
    if scope.verdict_ids:
        conditions.append(Claim.verdict_id.in_(scope.verdict_ids))
    if scope.source_id is not None:
        conditions.append(Claim.source_id == scope.source_id)
    approved = Claim.state == ClaimState.APPROVED.value
    if scope.since is not None:
        start = _start_of(scope.since)
        conditions.append(
            or_(
                and_(approved, Claim.approved_at >= start),
                and_(~approved, Claim.created_at >= start),
            )
        )
    if scope.until is not None and scope.until < date.max:
        end = _start_of(scope.until + timedelta(days=1))
        conditions.append(
            or_(
                and_(approved, Claim.approved_at < end),
                and_(~approved, Claim.created_at < end),
            )
        )
    return conditions


def count_matching(scope: ExportScope) -> int:
    """How many claims an export of this scope would hold."""
    query = select(func.count()).select_from(Claim).where(*_conditions(scope))
    return db.session.scalar(query) or 0


def _revision_counts(claim_ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        select(ClaimRevision.claim_id, func.count())
        .where(ClaimRevision.claim_id.in_(claim_ids))
        .group_by(ClaimRevision.claim_id)
    )
    return {claim_id: count for claim_id, count in rows}


def iter_records(
    scope: ExportScope,
    permalink: Callable[[int], str],
    batch_size: int = DEFAULT_BATCH,
    public_link: Callable[[int], str] | None = None,
) -> Iterator[ExportRecord]:
    """Every claim of the scope as a record, in id order, loaded one batch at a time."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    conditions = _conditions(scope)
    last_id = 0
    while True:
        # Objects the caller already holds stay in the session; only what a batch loads goes.
        held = set(db.session.identity_map.keys())
        claims = db.session.scalars(
            select(Claim)
            .where(*conditions, Claim.id > last_id)
            .order_by(Claim.id)
            .limit(batch_size)
            .options(
                # Only the columns a record holds: analysis JSON and unused timestamps
                # would cost more to decode than the rest of the export.
                load_only(*_CLAIM_COLUMNS),
                selectinload(Claim.article).load_only(*_ARTICLE_COLUMNS),
                selectinload(Claim.source).load_only(Source.name, Source.kind),
                selectinload(Claim.verdict).load_only(VerdictLabel.name, VerdictLabel.rating),
                selectinload(Claim.proposer).load_only(User.name),
                selectinload(Claim.approver).load_only(User.name),
                selectinload(Claim.evidence)
                .load_only(*_EVIDENCE_COLUMNS)
                .noload(Evidence.created_by),
            )
        ).all()
        if not claims:
            return
        last_id = claims[-1].id
        counts = _revision_counts([claim.id for claim in claims])
        batch = [
            record_from_claim(
                claim,
                permalink(claim.id),
                counts.get(claim.id, 0),
                public_link(claim.id)
                if public_link and claim.state == ClaimState.APPROVED.value
                else None,
            )
            for claim in claims
        ]
        del claims
        _forget_loaded(held)
        yield from batch


def _forget_loaded(held: set) -> None:
    """Expunge what a batch brought into the session, so a long export keeps memory flat."""
    identity_map = db.session.identity_map
    dirty = db.session.dirty
    for key in list(identity_map.keys()):
        obj = identity_map.get(key) if key not in held else None
        if obj is not None and obj not in dirty:
            db.session.expunge(obj)


def _ids(args: Mapping[str, list[str]], name: str) -> tuple[int, ...]:
    values = [value for value in args.get(name, []) if value.strip()]
    if not all(value.strip().isdigit() for value in values):
        raise ServiceError(f"`{name}` must be ids (whole numbers).")
    return tuple(int(value) for value in values)


def _day(args: Mapping[str, list[str]], name: str) -> date | None:
    value = next((v for v in args.get(name, []) if v.strip()), None)
    try:
        return date.fromisoformat(value.strip()) if value else None
    except ValueError:
        raise ServiceError(f"`{name}` must be a date as YYYY-MM-DD.") from None


def scope_from_args(args: Mapping[str, list[str]]) -> ExportScope:
    """The scope named by query parameters (lists per name); approved claims by default."""
    sources = _ids(args, "source")
    states = tuple(value for value in args.get("state", []) if value.strip())
    return ExportScope(
        article_ids=_ids(args, "article"),
        states=states or (ClaimState.APPROVED.value,),
        verdict_ids=_ids(args, "verdict"),
        source_id=sources[0] if sources else None,
        since=_day(args, "since"),
        until=_day(args, "until"),
    )


def describe_scope(scope: ExportScope) -> str:
    """A scope in a few words, for the audit log."""
    parts = ["states " + ", ".join(scope.states) if scope.states else "every state"]
    if scope.article_ids:
        parts.append("articles " + ", ".join(f"#{number}" for number in scope.article_ids))
    if scope.verdict_ids:
        parts.append("verdicts " + ", ".join(f"#{number}" for number in scope.verdict_ids))
    if scope.source_id is not None:
        parts.append(f"source #{scope.source_id}")
    if scope.since or scope.until:
        since = scope.since.isoformat() if scope.since else "the start"
        parts.append(f"from {since} to {scope.until.isoformat() if scope.until else 'today'}")
    return "; ".join(parts)


def record_export(actor: User | None, scope: ExportScope, format_name: str, count: int) -> None:
    """Write the audit event of an export: who, which scope, which format, how many claims."""
    audit.record(
        "export.created",
        actor,
        f"exported {count} claims as {format_name} ({describe_scope(scope)})",
        object_type="export",
        after={
            "format": format_name,
            "claims": count,
            "article_ids": list(scope.article_ids),
            "states": list(scope.states),
            "verdict_ids": list(scope.verdict_ids),
            "source_id": scope.source_id,
            "since": scope.since,
            "until": scope.until,
        },
    )
