"""Earlier reviewed claims that may say what a claim says, and what people decided."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models.claim import Claim, ClaimRevision
from claimcheck.models.types import UTCDateTime
from claimcheck.models.user import User

SUGGESTED = "suggested"
CONFIRMED = "confirmed"
DISMISSED = "dismissed"
MATCH_STATUSES = (SUGGESTED, CONFIRMED, DISMISSED)


class ClaimMatch(db.Model):
    """A likely match found when the claim was extracted: suggested until someone decides."""

    __tablename__ = "claim_match"
    __table_args__ = (UniqueConstraint("claim_id", "earlier_claim_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Looked up by claim through the unique constraint's index.
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"))
    earlier_claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), index=True
    )
    # The matcher's 0-1 similarity when the match was found.
    score: Mapped[float]
    status: Mapped[str] = mapped_column(String(20), default=SUGGESTED)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The revision in which the earlier verdict and evidence were taken over, if they were.
    reuse_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_revision.id", ondelete="SET NULL")
    )

    claim: Mapped[Claim] = relationship(foreign_keys=[claim_id])
    earlier: Mapped[Claim] = relationship(foreign_keys=[earlier_claim_id])
    decided_by: Mapped[User | None] = relationship()
    reuse_revision: Mapped[ClaimRevision | None] = relationship()

    @property
    def is_open(self) -> bool:
        """Still waiting for someone to say whether it is the same claim."""
        return self.status == SUGGESTED

    @property
    def percent(self) -> int:
        """The score as a whole percentage, as pages show it."""
        return round(self.score * 100)
