"""How the team's review work went over a period: per reviewer, per week, per verdict, per source.

Everything comes from a fixed handful of queries, whatever the number of people or claims:
the workflow history is read once, ordered by claim, and walked in Python.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Row, and_, distinct, func, select, true

from claimcheck.extensions import db
from claimcheck.models import Claim, ClaimRevision, Source, User, VerdictLabel
from claimcheck.workflow import WAITING_ON_ASSIGNEE, ClaimState


@dataclass(frozen=True)
class Period:
    """A window ending now: the last `days` days, or all time when `days` is None."""

    key: str
    label: str
    days: int | None

    def start(self, now: datetime) -> datetime | None:
        return None if self.days is None else now - timedelta(days=self.days)


PERIODS: dict[str, Period] = {
    period.key: period
    for period in (
        Period("30", "Last 30 days", 30),
        Period("90", "Last 90 days", 90),
        Period("365", "Last 365 days", 365),
        Period("all", "All time", None),
    )
}
DEFAULT_PERIOD = PERIODS["90"]

# The revision actions (services.review.RECORDED_AS) that the walk over the history reads.
ASSIGNMENT_ACTIONS = frozenset({"assigned", "taken"})
PROPOSED, APPROVED, RETURNED, REOPENED = "verdict_proposed", "approved", "returned", "reopened"
WALKED_ACTIONS = (*sorted(ASSIGNMENT_ACTIONS), PROPOSED, APPROVED, RETURNED, REOPENED)
TOP_SOURCES = 25


def parse_period(key: str | None) -> Period:
    """The period a form asked for; anything unknown means the default."""
    return PERIODS.get(key or "", DEFAULT_PERIOD)


@dataclass
class ReviewerStats:
    """One person's review work in the period."""

    user_id: int
    name: str = ""
    claims_worked: int = 0
    proposed: int = 0
    approved: int = 0
    returned: int = 0
    approvals_given: int = 0
    backlog: int = 0
    assignment_to_proposal: list[timedelta] = field(default_factory=list)
    proposal_to_approval: list[timedelta] = field(default_factory=list)

    @property
    def return_rate(self) -> float | None:
        """Share of decided proposals that came back; None before any was decided."""
        decided = self.approved + self.returned
        return self.returned / decided if decided else None

    @property
    def median_to_proposal(self) -> timedelta | None:
        return _median(self.assignment_to_proposal)

    @property
    def median_to_approval(self) -> timedelta | None:
        return _median(self.proposal_to_approval)


@dataclass(frozen=True)
class WeekCount:
    """One ISO week (from its Monday, UTC) and the verdicts proposed and approved in it."""

    monday: date
    proposed: int
    approved: int

    @property
    def iso(self) -> str:
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def label(self) -> str:
        return f"{self.monday.day} {self.monday:%b}"


@dataclass(frozen=True)
class VerdictCount:
    """How many claims got one verdict, with its 1–5 rating for the colour."""

    verdict_id: int
    name: str
    rating: int | None
    count: int

    @property
    def tone(self) -> str:
        """The CSS class that colours this verdict: rating-1 (false) … rating-5 (true)."""
        return "unrated" if self.rating is None else f"rating-{self.rating}"


@dataclass(frozen=True)
class SourceSplit:
    """A source's approved claims in the period, split by verdict in the verdicts' order."""

    source_id: int
    name: str
    total: int
    verdicts: tuple[VerdictCount, ...]


@dataclass(frozen=True)
class TeamDashboard:
    """Everything the team page shows for one period."""

    period: Period
    start: datetime | None
    reviewers: list[ReviewerStats]
    weeks: list[WeekCount]
    verdict_mix: list[VerdictCount]
    sources: list[SourceSplit]

    @property
    def approved_total(self) -> int:
        return sum(verdict.count for verdict in self.verdict_mix)


@dataclass
class _Proposal:
    """A proposal waiting for its outcome while the walk goes on through a claim's history."""

    proposer_id: int | None
    at: datetime
    counted: bool  # made inside the period, so its outcome is credited to the proposer


@dataclass
class _Walk:
    """What walking the workflow history collects."""

    reviewers: dict[int, ReviewerStats]
    proposals_by_week: Counter[date] = field(default_factory=Counter)
    approvals_by_week: Counter[date] = field(default_factory=Counter)
    first_event: datetime | None = None


def _median(durations: Sequence[timedelta]) -> timedelta | None:
    return statistics.median(durations) if durations else None


def _monday(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def _since(column: ColumnElement, start: datetime | None) -> ColumnElement[bool]:
    return true() if start is None else column >= start


def team_dashboard(period: Period, now: datetime) -> TeamDashboard:
    """The whole page's numbers for `period`, which ends at `now`."""
    start = period.start(now)
    reviewers = {
        actor_id: ReviewerStats(actor_id, claims_worked=claims_worked)
        for actor_id, claims_worked in _claims_worked(start)
    }
    walk = _walk_history(_workflow_history(start), start, reviewers)
    backlog = _backlog()
    names = _names(reviewers)
    for person in reviewers.values():
        person.name = names.get(person.user_id, "")
        person.backlog = backlog.get(person.user_id, 0)
    verdict_mix = _verdict_mix(start)
    return TeamDashboard(
        period=period,
        start=start,
        reviewers=sorted(reviewers.values(), key=lambda r: (r.name.casefold(), r.user_id)),
        weeks=_weeks(walk, start, now),
        verdict_mix=verdict_mix,
        sources=_source_splits(start, verdict_mix),
    )


def _claims_worked(start: datetime | None) -> list[Row]:
    """(person, distinct claims they changed) for everyone who changed a claim in the period."""
    statement = (
        select(ClaimRevision.actor_id, func.count(distinct(ClaimRevision.claim_id)))
        .where(ClaimRevision.actor_id.is_not(None), _since(ClaimRevision.created_at, start))
        .group_by(ClaimRevision.actor_id)
    )
    return list(db.session.execute(statement))


def _workflow_history(start: datetime | None) -> Iterable[Row]:
    """The workflow revisions of every claim with a proposal or an outcome in the period.

    Whole histories, not just the period's part: the duration of a proposal starts at an
    assignment that may lie before the period, and an approval's credit goes to a proposal
    that may too.
    """
    statement = select(
        ClaimRevision.claim_id,
        ClaimRevision.actor_id,
        ClaimRevision.action,
        ClaimRevision.created_at,
    ).where(ClaimRevision.action.in_(WALKED_ACTIONS))
    if start is not None:
        decided = select(ClaimRevision.claim_id).where(
            ClaimRevision.action.in_((PROPOSED, APPROVED, RETURNED)),
            ClaimRevision.created_at >= start,
        )
        statement = statement.where(ClaimRevision.claim_id.in_(decided))
    return db.session.execute(statement.order_by(ClaimRevision.claim_id, ClaimRevision.id))


def _walk_history(
    history: Iterable[Row], start: datetime | None, reviewers: dict[int, ReviewerStats]
) -> _Walk:
    """Credit each proposal made in the period, and its outcome, to the person who made it.

    The actor of a claim's latest "verdict_proposed" answers for the next "approved" or
    "returned"; the time to a proposal counts from the claim's latest assignment before it.
    """
    walk = _Walk(reviewers)
    claim_id = None
    assigned_at: datetime | None = None
    pending: _Proposal | None = None
    for row in history:
        if row.claim_id != claim_id:
            claim_id, assigned_at, pending = row.claim_id, None, None
        in_period = start is None or row.created_at >= start
        if in_period and row.action in (PROPOSED, APPROVED):
            first = walk.first_event
            walk.first_event = row.created_at if first is None else min(first, row.created_at)
        if row.action in ASSIGNMENT_ACTIONS:
            assigned_at = row.created_at
        elif row.action == PROPOSED:
            pending = _Proposal(row.actor_id, row.created_at, in_period)
            if in_period:
                walk.proposals_by_week[_monday(row.created_at)] += 1
                proposer = _reviewer(walk, row.actor_id)
                if proposer is not None:
                    proposer.proposed += 1
                    if assigned_at is not None:
                        proposer.assignment_to_proposal.append(row.created_at - assigned_at)
        elif row.action == APPROVED:
            if in_period:
                walk.approvals_by_week[_monday(row.created_at)] += 1
                approver = _reviewer(walk, row.actor_id)
                if approver is not None:
                    approver.approvals_given += 1
            _settle(walk, pending, row.created_at, approved=True)
            pending = None
        elif row.action in (RETURNED, REOPENED):
            if row.action == RETURNED:
                _settle(walk, pending, row.created_at, approved=False)
            pending = None
    return walk


def _reviewer(walk: _Walk, user_id: int | None) -> ReviewerStats | None:
    """The person's row; anyone acting in the period already has one, from claims worked."""
    return None if user_id is None else walk.reviewers.get(user_id)


def _settle(walk: _Walk, proposal: _Proposal | None, at: datetime, *, approved: bool) -> None:
    """Book an approval or a return against the proposal it decides."""
    if proposal is None or not proposal.counted:
        return
    proposer = _reviewer(walk, proposal.proposer_id)
    if proposer is None:
        return
    if approved:
        proposer.approved += 1
        proposer.proposal_to_approval.append(at - proposal.at)
    else:
        proposer.returned += 1


def _weeks(walk: _Walk, start: datetime | None, now: datetime) -> list[WeekCount]:
    """Every ISO week from the period's first to the current one, empty weeks included.

    None at all when nothing was proposed or approved, so the page can say so instead of
    drawing a flat chart; all time starts at the first proposal or approval.
    """
    if walk.first_event is None:
        return []
    weeks = []
    monday, last = _monday(start or walk.first_event), _monday(now)
    while monday <= last:
        weeks.append(
            WeekCount(monday, walk.proposals_by_week[monday], walk.approvals_by_week[monday])
        )
        monday += timedelta(days=7)
    return weeks


def _backlog() -> dict[int, int]:
    """Open claims waiting on each assignee now, whatever the period."""
    statement = (
        select(Claim.assignee_id, func.count(Claim.id))
        .where(
            Claim.assignee_id.is_not(None),
            Claim.state.in_([state.value for state in WAITING_ON_ASSIGNEE]),
            Claim.merged_into_id.is_(None),
        )
        .group_by(Claim.assignee_id)
    )
    return {assignee_id: count for assignee_id, count in db.session.execute(statement)}


def _names(reviewers: dict[int, ReviewerStats]) -> dict[int, str]:
    if not reviewers:
        return {}
    statement = select(User.id, User.name).where(User.id.in_(list(reviewers)))
    return {user_id: name for user_id, name in db.session.execute(statement)}


def _approved_since(start: datetime | None) -> ColumnElement[bool]:
    """Claims whose current verdict was approved in the period (reopening clears approved_at)."""
    return and_(
        Claim.state == ClaimState.APPROVED.value,
        Claim.approved_at.is_not(None),
        _since(Claim.approved_at, start),
    )


def _verdict_mix(start: datetime | None) -> list[VerdictCount]:
    """Approved claims per verdict, in the verdicts' own order."""
    statement = (
        select(VerdictLabel.id, VerdictLabel.name, VerdictLabel.rating, func.count(Claim.id))
        .join(Claim, Claim.verdict_id == VerdictLabel.id)
        .where(_approved_since(start))
        .group_by(VerdictLabel.id, VerdictLabel.name, VerdictLabel.rating, VerdictLabel.position)
        .order_by(VerdictLabel.position, VerdictLabel.id)
    )
    return [VerdictCount(*row) for row in db.session.execute(statement)]


def _source_splits(start: datetime | None, verdict_mix: list[VerdictCount]) -> list[SourceSplit]:
    """The sources with the most approved claims, each split by verdict.

    The verdict mix already holds every verdict an approved claim in the period has, so
    it supplies names, ratings and order without another query.
    """
    total = func.count(Claim.id).label("total")
    top = (
        select(Source.id.label("source_id"), Source.name.label("name"), total)
        .join(Claim, Claim.source_id == Source.id)
        .where(_approved_since(start))
        .group_by(Source.id, Source.name)
        .order_by(total.desc(), Source.name, Source.id)
        .limit(TOP_SOURCES)
        .subquery()
    )
    statement = (
        select(top.c.source_id, top.c.name, top.c.total, Claim.verdict_id, func.count(Claim.id))
        .join(Claim, Claim.source_id == top.c.source_id)
        .where(_approved_since(start))
        .group_by(top.c.source_id, top.c.name, top.c.total, Claim.verdict_id)
    )
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    heads: dict[int, tuple[str, int]] = {}
    for source_id, name, source_total, verdict_id, count in db.session.execute(statement):
        heads[source_id] = (name, source_total)
        counts[source_id][verdict_id] = count
    splits = [
        SourceSplit(
            source_id=source_id,
            name=name,
            total=source_total,
            verdicts=tuple(
                VerdictCount(v.verdict_id, v.name, v.rating, counts[source_id][v.verdict_id])
                for v in verdict_mix
                if v.verdict_id in counts[source_id]
            ),
        )
        for source_id, (name, source_total) in heads.items()
    ]
    return sorted(splits, key=lambda s: (-s.total, s.name.casefold(), s.source_id))


def human_duration(delta: timedelta | None) -> str:
    """A duration as a person would say it: "45 min", "3 h 20 min", "2 d 4 h"; "—" for none."""
    if delta is None:
        return "—"
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "under 1 min"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"
