"""Several worker processes writing one SQLite file lose nothing and never fail."""

import multiprocessing
import traceback

import pytest
from sqlalchemy import update

from claimcheck import create_app
from claimcheck.extensions import db
from claimcheck.models import User
from tests.support.databases import backend

PROCESSES = 4
UPDATES_PER_PROCESS = 200

pytestmark = pytest.mark.skipif(backend() != "sqlite", reason="SQLite locking only")


def _increment_many(database_url: str, user_id: int, errors) -> None:
    """A worker: read-modify-write one row, committing each time, as a request would."""
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        for _ in range(UPDATES_PER_PROCESS):
            try:
                user = db.session.get(User, user_id)
                user.failed_logins = user.failed_logins + 1
                db.session.commit()
            except Exception:
                db.session.rollback()
                errors.put(traceback.format_exc(limit=1))
            finally:
                db.session.expire_all()
        db.engine.dispose()


def test_concurrent_read_modify_writes_lose_no_update(app, database_url, make_user):
    user = make_user()
    with app.app_context():
        db.session.execute(update(User).where(User.id == user.id).values(failed_logins=0))
        db.session.commit()
        db.engine.dispose()

    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    workers = [
        context.Process(target=_increment_many, args=(database_url, user.id, errors))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    failures = []
    while not errors.empty():
        failures.append(errors.get())

    with app.app_context():
        final = db.session.get(User, user.id).failed_logins
    assert failures == []
    assert all(worker.exitcode == 0 for worker in workers)
    assert final == PROCESSES * UPDATES_PER_PROCESS
