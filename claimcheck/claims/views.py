"""A reviewer's actions on one claim; each is one transaction and one revision."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, url_for
from flask_login import current_user

from claimcheck.claims.forms import AddClaimForm, DismissForm, SplitForm, WordingForm, split_choices
from claimcheck.extensions import db
from claimcheck.form_actions import apply_and_flash
from claimcheck.models import Article, Claim
from claimcheck.permissions import can_review, require
from claimcheck.review.views import conflict_page
from claimcheck.services import claims as claim_service
from claimcheck.services.errors import NotFound, ServiceError
from claimcheck.services.guards import StaleVersion

bp = Blueprint("claims", __name__, url_prefix="/claims")


def _claim(claim_id: int) -> Claim:
    try:
        return claim_service.get_claim(claim_id)
    except NotFound:
        abort(404)


def _back_to(claim: Claim):
    return redirect(
        url_for("articles.detail", article_id=claim.article_id, claim=claim.id) + "#claim-panel"
    )


def _run(claim: Claim, action: Callable[[], object], success: str):
    """Apply one change with its revision and go back to the claim in its article."""
    result: list[object] = []
    if apply_and_flash(lambda: result.append(action()), success) and isinstance(result[0], Claim):
        return _back_to(result[0])
    return _back_to(claim)


@bp.route("/<int:claim_id>/accept", methods=["POST"])
@require(can_review)
def accept(claim_id: int):
    """Confirm a candidate is a claim to check."""
    claim = _claim(claim_id)
    return _run(claim, lambda: claim_service.accept(claim, current_user), "Claim accepted.")


@bp.route("/<int:claim_id>/dismiss", methods=["POST"])
@require(can_review)
def dismiss(claim_id: int):
    """Set a candidate aside as not a claim."""
    claim = _claim(claim_id)
    form = DismissForm()
    return _run(
        claim,
        lambda: claim_service.dismiss(claim, current_user, form.reason.data),
        "Dismissed. It stays in the list, greyed out, and can be brought back.",
    )


@bp.route("/<int:claim_id>/reinstate", methods=["POST"])
@require(can_review)
def reinstate(claim_id: int):
    """Bring a dismissed candidate back."""
    claim = _claim(claim_id)
    return _run(claim, lambda: claim_service.reinstate(claim, current_user), "Claim brought back.")


@bp.route("/<int:claim_id>/wording", methods=["POST"])
@require(can_review)
def edit_wording(claim_id: int):
    """Reword a claim; its highlighted place in the article stays."""
    claim = _claim(claim_id)
    form = WordingForm()
    version = int(form.version.data) if (form.version.data or "").isdigit() else None
    try:
        claim_service.edit_wording(claim, current_user, form.text.data or "", version)
    except StaleVersion:
        db.session.rollback()
        return conflict_page(
            claim,
            stored={"Wording": claim.text},
            mine={"Wording": form.text.data or ""},
            resubmit_url=url_for("claims.edit_wording", claim_id=claim.id),
            hidden=[("text", form.text.data or "")],
            discard_url=url_for("articles.detail", article_id=claim.article_id, claim=claim.id),
        )
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _back_to(claim)
    db.session.commit()
    flash("Wording saved.", "success")
    return _back_to(claim)


@bp.route("/<int:claim_id>/split", methods=["POST"])
@require(can_review)
def split(claim_id: int):
    """Split a claim in two at a word boundary."""
    claim = _claim(claim_id)
    form = SplitForm()
    form.at.choices = split_choices(claim)
    if not form.validate():
        flash("Choose where to split the claim.", "error")
        return _back_to(claim)
    return _run(
        claim, lambda: claim_service.split(claim, current_user, form.at.data), "Claim split in two."
    )


@bp.route("/<int:claim_id>/merge", methods=["POST"])
@require(can_review)
def merge(claim_id: int):
    """Merge a claim with the next one."""
    claim = _claim(claim_id)
    return _run(
        claim,
        lambda: claim_service.merge_with_next(claim, current_user),
        "Merged with the next claim.",
    )


@bp.route("/add/<int:article_id>", methods=["POST"])
@require(can_review)
def add(article_id: int):
    """Add a claim from text selected in the article."""
    article = db.session.get(Article, article_id)
    if article is None:
        abort(404)
    form = AddClaimForm()
    if not form.validate():
        flash("Select the claim's text in the article first.", "error")
        return redirect(url_for("articles.detail", article_id=article.id))
    try:
        claim = claim_service.add_claim(article, current_user, form.start.data, form.end.data)
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("articles.detail", article_id=article.id))
    db.session.commit()
    flash("Claim added.", "success")
    return _back_to(claim)
