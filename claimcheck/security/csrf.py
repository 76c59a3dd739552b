"""CSRF: every cookie-authenticated write needs a token; API-token requests need none."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError

from claimcheck.extensions import csrf
from claimcheck.security.sessions import bearer_token, is_api_request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Never echoed back to a page, even to the person who typed them.
_SECRET_FIELDS = ("password", "csrf_token", "token")


def protect_writes() -> None:
    """Before each request: check the CSRF token of every unsafe cookie-borne request."""
    if request.method in SAFE_METHODS or request.routing_exception is not None:
        return  # nothing will run: let the 404 or 405 answer
    # Browsers cannot attach an Authorization header cross-site, so a token
    # request is not forgeable; it is also never authenticated by cookie.
    if is_api_request() and bearer_token() is not None:
        return
    csrf.protect()


def _kept_fields() -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if not any(secret in name.lower() for secret in _SECRET_FIELDS)
    ]


def handle_csrf_error(error: CSRFError):
    """Give the person their typed input back with a fresh token instead of a bare 400."""
    if is_api_request():
        from flask import jsonify

        return jsonify(error=f"CSRF check failed: {error.description}"), 400
    return (
        render_template(
            "errors/csrf.html",
            reason=error.description,
            fields=_kept_fields(),
            had_files=bool(request.files),
            action=request.path,
        ),
        400,
    )


def init_csrf(app: Flask) -> None:
    """Register the CSRF check and its friendly failure page on an app."""
    app.before_request(protect_writes)
    app.register_error_handler(CSRFError, handle_csrf_error)
