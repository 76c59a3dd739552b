"""Writing the audit log: one event per action, in the transaction of the change it records."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from flask import has_request_context, request
from sqlalchemy import select, text

from claimcheck.audit_chain import GENESIS_HASH, event_hash
from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models import AuditEvent, Claim, ClaimRevision, User, VerdictLabel

# PostgreSQL advisory lock that serialises writers of the chain (SQLite writers are
# already serialised by BEGIN IMMEDIATE). Held until the transaction ends.
CHAIN_LOCK_KEY = 0x436C61696D  # "Claim"
MAX_SUMMARY = 300
COMMAND_LINE = "command line"

# How each kind of claim revision reads as a line of the audit log.
CLAIM_PHRASES = {
    "added": "added {claim}",
    "accepted": "accepted {claim} as a claim to check",
    "edited": "edited the wording of {claim}",
    "split": "split {claim} in two",
    "merged": "merged the claim after {claim} into it",
    "attribution": "changed the attribution of {claim}",
    "rationale": "edited the rationale of {claim}",
    "evidence_added": "added evidence to {claim}",
    "evidence_edited": "edited evidence of {claim}",
    "evidence_removed": "removed evidence from {claim}",
    "comment": "commented on {claim}",
    "restored": "restored an earlier version of {claim}",
    "match_confirmed": "confirmed that {claim} was checked before",
    "match_dismissed": "dismissed a likely match for {claim}",
    "match_reused": "started {claim} from an earlier check",
    "matched_again": "looked again for earlier checks of {claim}",
    "assigned": "assigned {claim} to {assignee}",
    "taken": "took {claim} to check",
    "review_started": "started reviewing {claim}",
    "verdict_proposed": "proposed the verdict {verdict} for {claim}",
    "approved": "approved the verdict {verdict} on {claim}",
    "returned": "returned {claim} to its fact-checker",
    "dismissed": "dismissed {claim}",
    "reopened": "reopened {claim}",
    "reinstated": "reinstated {claim}",
}


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def _stored_form(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Values exactly as the JSON column gives them back, so the hash survives a reload."""
    if values is None:
        return None
    return json.loads(json.dumps(dict(values), default=_json_default))


def _one_line(summary: str) -> str:
    line = " ".join(summary.split())
    return line if len(line) <= MAX_SUMMARY else line[: MAX_SUMMARY - 1] + "…"


def _client_address() -> str | None:
    return request.remote_addr if has_request_context() else None


def _lock_chain() -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})


def actor_label(actor: User | None) -> str:
    """How the log names whoever acted: a person, the command line, or nobody known."""
    if actor is not None:
        return actor.name
    return "Someone" if has_request_context() else COMMAND_LINE.capitalize()


def record(
    action: str,
    actor: User | None,
    summary: str,
    *,
    object_type: str,
    object_id: int | None = None,
    article_id: int | None = None,
    claim_id: int | None = None,
    revision_id: int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain; `summary` follows the actor's name ("approved …")."""
    db.session.flush()  # earlier changes of this transaction first: the event comes last
    _lock_chain()
    head = db.session.execute(
        select(AuditEvent.hash, AuditEvent.created_at).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    now = utcnow()
    fields: dict[str, Any] = {
        "created_at": max(now, head.created_at) if head is not None else now,
        "actor_id": actor.id if actor is not None else None,
        "actor_name": actor.name if actor is not None else None,
        "ip_address": _client_address(),
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "article_id": article_id,
        "claim_id": claim_id,
        "revision_id": revision_id,
        "summary": _one_line(f"{actor_label(actor)} {summary}"),
        "before": _stored_form(before),
        "after": _stored_form(after),
    }
    previous_hash = head.hash if head is not None else GENESIS_HASH
    event = AuditEvent(
        **fields, previous_hash=previous_hash, hash=event_hash(fields, previous_hash)
    )
    db.session.add(event)
    db.session.flush()
    return event


def claim_changed(claim: Claim, revision: ClaimRevision, actor: User | None) -> AuditEvent:
    """The audit line of a claim revision, pointing at it."""
    changes = revision.changes or {}
    assignee = changes.get("assignee", [None, None])[1]
    if "verdict" in changes:
        verdict = changes["verdict"][1]
    else:
        # By id, not through claim.verdict: loading the relationship here would cache a
        # value that a later change of verdict_id in the same transaction leaves stale.
        label = db.session.get(VerdictLabel, claim.verdict_id) if claim.verdict_id else None
        verdict = label.name if label is not None else None
    phrase = CLAIM_PHRASES.get(revision.action, f"changed {{claim}} ({revision.action})")
    summary = phrase.format(
        claim=f"claim #{claim.id}",
        assignee=assignee or "nobody",
        verdict=f"“{verdict}”" if verdict else "(none)",
    )
    if revision.reason:
        summary += f": {revision.reason}"
    return record(
        f"claim.{revision.action}",
        actor,
        summary,
        object_type="claim",
        object_id=claim.id,
        article_id=claim.article_id,
        claim_id=claim.id,
        revision_id=revision.id,
        before={name: values[0] for name, values in changes.items()},
        after={name: values[1] for name, values in changes.items()},
    )


# Every action the log can hold, by family, as the audit page offers them.
ACTION_FAMILIES: dict[str, tuple[str, dict[str, str]]] = {
    "auth.": (
        "Signing in",
        {
            "auth.signed_in": "Signed in",
            "auth.sign_in_failed": "Sign-in failed",
            "auth.signed_out": "Signed out",
        },
    ),
    "account.": (
        "Accounts",
        {
            "account.created": "Account created",
            "account.role_changed": "Role changed",
            "account.deactivated": "Deactivated",
            "account.reactivated": "Reactivated",
            "account.forced_sign_out": "Forced sign-out",
            "account.link_issued": "Set-password link issued",
            "account.password_set": "Password set",
        },
    ),
    "token.": (
        "API tokens",
        {"token.created": "Token created", "token.revoked": "Token revoked"},
    ),
    "article.": (
        "Articles",
        {
            "article.imported": "Article imported",
            "article.edited": "Article details edited",
            "article.reanalysed": "Article analysed again",
        },
    ),
    "claim.": (
        "Claims",
        {f"claim.{action}": action.replace("_", " ").capitalize() for action in CLAIM_PHRASES},
    ),
    "export.": ("Exports", {"export.created": "Export"}),
    "verdict_label.": (
        "Verdict labels",
        {
            f"verdict_label.{verb}": f"Label {verb}"
            for verb in ("added", "changed", "retired", "restored", "deleted")
        },
    ),
}


def action_label(action: str) -> str:
    """A readable name for an action, even one this version no longer writes."""
    family = ACTION_FAMILIES.get(action.split(".", 1)[0] + ".")
    if family is not None and action in family[1]:
        return family[1][action]
    return action.replace("_", " ").replace(".", ": ")
