"""Verdict labels, which leads can rename, add and retire."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models.types import UTCDateTime

# The labels a new installation starts with, and their place on ClaimReview's 1–5 scale
# (5 = true, 1 = false). "Unverifiable" has no place on it: it says nothing about truth.
DEFAULT_VERDICTS: tuple[tuple[str, int | None], ...] = (
    ("True", 5),
    ("Mostly true", 4),
    ("Mixed", 3),
    ("Misleading", 2),
    ("Mostly false", 2),
    ("False", 1),
    ("Unverifiable", None),
)


class VerdictLabel(db.Model):
    """A verdict a claim can get, with its rating for ClaimReview export."""

    __tablename__ = "verdict_label"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    rating: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None
