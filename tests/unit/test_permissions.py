from types import SimpleNamespace

import pytest

from claimcheck.permissions import (
    can_approve,
    can_audit,
    can_change_account,
    can_export,
    can_manage_people,
    can_review,
)
from claimcheck.roles import Role


def person(role: Role, active: bool = True, id: int = 1):
    return SimpleNamespace(id=id, role=role, is_authenticated=True, is_active=active)


ANONYMOUS = SimpleNamespace(is_authenticated=False, is_active=False)

# role -> (review, approve, export, audit, manage people)
MATRIX = {
    Role.FACT_CHECKER: (True, False, False, False, False),
    Role.EDITOR: (True, True, True, False, False),
    Role.LEAD: (True, True, True, True, True),
}


@pytest.mark.parametrize("role", list(Role))
def test_role_matrix(role):
    predicates = (can_review, can_approve, can_export, can_audit, can_manage_people)
    assert tuple(p(person(role)) for p in predicates) == MATRIX[role]


@pytest.mark.parametrize(
    "predicate", [can_review, can_approve, can_export, can_audit, can_manage_people]
)
def test_anonymous_and_deactivated_people_can_do_nothing(predicate):
    assert not predicate(ANONYMOUS)
    assert not predicate(None)
    assert not predicate(person(Role.LEAD, active=False))


def test_lead_cannot_change_own_account_but_can_change_others():
    lead = person(Role.LEAD, id=1)
    assert not can_change_account(lead, person(Role.LEAD, id=1))
    assert can_change_account(lead, person(Role.FACT_CHECKER, id=2))
    assert not can_change_account(person(Role.EDITOR, id=3), person(Role.FACT_CHECKER, id=2))


def test_roles_are_ordered():
    assert Role.LEAD.includes(Role.EDITOR)
    assert Role.EDITOR.includes(Role.FACT_CHECKER)
    assert not Role.FACT_CHECKER.includes(Role.EDITOR)
    assert Role("fact-checker") is Role.FACT_CHECKER
