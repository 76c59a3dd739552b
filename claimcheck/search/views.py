"""Search everything a team has reviewed, from the box on every page."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from claimcheck.permissions import can_review, require
from claimcheck.services import search as search_service
from claimcheck.services.verdicts import all_labels
from claimcheck.workflow import ClaimState

bp = Blueprint("search", __name__)


@bp.route("/search")
@require(can_review)
def index():
    """Ranked hits per kind with the matching words marked; filters narrow them."""
    typed = request.args.get("q", "")
    filters, ignored = search_service.filters_from_args(request.args)
    results = search_service.search(typed, filters) if typed.strip() else None
    return render_template(
        "search/index.html",
        typed=typed,
        filters=filters,
        ignored=ignored,
        results=results,
        kinds=search_service.KINDS,
        states=list(ClaimState),
        verdicts=all_labels(),
    )
