"""A claim found in (or added to) an article, pointing into its text by character offsets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models.append_only import make_append_only
from claimcheck.models.article import Article
from claimcheck.models.evidence import Comment, Evidence
from claimcheck.models.source import Source
from claimcheck.models.types import UTCDateTime
from claimcheck.models.user import User
from claimcheck.models.verdict import VerdictLabel


class Claim(db.Model):
    """One checkable statement: its span in the article, its wording and the analysis of it."""

    __tablename__ = "claim"
    __table_args__ = (
        Index("ix_claim_article_id_start", "article_id", "start"),
        # The queue's sort orders over the claims it lists (not merged), so a deep page walks
        # an index instead of sorting rows. The included filter columns (PostgreSQL only)
        # make its pages and counts index-only scans. As migration 0009.
        Index(
            "ix_claim_visible_state_score_id",
            "state",
            "score",
            "id",
            postgresql_where=db.text("merged_into_id IS NULL"),
            sqlite_where=db.text("merged_into_id IS NULL"),
        ),
        Index(
            "ix_claim_visible_score_id",
            "score",
            "id",
            postgresql_include=["state", "assignee_id"],
            postgresql_where=db.text("merged_into_id IS NULL"),
            sqlite_where=db.text("merged_into_id IS NULL"),
        ),
        Index(
            "ix_claim_visible_created_at_id",
            "created_at",
            "id",
            postgresql_include=["state", "score", "assignee_id"],
            postgresql_where=db.text("merged_into_id IS NULL"),
            sqlite_where=db.text("merged_into_id IS NULL"),
        ),
        # One person's claims ("My work") without scanning everyone's.
        Index(
            "ix_claim_visible_assignee_id_score_id",
            "assignee_id",
            "score",
            "id",
            postgresql_include=["state"],
            postgresql_where=db.text("merged_into_id IS NULL"),
            sqlite_where=db.text("merged_into_id IS NULL"),
        ),
    )

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
    # Attribution as a person confirmed it (the analysis suggestion stays above).
    attribution_kind: Mapped[str | None] = mapped_column(String(20))
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("source.id", ondelete="SET NULL"), index=True
    )
    attribution_cue: Mapped[str | None] = mapped_column(String(60))
    attribution_quote: Mapped[bool | None]
    attribution_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who works on it, the verdict they propose, and who approves it.
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verdict_id: Mapped[int | None] = mapped_column(
        ForeignKey("verdict_label.id", ondelete="RESTRICT"), index=True
    )
    rationale: Mapped[str | None] = mapped_column(Text)
    verdict_evidence_ids: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    proposer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    proposed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approver_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("claim.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Bumped on every change, so a save against a stale copy can be detected.
    version: Mapped[int] = mapped_column(default=1)

    article: Mapped[Article] = relationship(back_populates="claims")
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    proposer: Mapped[User | None] = relationship(foreign_keys=[proposer_id])
    approver: Mapped[User | None] = relationship(foreign_keys=[approver_id])
    source: Mapped[Source | None] = relationship()
    verdict: Mapped[VerdictLabel | None] = relationship()
    evidence: Mapped[list[Evidence]] = relationship(order_by="Evidence.id", passive_deletes=True)
    comments: Mapped[list[Comment]] = relationship(order_by="Comment.id", passive_deletes=True)
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
    # No cascades: the history outlives nothing it describes, and the triggers refuse them.
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Joined: every history line shows who made it.
    actor: Mapped[User | None] = relationship(lazy="joined")
    claim: Mapped[Claim] = relationship(back_populates="revisions")


make_append_only(ClaimRevision.__table__)
