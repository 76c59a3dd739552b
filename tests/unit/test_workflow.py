import dataclasses

import pytest

from claimcheck.roles import Role
from claimcheck.workflow import (
    EDITABLE_STATES,
    LOCKED_STATES,
    TRANSITIONS,
    Action,
    Actor,
    ClaimFacts,
    ClaimState,
    TransitionError,
    available_actions,
    can,
    check_transition,
    is_locked,
)

S = ClaimState
ME, SOMEONE_ELSE = 1, 2
OPEN = {S.NEW, S.ASSIGNED, S.IN_REVIEW, S.RETURNED, S.REOPENED}

# The workflow as agreed with the newsroom, written out independently of TRANSITIONS:
# action -> (states it may start from, state it leads to, editors and leads only?)
TABLE = {
    Action.ASSIGN: (OPEN, S.ASSIGNED, True),
    Action.TAKE: ({S.NEW, S.RETURNED, S.REOPENED}, S.ASSIGNED, False),
    Action.START: ({S.ASSIGNED, S.RETURNED, S.REOPENED}, S.IN_REVIEW, False),
    Action.PROPOSE: ({S.IN_REVIEW}, S.AWAITING_APPROVAL, False),
    Action.APPROVE: ({S.AWAITING_APPROVAL}, S.APPROVED, True),
    Action.RETURN: ({S.AWAITING_APPROVAL}, S.RETURNED, True),
    Action.DISMISS: (OPEN, S.DISMISSED, False),
    Action.REOPEN: ({S.APPROVED, S.DISMISSED}, S.REOPENED, True),
    Action.REINSTATE: ({S.DISMISSED}, S.NEW, False),
}


def facts(state, assignee=None, proposer=None):
    return ClaimFacts(state=state, assignee_id=assignee, proposer_id=proposer)


def actor(role=Role.FACT_CHECKER, id=ME, active=True):
    return Actor(id=id, role=role, active=active)


def favourable_facts(action, state):
    """Facts under which only state and role decide: the actor is the assignee where that
    matters, the claim is unassigned where it must be, and someone else proposed."""
    assignee = ME if action in (Action.START, Action.PROPOSE) else None
    return facts(state, assignee=assignee, proposer=SOMEONE_ELSE)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", list(ClaimState))
@pytest.mark.parametrize("action", list(Action))
def test_transition_table(action, state, role):
    sources, target, editors_only = TABLE[action]
    allowed = state in sources and (role.includes(Role.EDITOR) or not editors_only)
    claim = favourable_facts(action, state)
    assert can(action, claim, actor(role)) is allowed
    if allowed:
        assert check_transition(action, claim, actor(role), reason="checked") == target
    else:
        with pytest.raises(TransitionError):
            check_transition(action, claim, actor(role), reason="checked")


def test_table_is_keyed_by_its_own_actions_and_covers_every_action():
    assert set(TRANSITIONS) == set(Action)
    assert all(key is transition.action for key, transition in TRANSITIONS.items())


def test_only_transitions_that_need_a_reason_have_a_reason_label():
    for transition in TRANSITIONS.values():
        assert (transition.reason_label is not None) is transition.needs_reason


def test_transitions_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        TRANSITIONS[Action.APPROVE].min_role = Role.FACT_CHECKER


def test_actions_have_button_labels():
    assert Action.START.label == "Start review"
    assert Action.REINSTATE.label == "Bring back"
    assert all(action.label for action in Action)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.LEAD])
def test_nobody_approves_a_verdict_they_proposed(role):
    claim = facts(S.AWAITING_APPROVAL, assignee=ME, proposer=ME)
    assert not can(Action.APPROVE, claim, actor(role))
    with pytest.raises(TransitionError, match="You proposed this verdict, so someone else must"):
        check_transition(Action.APPROVE, claim, actor(role))


def test_an_editor_approves_a_verdict_someone_else_proposed():
    claim = facts(S.AWAITING_APPROVAL, assignee=SOMEONE_ELSE, proposer=SOMEONE_ELSE)
    assert check_transition(Action.APPROVE, claim, actor(Role.EDITOR)) is S.APPROVED


def test_fact_checker_cannot_approve_even_someone_elses_verdict():
    claim = facts(S.AWAITING_APPROVAL, proposer=SOMEONE_ELSE)
    with pytest.raises(TransitionError, match="Only editors and leads can approve a verdict."):
        check_transition(Action.APPROVE, claim, actor(Role.FACT_CHECKER))


@pytest.mark.parametrize("role", list(Role))
def test_only_the_assignee_can_start_the_review(role):
    claim = facts(S.ASSIGNED, assignee=SOMEONE_ELSE)
    with pytest.raises(
        TransitionError, match="Only the person assigned to this claim can start its review."
    ):
        check_transition(Action.START, claim, actor(role))


@pytest.mark.parametrize("role", list(Role))
def test_only_the_assignee_can_propose_a_verdict(role):
    claim = facts(S.IN_REVIEW, assignee=SOMEONE_ELSE)
    assert not can(Action.PROPOSE, claim, actor(role))
    assert can(Action.PROPOSE, facts(S.IN_REVIEW, assignee=ME), actor(role))


def test_starting_an_unassigned_claim_says_to_take_it_first():
    with pytest.raises(TransitionError, match="Nobody is assigned"):
        check_transition(Action.START, facts(S.RETURNED), actor())


def test_a_claim_with_an_assignee_cannot_be_taken():
    with pytest.raises(TransitionError, match="already assigned to someone else"):
        check_transition(Action.TAKE, facts(S.RETURNED, assignee=SOMEONE_ELSE), actor())
    with pytest.raises(TransitionError, match="already assigned to you"):
        check_transition(Action.TAKE, facts(S.REOPENED, assignee=ME), actor())


def test_an_editor_can_reassign_a_claim_already_in_review():
    claim = facts(S.IN_REVIEW, assignee=SOMEONE_ELSE)
    assert check_transition(Action.ASSIGN, claim, actor(Role.EDITOR)) is S.ASSIGNED


@pytest.mark.parametrize(
    ("action", "state", "role", "message"),
    [
        (Action.RETURN, S.AWAITING_APPROVAL, Role.EDITOR, "A reason is required to return"),
        (Action.DISMISS, S.NEW, Role.FACT_CHECKER, "A reason is required to dismiss a claim."),
        (Action.REOPEN, S.APPROVED, Role.LEAD, "A reason is required to reopen a claim."),
    ],
)
@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_reasons_are_required_and_blank_ones_do_not_count(action, state, role, message, reason):
    claim = facts(state, proposer=SOMEONE_ELSE)
    assert can(action, claim, actor(role))
    with pytest.raises(TransitionError, match=message):
        check_transition(action, claim, actor(role), reason=reason)
    target = check_transition(action, claim, actor(role), reason="Duplicate of #12")
    assert target == TABLE[action][1]


@pytest.mark.parametrize("action", list(Action))
def test_a_deactivated_person_can_do_nothing(action):
    claim = favourable_facts(action, next(iter(TABLE[action][0])))
    lead = actor(Role.LEAD, active=False)
    assert not can(action, claim, lead)
    with pytest.raises(TransitionError, match="deactivated"):
        check_transition(action, claim, lead, reason="because")


def test_refusal_names_the_state_and_the_action():
    with pytest.raises(TransitionError, match="A claim that is approved can't be dismissed."):
        check_transition(Action.DISMISS, facts(S.APPROVED), actor(Role.LEAD), reason="x")


def test_refusal_says_when_the_claim_is_already_there():
    claim = facts(S.APPROVED, proposer=SOMEONE_ELSE)
    with pytest.raises(TransitionError, match="This claim is already approved."):
        check_transition(Action.APPROVE, claim, actor(Role.EDITOR))


def test_transition_error_is_a_value_error():
    assert issubclass(TransitionError, ValueError)


def test_fact_checker_sees_take_and_dismiss_on_a_new_claim():
    assert available_actions(facts(S.NEW), actor()) == [Action.TAKE, Action.DISMISS]


def test_editor_sees_take_assign_and_dismiss_on_a_new_claim():
    assert available_actions(facts(S.NEW), actor(Role.EDITOR)) == [
        Action.TAKE,
        Action.ASSIGN,
        Action.DISMISS,
    ]


def test_assignee_sees_start_and_dismiss_once_assigned():
    claim = facts(S.ASSIGNED, assignee=ME)
    assert available_actions(claim, actor()) == [Action.START, Action.DISMISS]


def test_other_fact_checkers_can_only_dismiss_someone_elses_claim_in_review():
    claim = facts(S.IN_REVIEW, assignee=SOMEONE_ELSE)
    assert available_actions(claim, actor()) == [Action.DISMISS]


def test_editor_reviewing_a_proposal_sees_approve_then_return():
    claim = facts(S.AWAITING_APPROVAL, assignee=SOMEONE_ELSE, proposer=SOMEONE_ELSE)
    assert available_actions(claim, actor(Role.EDITOR)) == [Action.APPROVE, Action.RETURN]


def test_editor_who_proposed_can_only_return_their_own_proposal():
    claim = facts(S.AWAITING_APPROVAL, assignee=ME, proposer=ME)
    assert available_actions(claim, actor(Role.EDITOR)) == [Action.RETURN]


def test_dismissed_claim_offers_reopen_to_editors_and_bring_back_to_everyone():
    assert available_actions(facts(S.DISMISSED), actor(Role.LEAD)) == [
        Action.REOPEN,
        Action.REINSTATE,
    ]
    assert available_actions(facts(S.DISMISSED), actor()) == [Action.REINSTATE]


def test_approved_claim_offers_nothing_to_fact_checkers():
    assert available_actions(facts(S.APPROVED, proposer=SOMEONE_ELSE), actor()) == []


def test_deactivated_person_is_offered_nothing():
    assert available_actions(facts(S.NEW), actor(Role.LEAD, active=False)) == []


def test_only_approved_claims_are_locked():
    assert [state for state in ClaimState if is_locked(state)] == [S.APPROVED]


def test_wording_is_editable_everywhere_except_approval_and_dismissal():
    expected = set(ClaimState) - {S.AWAITING_APPROVAL, S.APPROVED, S.DISMISSED}
    assert expected == EDITABLE_STATES
    assert not EDITABLE_STATES & LOCKED_STATES
