"""An article brought in for checking; its text is kept exactly as imported."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models.types import UTCDateTime
from claimcheck.models.user import User

if TYPE_CHECKING:
    from claimcheck.models.claim import Claim


class Article(db.Model):
    """A news article; claims point into `text` by character offsets."""

    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    publication: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
    byline: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    source_format: Mapped[str] = mapped_column(String(10), default="paste", server_default="paste")
    # Identifies content loaded by `demo load`, so loading twice adds nothing.
    demo_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    imported_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    imported_by: Mapped[User | None] = relationship()
    claims: Mapped[list[Claim]] = relationship(
        back_populates="article", order_by="Claim.start", cascade="all, delete-orphan"
    )
