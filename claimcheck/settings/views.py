"""Settings leads keep for the whole newsroom: the verdict labels and their ratings."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from claimcheck.auth.forms import ConfirmForm
from claimcheck.extensions import db
from claimcheck.form_actions import apply_and_flash
from claimcheck.models import Claim, VerdictLabel
from claimcheck.permissions import can_manage_people, require
from claimcheck.services import verdicts
from claimcheck.services.errors import ServiceError
from claimcheck.settings.forms import LabelForm, NewLabelForm, rating_text

bp = Blueprint("settings", __name__, url_prefix="/settings")


class LabelRow(NamedTuple):
    """One line of the verdicts page: a label, how many claims have it, and its edit form."""

    label: VerdictLabel
    claims: int
    form: LabelForm


def _label(label_id: int) -> VerdictLabel:
    label = db.session.get(VerdictLabel, label_id)
    if label is None:
        abort(404)
    return label


def _prefix(label_id: int) -> str:
    # One edit form per label on the same page: the prefix keeps field ids unique.
    return f"label-{label_id}"


def _claim_counts() -> dict[int, int]:
    """How many claims have each label, in one grouped query."""
    rows = db.session.execute(
        select(Claim.verdict_id, func.count())
        .where(Claim.verdict_id.is_not(None))
        .group_by(Claim.verdict_id)
    )
    return {label_id: count for label_id, count in rows}


def _page(
    new_form: NewLabelForm | None = None,
    edit_forms: dict[int, LabelForm] | None = None,
    status: int = 200,
):
    """The verdicts page; forms passed in (a failed save) replace the blank ones."""
    counts = _claim_counts()
    edit_forms = edit_forms or {}
    rows = [
        LabelRow(
            label,
            counts.get(label.id, 0),
            edit_forms.get(label.id)
            or LabelForm(formdata=None, obj=label, prefix=_prefix(label.id)),
        )
        for label in verdicts.all_labels()
    ]
    page = render_template(
        "settings/verdicts.html",
        rows=rows,
        new_form=new_form or NewLabelForm(formdata=None),
        confirm_form=ConfirmForm(),
        rating_text=rating_text,
    )
    return page, status


# The service module is called `verdicts`, so the view takes another name.
@bp.route("/verdicts", endpoint="verdicts")
@require(can_manage_people)
def verdicts_page():
    """Every verdict label, retired ones included, with the claims that have it."""
    return _page()


@bp.route("/verdicts", methods=["POST"])
@require(can_manage_people)
def add_verdict():
    """Add a label at the end of the list."""
    form = NewLabelForm()
    if form.validate_on_submit():
        try:
            label = verdicts.add_label(form.name.data, form.rating.data, current_user)
        except ServiceError as error:
            db.session.rollback()
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"“{label.name}” is added at the end of the list.", "success")
            return redirect(url_for("settings.verdicts"))
    return _page(new_form=form, status=422)


@bp.route("/verdicts/<int:label_id>", methods=["POST"])
@require(can_manage_people)
def update_verdict(label_id: int):
    """Rename a label or change its rating; the claims that have it keep it."""
    label = _label(label_id)
    form = LabelForm(prefix=_prefix(label.id))
    if form.validate_on_submit():
        try:
            verdicts.update_label(label, form.name.data, form.rating.data, current_user)
        except ServiceError as error:
            db.session.rollback()
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"“{label.name}” is saved.", "success")
            return redirect(url_for("settings.verdicts"))
    return _page(edit_forms={label_id: form}, status=422)


@bp.route("/verdicts/<int:label_id>/retire", methods=["POST"])
@require(can_manage_people)
def retire_verdict(label_id: int):
    """Stop offering a label for new verdicts."""
    label = _label(label_id)
    return _apply(
        lambda: verdicts.retire_label(label, current_user),
        f"“{label.name}” is retired: it is no longer offered, and claims that have it keep it.",
    )


@bp.route("/verdicts/<int:label_id>/restore", methods=["POST"])
@require(can_manage_people)
def restore_verdict(label_id: int):
    """Offer a retired label again."""
    label = _label(label_id)
    return _apply(
        lambda: verdicts.restore_label(label, current_user), f"“{label.name}” is offered again."
    )


@bp.route("/verdicts/<int:label_id>/delete", methods=["POST"])
@require(can_manage_people)
def delete_verdict(label_id: int):
    """Delete a label no claim has."""
    label = _label(label_id)
    return _apply(lambda: verdicts.delete_label(label, current_user), f"“{label.name}” is deleted.")


def _apply(change: Callable[[], None], success: str):
    """Run one change to the labels as one transaction and go back to the list."""
    apply_and_flash(change, success)
    return redirect(url_for("settings.verdicts"))
