"""A draft rationale, written while a claim is reviewed, before a verdict is proposed."""

from __future__ import annotations

from claimcheck.models import Claim, User
from claimcheck.services import revisions
from claimcheck.services.errors import ServiceError
from claimcheck.services.guards import require_unlocked, require_version
from claimcheck.services.review import MAX_RATIONALE


def set_rationale(
    claim: Claim, actor: User, text: str | None, expected_version: int | None = None
) -> None:
    """Replace the rationale; a proposal made later starts from it."""
    require_version(claim, expected_version)
    require_unlocked(claim)
    cleaned = (text or "").strip() or None
    if cleaned and len(cleaned) > MAX_RATIONALE:
        raise ServiceError(f"Keep the rationale under {MAX_RATIONALE:,} characters.")
    changes = revisions.apply_changes(claim, {"rationale": cleaned})
    if changes:
        revisions.record(claim, actor, "rationale", changes)
