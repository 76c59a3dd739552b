"""Reports of verified claims: the export page, the printable report, and downloads."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context
from flask_login import current_user

from claimcheck.clock import utcnow
from claimcheck.exports.formats import FORMATS, download_name, render
from claimcheck.exports.links import linked_records
from claimcheck.exports.pdf_report import pdf_report
from claimcheck.permissions import can_export, can_review, require
from claimcheck.services import queue
from claimcheck.services.errors import ServiceError
from claimcheck.services.exports import ExportScope, count_matching, scope_from_args
from claimcheck.workflow import ClaimState

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _scope() -> tuple[ExportScope | None, int, str | None]:
    """The scope in the query string and how many claims it holds, or what is wrong with it."""
    try:
        scope = scope_from_args(request.args.to_dict(flat=False))
        return scope, count_matching(scope), None
    except ServiceError as error:
        return None, 0, str(error)


@bp.route("/")
@require(can_review)
def index():
    """Choose what to export and see how many claims match before downloading."""
    scope, count, problem = _scope()
    return render_template(
        "reports/index.html",
        scope=scope or ExportScope(),
        problem=problem,
        count=count,
        choices=queue.filter_choices(),
        states=list(ClaimState),
        formats=FORMATS,
        query=request.query_string.decode(),
        may_export=can_export(current_user),
    ), 422 if problem else 200


@bp.route("/report")
@require(can_review)
def report():
    """A printable report: per article, its claims with verdicts, evidence and approvals."""
    scope, _, problem = _scope()
    if scope is None:
        return index()
    # A page holds the whole report; very large scopes belong in CSV or JSON Lines.
    records = sorted(
        linked_records(scope),
        key=lambda r: (r.article_title.casefold(), r.claim_id),
    )
    articles = [
        (title, list(group)) for title, group in groupby(records, key=lambda r: r.article_title)
    ]
    return render_template(
        "reports/report.html",
        articles=articles,
        total=len(records),
        generated_at=utcnow(),
        organisation=current_app.config["ORGANISATION_NAME"],
        query=request.query_string.decode(),
    )


@bp.route("/report.pdf")
@require(can_export)
def report_pdf():
    """The printable report as a PDF file."""
    scope, _, problem = _scope()
    if scope is None:
        return index()
    body = pdf_report(
        linked_records(scope),
        title="Verified claims",
        organisation=current_app.config["ORGANISATION_NAME"],
        generated_at=utcnow(),
    )
    response = Response(body, mimetype="application/pdf")
    name = f"claimcheck-report-{utcnow().date().isoformat()}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/download/<format_name>")
@require(can_export)
def download(format_name: str):
    """Download the scope as csv, json, jsonl or ClaimReview, streamed."""
    if format_name not in FORMATS:
        return render_template(
            "errors/error.html",
            code=404,
            title="Not found",
            message="There is no such export format.",
            detail=None,
        ), 404
    scope, _, problem = _scope()
    if scope is None:
        return render_template(
            "errors/error.html", code=422, title="Cannot export", message=problem, detail=None
        ), 422
    records = linked_records(scope)
    body = render(format_name, records, current_app.config["ORGANISATION_NAME"])
    response = Response(stream_with_context(body), mimetype=FORMATS[format_name].media_type)
    name = download_name(format_name, "report", utcnow().date())
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
