"""A claim's history read back: each field as it stood at a revision, and restoring it."""

from __future__ import annotations

from typing import Any

from claimcheck.models import Claim, ClaimRevision, User
from claimcheck.services import revisions
from claimcheck.services.errors import NotFound, ServiceError
from claimcheck.services.guards import require_unlocked
from claimcheck.services.sources import find_or_create_source

# What "restore this version" brings back; the workflow (state, verdict) moves only forward.
RESTORABLE = (
    "text",
    "rationale",
    "attribution_kind",
    "source",
    "attribution_cue",
    "attribution_quote",
)
# Fields shown as word-level differences.
PROSE_FIELDS = frozenset({"text", "rationale", "comment"})


def _current(claim: Claim, field: str) -> Any:
    if field == "source":
        return claim.source.name if claim.source else None
    return getattr(claim, field)


def values_at(claim: Claim, revision: ClaimRevision) -> dict[str, Any]:
    """Each restorable field's value just after `revision`, worked out from the history."""
    earlier = [r for r in claim.revisions if r.id <= revision.id]
    later = [r for r in claim.revisions if r.id > revision.id]
    values = {}
    for field in RESTORABLE:
        set_before = [r.changes[field][1] for r in earlier if field in r.changes]
        changed_after = [r.changes[field][0] for r in later if field in r.changes]
        if set_before:
            values[field] = set_before[-1]
        elif changed_after:
            values[field] = changed_after[0]
        else:
            values[field] = _current(claim, field)
    return values


def find_revision(claim: Claim, revision_id: int) -> ClaimRevision:
    """One of this claim's revisions, or NotFound."""
    for revision in claim.revisions:
        if revision.id == revision_id:
            return revision
    raise NotFound("No such revision of this claim.")


def restore(claim: Claim, actor: User, revision: ClaimRevision) -> dict[str, tuple[Any, Any]]:
    """Bring the claim's wording, rationale and attribution back to how they were.

    The restoration is itself a new revision, so it can be undone the same way.
    """
    require_unlocked(claim)
    target = values_at(claim, revision)
    if not target["text"]:
        raise ServiceError("That version has no wording to restore.")
    old_source = _current(claim, "source")
    source = None
    if target["source"]:
        kind = (
            claim.source.kind
            if claim.source and claim.source.name == target["source"]
            else "organisation"
        )
        source = find_or_create_source(target["source"], kind)
    changes = revisions.apply_changes(
        claim,
        {
            "text": target["text"],
            "rationale": target["rationale"],
            "attribution_kind": target["attribution_kind"],
            "attribution_cue": target["attribution_cue"],
            "attribution_quote": target["attribution_quote"],
        },
    )
    if old_source != target["source"]:
        claim.source = source
        changes["source"] = (old_source, target["source"])
    if not changes:
        raise ServiceError("The claim already reads like that version.")
    stamp = revision.created_at.strftime("%Y-%m-%d %H:%M UTC")
    revisions.record(
        claim,
        actor,
        "restored",
        changes,
        reason=f"Restored the version of {stamp} (revision {revision.id})",
    )
    return changes
