"""Claim workflow states; plain Python, no Flask."""

from enum import StrEnum


class ClaimState(StrEnum):
    """Where a claim stands in the review workflow."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_REVIEW = "in_review"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    RETURNED = "returned"
    DISMISSED = "dismissed"
    REOPENED = "reopened"

    @property
    def label(self) -> str:
        """Human-readable name."""
        return self.value.replace("_", " ").capitalize()


# States in which the claim's wording and span may still be changed by a reviewer.
EDITABLE_STATES = frozenset(
    {
        ClaimState.NEW,
        ClaimState.ASSIGNED,
        ClaimState.IN_REVIEW,
        ClaimState.RETURNED,
        ClaimState.REOPENED,
    }
)
