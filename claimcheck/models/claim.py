"""A claim found in (or added to) an article, pointing into its text by character offsets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models.article import Article
from claimcheck.models.types import UTCDateTime
from claimcheck.models.user import User


class Claim(db.Model):
    """One checkable statement: its span in the article, its wording and the analysis of it."""

    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_article_id_start", "article_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    # The span in article.text; the wording may be edited, the span stays.
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(20), default="extracted")
    state: Mapped[str] = mapped_column(String(30), default="new", index=True)
    # What the analysis found; kept as found so a reviewer can see why it was proposed.
    score: Mapped[float] = mapped_column(default=0.0)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    suggested_attribution: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    dismissed_reason: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("claim.id", ondelete="SET NULL"))
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("claim.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Bumped on every change, so a save against a stale copy can be detected.
    version: Mapped[int] = mapped_column(default=1)

    article: Mapped[Article] = relationship(back_populates="claims")
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])
    revisions: Mapped[list[ClaimRevision]] = relationship(
        back_populates="claim", order_by="ClaimRevision.id", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_visible(self) -> bool:
        """Whether the claim still stands on its own (not merged into another)."""
        return self.merged_into_id is None

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_dismissed(self) -> bool:
        return self.state == "dismissed"

    @property
    def is_edited(self) -> bool:
        return self.article is not None and self.text != self.article.text[self.start : self.end]


class ClaimRevision(db.Model):
    """One change to a claim: who, when, each field's old and new value, and why."""

    __tablename__ = "claim_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()
    claim: Mapped[Claim] = relationship(back_populates="revisions")
