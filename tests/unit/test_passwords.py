import pytest

from claimcheck.security.passwords import (
    PasswordPolicyError,
    check_password_policy,
    hash_password,
    verify_password,
)


def test_hash_is_argon2id_and_verifies_exactly_as_typed():
    password = "  Spaces and ÜNICODE count too  "
    stored = hash_password(password)
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, password)
    assert not verify_password(stored, password.strip())
    assert not verify_password(stored, password.lower())


def test_missing_hash_never_matches():
    assert not verify_password(None, "anything at all here")


@pytest.mark.parametrize("password", ["short", "elevenchars"])
def test_passwords_under_twelve_characters_are_refused(password):
    with pytest.raises(PasswordPolicyError, match="at least 12"):
        check_password_policy(password)


def test_long_passphrases_are_accepted_without_composition_rules():
    check_password_policy("all lower case words are fine")
    check_password_policy("x" * 5 + "y" * 5 + "z" * 118)  # 128 characters


def test_overlong_passwords_are_refused():
    with pytest.raises(PasswordPolicyError, match="at most"):
        check_password_policy("a b c d " * 40)


@pytest.mark.parametrize(
    "password",
    ["1qaz2wsx3edc", "qwerty123456", "password1234", "passwordpassword", "aaaaaaaaaaaaaaaa"],
)
def test_common_passwords_are_refused(password):
    with pytest.raises(PasswordPolicyError, match="too common"):
        check_password_policy(password)


def test_password_equal_to_email_is_refused():
    with pytest.raises(PasswordPolicyError):
        check_password_policy("reporter.jones@example.org", email="reporter.jones@example.org")
