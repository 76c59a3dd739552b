"""Leads read the audit log: filtered, newest first, as CSV, and as timelines."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, stream_with_context
from sqlalchemy import select

from claimcheck.clock import utcnow
from claimcheck.downloads import attachment
from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.permissions import can_audit, require
from claimcheck.revision_values import evidence_titles, field_label, value_reader
from claimcheck.services import audit_log
from claimcheck.services.audit import ACTION_FAMILIES, action_label
from claimcheck.services.claims import get_claim
from claimcheck.services.errors import NotFound

bp = Blueprint("audit", __name__, url_prefix="/audit")


def _cursor(raw: str | None) -> int | None:
    """The id the next page starts below; anything else means the newest page."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _people() -> list[tuple[int, str, str]]:
    return [
        tuple(row)
        for row in db.session.execute(
            select(User.id, User.name, User.email).order_by(User.name, User.id)
        )
    ]


@bp.route("")
@require(can_audit)
def index():
    """The whole team's log, filtered by person, action, article, claim, dates and text."""
    chosen, ignored = audit_log.filter_from_args(request.args)
    before = _cursor(request.args.get("before"))
    return render_template(
        "audit/index.html",
        page=audit_log.page_of_events(chosen, before),
        chosen=chosen,
        ignored=ignored,
        query=audit_log.to_query(chosen),
        before=before,
        people=_people(),
        families=ACTION_FAMILIES,
        action_label=action_label,
    )


@bp.route("/events.csv")
@require(can_audit)
def download():
    """The filtered log as CSV, streamed, whatever its length."""
    chosen, _ = audit_log.filter_from_args(request.args)
    body = stream_with_context(audit_log.csv_download(chosen))
    return attachment(body, "text/csv", f"audit-log-{utcnow().date().isoformat()}.csv")


@bp.route("/claims/<int:claim_id>")
@require(can_audit)
def claim_timeline(claim_id: int):
    """Everything that happened to one claim, from import to approval, oldest first."""
    try:
        claim = get_claim(claim_id)
    except NotFound:
        abort(404)
    return render_template(
        "audit/claim.html",
        claim=claim,
        entries=audit_log.claim_timeline(claim),
        action_label=action_label,
        field_label=field_label,
        shown=value_reader(evidence_titles(claim)),
    )


@bp.route("/people/<int:user_id>")
@require(can_audit)
def person(user_id: int):
    """What one person did, newest first, and what was done to their account."""
    person = db.session.get(User, user_id)
    if person is None:
        abort(404)
    before = _cursor(request.args.get("before"))
    return render_template(
        "audit/person.html",
        person=person,
        page=audit_log.page_of_events(audit_log.AuditFilter(actor_id=person.id), before),
        about=audit_log.page_of_events(
            audit_log.AuditFilter(object_type="user", object_id=person.id), size=20
        ).events,
        counts=audit_log.action_counts(person.id),
        before=before,
        action_label=action_label,
    )
