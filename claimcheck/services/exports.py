"""Choosing the claims to export and streaming them as plain records, batch by batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from operator import itemgetter

from sqlalchemy import ColumnElement, Connection, Row, Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from claimcheck.exports.records import ExportEvidence, ExportRecord, confirmed_quote
from claimcheck.extensions import db
from claimcheck.models import Article, Claim, ClaimRevision, Evidence, Source, User, VerdictLabel
from claimcheck.services import audit
from claimcheck.services.article_list import title_contains
from claimcheck.services.errors import ServiceError
from claimcheck.workflow import ClaimState

# Rows per fetch from the server-side cursors: fewer round trips than pages of 500, and
# still only a few megabytes held at a time.
DEFAULT_BATCH = 2000
_PROPOSER = aliased(User, name="proposer")
_APPROVER = aliased(User, name="approver")
# Counted in the claims statement, one index lookup per claim, rather than by a statement of
# its own whose counts would then have to be matched up with the claims.
_REVISION_COUNT = select(func.count()).where(ClaimRevision.claim_id == Claim.id).scalar_subquery()
# Labelled as the ExportRecord fields they fill, and unpacked by position: reading a Row's
# fields by name costs more than building the record. Whether the attribution was confirmed
# (which decides what quote means) is asked as a yes or no, so no timestamp is converted.
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
    Claim.attribution_confirmed_at.is_not(None).label("confirmed"),
    VerdictLabel.name.label("verdict"),
    VerdictLabel.rating,
    Claim.rationale,
    _PROPOSER.name.label("proposer"),
    _APPROVER.name.label("approver"),
    Claim.approved_at,
    _REVISION_COUNT.label("revision_count"),
)
# The claim the item belongs to, then ExportEvidence's fields in order.
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


def _export_connection() -> Connection:
    """The session's connection, pending changes flushed first as an ORM query would."""
    if db.session.autoflush:
        db.session.flush()
    return db.session.connection()


def _claims_query(scope: ExportScope) -> Select:
    """The scope's claims in id order, one row each with what a record holds."""
    return (
        select(*_RECORD_COLUMNS)
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Source, Source.id == Claim.source_id)
        .outerjoin(VerdictLabel, VerdictLabel.id == Claim.verdict_id)
        .outerjoin(_PROPOSER, _PROPOSER.id == Claim.proposer_id)
        .outerjoin(_APPROVER, _APPROVER.id == Claim.approver_id)
        .where(*_conditions(scope))
        .order_by(Claim.id)
    )


def _evidence_query(scope: ExportScope) -> Select:
    """The evidence of the scope's claims, in claim id order like the claims themselves.

    Removed items stay for the history, not in exports.
    """
    return (
        select(*_EVIDENCE_COLUMNS)
        .join(Claim, Claim.id == Evidence.claim_id)
        .where(*_conditions(scope), Evidence.removed_at.is_(None))
        .order_by(Evidence.claim_id, Evidence.id)
    )


class _EvidenceByClaim:
    """Evidence rows in claim id order, handed out claim by claim as the claims go past."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._groups = groupby(rows, key=itemgetter(0))
        self._next = next(self._groups, None)

    def items_of(self, claim_id: int) -> tuple[ExportEvidence, ...]:
        """The claim's evidence; claims must be asked for in increasing id order."""
        # Groups of claims the claims statement did not see (a claim that changed between
        # the two statements) are passed over.
        while self._next is not None and self._next[0] < claim_id:
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != claim_id:
            return ()
        items = tuple([ExportEvidence(*row[1:]) for row in self._next[1]])
        self._next = next(self._groups, None)
        return items


def iter_records(
    scope: ExportScope,
    permalink: Callable[[int], str],
    batch_size: int = DEFAULT_BATCH,
    public_link: Callable[[int], str] | None = None,
) -> Iterator[ExportRecord]:
    """Every claim of the scope as a record, in id order, read `batch_size` rows at a time.

    Two statements stream side by side through server-side cursors: the claims, with
    everything that is one value per claim, and their evidence in the same order. Records
    are built from plain column rows, never ORM objects: loading and tracking objects was
    most of the time a large export took, and nothing joins the session.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    streamed = {"yield_per": batch_size}
    approved = ClaimState.APPROVED.value
    connection = _export_connection()
    with (
        connection.execute(_claims_query(scope), execution_options=streamed) as claims,
        connection.execute(_evidence_query(scope), execution_options=streamed) as evidence,
    ):
        evidence_of = _EvidenceByClaim(evidence).items_of
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
            confirmed,
            verdict,
            rating,
            rationale,
            proposer,
            approver,
            approved_at,
            revision_count,
        ) in claims:
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
                quote=confirmed_quote(confirmed, quote),
                verdict=verdict,
                rating=rating,
                rationale=rationale,
                evidence=evidence_of(claim_id),
                proposer=proposer,
                approver=approver,
                approved_at=approved_at,
                revision_count=revision_count,
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


ARTICLE_CHOICES = 100


def article_choices(search: str | None, chosen: Iterable[int]) -> list[tuple[int, str]]:
    """The articles a report can be narrowed to, newest first, as (id, title).

    Those whose title contains `search` (or the newest, without one), at most
    ARTICLE_CHOICES, and every article already chosen, so that sending the form again never
    drops a choice the list does not show.
    """
    query = select(Article.id, Article.title).where(title_contains(search))
    newest_first = query.order_by(Article.id.desc()).limit(ARTICLE_CHOICES)
    found = dict(db.session.execute(newest_first).tuples().all())
    missing = set(chosen) - found.keys()
    if missing:
        chosen_query = select(Article.id, Article.title).where(Article.id.in_(missing))
        found |= dict(db.session.execute(chosen_query).tuples().all())
    # Ids follow import order, so the highest is the newest article.
    return sorted(found.items(), key=lambda pair: -pair[0])


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
