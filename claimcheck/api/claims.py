"""The claims part of the JSON API: the queue, one claim, edits, evidence, workflow, history."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user
from sqlalchemy import func, select

from claimcheck.api.serializers import (
    earlier_check_json,
    evidence_json,
    review_json,
    revision_json,
)
from claimcheck.extensions import db
from claimcheck.models import Claim, User
from claimcheck.permissions import can_review, require
from claimcheck.services import matching, queue, review
from claimcheck.services.attribution import set_attribution
from claimcheck.services.claims import edit_wording, get_claim
from claimcheck.services.errors import NotFound, ServiceError
from claimcheck.services.evidence import (
    EVIDENCE_FIELDS,
    EvidenceInput,
    add_evidence,
    edit_evidence,
    get_evidence,
)
from claimcheck.services.guards import StaleVersion, require_version
from claimcheck.services.rationale import set_rationale
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action

bp = Blueprint("api_claims", __name__, url_prefix="/api/v1")


class ApiError(Exception):
    """An error answered as JSON {"error": …} with its status."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    db.session.rollback()
    response = jsonify(error=error.message, **error.extra)
    response.status_code = error.status
    return response


def _payload() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "Send a JSON object.")
    return body


def _claim(claim_id: int) -> Claim:
    try:
        return get_claim(claim_id)
    except NotFound:
        abort(404, "No such claim.")


def _text(body: dict, name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError(422, f"`{name}` must be a string.")
    return value


def _day(body: dict, name: str) -> date | None:
    value = _text(body, name)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ApiError(422, f"`{name}` must be a date as YYYY-MM-DD.") from None


def _apply(claim: Claim, change) -> None:
    """Run one change as one transaction; map the domain's refusals to statuses."""
    try:
        change()
    except StaleVersion:
        db.session.rollback()
        current = db.session.get(Claim, claim.id)
        raise ApiError(
            409, "The claim changed since that version.", claim=review_json(current)
        ) from None
    except ServiceError as error:
        raise ApiError(422, str(error)) from None
    db.session.commit()


@bp.route("/claims")
@require(can_review)
def list_claims():
    """The claims queue, with the same filters as the page, under `items`."""
    found = queue.read_queue(request.args.to_dict(flat=False), current_user.id)
    page = found.page
    return jsonify(
        items=[review_json(claim) for claim in page.items],
        page=page.page,
        per_page=page.per_page,
        total=page.total,
        pages=page.pages,
        ignored=[{"name": i.name, "value": i.value, "reason": i.reason} for i in found.ignored],
    )


@bp.route("/claims/<int:claim_id>")
@require(can_review)
def get_one(claim_id: int):
    """One claim with its attribution, verdict, evidence and version."""
    return jsonify(review_json(_claim(claim_id)))


@bp.route("/claims/<int:claim_id>", methods=["PATCH"])
@require(can_review)
def patch(claim_id: int):
    """Change `text`, `attribution` or `rationale`; `version` must match the stored one."""
    claim = _claim(claim_id)
    body = _payload()
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ApiError(422, "`version` (an integer) is required: send the version you read.")
    unknown = set(body) - {"text", "attribution", "rationale", "version"}
    if unknown:
        raise ApiError(422, f"Unknown fields: {', '.join(sorted(unknown))}.")
    attribution = body.get("attribution")
    if attribution is not None and not isinstance(attribution, dict):
        raise ApiError(422, "`attribution` must be an object.")

    def change() -> None:
        # Checked once: each change below writes (and flushes) a revision, which moves
        # the version on before the next one is applied.
        require_version(claim, version)
        if "text" in body:
            edit_wording(claim, current_user, _text(body, "text") or "")
        if attribution is not None:
            set_attribution(
                claim,
                current_user,
                kind=_text(attribution, "kind") or "",
                source_name=_text(attribution, "source"),
                source_kind=_text(attribution, "source_kind") or "organisation",
                cue=_text(attribution, "cue"),
                quote=bool(attribution.get("quote")),
            )
        if "rationale" in body:
            set_rationale(claim, current_user, _text(body, "rationale"))

    _apply(claim, change)
    return jsonify(review_json(claim))


def _evidence_input(body: dict) -> EvidenceInput:
    return EvidenceInput(
        url=_text(body, "url") or "",
        title=_text(body, "title") or "",
        relation=_text(body, "relation") or "",
        publisher=_text(body, "publisher"),
        published=_day(body, "published"),
        accessed=_day(body, "accessed"),
        excerpt=_text(body, "excerpt"),
        archive_url=_text(body, "archive_url"),
    )


@bp.route("/claims/<int:claim_id>/evidence", methods=["POST"])
@require(can_review)
def post_evidence(claim_id: int):
    """Attach an evidence item (JSON; files are attached through the web page)."""
    claim = _claim(claim_id)
    data = _evidence_input(_payload())
    created: list = []
    _apply(claim, lambda: created.append(add_evidence(claim, current_user, data)))
    response = jsonify(evidence_json(created[0]))
    response.status_code = 201
    return response


@bp.route("/claims/<int:claim_id>/evidence/<int:evidence_id>", methods=["PATCH"])
@require(can_review)
def patch_evidence(claim_id: int, evidence_id: int):
    """Correct an evidence item: the fields sent replace those stored, the rest stay."""
    claim = _claim(claim_id)
    try:
        item = get_evidence(claim, evidence_id)
    except NotFound as error:
        raise ApiError(404, str(error)) from None
    body = _payload()
    unknown = set(body) - set(EVIDENCE_FIELDS)
    if unknown:
        raise ApiError(422, f"Unknown fields: {', '.join(sorted(unknown))}.")
    stored = {name: getattr(item, name) for name in EVIDENCE_FIELDS}
    stored |= {
        name: value.isoformat() for name in ("published", "accessed") if (value := stored[name])
    }
    data = _evidence_input(stored | body)
    _apply(claim, lambda: edit_evidence(claim, item, current_user, data))
    return jsonify(evidence_json(item))


def _person(value: Any) -> User:
    if isinstance(value, int) and not isinstance(value, bool):
        user = db.session.get(User, value)
    elif isinstance(value, str) and value.strip():
        user = db.session.scalar(
            select(User).where(func.lower(User.email) == value.strip().lower())
        )
    else:
        raise ApiError(422, "`assignee` must be an account's email or id.")
    if user is None:
        raise ApiError(422, f"No account {value!r}.")
    return user


@bp.route("/claims/<int:claim_id>/transitions", methods=["POST"])
@require(can_review)
def post_transition(claim_id: int):
    """Take a workflow action: assign, take, start, propose, approve, return, dismiss, reopen."""
    claim = _claim(claim_id)
    body = _payload()
    try:
        action = Action(body.get("action"))
    except ValueError:
        choices = ", ".join(a.value for a in Action)
        raise ApiError(422, f"`action` must be one of: {choices}.") from None
    assignee = _person(body.get("assignee")) if action is Action.ASSIGN else None
    verdict = None
    if action is Action.PROPOSE:
        try:
            verdict = find_label(_text(body, "verdict") or "")
        except NotFound as error:
            raise ApiError(422, str(error)) from None
    reason = _text(body, "comment") or _text(body, "reason")
    version = body.get("version") if isinstance(body.get("version"), int) else None
    _apply(
        claim,
        lambda: review.transition(
            claim,
            current_user,
            action,
            reason=reason,
            assignee=assignee,
            verdict=verdict,
            rationale=_text(body, "rationale"),
            expected_version=version,
        ),
    )
    return jsonify(review_json(claim))


@bp.route("/claims/<int:claim_id>/revisions")
@require(can_review)
def revisions(claim_id: int):
    """Every revision of the claim, oldest first, under `items`."""
    return jsonify(items=[revision_json(r) for r in _claim(claim_id).revisions])


@bp.route("/claims/<int:claim_id>/matches")
@require(can_review)
def matches(claim_id: int):
    """The reviewed claims this claim likely repeats, with their verdicts, under `items`."""
    checks = matching.checks_for_claim(_claim(claim_id))
    return jsonify(items=[earlier_check_json(check) for check in checks])
