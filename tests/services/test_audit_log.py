"""The audit log: append-only in the database, hash-chained, and checked by `audit verify`."""

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from claimcheck.audit_chain import GENESIS_HASH, event_hash
from claimcheck.extensions import db
from claimcheck.models import AuditEvent
from claimcheck.models.append_only import postgres_statements
from claimcheck.services import audit
from claimcheck.services.audit_log import AuditFilter, page_of_events, verify_log
from tests.support.databases import backend

DROP_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER audit_event_no_update",
        "DROP TRIGGER audit_event_no_delete",
    ],
    "postgresql": ["DROP TRIGGER audit_event_append_only ON audit_event"],
}


def _write_events(count: int, action: str = "test.event") -> list[int]:
    ids = []
    for number in range(count):
        event = audit.record(
            action, None, f"did thing {number}", object_type="test", object_id=number
        )
        ids.append(event.id)
    db.session.commit()
    return ids


@pytest.fixture
def behind_the_apps_back(app_context):
    """Run SQL with the append-only triggers dropped, as an intruder with table rights would.

    The triggers come back afterwards: PostgreSQL tests share one schema.
    """

    def tamper(statement: str, **params) -> None:
        for drop in DROP_TRIGGERS[backend()]:
            db.session.execute(text(drop))
        db.session.execute(text(statement), params)
        db.session.commit()

    yield tamper
    db.session.rollback()
    if backend() == "postgresql":
        for statement in postgres_statements("audit_event"):
            db.session.execute(text(statement))
        db.session.commit()


def _verify(app) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    return result.exit_code, result.output


def test_each_event_chains_to_the_one_before(app_context):
    ids = _write_events(3)
    events = [db.session.get(AuditEvent, event_id) for event_id in ids]
    assert events[0].previous_hash == GENESIS_HASH
    assert events[1].previous_hash == events[0].hash
    assert events[2].previous_hash == events[1].hash
    assert events[0].created_at <= events[1].created_at <= events[2].created_at
    reloaded = db.session.execute(select(AuditEvent.__table__).where(AuditEvent.id == ids[1]))
    row = reloaded.mappings().one()
    assert event_hash(row, row["previous_hash"]) == row["hash"]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET summary = 'nothing happened' WHERE id = :id",
        "UPDATE audit_event SET actor_id = NULL WHERE id = :id",
        "DELETE FROM audit_event WHERE id = :id",
    ],
)
def test_the_database_refuses_to_change_or_remove_an_event(app_context, statement):
    [event_id] = _write_events(1)
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(statement), {"id": event_id})
    db.session.rollback()
    assert db.session.get(AuditEvent, event_id).summary == "Command line did thing 0"


def test_verify_reports_an_intact_chain(app, app_context):
    _write_events(7)
    code, output = _verify(app)
    assert code == 0, output
    assert "Checked 7 events: the chain is intact." in output
    head = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    assert head in output


def test_verify_of_an_empty_log_passes(app, app_context):
    code, output = _verify(app)
    assert code == 0
    assert "Checked 0 events" in output


def test_verify_names_an_event_whose_content_was_changed(app, app_context, behind_the_apps_back):
    ids = _write_events(5)
    behind_the_apps_back(
        "UPDATE audit_event SET summary = 'Command line did nothing' WHERE id = :id", id=ids[2]
    )
    code, output = _verify(app)
    assert code == 1
    assert f"event {ids[2]} does not match its hash" in output
    assert verify_log().broken_at == ids[2]


def test_verify_catches_a_rewritten_hash_by_the_next_link(app, app_context, behind_the_apps_back):
    # An intruder who recomputes the changed event's own hash still breaks the next link.
    ids = _write_events(4)
    row = db.session.execute(select(AuditEvent.__table__).where(AuditEvent.id == ids[1])).mappings()
    forged = dict(row.one())
    forged["summary"] = "Command line did something else"
    new_hash = event_hash(forged, forged["previous_hash"])
    behind_the_apps_back(
        "UPDATE audit_event SET summary = :summary, hash = :hash WHERE id = :id",
        summary=forged["summary"],
        hash=new_hash,
        id=ids[1],
    )
    report = verify_log()
    assert report.broken_at == ids[2]
    assert "was removed or changed" in report.problem


def test_verify_names_the_event_after_a_removed_one(app, app_context, behind_the_apps_back):
    ids = _write_events(5)
    behind_the_apps_back("DELETE FROM audit_event WHERE id = :id", id=ids[1])
    code, output = _verify(app)
    assert code == 1
    assert f"event {ids[2]} does not follow event {ids[0]}" in output


def test_verify_catches_the_removal_of_the_first_event(app, app_context, behind_the_apps_back):
    ids = _write_events(3)
    behind_the_apps_back("DELETE FROM audit_event WHERE id = :id", id=ids[0])
    report = verify_log()
    assert report.broken_at == ids[1]
    assert "the start of the log" in report.problem


def test_concurrent_writers_never_fork_the_chain(app):
    writers, events_each = 4, 15
    failures: list[BaseException] = []
    start = threading.Barrier(writers)

    def write(number: int) -> None:
        try:
            with app.app_context():
                start.wait()
                for index in range(events_each):
                    audit.record(
                        "test.concurrent",
                        None,
                        f"writer {number} event {index}",
                        object_type="test",
                    )
                    db.session.commit()
                db.session.remove()
        except BaseException as error:  # reported below, with the others
            failures.append(error)

    threads = [threading.Thread(target=write, args=(number,)) for number in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    with app.app_context():
        total = db.session.scalar(select(func.count()).select_from(AuditEvent))
        distinct_links = db.session.scalar(
            select(func.count(func.distinct(AuditEvent.previous_hash)))
        )
        report = verify_log()
    assert total == writers * events_each
    assert distinct_links == total
    assert report.intact
    assert report.checked == total


def test_a_failed_transaction_leaves_no_event_behind(app_context):
    _write_events(2)
    audit.record("test.rolled_back", None, "was never done", object_type="test")
    db.session.rollback()
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "test.rolled_back")
        )
        == 0
    )
    _write_events(1)
    assert verify_log().intact


def test_pages_are_newest_first_and_keyset_paginated(app_context):
    ids = _write_events(7)
    first = page_of_events(AuditFilter(), size=3)
    assert [event.id for event in first.events] == ids[::-1][:3]
    second = page_of_events(AuditFilter(), before=first.next_before, size=3)
    assert [event.id for event in second.events] == ids[::-1][3:6]
    last = page_of_events(AuditFilter(), before=second.next_before, size=3)
    assert [event.id for event in last.events] == [ids[0]]
    assert last.next_before is None


def test_filters_by_action_family_text_and_object(app_context):
    _write_events(3, action="claim.approved")
    _write_events(2, action="account.created")
    assert len(page_of_events(AuditFilter(action="claim.")).events) == 3
    assert len(page_of_events(AuditFilter(action="account.created")).events) == 2
    assert len(page_of_events(AuditFilter(action="claim")).events) == 0
    found = page_of_events(AuditFilter(text="THING 1")).events
    assert {event.summary for event in found} == {"Command line did thing 1"}
    assert len(page_of_events(AuditFilter(object_type="test", object_id=1)).events) == 2
    # Wildcards and quotes in the search are literal text.
    assert page_of_events(AuditFilter(text="%")).events == []
    assert page_of_events(AuditFilter(text="_")).events == []
    assert page_of_events(AuditFilter(text="o'brien'; drop table audit_event; --")).events == []
    assert page_of_events(AuditFilter(action="claim%.")).events == []


def test_a_date_range_is_inclusive_of_both_days(app_context, monkeypatch):
    days = [datetime(2026, 3, day, 12, tzinfo=UTC) for day in (1, 2, 3, 4)]
    for moment in days:
        monkeypatch.setattr(audit, "utcnow", lambda moment=moment: moment)
        _write_events(1)
    chosen = AuditFilter(since=date(2026, 3, 2), until=date(2026, 3, 3))
    found = page_of_events(chosen).events
    assert sorted(event.created_at.day for event in found) == [2, 3]
    assert page_of_events(AuditFilter(since=date(2026, 3, 5))).events == []
    assert len(page_of_events(AuditFilter(until=date(2026, 2, 28))).events) == 0


def test_time_never_goes_back_along_the_chain(app_context, monkeypatch):
    later = datetime(2026, 5, 1, tzinfo=UTC)
    earlier = datetime(2026, 4, 1, tzinfo=UTC)
    monkeypatch.setattr(audit, "utcnow", lambda: later)
    _write_events(1)
    monkeypatch.setattr(audit, "utcnow", lambda: earlier)  # the clock stepped back
    [event_id] = _write_events(1)
    assert db.session.get(AuditEvent, event_id).created_at == later
