"""The permalink each exported claim carries."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, has_request_context, url_for


def claim_permalinks() -> Callable[[int], str]:
    """Build claim links from the request's host, or from BASE_URL outside a request."""
    if has_request_context():
        return lambda claim_id: url_for("review.detail", claim_id=claim_id, _external=True)
    base = current_app.config["BASE_URL"].rstrip("/")
    return lambda claim_id: f"{base}/claims/{claim_id}"
