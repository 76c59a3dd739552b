"""How a revision's fields and values read in a history: names and words, not stored codes.

Revisions store plain JSON (state codes, ISO timestamps, evidence ids); a reader of a
claim's history wants "Awaiting approval", "2026-11-26 16:28:05 UTC" and the titles of the
evidence a verdict rested on. The claim's history and the lead's timeline share it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from claimcheck.models import Claim
from claimcheck.services.attribution import ATTRIBUTION_KINDS
from claimcheck.workflow import ClaimState

_FIELD_LABELS = {
    "attribution_kind": "whose voice",
    "attribution_cue": "cue",
    "attribution_quote": "direct quote",
    "verdict_evidence_ids": "evidence the verdict rests on",
    "reused_from": "verdict reused from",
    "merged_into": "merged into claim",
    "dismissed_reason": "reason dismissed",
}


def field_label(field: str) -> str:
    """Return the name a reader sees for a revision's field.

    A corrected evidence item's fields are stored as "evidence.<field>".
    """
    return _FIELD_LABELS.get(field, field.replace("_", " ").replace(".", " "))


def value_text(field: str, value: Any, evidence_titles: Mapping[int, str]) -> str | None:
    """Return how one value of a field reads, or None when there is none (shown as a dash).

    `evidence_titles` maps the claim's evidence ids to their titles, removed items included.
    """
    if value is None or value == "" or value == []:
        return None
    if field == "state" and value in ClaimState.__members__.values():
        return ClaimState(value).label
    if field == "attribution_kind":
        return ATTRIBUTION_KINDS.get(value, value)
    if field == "verdict_evidence_ids" and isinstance(value, list):
        return "; ".join(evidence_titles.get(item, f"evidence item {item}") for item in value)
    if field.endswith("_at") and isinstance(value, str):
        return _timestamp(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        title = value.get("title") or value.get("url") or ""
        relation = value.get("relation")
        return f"{title} ({relation})" if relation else str(title)
    if isinstance(value, list):
        shown = (value_text(field, item, evidence_titles) for item in value)
        return "; ".join(text for text in shown if text is not None) or None
    return str(value)


def evidence_titles(claim: Claim) -> dict[int, str]:
    """Return the titles of a claim's evidence by id, removed items included."""
    return {item.id: item.title or item.url for item in claim.evidence}


def value_reader(evidence_titles: Mapping[int, str]) -> Callable[[str, Any], str | None]:
    """Return value_text bound to one claim's evidence titles, for a template to call."""

    def read(field: str, value: Any) -> str | None:
        return value_text(field, value, evidence_titles)

    return read


def _timestamp(value: str) -> str:
    """Return an ISO timestamp as UTC to the second, or the text unchanged if it is not one."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")
