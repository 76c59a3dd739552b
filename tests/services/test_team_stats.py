"""The team dashboard's numbers, from a small team whose every step happens at a known time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, select

from claimcheck.extensions import db
from claimcheck.models import Claim, ClaimRevision, User
from claimcheck.roles import Role
from claimcheck.services import review, team_stats
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.evidence import EvidenceInput, add_evidence
from claimcheck.services.team_stats import PERIODS, human_duration, parse_period, team_dashboard
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action

pytestmark = pytest.mark.usefixtures("app_context")

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)  # a Friday
# Each sentence is found as a claim.
ARTICLE_TEXT = (
    "The deficit grew 12% in 2023, the ministry said. "
    "Unemployment fell to 5.1% in March, according to the statistics office. "
    "Exports rose by 8% last year, the minister claimed. "
)
EVIDENCE = EvidenceInput(url="https://www.example.org/report", title="Report", relation="refutes")


class Clock:
    """A hand-set clock for the review service and for the revisions it writes."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def at(self, moment: datetime) -> Clock:
        self.now = moment
        return self


@pytest.fixture
def clock(monkeypatch) -> Iterator[Clock]:
    """Stamp every new revision (and the claim fields review sets) with the clock's time."""
    clock = Clock(NOW)

    def stamp(mapper, connection, revision: ClaimRevision) -> None:
        revision.created_at = clock.now

    monkeypatch.setattr(review, "utcnow", lambda: clock.now)
    event.listen(ClaimRevision, "before_insert", stamp)
    yield clock
    event.remove(ClaimRevision, "before_insert", stamp)


@dataclass
class Team:
    ada: User  # fact-checker
    ben: User  # fact-checker
    eve: User  # editor
    lou: User  # lead


@pytest.fixture
def team(make_user) -> Team:
    made = [
        make_user(Role.FACT_CHECKER, name="Ada"),
        make_user(Role.FACT_CHECKER, name="Ben"),
        make_user(Role.EDITOR, name="Eve"),
        make_user(Role.LEAD, name="Lou"),
    ]
    return Team(*(db.session.merge(user) for user in made))


def _claims(clock: Clock, count: int) -> list[Claim]:
    claims: list[Claim] = []
    while len(claims) < count:
        clock.at(NOW - timedelta(days=400))
        article = import_article(ARTICLE_TEXT, ArticleDetails(title="Budget"), None)
        claims.extend(article.claims)
    return claims[:count]


def _propose(claim: Claim, checker: User, verdict: str) -> None:
    review.transition(
        claim, checker, Action.PROPOSE, verdict=find_label(verdict), rationale="The figures differ."
    )


def _ago(days: float = 0, hours: float = 0, minutes: float = 0) -> datetime:
    return NOW - timedelta(days=days, hours=hours, minutes=minutes)


@pytest.fixture
def scenario(team: Team, clock: Clock) -> Team:
    """Six claims; the comments give each one's story."""
    returned, quick, in_review, old, straddling, waiting = _claims(clock, 6)
    ada, ben, eve, lou = team.ada, team.ben, team.eve, team.lou

    # Assigned to Ada; proposed after 3 h 20 min; returned; proposed again; approved 5 h later.
    start = _ago(days=10)
    clock.at(start)
    review.transition(returned, eve, Action.ASSIGN, assignee=ada)
    clock.at(start + timedelta(hours=2))
    review.transition(returned, ada, Action.START)
    add_evidence(returned, ada, EVIDENCE)
    set_attribution(returned, ada, kind="named", source_name="the ministry", cue="said")
    clock.at(start + timedelta(hours=3, minutes=20))
    _propose(returned, ada, "Mostly false")
    clock.at(start + timedelta(days=1))
    review.transition(returned, eve, Action.RETURN, reason="Cite the budget office.")
    clock.at(start + timedelta(days=1, hours=1))
    review.transition(returned, ada, Action.START)
    clock.at(start + timedelta(days=2))
    _propose(returned, ada, "False")
    clock.at(start + timedelta(days=2, hours=5))
    review.transition(returned, eve, Action.APPROVE)

    # Ada takes it, proposes within the hour and Eve approves 3 h later.
    clock.at(_ago(days=5))
    review.transition(quick, ada, Action.TAKE)
    review.transition(quick, ada, Action.START)
    add_evidence(quick, ada, EVIDENCE)
    set_attribution(quick, ada, kind="named", source_name="the statistics office")
    clock.at(_ago(days=5) + timedelta(hours=1))
    _propose(quick, ada, "Mostly true")
    clock.at(_ago(days=5) + timedelta(hours=4))
    review.transition(quick, eve, Action.APPROVE)

    # Ben has one claim in review: his backlog.
    clock.at(_ago(days=2))
    review.transition(in_review, ben, Action.TAKE)
    review.transition(in_review, ben, Action.START)

    # Long ago: Ada proposes after 2 h, Lou approves an hour later.
    clock.at(_ago(days=200))
    review.transition(old, ada, Action.TAKE)
    review.transition(old, ada, Action.START)
    add_evidence(old, ada, EVIDENCE)
    set_attribution(old, ada, kind="named", source_name="the ministry", cue="said")
    clock.at(_ago(days=200, hours=-2))
    _propose(old, ada, "True")
    clock.at(_ago(days=200, hours=-3))
    review.transition(old, lou, Action.APPROVE)

    # Proposed before the last 90 days (after a day's work), approved inside them.
    clock.at(_ago(days=96))
    review.transition(straddling, ada, Action.TAKE)
    review.transition(straddling, ada, Action.START)
    add_evidence(straddling, ada, EVIDENCE)
    clock.at(_ago(days=95))
    _propose(straddling, ada, "False")
    clock.at(_ago(days=85))
    review.transition(straddling, eve, Action.APPROVE)

    # Assigned to Ada nearly a year ago and never started: backlog in every period.
    clock.at(_ago(days=300))
    review.transition(waiting, eve, Action.ASSIGN, assignee=ada)

    db.session.commit()
    return team


def _rows(dashboard):
    return {row.name: row for row in dashboard.reviewers}


def test_each_reviewer_gets_their_proposals_outcomes_and_medians(scenario):
    dashboard = team_dashboard(PERIODS["90"], NOW)
    rows = _rows(dashboard)
    assert list(rows) == ["Ada", "Ben", "Eve"]  # Lou's only work was 200 days ago

    ada = rows["Ada"]
    assert (ada.claims_worked, ada.proposed, ada.approved, ada.returned) == (2, 3, 2, 1)
    assert ada.return_rate == pytest.approx(1 / 3)
    # From the assignment: 3 h 20 min, 2 d (the re-proposal counts from it too), 1 h.
    assert ada.median_to_proposal == timedelta(hours=3, minutes=20)
    assert ada.median_to_approval == timedelta(hours=4)  # between 5 h and 3 h
    assert ada.approvals_given == 0
    assert ada.backlog == 1

    ben = rows["Ben"]
    assert (ben.claims_worked, ben.proposed, ben.approved, ben.returned) == (1, 0, 0, 0)
    assert ben.return_rate is None
    assert ben.median_to_proposal is None
    assert ben.median_to_approval is None
    assert ben.backlog == 1

    eve = rows["Eve"]
    # The approval of a proposal made before the period is hers, not Ada's.
    assert (eve.claims_worked, eve.approvals_given, eve.proposed) == (3, 3, 0)
    assert eve.backlog == 0


def test_a_longer_period_takes_in_older_work(scenario):
    rows = _rows(team_dashboard(PERIODS["365"], NOW))
    assert list(rows) == ["Ada", "Ben", "Eve", "Lou"]
    ada = rows["Ada"]
    assert (ada.claims_worked, ada.proposed, ada.approved, ada.returned) == (4, 5, 4, 1)
    assert ada.return_rate == pytest.approx(1 / 5)
    # 1 h, 2 h, 3 h 20 min, 1 d, 2 d; and 1 h, 3 h, 5 h, 10 d.
    assert ada.median_to_proposal == timedelta(hours=3, minutes=20)
    assert ada.median_to_approval == timedelta(hours=4)
    assert rows["Lou"].approvals_given == 1
    assert rows["Lou"].claims_worked == 1


def test_a_shorter_period_leaves_older_work_out_but_not_the_backlog(scenario):
    rows = _rows(team_dashboard(PERIODS["30"], NOW))
    assert list(rows) == ["Ada", "Ben", "Eve"]
    assert rows["Eve"].approvals_given == 2
    assert rows["Ada"].backlog == 1  # assigned 300 days ago, still waiting


def test_weekly_throughput_covers_every_week_of_the_period(scenario):
    weeks = team_dashboard(PERIODS["90"], NOW).weeks
    # 14 December (a Saturday) to 14 March: ISO weeks from 9 December to 10 March.
    assert weeks[0].monday == date(2024, 12, 9)
    assert weeks[-1].monday == date(2025, 3, 10)
    assert len(weeks) == 14
    busy = {week.monday: (week.proposed, week.approved) for week in weeks if week.approved}
    assert busy == {date(2024, 12, 16): (0, 1), date(2025, 3, 3): (3, 2)}
    assert sum(week.proposed for week in weeks) == 3
    assert weeks[-1].iso == "2025-W11"
    assert weeks[0].label == "9 Dec"


def test_all_time_starts_at_the_first_proposal(scenario):
    dashboard = team_dashboard(PERIODS["all"], NOW)
    assert dashboard.start is None
    assert dashboard.weeks[0].monday == date(2024, 8, 26)  # NOW - 200 days, a Monday
    assert sum(week.approved for week in dashboard.weeks) == 4
    assert _rows(dashboard)["Ada"].proposed == 5


def test_verdict_mix_and_sources_count_claims_approved_in_the_period(scenario):
    dashboard = team_dashboard(PERIODS["90"], NOW)
    assert [(v.name, v.count, v.tone) for v in dashboard.verdict_mix] == [
        ("Mostly true", 1, "rating-4"),
        ("False", 2, "rating-1"),
    ]
    assert dashboard.approved_total == 3
    assert [(s.name, s.total) for s in dashboard.sources] == [
        ("the ministry", 1),
        ("the statistics office", 1),
    ]
    assert [(v.name, v.count) for v in dashboard.sources[0].verdicts] == [("False", 1)]

    all_time = team_dashboard(PERIODS["all"], NOW)
    ministry = all_time.sources[0]
    assert (ministry.name, ministry.total) == ("the ministry", 2)
    assert [(v.name, v.count) for v in ministry.verdicts] == [("True", 1), ("False", 1)]


def test_reopened_claims_leave_the_verdict_mix(scenario, clock):
    latest = db.session.scalars(
        select(Claim).where(Claim.state == "approved").order_by(Claim.approved_at.desc())
    ).first()
    clock.at(_ago(hours=1))
    review.transition(latest, scenario.eve, Action.REOPEN, reason="New figures.")
    db.session.commit()
    dashboard = team_dashboard(PERIODS["90"], NOW)
    assert [(v.name, v.count) for v in dashboard.verdict_mix] == [("False", 2)]
    assert _rows(dashboard)["Ada"].approved == 2  # the approval itself still happened


def test_the_number_of_queries_does_not_grow_with_the_work(scenario, clock):
    def count_queries() -> int:
        statements: list[str] = []

        def seen(conn, cursor, statement, *args) -> None:
            if statement.lstrip().upper().startswith("SELECT"):  # not the BEGIN
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            team_dashboard(PERIODS["all"], NOW)
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        return len(statements)

    before = count_queries()
    more = _claims(clock, 3)
    for claim in more:
        clock.at(_ago(days=3))
        review.transition(claim, scenario.ben, Action.TAKE)
        review.transition(claim, scenario.ben, Action.START)
        add_evidence(claim, scenario.ben, EVIDENCE)
        _propose(claim, scenario.ben, "Mixed")
        review.transition(claim, scenario.lou, Action.APPROVE)
    db.session.commit()
    assert count_queries() == before <= 6


def test_an_empty_period_has_nothing_to_show(team):
    dashboard = team_dashboard(PERIODS["30"], NOW)
    assert dashboard.reviewers == []
    assert dashboard.weeks == []
    assert dashboard.verdict_mix == []
    assert dashboard.sources == []


@pytest.mark.parametrize(
    ("asked", "key"), [(None, "90"), ("", "90"), ("30", "30"), ("all", "all"), ("7", "90")]
)
def test_unknown_periods_fall_back_to_ninety_days(asked, key):
    assert parse_period(asked).key == key
    assert team_stats.DEFAULT_PERIOD.days == 90


@pytest.mark.parametrize(
    ("delta", "said"),
    [
        (None, "—"),
        (timedelta(seconds=20), "under 1 min"),
        (timedelta(minutes=45), "45 min"),
        (timedelta(hours=3), "3 h"),
        (timedelta(hours=3, minutes=20, seconds=59), "3 h 20 min"),
        (timedelta(days=2), "2 d"),
        (timedelta(days=2, hours=4, minutes=50), "2 d 4 h"),
    ],
)
def test_durations_read_as_people_say_them(delta, said):
    assert human_duration(delta) == said
