"""One change from a button or form: one transaction, and a message saying how it went."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash

from claimcheck.extensions import db
from claimcheck.services.errors import ServiceError


def apply_and_flash(change: Callable[[], object], success: str) -> bool:
    """Run `change`; commit and flash `success`, or roll back and flash why it was refused."""
    try:
        change()
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return False
    db.session.commit()
    flash(success, "success")
    return True
