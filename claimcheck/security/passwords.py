"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

import contextlib
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

# RFC 9106's low-memory argon2id profile: strong, yet a login costs tens of ms, not seconds.
_hasher = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)

MIN_LENGTH = 12
MAX_LENGTH = 256


class PasswordPolicyError(ValueError):
    """A password that the policy refuses; the message is shown to the person."""


def hash_password(password: str) -> str:
    """Return an argon2id hash of the password exactly as typed."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password against a stored hash; a missing hash never matches."""
    if not password_hash:
        _burn_time(password)
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)


def _burn_time(password: str) -> None:
    # Unknown accounts cost as much as known ones, so timing does not reveal which exist.
    with contextlib.suppress(VerificationError):
        _hasher.verify(_dummy_hash(), password)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("not-a-real-password")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships a frequency-ranked list of 30,000 leaked passwords.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


_DECORATION = "0123456789!@#$%^&*()-_=+.,?~ "


def _is_common(folded: str) -> bool:
    if folded in _common_passwords():
        return True
    # "password1234" and "qwertyqwerty" are the common ones in disguise.
    base = folded.strip(_DECORATION)
    if len(base) >= 4 and base in _common_passwords():
        return True
    for size in range(1, len(folded) // 2 + 1):
        if len(folded) % size == 0 and folded[:size] * (len(folded) // size) == folded:
            return True
    return False


def check_password_policy(password: str, *, email: str = "", name: str = "") -> None:
    """Raise PasswordPolicyError unless the password is long enough and not a common one."""
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(f"Use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise PasswordPolicyError(f"Use at most {MAX_LENGTH} characters.")
    folded = password.casefold()
    if _is_common(folded) or len(set(password)) < 3:
        raise PasswordPolicyError("That password is too common; choose another.")
    local_part = email.split("@", 1)[0].casefold()
    if folded in {email.casefold(), name.casefold()} or (
        len(local_part) >= MIN_LENGTH and folded == local_part
    ):
        raise PasswordPolicyError("The password must not be your email address or name.")
