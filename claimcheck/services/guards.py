"""Checks every change to a claim goes through: no stale copies, no edits once approved."""

from __future__ import annotations

from claimcheck.models import Claim
from claimcheck.services.errors import ServiceError
from claimcheck.workflow import is_locked


class StaleVersion(ServiceError):
    """The claim changed since the form (or API client) loaded it."""


def require_version(claim: Claim, expected_version: int | None) -> None:
    """Refuse a change made from a copy of the claim older than the stored one."""
    if expected_version is not None and expected_version != claim.version:
        raise StaleVersion("Someone changed this claim after you opened it.")


def require_unlocked(claim: Claim) -> None:
    """Refuse changes to an approved claim until an editor reopens it."""
    if is_locked(claim.state):
        raise ServiceError("This claim is approved and locked; an editor must reopen it first.")
