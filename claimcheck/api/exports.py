"""Exports through the API: the same scope, formats and streaming as the command line."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from claimcheck.clock import utcnow
from claimcheck.exports.formats import FORMATS, download_name, render
from claimcheck.exports.links import claim_permalinks
from claimcheck.permissions import can_export, require
from claimcheck.services.errors import ServiceError
from claimcheck.services.exports import ExportScope, count_matching, iter_records

bp = Blueprint("api_exports", __name__, url_prefix="/api/v1")


class ScopeError(ValueError):
    """A query parameter that does not describe a scope."""


def _ids(name: str) -> tuple[int, ...]:
    values = request.args.getlist(name)
    if not all(value.isdigit() for value in values):
        raise ScopeError(f"`{name}` must be ids (whole numbers).")
    return tuple(int(value) for value in values)


def _day(name: str) -> date | None:
    value = request.args.get(name)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ScopeError(f"`{name}` must be a date as YYYY-MM-DD.") from None


def scope_from_args() -> ExportScope:
    """The export scope named by the query parameters (default: approved claims)."""
    source = _ids("source")
    return ExportScope(
        article_ids=_ids("article"),
        states=tuple(request.args.getlist("state")) or ("approved",),
        verdict_ids=_ids("verdict"),
        source_id=source[0] if source else None,
        since=_day("since"),
        until=_day("until"),
    )


def _error(status: int, message: str):
    response = jsonify(error=message)
    response.status_code = status
    return response


@bp.route("/exports")
@require(can_export)
def export():
    """Stream verified claims as csv, json, jsonl or claimreview; no row cap."""
    format_name = request.args.get("format", "json")
    if format_name not in FORMATS:
        return _error(422, f"`format` must be one of: {', '.join(FORMATS)}.")
    try:
        scope = scope_from_args()
        count = count_matching(scope)
    except (ScopeError, ServiceError) as error:
        return _error(422, str(error))
    records = iter_records(scope, claim_permalinks())
    body = render(format_name, records, current_app.config["ORGANISATION_NAME"])
    name = download_name(format_name, "export", utcnow().date())
    response = Response(stream_with_context(body), mimetype=FORMATS[format_name].media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Claim-Count"] = str(count)
    return response
