"""Reports of verified claims: the export page, the printable report, and downloads."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, stream_with_context
from flask_login import current_user

from claimcheck.clock import utcnow
from claimcheck.database import write_from_read
from claimcheck.downloads import attachment
from claimcheck.exports.formats import FORMATS, download_name, render
from claimcheck.exports.html_report import by_article
from claimcheck.exports.links import linked_records
from claimcheck.exports.pdf_report import pdf_report
from claimcheck.permissions import can_export, can_review, require
from claimcheck.services import queue
from claimcheck.services.errors import ServiceError
from claimcheck.services.exports import (
    ExportScope,
    article_choices,
    count_matching,
    record_export,
    scope_from_args,
)
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
    scope = scope or ExportScope()
    article_search = request.args.get("article_search", "").strip()
    return render_template(
        "reports/index.html",
        scope=scope,
        problem=problem,
        count=count,
        article_search=article_search,
        articles=article_choices(article_search, scope.article_ids),
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
    articles = by_article(linked_records(scope))
    return render_template(
        "reports/report.html",
        articles=articles,
        total=sum(len(group) for _, group in articles),
        generated_at=utcnow(),
        organisation=current_app.config["ORGANISATION_NAME"],
        query=request.query_string.decode(),
    )


@bp.route("/report.pdf")
@require(can_export)
def report_pdf():
    """The printable report as a PDF file."""
    scope, count, problem = _scope()
    if scope is None:
        return index()
    _record(scope, "pdf", count)
    body = pdf_report(
        linked_records(scope),
        title="Verified claims",
        organisation=current_app.config["ORGANISATION_NAME"],
        generated_at=utcnow(),
    )
    name = f"claimcheck-report-{utcnow().date().isoformat()}.pdf"
    return attachment(body, "application/pdf", name)


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
    scope, count, problem = _scope()
    if scope is None:
        return render_template(
            "errors/error.html", code=422, title="Cannot export", message=problem, detail=None
        ), 422
    _record(scope, format_name, count)
    records = linked_records(scope)
    body = render(format_name, records, current_app.config["ORGANISATION_NAME"])
    name = download_name(format_name, "report", utcnow().date())
    return attachment(stream_with_context(body), FORMATS[format_name].media_type, name)


def _record(scope: ExportScope, format_name: str, count: int) -> None:
    """Put the export in the audit log before the first byte leaves."""
    user = current_user._get_current_object()
    write_from_read(lambda: record_export(user, scope, format_name, count))
