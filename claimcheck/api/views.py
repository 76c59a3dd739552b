"""The JSON API under /api/v1: personal-token (or signed-in) access with the same rules."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import current_user

from claimcheck.permissions import PREDICATES

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.route("/me")
def me():
    """Who the caller is and what their role allows."""
    return jsonify(
        id=current_user.id,
        email=current_user.email,
        name=current_user.name,
        role=current_user.role.value,
        permissions=sorted(
            name
            for name, allowed in PREDICATES.items()
            if name != "change_account" and allowed(current_user)
        ),
    )
