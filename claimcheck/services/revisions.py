"""Every change to a claim is written as a revision in the same transaction."""

from __future__ import annotations

from typing import Any

from claimcheck.extensions import db
from claimcheck.models import Claim, ClaimRevision, User
from claimcheck.services import audit


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a field value."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def record(
    claim: Claim,
    actor: User | None,
    action: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
    reason: str | None = None,
    *,
    audited: bool = True,
) -> ClaimRevision:
    """Append a revision: `changes` maps each field to its (old, new) value.

    Unless `audited` is False (a revision that is part of a larger action, which writes
    its own audit event), the audit log gets a line pointing at the revision.
    """
    revision = ClaimRevision(
        claim=claim,
        actor_id=actor.id if actor is not None else None,
        action=action,
        changes={name: [_plain(old), _plain(new)] for name, (old, new) in (changes or {}).items()},
        reason=reason,
    )
    db.session.add(revision)
    if audited:
        db.session.flush()
        audit.claim_changed(claim, revision, actor)
    return revision


def apply_changes(claim: Claim, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set fields on a claim and return those that really changed as (old, new)."""
    changed = {}
    for name, new in values.items():
        old = getattr(claim, name)
        if old != new:
            setattr(claim, name, new)
            changed[name] = (old, new)
    return changed
