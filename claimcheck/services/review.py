"""Moving a claim through the workflow: assignment, verdicts, approval, return, reopening."""

from __future__ import annotations

from typing import Any

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models import Claim, User, VerdictLabel
from claimcheck.services import revisions
from claimcheck.services.errors import ServiceError
from claimcheck.services.guards import require_version
from claimcheck.workflow import (
    Action,
    Actor,
    ClaimFacts,
    ClaimState,
    TransitionError,
    available_actions,
    check_transition,
)

# How each action reads in a claim's history.
RECORDED_AS = {
    Action.ASSIGN: "assigned",
    Action.TAKE: "taken",
    Action.START: "review_started",
    Action.PROPOSE: "verdict_proposed",
    Action.APPROVE: "approved",
    Action.RETURN: "returned",
    Action.DISMISS: "dismissed",
    Action.REOPEN: "reopened",
    Action.REINSTATE: "reinstated",
}
MAX_RATIONALE = 20_000
MAX_REASON = 2_000


def facts_of(claim: Claim) -> ClaimFacts:
    """What the workflow needs to know about a claim."""
    return ClaimFacts(ClaimState(claim.state), claim.assignee_id, claim.proposer_id)


def actor_of(user: User) -> Actor:
    """The workflow's view of a signed-in person."""
    return Actor(user.id, user.role, user.is_active_account)


def actions_for(claim: Claim, user: User) -> list[Action]:
    """The workflow buttons this person may press on this claim."""
    return available_actions(facts_of(claim), actor_of(user))


def transition(
    claim: Claim,
    actor: User,
    action: Action,
    *,
    reason: str | None = None,
    assignee: User | None = None,
    verdict: VerdictLabel | None = None,
    rationale: str | None = None,
    expected_version: int | None = None,
) -> None:
    """Take one workflow action on a claim, with the revision that records it."""
    require_version(claim, expected_version)
    reason = (reason or "").strip() or None
    if reason and len(reason) > MAX_REASON:
        raise ServiceError(f"Keep the reason under {MAX_REASON:,} characters.")
    try:
        target = check_transition(action, facts_of(claim), actor_of(actor), reason)
    except TransitionError as error:
        raise ServiceError(str(error)) from error
    values: dict[str, Any] = {"state": target.value}
    values.update(_effects(claim, actor, action, reason, assignee, verdict, rationale))
    old_names = _names(claim)
    changes = revisions.apply_changes(claim, values)
    _readable(changes, old_names, _names(claim))
    revisions.record(claim, actor, RECORDED_AS[action], changes, reason=reason)
    db.session.flush()


def _effects(
    claim: Claim,
    actor: User,
    action: Action,
    reason: str | None,
    assignee: User | None,
    verdict: VerdictLabel | None,
    rationale: str | None,
) -> dict[str, Any]:
    """The fields an action sets besides the state."""
    now = utcnow()
    if action is Action.ASSIGN:
        if assignee is None or not assignee.is_active_account:
            raise ServiceError("Choose an active person to assign the claim to.")
        return {"assignee_id": assignee.id, "assigned_at": now}
    if action is Action.TAKE:
        return {"assignee_id": actor.id, "assigned_at": now}
    if action is Action.PROPOSE:
        return _proposal(claim, actor, verdict, rationale, now)
    if action is Action.APPROVE:
        return {"approver_id": actor.id, "approved_at": now}
    if action is Action.REOPEN:
        return {"approver_id": None, "approved_at": None}
    if action is Action.DISMISS:
        return {"dismissed_reason": reason}
    if action is Action.REINSTATE:
        return {"dismissed_reason": None}
    return {}


def _proposal(
    claim: Claim, actor: User, verdict: VerdictLabel | None, rationale: str | None, now
) -> dict[str, Any]:
    """A verdict needs a label, a written rationale and at least one evidence item."""
    if verdict is None or verdict.is_retired:
        raise ServiceError("Choose a verdict.")
    text = (rationale or "").strip()
    if not text:
        raise ServiceError("Explain the verdict: a written rationale is required.")
    if len(text) > MAX_RATIONALE:
        raise ServiceError(f"Keep the rationale under {MAX_RATIONALE:,} characters.")
    evidence_ids = [item.id for item in claim.evidence if not item.is_removed]
    if not evidence_ids:
        raise ServiceError("Add at least one evidence item before proposing a verdict.")
    return {
        "verdict_id": verdict.id,
        "rationale": text,
        "verdict_evidence_ids": evidence_ids,
        "proposer_id": actor.id,
        "proposed_at": now,
        "approver_id": None,
        "approved_at": None,
    }


def _names(claim: Claim) -> dict[str, str | None]:
    """Readable names for the ids a revision would otherwise show."""

    def name(user_id: int | None) -> str | None:
        user = db.session.get(User, user_id) if user_id else None
        return user.name if user else None

    verdict = db.session.get(VerdictLabel, claim.verdict_id) if claim.verdict_id else None
    return {
        "assignee_id": name(claim.assignee_id),
        "proposer_id": name(claim.proposer_id),
        "approver_id": name(claim.approver_id),
        "verdict_id": verdict.name if verdict else None,
    }


def _readable(changes: dict, old: dict, new: dict) -> None:
    """Show people and verdicts by name in the history, not by id."""
    for field, label in (
        ("assignee_id", "assignee"),
        ("proposer_id", "proposer"),
        ("approver_id", "approver"),
        ("verdict_id", "verdict"),
    ):
        if field in changes:
            changes.pop(field)
            changes[label] = (old[field], new[field])
