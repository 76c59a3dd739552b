"""Personal API tokens: shown once, stored as a digest, acting with the owner's role."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models import ApiToken, User
from claimcheck.services import audit
from claimcheck.services.errors import NotFound, ServiceError

TOKEN_PREFIX = "cc_"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(
    user: User, name: str | None = None, created_by: User | None = None
) -> tuple[ApiToken, str]:
    """Create a token for `user`; return it and the secret, which is never stored.

    `created_by` is who asked for it: the owner in the app, nobody on the command line.
    """
    label = (name or "").strip() or "API token"
    if len(label) > 80:
        raise ServiceError("Use a token name of at most 80 characters.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=label, prefix=raw[:10], token_hash=_digest(raw))
    db.session.add(token)
    db.session.flush()
    _audit("token.created", created_by, token, f"created the API token {_named(token)}")
    return token, raw


def _named(token: ApiToken) -> str:
    return f"“{token.name}” ({token.prefix}…) of {token.user.name}"


def _audit(action: str, actor: User | None, token: ApiToken, summary: str) -> None:
    audit.record(
        action,
        actor,
        summary,
        object_type="api_token",
        object_id=token.id,
    )


def revoke_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        _audit("token.revoked", user, token, f"revoked the API token {_named(token)}")
    return token


def user_for_token(raw: str) -> User | None:
    """Return the active owner of a live token, or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(raw)))
    if token is None or token.revoked_at is not None or not token.user.is_active_account:
        return None
    return token.user
