"""The permalink each exported claim carries."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from flask import current_app, has_request_context, url_for

from claimcheck.exports.records import ExportRecord
from claimcheck.services.exports import ExportScope, iter_records


def claim_permalinks() -> Callable[[int], str]:
    """Build claim links from the request's host, or from BASE_URL outside a request."""
    if has_request_context():
        return lambda claim_id: url_for("review.detail", claim_id=claim_id, _external=True)
    base = current_app.config["BASE_URL"].rstrip("/")
    return lambda claim_id: f"{base}/claims/{claim_id}"


def public_fact_check_links() -> Callable[[int], str] | None:
    """Links to the public fact-check pages, or None when those pages are off."""
    if not current_app.config["PUBLIC_FACT_CHECKS"]:
        return None
    if has_request_context():
        return lambda claim_id: url_for("public.fact_check", claim_id=claim_id, _external=True)
    base = current_app.config["BASE_URL"].rstrip("/")
    return lambda claim_id: f"{base}/fact-checks/{claim_id}"


def linked_records(scope: ExportScope) -> Iterator[ExportRecord]:
    """The scope's export records, each with its permalink (and public page, when on)."""
    return iter_records(scope, claim_permalinks(), public_link=public_fact_check_links())
