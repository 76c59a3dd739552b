"""Accounts: creation, passwords, sign-in with a per-account failure delay, role and status."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models import SetPasswordLink, User
from claimcheck.models.user import new_session_token
from claimcheck.roles import Role
from claimcheck.security.passwords import (
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from claimcheck.services import audit
from claimcheck.services.errors import ServiceError

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def normalize_email(email: str) -> str:
    """Trim and lower-case an address; raise ServiceError when it is not one."""
    cleaned = (email or "").strip().lower()
    if len(cleaned) > 254 or not _EMAIL.match(cleaned):
        raise ServiceError("Enter a valid email address.")
    return cleaned


def find_user_by_email(email: str) -> User | None:
    """Return the account with this address, if any."""
    try:
        cleaned = normalize_email(email)
    except ServiceError:
        return None
    return db.session.scalar(select(User).where(User.email == cleaned))


def _audit(
    action: str,
    actor: User | None,
    user: User | None,
    summary: str,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    audit.record(
        action,
        actor,
        summary,
        object_type="user",
        object_id=user.id if user is not None else None,
        before=before,
        after=after,
    )


def create_user(
    email: str,
    name: str,
    role: Role,
    password: str | None = None,
    actor: User | None = None,
) -> User:
    """Create an account; without a password it can only be opened by a set-password link."""
    cleaned = normalize_email(email)
    if db.session.scalar(select(func.count()).select_from(User).where(User.email == cleaned)):
        raise ServiceError(f"An account for {cleaned} already exists.")
    display_name = (name or "").strip() or cleaned.split("@", 1)[0]
    if len(display_name) > 120:
        raise ServiceError("Use a name of at most 120 characters.")
    user = User(email=cleaned, name=display_name, role=Role(role))
    if password is not None:
        check_password_policy(password, email=cleaned, name=display_name)
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    _audit(
        "account.created",
        actor,
        user,
        f"created the account of {user.name} <{user.email}> as {user.role.label}",
        after={"email": user.email, "name": user.name, "role": user.role},
    )
    return user


def set_password(user: User, password: str, actor: User | None = None) -> None:
    """Replace a password, ending every existing session of that person."""
    check_password_policy(password, email=user.email, name=user.name)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    end_all_sessions(user)
    whose = "their own password" if actor is user else f"the password of {user.name}"
    _audit("account.password_set", actor, user, f"set {whose}")


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password after proving the current one."""
    if not verify_password(user.password_hash, current):
        raise ServiceError("The current password is not right.")
    set_password(user, new, actor=user)


def end_all_sessions(user: User) -> None:
    """Invalidate every cookie issued to this person (sign-out everywhere)."""
    user.session_token = new_session_token()


@dataclass(frozen=True)
class SignInResult:
    """The outcome of a sign-in attempt; `user` is None on any failure."""

    user: User | None


def failure_delay(failures: int, free_failures: int, max_seconds: int) -> timedelta:
    """How long an account waits after this many failures: 0, then 1 s doubling to a cap."""
    if failures < free_failures:
        return timedelta(0)
    return timedelta(seconds=min(2 ** (failures - free_failures), max_seconds))


def authenticate(
    email: str,
    password: str,
    *,
    free_failures: int = 5,
    max_delay_seconds: int = 900,
    now: datetime | None = None,
) -> SignInResult:
    """Check credentials; count failures per account and refuse while its delay runs."""
    now = now or utcnow()
    user = find_user_by_email(email)
    if user is None:
        verify_password(None, password)  # same cost as a real check
        return _sign_in_failed(email, None, "no such account")
    if user.locked_until is not None and user.locked_until > now:
        verify_password(None, password)
        return _sign_in_failed(email, user, "waiting after repeated failures")
    if not user.is_active_account or not verify_password(user.password_hash, password):
        user.failed_logins += 1
        delay = failure_delay(user.failed_logins, free_failures, max_delay_seconds)
        user.locked_until = now + delay if delay else None
        reason = "wrong password" if user.is_active_account else "account deactivated"
        return _sign_in_failed(email, user, reason)
    if needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    _audit("auth.signed_in", user, user, "signed in")
    return SignInResult(user)


def _sign_in_failed(email: str, user: User | None, reason: str) -> SignInResult:
    """Record a refused sign-in; the reason stays in the log, the page says nothing of it."""
    typed = " ".join((email or "").split())[:254]
    _audit(
        "auth.sign_in_failed",
        None,
        user,
        f"failed to sign in as {typed or '(no address)'} ({reason})",
        after={"email": typed, "reason": reason},
    )
    return SignInResult(None)


def sign_out(user: User) -> None:
    """Sign out, which ends this person's sessions everywhere."""
    end_all_sessions(user)
    _audit("auth.signed_out", user, user, "signed out")


def change_role(actor: User, user: User, role: Role) -> None:
    """Give another person a new role."""
    _refuse_self(actor, user, "change your own role")
    before = user.role
    if before == Role(role):
        return
    user.role = Role(role)
    _audit(
        "account.role_changed",
        actor,
        user,
        f"changed the role of {user.name} from {before.label} to {user.role.label}",
        before={"role": before},
        after={"role": user.role},
    )


def deactivate(actor: User, user: User) -> None:
    """Stop a person signing in, and end their sessions and tokens' use at once."""
    _refuse_self(actor, user, "deactivate yourself")
    user.is_active_account = False
    end_all_sessions(user)
    _audit("account.deactivated", actor, user, f"deactivated the account of {user.name}")


def reactivate(actor: User, user: User) -> None:
    """Let a deactivated person sign in again."""
    _refuse_self(actor, user, "reactivate yourself")
    user.is_active_account = True
    user.failed_logins = 0
    user.locked_until = None
    _audit("account.reactivated", actor, user, f"reactivated the account of {user.name}")


def force_sign_out(actor: User, user: User) -> None:
    """End every session of another person, e.g. after a lost laptop."""
    _refuse_self(actor, user, "force your own sign-out (use Sign out)")
    end_all_sessions(user)
    _audit("account.forced_sign_out", actor, user, f"signed {user.name} out everywhere")


def _refuse_self(actor: User, user: User, what: str) -> None:
    if actor.id == user.id:
        raise ServiceError(f"You cannot {what}; ask another lead.")


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_set_password_link(user: User, valid_hours: int = 72) -> str:
    """Create a one-time set-password token for a person and return it (shown once)."""
    raw = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        SetPasswordLink(
            user=user,
            token_hash=_digest(raw),
            created_at=now,
            expires_at=now + timedelta(hours=valid_hours),
        )
    )
    db.session.flush()
    return raw


def new_set_password_link(actor: User, user: User) -> str:
    """Issue a fresh set-password link for a person, e.g. after the first one expired."""
    raw = issue_set_password_link(user)
    _audit("account.link_issued", actor, user, f"issued a set-password link for {user.name}")
    return raw


def find_set_password_link(raw: str) -> SetPasswordLink | None:
    """Return the unused, unexpired link for this token, if any."""
    link = db.session.scalar(
        select(SetPasswordLink).where(SetPasswordLink.token_hash == _digest(raw))
    )
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        return None
    if not link.user.is_active_account:
        return None
    return link


def use_set_password_link(raw: str, password: str) -> User:
    """Set a password through a one-time link, which then stops working."""
    link = find_set_password_link(raw)
    if link is None:
        raise ServiceError("This link has expired or was already used; ask a lead for a new one.")
    set_password(link.user, password, actor=link.user)
    link.used_at = utcnow()
    db.session.flush()
    return link.user
