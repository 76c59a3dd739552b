import pytest

from claimcheck.extensions import db
from claimcheck.roles import Role
from claimcheck.services import accounts, tokens
from claimcheck.services.errors import NotFound

pytestmark = pytest.mark.usefixtures("app_context")


def _user(email="t@example.org", role=Role.EDITOR):
    return accounts.create_user(email, "T", role, "a long enough passphrase")


def test_token_is_stored_only_as_a_digest_and_finds_its_owner():
    user = _user()
    token, raw = tokens.create_token(user, "exports")
    assert raw.startswith("cc_")
    assert len(raw) > 40
    assert raw not in (token.token_hash, token.prefix)
    assert token.prefix == raw[:10]
    assert tokens.user_for_token(raw) is user


def test_revoked_token_stops_working():
    user = _user()
    token, raw = tokens.create_token(user)
    tokens.revoke_token(user, token.id)
    assert tokens.user_for_token(raw) is None


def test_token_of_deactivated_owner_stops_working():
    lead = _user("lead@example.org", Role.LEAD)
    user = _user()
    _, raw = tokens.create_token(user)
    accounts.deactivate(lead, user)
    assert tokens.user_for_token(raw) is None


def test_people_cannot_revoke_each_others_tokens():
    owner = _user()
    other = _user("other@example.org")
    token, raw = tokens.create_token(owner)
    with pytest.raises(NotFound):
        tokens.revoke_token(other, token.id)
    db.session.flush()
    assert tokens.user_for_token(raw) is owner


@pytest.mark.parametrize("raw", ["", "cc_", "cc_nonsense", "Bearer x", "x" * 500])
def test_garbage_tokens_match_nobody(raw):
    _user()
    assert tokens.user_for_token(raw) is None
