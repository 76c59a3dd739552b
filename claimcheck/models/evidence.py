"""Evidence items attached to a claim, and the discussion thread about it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models.types import UTCDateTime
from claimcheck.models.user import User

RELATIONS = ("supports", "refutes", "context")


class Evidence(db.Model):
    """A source consulted for a claim; the server never fetches its URL."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[date | None] = mapped_column(Date)
    accessed: Mapped[date | None] = mapped_column(Date)
    excerpt: Mapped[str | None] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(String(20))
    archive_url: Mapped[str | None] = mapped_column(String(2000))
    file_name: Mapped[str | None] = mapped_column(String(120))
    file_type: Mapped[str | None] = mapped_column(String(60))
    file_size: Mapped[int | None]
    # Deferred: lists of evidence never load the attached files.
    file_data: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Removed items stay, so a verdict's recorded evidence and the history still resolve.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Comment(db.Model):
    """A message in a claim's discussion thread."""

    __tablename__ = "claim_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
