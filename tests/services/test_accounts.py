from datetime import timedelta

import pytest
from sqlalchemy import select

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.security.passwords import PasswordPolicyError
from claimcheck.services import accounts
from claimcheck.services.errors import ServiceError

pytestmark = pytest.mark.usefixtures("app_context")

PASSWORD = "a long enough passphrase"


def test_create_user_normalises_email_and_hashes_password():
    user = accounts.create_user("  Jane.Doe@Example.ORG ", "Jane Doe", Role.EDITOR, PASSWORD)
    assert user.email == "jane.doe@example.org"
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_duplicate_email_is_refused():
    accounts.create_user("a@example.org", "A", Role.EDITOR, PASSWORD)
    with pytest.raises(ServiceError, match="already exists"):
        accounts.create_user("A@example.org", "A again", Role.LEAD, PASSWORD)


@pytest.mark.parametrize("email", ["", "no-at-sign", "two@@example.org", "a b@example.org"])
def test_invalid_email_is_refused(email):
    with pytest.raises(ServiceError, match="valid email"):
        accounts.create_user(email, "X", Role.EDITOR, PASSWORD)


def test_weak_password_is_refused_and_nothing_is_created():
    with pytest.raises(PasswordPolicyError):
        accounts.create_user("weak@example.org", "Weak", Role.EDITOR, "password1234")
    db.session.rollback()
    assert db.session.scalar(select(User).where(User.email == "weak@example.org")) is None


def test_authenticate_accepts_right_password_and_resets_failures():
    user = accounts.create_user("ok@example.org", "Ok", Role.FACT_CHECKER, PASSWORD)
    user.failed_logins = 3
    result = accounts.authenticate("OK@example.org", PASSWORD)
    assert result.user is user
    assert user.failed_logins == 0
    assert user.last_login_at is not None


def test_unknown_account_and_wrong_password_fail_alike():
    accounts.create_user("known@example.org", "Known", Role.FACT_CHECKER, PASSWORD)
    assert accounts.authenticate("unknown@example.org", PASSWORD).user is None
    assert accounts.authenticate("known@example.org", "wrong password!!").user is None


def test_repeated_failures_lock_the_account_even_for_the_right_password():
    user = accounts.create_user("target@example.org", "T", Role.FACT_CHECKER, PASSWORD)
    now = utcnow()
    for _ in range(5):
        accounts.authenticate(user.email, "wrong password!!", free_failures=5, now=now)
    assert user.failed_logins == 5
    assert user.locked_until == now + timedelta(seconds=1)
    assert accounts.authenticate(user.email, PASSWORD, now=now).user is None
    later = now + timedelta(seconds=2)
    assert accounts.authenticate(user.email, PASSWORD, now=later).user is user


def test_deactivated_account_cannot_sign_in():
    lead = accounts.create_user("lead@example.org", "Lead", Role.LEAD, PASSWORD)
    user = accounts.create_user("gone@example.org", "Gone", Role.EDITOR, PASSWORD)
    accounts.deactivate(lead, user)
    assert accounts.authenticate(user.email, PASSWORD).user is None


def test_session_ending_changes_rotate_the_session_token():
    lead = accounts.create_user("lead@example.org", "Lead", Role.LEAD, PASSWORD)
    user = accounts.create_user("u@example.org", "U", Role.EDITOR, PASSWORD)
    seen = {user.session_token}
    for change in (
        lambda: accounts.force_sign_out(lead, user),
        lambda: accounts.set_password(user, "another long passphrase"),
        lambda: accounts.deactivate(lead, user),
    ):
        change()
        assert user.session_token not in seen
        seen.add(user.session_token)


def test_lead_cannot_change_own_role_or_deactivate_self():
    lead = accounts.create_user("lead@example.org", "Lead", Role.LEAD, PASSWORD)
    with pytest.raises(ServiceError):
        accounts.change_role(lead, lead, Role.FACT_CHECKER)
    with pytest.raises(ServiceError):
        accounts.deactivate(lead, lead)
    assert lead.role is Role.LEAD
    assert lead.is_active_account


def test_set_password_link_works_once():
    user = accounts.create_user("new@example.org", "New", Role.FACT_CHECKER)
    assert user.password_hash is None
    raw = accounts.issue_set_password_link(user)
    accounts.use_set_password_link(raw, PASSWORD)
    assert accounts.authenticate(user.email, PASSWORD).user is user
    with pytest.raises(ServiceError, match="expired or was already used"):
        accounts.use_set_password_link(raw, "yet another passphrase")


def test_expired_set_password_link_is_refused():
    user = accounts.create_user("late@example.org", "Late", Role.FACT_CHECKER)
    raw = accounts.issue_set_password_link(user, valid_hours=0)
    assert accounts.find_set_password_link(raw) is None


def test_change_password_needs_the_current_one():
    user = accounts.create_user("me@example.org", "Me", Role.FACT_CHECKER, PASSWORD)
    with pytest.raises(ServiceError, match="current password"):
        accounts.change_password(user, "not the password", "brand new passphrase")
    accounts.change_password(user, PASSWORD, "brand new passphrase")
    assert accounts.authenticate(user.email, "brand new passphrase").user is user
