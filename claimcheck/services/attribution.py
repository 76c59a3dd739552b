"""Who a claim is attributed to, as a person confirms it."""

from __future__ import annotations

from claimcheck.clock import utcnow
from claimcheck.models import Claim, User
from claimcheck.services import revisions
from claimcheck.services.errors import ServiceError
from claimcheck.services.guards import require_unlocked, require_version
from claimcheck.services.sources import find_or_create_source

ATTRIBUTION_KINDS = {
    "publication": "The publication's own voice",
    "named": "A named source",
    "unnamed": "An unnamed or anonymous source",
}
MAX_CUE = 60


def set_attribution(
    claim: Claim,
    actor: User,
    *,
    kind: str,
    source_name: str | None = None,
    source_kind: str = "organisation",
    cue: str | None = None,
    quote: bool = False,
    expected_version: int | None = None,
) -> None:
    """Confirm or correct a claim's attribution; the source is found or created by name."""
    require_version(claim, expected_version)
    require_unlocked(claim)
    if kind not in ATTRIBUTION_KINDS:
        raise ServiceError("Choose whose voice the claim is in.")
    cleaned_cue = " ".join((cue or "").split()) or None
    if cleaned_cue and len(cleaned_cue) > MAX_CUE:
        raise ServiceError(f"Keep the cue under {MAX_CUE} characters.")
    name = " ".join((source_name or "").split())
    if kind == "named" and not name:
        raise ServiceError("A claim from a named source needs the source's name.")
    source = find_or_create_source(name, source_kind) if kind != "publication" and name else None
    old_source = claim.source.name if claim.source is not None else None
    changes = revisions.apply_changes(
        claim,
        {
            "attribution_kind": kind,
            "attribution_cue": cleaned_cue if kind != "publication" else None,
            "attribution_quote": bool(quote) if kind != "publication" else False,
        },
    )
    new_source = source.name if source else None
    if old_source != new_source:
        # Set through the relationship so the claim reads right before the next flush;
        # the history shows names, which stay readable when ids mean nothing to a reader.
        claim.source = source
        changes["source"] = (old_source, new_source)
    if claim.attribution_confirmed_at is None:
        claim.attribution_confirmed_at = utcnow()
        changes["attribution_confirmed"] = (False, True)
    if changes:
        revisions.record(claim, actor, "attribution", changes)
