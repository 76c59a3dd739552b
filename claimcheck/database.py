"""Engine set-up: SQLite pragmas and write locking, so several workers can share one file."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine

# Whether the next transaction will write. Requests with safe methods clear it, so
# page views read concurrently; everything else (forms, CLI, services) takes the
# write lock up front, because upgrading a deferred SQLite transaction to a writer
# fails with "database is locked" instead of waiting.
_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "claimcheck_write_intent", default=True
)


def set_write_intent(value: bool) -> contextvars.Token:
    """Declare whether transactions started from now on in this context will write."""
    return _write_intent.set(value)


@contextmanager
def write_intent(value: bool = True) -> Iterator[None]:
    """Temporarily declare write intent, e.g. for a GET that must record something."""
    token = _write_intent.set(value)
    try:
        yield
    finally:
        _write_intent.reset(token)


T = TypeVar("T")


def write_from_read(change: Callable[[], T]) -> T:
    """Make one change, in a write transaction of its own, while serving a read (a GET).

    The GET's transaction began as a reader; SQLite refuses to turn a reader into a
    writer while another writer is busy instead of waiting, so it is ended first.
    """
    from claimcheck.extensions import db

    db.session.commit()
    with write_intent():
        try:
            result = change()
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
    return result


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:
    """Attach the SQLite connection and transaction handling to an engine."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Take transaction control away from the driver: its own implicit BEGIN
        # is deferred and silently lets concurrent read-modify-writes lose updates.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


def init_database(app) -> None:
    """Configure the app's engine and declare each request's write intent."""
    from flask import request

    from claimcheck.extensions import db

    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])

    @app.before_request
    def _declare_write_intent() -> None:
        set_write_intent(request.method not in {"GET", "HEAD", "OPTIONS"})
