"""Public fact-check pages: approved claims, read-only, with their ClaimReview embedded."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from markupsafe import Markup

from claimcheck.exports.formats import claimreview, json_for_script
from claimcheck.exports.links import claim_permalinks, public_fact_check_links
from claimcheck.exports.records import record_from_claim
from claimcheck.extensions import db
from claimcheck.models import Claim
from claimcheck.security.gate import public
from claimcheck.workflow import ClaimState

bp = Blueprint("public", __name__)


@bp.route("/fact-checks/<int:claim_id>")
@public
def fact_check(claim_id: int):
    """One approved claim for readers; off unless CLAIMCHECK_PUBLIC_FACT_CHECKS is true."""
    links = public_fact_check_links()
    claim = db.session.get(Claim, claim_id)
    if links is None or claim is None or claim.state != ClaimState.APPROVED.value:
        abort(404)
    record = record_from_claim(
        claim, claim_permalinks()(claim.id), len(claim.revisions), links(claim.id)
    )
    review = claimreview(record, current_app.config["ORGANISATION_NAME"])
    return render_template(
        "public/fact_check.html",
        record=record,
        # Escaped for a script element: no text can close it and run as markup.
        json_ld=Markup(json_for_script(review)),
        show_reviewers=current_app.config["PUBLIC_SHOW_REVIEWERS"],
        organisation=current_app.config["ORGANISATION_NAME"],
    )
