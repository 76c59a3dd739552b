"""The claims queue page; the filtering and paging live in the queue service."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from claimcheck.clock import utcnow
from claimcheck.permissions import can_review, require
from claimcheck.queue.forms import filter_form
from claimcheck.queue.lines import queue_lines
from claimcheck.services import queue as queue_service

bp = Blueprint("queue", __name__)


@bp.route("/claims")
@require(can_review)
def index():
    """Claims across all articles, filtered and sorted, a page at a time."""
    found = queue_service.read_queue_rows(request.args.to_dict(flat=False), current_user.id)
    filters, paging, result = found.filters, found.paging, found.page
    query = filters.to_query()
    if paging.per_page != queue_service.DEFAULT_PER_PAGE:
        query["per_page"] = str(paging.per_page)

    def page_url(number: int) -> str:
        return url_for("queue.index", **query, page=number)

    return render_template(
        "queue/index.html",
        result=result,
        lines=queue_lines(result.items, current_user.id, utcnow()),
        filters=filters,
        ignored=found.ignored,
        form=filter_form(filters, paging, queue_service.filter_choices(filters)),
        page_url=page_url,
        # Only asked when nothing matched, so a full page costs no extra query.
        has_claims=result.total > 0 or queue_service.has_claims(),
    )
