"""A worker process for the SQLite concurrency test (importable, so it can be spawned)."""

from __future__ import annotations

import traceback

from claimcheck import create_app
from claimcheck.extensions import db
from claimcheck.models import User


def increment_many(database_url: str, user_id: int, updates: int, errors) -> None:
    """Read-modify-write one row `updates` times, committing each time, as a request would."""
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        for _ in range(updates):
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
