"""The audit log: one append-only, hash-chained event per security- or review-relevant action."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from claimcheck.extensions import db
from claimcheck.models.append_only import make_append_only
from claimcheck.models.types import UTCDateTime


class AuditEvent(db.Model):
    """Who did what to which object, when and from where, with the values before and after.

    Article, claim and revision ids are plain numbers, not foreign keys: the log must
    outlive anything it describes and must never be changed by a cascade.
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        # Every filter of the audit page walks one of these newest-first, so deep pages
        # cost the same as the first.
        Index("ix_audit_event_actor_id_id", "actor_id", "id"),
        # A person's counts per action read this index alone, and a person plus one
        # action is walked newest-first without visiting their other events.
        Index("ix_audit_event_actor_id_action_id", "actor_id", "action", "id"),
        # Pattern operators let a family filter (action LIKE 'claim.%') range-scan it too:
        # the default operators only do that under the "C" collation. Equality still works.
        Index(
            "ix_audit_event_action_id",
            "action",
            "id",
            postgresql_ops={"action": "varchar_pattern_ops"},
        ),
        Index("ix_audit_event_article_id_id", "article_id", "id"),
        Index("ix_audit_event_claim_id_id", "claim_id", "id"),
        Index("ix_audit_event_object_type_object_id_id", "object_type", "object_id", "id"),
        Index("ix_audit_event_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Never earlier than the event before it, so a date range is also a range of ids.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The name as it was then; people can be renamed later.
    actor_name: Mapped[str | None] = mapped_column(String(120))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[int | None]
    article_id: Mapped[int | None]
    claim_id: Mapped[int | None]
    revision_id: Mapped[int | None]
    summary: Mapped[str] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Unique: two writers that read the same head cannot both extend the chain from it.
    previous_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


make_append_only(AuditEvent.__table__)
