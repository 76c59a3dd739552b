"""Sign-in sessions: a per-person token in every cookie, idle and absolute time-outs."""

from __future__ import annotations

import hmac
import secrets
import time

from flask import Flask, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import bindparam, select

from claimcheck.extensions import db, login_manager
from claimcheck.models import User
from claimcheck.services.tokens import user_for_token

# Refresh the "last seen" time at most this often, so most responses set no cookie.
_SEEN_RESOLUTION_SECONDS = 60
# Every request reads its person afresh. Built once, the statement's cache key is kept,
# where Session.get would build and key a new one each time.
_USER_BY_ID = select(User).where(User.id == bindparam("user_id"))


def is_api_request() -> bool:
    """Whether the request is for the JSON API."""
    return request.path.startswith("/api/")


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer …` header, if one was sent."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


@login_manager.user_loader
def _load_user_from_session(session_id: str) -> User | None:
    # A request that carries a token is judged on the token alone, never on cookies.
    if bearer_token() is not None:
        return None
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.scalar(_USER_BY_ID, {"user_id": int(user_id)})
    if user is None or not user.is_active_account:
        return None
    if not hmac.compare_digest(user.session_token, token):
        return None
    return user


@login_manager.request_loader
def _load_user_from_token(_request) -> User | None:
    token = bearer_token()
    if token is None or not is_api_request():
        return None
    return user_for_token(token)


@login_manager.unauthorized_handler
def _unauthorized():
    if is_api_request():
        return jsonify(error="Authentication required."), 401
    target = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.login", next=target))


def start_session(user: User) -> None:
    """Sign a person in with a brand-new session cookie."""
    session.clear()
    login_user(user)
    now = int(time.time())
    session.permanent = True
    session["signed_in_at"] = now
    session["seen_at"] = now
    # A fresh random value makes the new cookie differ from any earlier one.
    session["nonce"] = secrets.token_urlsafe(8)


def end_session() -> None:
    """Forget the signed-in person in this browser."""
    logout_user()
    session.clear()


def enforce_time_limits():
    """Before each request: end a session that was idle or open for too long."""
    if "_user_id" not in session or bearer_token() is not None:
        return None
    now = int(time.time())
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    signed_in_at = session.get("signed_in_at", 0)
    seen_at = session.get("seen_at", 0)
    if now - signed_in_at > lifetime or now - seen_at > idle:
        end_session()
        if is_api_request():
            return jsonify(error="Your session has ended; sign in again."), 401
        from flask import flash

        flash("Your session ended after a period without activity. Please sign in again.", "info")
        return redirect(url_for("auth.login", next=request.path))
    if now - seen_at >= _SEEN_RESOLUTION_SECONDS:
        session["seen_at"] = now
    return None


def init_sessions(app: Flask) -> None:
    """Register the session checks on an app."""
    login_manager.session_protection = "basic"
    app.before_request(enforce_time_limits)
    app.context_processor(lambda: {"current_user": current_user})
