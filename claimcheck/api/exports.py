"""Exports through the API: the same scope, formats and streaming as the command line."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, stream_with_context
from flask_login import current_user

from claimcheck.clock import utcnow
from claimcheck.database import write_from_read
from claimcheck.downloads import attachment
from claimcheck.exports.formats import FORMATS, download_name, render
from claimcheck.exports.links import linked_records
from claimcheck.permissions import can_export, require
from claimcheck.services.errors import ServiceError
from claimcheck.services.exports import count_matching, record_export, scope_from_args

bp = Blueprint("api_exports", __name__, url_prefix="/api/v1")


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
        scope = scope_from_args(request.args.to_dict(flat=False))
        count = count_matching(scope)
    except ServiceError as error:
        return _error(422, str(error))
    user = current_user._get_current_object()
    write_from_read(lambda: record_export(user, scope, format_name, count))
    records = linked_records(scope)
    body = render(format_name, records, current_app.config["ORGANISATION_NAME"])
    name = download_name(format_name, "export", utcnow().date())
    response = attachment(stream_with_context(body), FORMATS[format_name].media_type, name)
    response.headers["X-Claim-Count"] = str(count)
    return response
