"""Error pages in the app's own layout, and JSON errors for the API."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from claimcheck.extensions import db
from claimcheck.security.sessions import is_api_request

MESSAGES = {
    400: ("Bad request", "The request could not be understood. Please check what you sent."),
    401: ("Sign-in required", "Please sign in to continue."),
    403: ("Not allowed", "Your role does not allow this. Ask a lead if you think it should."),
    404: ("Not found", "There is nothing at this address."),
    405: ("Method not allowed", "This address does not accept that kind of request."),
    409: ("Conflict", "Someone else changed this in the meantime."),
    413: ("Too large", "What you sent is larger than this server accepts."),
    422: ("Cannot process", "The request was understood but its content is not valid."),
    429: ("Too many requests", "Too many attempts in a short time. Please wait and try again."),
    500: ("Something went wrong", "The error was logged and nothing was saved. Please try again."),
}


def render_error(code: int, detail: str | None = None) -> Response:
    """Render the error page (or JSON body) for an HTTP status code."""
    title, message = MESSAGES.get(code, (f"Error {code}", "The request failed."))
    if is_api_request():
        response = jsonify(error=detail or message)
    else:
        response = make_response(
            render_template(
                "errors/error.html", code=code, title=title, message=message, detail=detail
            )
        )
    response.status_code = code
    return response


def handle_http_error(error: HTTPException) -> Response | HTTPException:
    """Turn an HTTP error into a page of the app's own."""
    if error.code is None or error.code < 400:
        return error
    # Show a description only when the app wrote it (abort(404, "…")), not werkzeug's default.
    detail = error.description if error.description != type(error).description else None
    response = render_error(error.code, detail)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def handle_unexpected_error(error: Exception):
    """A 500 never shows a traceback and leaves nothing half-written."""
    db.session.rollback()
    if isinstance(error, HTTPException) and not isinstance(error, InternalServerError):
        return handle_http_error(error)
    current_app.logger.error(
        "Unhandled error on %s %s",
        request.method,
        request.path,
        exc_info=getattr(error, "original_exception", None) or error,
    )
    return render_error(500)


def init_error_handlers(app: Flask) -> None:
    """Register the error handlers on an app."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected_error)
    app.register_error_handler(Exception, handle_unexpected_error)
