"""Choosing the claims to export and streaming them as plain records, batch by batch."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Row, Select, and_, bindparam, func, literal, or_, select
from sqlalchemy.orm import aliased

from claimcheck.exports.records import ExportEvidence, ExportRecord, confirmed_quote
from claimcheck.extensions import db
from claimcheck.models import Article, Claim, ClaimRevision, Evidence, Source, User, VerdictLabel
from claimcheck.services import audit
from claimcheck.services.errors import ServiceError
from claimcheck.workflow import ClaimState

DEFAULT_BATCH = 500
_PROPOSER = aliased(User, name="proposer")
_APPROVER = aliased(User, name="approver")
# Labelled as the ExportRecord fields they fill (confirmed_at decides what quote means), and
# unpacked by position: reading a Row's fields by name costs more than building the record.
_RECORD_COLUMNS = (
    Claim.id.label("claim_id"),
    Claim.text.label("claim_text"),
    Claim.state,
    Article.title.label("article_title"),
    Article.url.label("article_url"),
    Article.publication,
    Article.published,
    Claim.attribution_kind,
    Source.name.label("source_name"),
    Source.kind.label("source_kind"),
    Claim.attribution_cue.label("cue"),
    Claim.attribution_quote.label("quote"),
    Claim.attribution_confirmed_at.label("confirmed_at"),
    VerdictLabel.name.label("verdict"),
    VerdictLabel.rating,
    Claim.rationale,
    _PROPOSER.name.label("proposer"),
    _APPROVER.name.label("approver"),
    Claim.approved_at,
)
# In the order of ExportEvidence's fields, after the claim the item belongs to.
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


def _plain_rows(query: Select, parameters: dict[str, int]) -> Sequence[Row]:
    """Rows from the session's connection, without the ORM's per-row processing.

    Pending changes are flushed first, as an ORM query would, so the export sees them.
    """
    if db.session.autoflush:
        db.session.flush()
    return db.session.connection().execute(query, parameters).all()


@dataclass(frozen=True)
class _BatchQueries:
    """An export's statements, built once and run for each batch with its bounds.

    Evidence and revisions are chosen by the batch's id range and the scope rather than by
    a list of ids, so every statement's SQL is the same from batch to batch (and the
    database prepares it once).
    """

    claims: Select
    evidence: Select
    revision_counts: Select


def _batch_queries(scope: ExportScope, batch_size: int) -> _BatchQueries:
    conditions = _conditions(scope)
    after, through = bindparam("after"), bindparam("through")
    return _BatchQueries(
        claims=select(*_RECORD_COLUMNS)
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Source, Source.id == Claim.source_id)
        .outerjoin(VerdictLabel, VerdictLabel.id == Claim.verdict_id)
        .outerjoin(_PROPOSER, _PROPOSER.id == Claim.proposer_id)
        .outerjoin(_APPROVER, _APPROVER.id == Claim.approver_id)
        .where(*conditions, Claim.id > after)
        .order_by(Claim.id)
        # Written into the SQL: with the limit as a parameter, PostgreSQL judges a plan for
        # any limit too costly to reuse and plans the statement again for every batch.
        .limit(literal(batch_size, literal_execute=True)),
        # Removed items stay for the history, not in exports. The range is on the evidence's
        # own claim_id: one scan of its index, already in claim order, is the cheapest plan.
        evidence=select(*_EVIDENCE_COLUMNS)
        .join(Claim, Claim.id == Evidence.claim_id)
        .where(
            *conditions,
            Evidence.claim_id > after,
            Evidence.claim_id <= through,
            Evidence.removed_at.is_(None),
        )
        .order_by(Evidence.claim_id, Evidence.id),
        revision_counts=select(ClaimRevision.claim_id, func.count())
        .join(Claim, Claim.id == ClaimRevision.claim_id)
        .where(*conditions, Claim.id > after, Claim.id <= through)
        .group_by(ClaimRevision.claim_id),
    )


def _evidence_by_claim(rows: Sequence[Row]) -> dict[int, tuple[ExportEvidence, ...]]:
    """Group evidence rows (claim id first, then ExportEvidence's fields) by claim."""
    items: dict[int, list[ExportEvidence]] = {}
    for claim_id, *fields in rows:
        items.setdefault(claim_id, []).append(ExportEvidence(*fields))
    return {claim_id: tuple(evidence) for claim_id, evidence in items.items()}


def iter_records(
    scope: ExportScope,
    permalink: Callable[[int], str],
    batch_size: int = DEFAULT_BATCH,
    public_link: Callable[[int], str] | None = None,
) -> Iterator[ExportRecord]:
    """Every claim of the scope as a record, in id order, loaded one batch at a time.

    Records are built from plain column rows, never ORM objects: loading and tracking
    objects was most of the time a large export took, and nothing joins the session.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    queries = _batch_queries(scope, batch_size)
    approved = ClaimState.APPROVED.value
    last_id = 0
    while True:
        rows = _plain_rows(queries.claims, {"after": last_id})
        if not rows:
            return
        bounds = {"after": last_id, "through": rows[-1][0]}
        last_id = bounds["through"]
        counts: dict[int, int] = dict(_plain_rows(queries.revision_counts, bounds))
        evidence = _evidence_by_claim(_plain_rows(queries.evidence, bounds))
        for (
            claim_id,
            claim_text,
            state,
            article_title,
            article_url,
            publication,
            published,
            attribution_kind,
            source_name,
            source_kind,
            cue,
            quote,
            confirmed_at,
            verdict,
            rating,
            rationale,
            proposer,
            approver,
            approved_at,
        ) in rows:
            yield ExportRecord(
                claim_id=claim_id,
                claim_text=claim_text,
                state=state,
                article_title=article_title,
                permalink=permalink(claim_id),
                article_url=article_url,
                publication=publication,
                published=published,
                attribution_kind=attribution_kind,
                source_name=source_name,
                source_kind=source_kind,
                cue=cue,
                quote=confirmed_quote(confirmed_at, quote),
                verdict=verdict,
                rating=rating,
                rationale=rationale,
                evidence=evidence.get(claim_id, ()),
                proposer=proposer,
                approver=approver,
                approved_at=approved_at,
                revision_count=counts.get(claim_id, 0),
                public_url=public_link(claim_id)
                if public_link is not None and state == approved
                else None,
            )


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
