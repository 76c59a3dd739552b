"""A claim's history: the timeline, word-level differences, and restoring a version."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user

from claimcheck.diffs import word_diff
from claimcheck.form_actions import apply_and_flash
from claimcheck.models import Claim
from claimcheck.permissions import can_review, require
from claimcheck.revision_values import evidence_titles, field_label, value_reader
from claimcheck.services import history
from claimcheck.services.claims import get_claim
from claimcheck.services.errors import NotFound

bp = Blueprint("history", __name__, url_prefix="/claims")


def _claim(claim_id: int) -> Claim:
    try:
        return get_claim(claim_id)
    except NotFound:
        abort(404)


@bp.route("/<int:claim_id>/history")
@require(can_review)
def timeline(claim_id: int):
    """Every revision of a claim, newest first, with what changed and why."""
    claim = _claim(claim_id)
    return render_template(
        "history/timeline.html",
        claim=claim,
        revisions=list(reversed(claim.revisions)),
        prose_fields=history.PROSE_FIELDS,
        restorable=set(history.RESTORABLE),
        word_diff=word_diff,
        field_label=field_label,
        shown=value_reader(evidence_titles(claim)),
    )


@bp.route("/<int:claim_id>/history/<int:revision_id>/restore", methods=["POST"])
@require(can_review)
def restore(claim_id: int, revision_id: int):
    """Restore the wording, rationale and attribution as they were at a revision."""
    claim = _claim(claim_id)
    try:
        revision = history.find_revision(claim, revision_id)
    except NotFound:
        abort(404)
    apply_and_flash(
        lambda: history.restore(claim, current_user, revision),
        "Version restored. The restoration is itself a new revision.",
    )
    return redirect(url_for("history.timeline", claim_id=claim.id))
