"""Claim workflow: states, actions, allowed transitions and who may make them; plain Python."""

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from claimcheck.roles import Role


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

# Where a claim waits on the person it is assigned to: their backlog, and "next in my work".
WAITING_ON_ASSIGNEE = (ClaimState.ASSIGNED, ClaimState.IN_REVIEW, ClaimState.RETURNED)

# An approved claim is published record: attribution, wording and evidence stay fixed until
# an editor reopens it.
LOCKED_STATES = frozenset({ClaimState.APPROVED})


def is_locked(state: ClaimState) -> bool:
    """Whether a claim in `state` is locked against edits until it is reopened."""
    return state in LOCKED_STATES


class Action(StrEnum):
    """Something a person can do to move a claim along the workflow."""

    ASSIGN = "assign"
    TAKE = "take"
    START = "start"
    PROPOSE = "propose"
    APPROVE = "approve"
    RETURN = "return"
    DISMISS = "dismiss"
    REOPEN = "reopen"
    REINSTATE = "reinstate"

    @property
    def label(self) -> str:
        """Text for the button that performs the action."""
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.ASSIGN: "Assign",
    Action.TAKE: "Take",
    Action.START: "Start review",
    Action.PROPOSE: "Propose verdict",
    Action.APPROVE: "Approve",
    Action.RETURN: "Return",
    Action.DISMISS: "Dismiss",
    Action.REOPEN: "Reopen",
    Action.REINSTATE: "Bring back",
}


@dataclass(frozen=True)
class Transition:
    """One action: the states it starts from, where it leads, and who may take it."""

    action: Action
    sources: frozenset[ClaimState]
    target: ClaimState
    min_role: Role
    needs_reason: bool
    reason_label: str | None


@dataclass(frozen=True)
class ClaimFacts:
    """What the workflow needs to know about a claim."""

    state: ClaimState
    assignee_id: int | None
    proposer_id: int | None


@dataclass(frozen=True)
class Actor:
    """The person trying to act."""

    id: int
    role: Role
    active: bool = True


class TransitionError(ValueError):
    """An action that is not allowed; the message is written to be shown to the person."""


_S = ClaimState
# Claims still being worked on: they can be (re)assigned or dismissed.
_OPEN = frozenset({_S.NEW, _S.ASSIGNED, _S.IN_REVIEW, _S.RETURNED, _S.REOPENED})

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.ASSIGN, _OPEN, _S.ASSIGNED, Role.EDITOR, False, None),
        Transition(
            Action.TAKE,
            frozenset({_S.NEW, _S.RETURNED, _S.REOPENED}),
            _S.ASSIGNED,
            Role.FACT_CHECKER,
            False,
            None,
        ),
        Transition(
            Action.START,
            frozenset({_S.ASSIGNED, _S.RETURNED, _S.REOPENED}),
            _S.IN_REVIEW,
            Role.FACT_CHECKER,
            False,
            None,
        ),
        Transition(
            Action.PROPOSE,
            frozenset({_S.IN_REVIEW}),
            _S.AWAITING_APPROVAL,
            Role.FACT_CHECKER,
            False,
            None,
        ),
        Transition(
            Action.APPROVE,
            frozenset({_S.AWAITING_APPROVAL}),
            _S.APPROVED,
            Role.EDITOR,
            False,
            None,
        ),
        Transition(
            Action.RETURN,
            frozenset({_S.AWAITING_APPROVAL}),
            _S.RETURNED,
            Role.EDITOR,
            True,
            "What needs to change",
        ),
        Transition(
            Action.DISMISS, _OPEN, _S.DISMISSED, Role.FACT_CHECKER, True, "Why dismiss this claim"
        ),
        Transition(
            Action.REOPEN,
            frozenset({_S.APPROVED, _S.DISMISSED}),
            _S.REOPENED,
            Role.EDITOR,
            True,
            "Why reopen this claim",
        ),
        Transition(
            Action.REINSTATE, frozenset({_S.DISMISSED}), _S.NEW, Role.FACT_CHECKER, False, None
        ),
    )
}

# Forward steps first and dismissal last, so the most likely next step leads the row of buttons.
BUTTON_ORDER: tuple[Action, ...] = (
    Action.TAKE,
    Action.START,
    Action.PROPOSE,
    Action.APPROVE,
    Action.RETURN,
    Action.ASSIGN,
    Action.REOPEN,
    Action.REINSTATE,
    Action.DISMISS,
)


class _Wording(NamedTuple):
    task: str  # "… can <task>" / "A reason is required to <task>."
    done: str  # "A claim that is <state> can't be <done>."


_WORDING = {
    Action.ASSIGN: _Wording("assign a claim", "assigned"),
    Action.TAKE: _Wording("take a claim", "taken"),
    Action.START: _Wording("start a review", "put into review"),
    Action.PROPOSE: _Wording("propose a verdict", "sent for approval"),
    Action.APPROVE: _Wording("approve a verdict", "approved"),
    Action.RETURN: _Wording("return a verdict", "returned"),
    Action.DISMISS: _Wording("dismiss a claim", "dismissed"),
    Action.REOPEN: _Wording("reopen a claim", "reopened"),
    Action.REINSTATE: _Wording("bring back a claim", "brought back"),
}

# Actions that belong to whoever the claim is assigned to, with how the refusal names them.
_ASSIGNEE_TASKS = {Action.START: "start its review", Action.PROPOSE: "propose its verdict"}


def _roles_phrase(min_role: Role) -> str:
    """'editors and leads' for Role.EDITOR, and so on down the hierarchy."""
    names = [f"{role.label.lower()}s" for role in Role if role.includes(min_role)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _refusal(
    action: Action, facts: ClaimFacts, actor: Actor, reason: str | None, check_reason: bool
) -> str | None:
    """Why `actor` may not take `action` on the claim, or None if they may."""
    transition = TRANSITIONS[action]
    wording = _WORDING[action]
    state = facts.state
    if not actor.active:
        return "Your account is deactivated, so you can't change claims."
    if not actor.role.includes(transition.min_role):
        return f"Only {_roles_phrase(transition.min_role)} can {wording.task}."
    if state not in transition.sources:
        if state == transition.target:
            return f"This claim is already {state.label.lower()}."
        return f"A claim that is {state.label.lower()} can't be {wording.done}."
    if action is Action.TAKE and facts.assignee_id is not None:
        if facts.assignee_id == actor.id:
            return "This claim is already assigned to you."
        return "This claim is already assigned to someone else."
    if action in _ASSIGNEE_TASKS and facts.assignee_id != actor.id:
        if facts.assignee_id is None:
            return "Nobody is assigned to this claim yet; take it or have it assigned first."
        return f"Only the person assigned to this claim can {_ASSIGNEE_TASKS[action]}."
    # A second pair of eyes is the point of approval, whatever the proposer's role.
    if action is Action.APPROVE and facts.proposer_id == actor.id:
        return "You proposed this verdict, so someone else must approve it."
    if check_reason and transition.needs_reason and not (reason and reason.strip()):
        return f"A reason is required to {wording.task}."
    return None


def check_transition(
    action: Action, facts: ClaimFacts, actor: Actor, reason: str | None = None
) -> ClaimState:
    """Return the state `action` leads to, or raise TransitionError saying why it can't happen."""
    message = _refusal(action, facts, actor, reason, check_reason=True)
    if message is not None:
        raise TransitionError(message)
    return TRANSITIONS[action].target


def can(action: Action, facts: ClaimFacts, actor: Actor) -> bool:
    """Whether `actor` may take `action`, leaving aside any reason it needs."""
    return _refusal(action, facts, actor, None, check_reason=False) is None


def available_actions(facts: ClaimFacts, actor: Actor) -> list[Action]:
    """The actions `actor` may take on the claim, in the order to show them."""
    return [action for action in BUTTON_ORDER if can(action, facts, actor)]
