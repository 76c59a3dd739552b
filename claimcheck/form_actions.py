"""One change from a button or form: one transaction, and a message saying how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import flash

from claimcheck.extensions import db
from claimcheck.services.errors import ServiceError

T = TypeVar("T")


def apply_and_flash(change: Callable[[], T], success: str | Callable[[T], str]) -> bool:
    """Run `change`; commit and flash `success`, or roll back and flash why it was refused.

    `success` may be a function of what `change` returned, for a message that tells it.
    """
    try:
        result = change()
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return False
    db.session.commit()
    flash(success if isinstance(success, str) else success(result), "success")
    return True
