"""The buttons on a claim's "Checked before" panel: look again, same claim, not the same, reuse."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

from claimcheck.form_actions import apply_and_flash
from claimcheck.models import ClaimMatch
from claimcheck.permissions import can_review, require
from claimcheck.services import matching
from claimcheck.services.claims import get_claim
from claimcheck.services.errors import NotFound

bp = Blueprint("matches", __name__, url_prefix="/claims")


def _match(claim_id: int, match_id: int) -> ClaimMatch:
    try:
        return matching.get_match(get_claim(claim_id), match_id)
    except NotFound:
        abort(404)


def _back(match: ClaimMatch):
    return redirect(url_for("review.detail", claim_id=match.claim_id) + "#checked-before")


def _found_message(added: int) -> str:
    if added:
        return f"{added} new likely match{'es' if added > 1 else ''} found."
    return "No new match: no other reviewed claim says the same thing."


@bp.route("/<int:claim_id>/matches/search", methods=["POST"])
@require(can_review)
def look_again(claim_id: int):
    """Match the claim against the claims reviewed since it was extracted."""
    try:
        claim = get_claim(claim_id)
    except NotFound:
        abort(404)
    apply_and_flash(lambda: matching.look_again(claim, current_user), _found_message)
    return redirect(url_for("review.detail", claim_id=claim.id) + "#checked-before")


@bp.route("/<int:claim_id>/matches/<int:match_id>/confirm", methods=["POST"])
@require(can_review)
def confirm(claim_id: int, match_id: int):
    """Say the earlier claim is the same claim."""
    match = _match(claim_id, match_id)
    apply_and_flash(
        lambda: matching.decide(match, current_user, same=True),
        "Marked as the same claim. Its verdict and evidence can now be reused.",
    )
    return _back(match)


@bp.route("/<int:claim_id>/matches/<int:match_id>/dismiss", methods=["POST"])
@require(can_review)
def dismiss(claim_id: int, match_id: int):
    """Say the earlier claim is a different claim."""
    match = _match(claim_id, match_id)
    apply_and_flash(
        lambda: matching.decide(match, current_user, same=False),
        "Marked as not the same claim.",
    )
    return _back(match)


@bp.route("/<int:claim_id>/matches/<int:match_id>/reuse", methods=["POST"])
@require(can_review)
def reuse(claim_id: int, match_id: int):
    """Start this claim's check from the earlier one's rationale and evidence."""
    match = _match(claim_id, match_id)
    raw_version = request.form.get("version", "")
    version = int(raw_version) if raw_version.isdigit() else None
    apply_and_flash(
        lambda: matching.reuse(match, current_user, version),
        "The earlier check was copied in as a starting point: review the evidence, "
        "then propose a verdict.",
    )
    return _back(match)
