"""Several worker processes writing one SQLite file lose nothing and never fail."""

import multiprocessing

import pytest
from sqlalchemy import update

from claimcheck.extensions import db
from claimcheck.models import User
from tests.support.databases import backend
from tests.support.sqlite_worker import increment_many

PROCESSES = 4
UPDATES_PER_PROCESS = 200

pytestmark = pytest.mark.skipif(backend() != "sqlite", reason="SQLite locking only")


def test_concurrent_read_modify_writes_lose_no_update(app, database_url, make_user):
    user = make_user()
    with app.app_context():
        db.session.execute(update(User).where(User.id == user.id).values(failed_logins=0))
        db.session.commit()
        db.engine.dispose()

    # Spawned, not forked: a fork copies locks held by the test process's other threads
    # (timers, pools) and the child can hang on them.
    context = multiprocessing.get_context("spawn")
    errors = context.Queue()
    workers = [
        context.Process(
            target=increment_many, args=(database_url, user.id, UPDATES_PER_PROCESS, errors)
        )
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
