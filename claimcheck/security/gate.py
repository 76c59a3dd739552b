"""Default deny: every endpoint needs a signed-in person unless marked public."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request
from flask_login import current_user

from claimcheck.extensions import login_manager

# Endpoints outside the app's own views that anyone may reach.
PUBLIC_ENDPOINTS = frozenset({"static"})


def public(view: Callable) -> Callable:
    """Mark a view as reachable without signing in (login page, set-password link)."""
    view.is_public = True
    return view


def is_public_endpoint(endpoint: str | None) -> bool:
    """Whether `endpoint` may be reached without signing in."""
    if endpoint is None or endpoint in PUBLIC_ENDPOINTS:
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "is_public", False))


def require_sign_in():
    """Before each request: send anyone not signed in to the login page (or 401 for the API)."""
    if is_public_endpoint(request.endpoint):
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def init_gate(app: Flask) -> None:
    """Register the default-deny check on an app."""
    app.before_request(require_sign_in)
