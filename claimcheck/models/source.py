"""People and organisations that claims are attributed to, reused across articles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models.types import UTCDateTime

SOURCE_KINDS = ("person", "organisation")


def source_key(name: str) -> str:
    """How names are compared: case and spacing do not make a different source."""
    return " ".join(name.split()).casefold()


class Source(db.Model):
    """A person or an organisation a claim can be attributed to."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="organisation")
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
