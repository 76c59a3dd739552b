"""Leads manage people: accounts, roles, deactivation and forced sign-out."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from claimcheck.auth.forms import ConfirmForm
from claimcheck.extensions import db
from claimcheck.form_actions import apply_and_flash
from claimcheck.models import User
from claimcheck.people.forms import NewPersonForm, RoleForm
from claimcheck.permissions import can_manage_people, require
from claimcheck.roles import Role
from claimcheck.services import accounts
from claimcheck.services.errors import ServiceError

bp = Blueprint("people", __name__, url_prefix="/people")


def _person(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/")
@require(can_manage_people)
def index():
    """Everyone with an account, by role then name."""
    people = db.session.scalars(select(User).order_by(User.role, User.name)).all()
    return render_template("people/index.html", people=people, confirm_form=ConfirmForm())


@bp.route("/new", methods=["GET", "POST"])
@require(can_manage_people)
def create():
    """Create an account and show its one-time set-password link."""
    form = NewPersonForm()
    if form.validate_on_submit():
        try:
            person = accounts.create_user(
                form.email.data, form.name.data, Role(form.role.data), actor=current_user
            )
            raw = accounts.issue_set_password_link(person)
        except ServiceError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            # Rendered, not redirected: the link is a secret shown exactly once.
            return _show_link(person, raw, created=True)
    return render_template("people/new.html", form=form), 422 if form.errors else 200


def _show_link(person: User, raw: str, created: bool):
    link = url_for("auth.set_password", token=raw, _external=True)
    return render_template("people/link.html", person=person, link=link, created=created), 201


@bp.route("/<int:user_id>")
@require(can_manage_people)
def detail(user_id: int):
    """One person's account and the actions a lead can take on it."""
    person = _person(user_id)
    return render_template(
        "people/detail.html",
        person=person,
        role_form=RoleForm(role=person.role.value),
        confirm_form=ConfirmForm(),
    )


@bp.route("/<int:user_id>/role", methods=["POST"])
@require(can_manage_people)
def change_role(user_id: int):
    """Give a person another role."""
    person = _person(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    return _apply(
        person,
        lambda: accounts.change_role(current_user, person, Role(form.role.data)),
        f"{person.name} is now {Role(form.role.data).label.lower()}.",
    )


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
@require(can_manage_people)
def deactivate(user_id: int):
    """Stop a person signing in; their sessions end at once."""
    person = _person(user_id)
    return _apply(
        person,
        lambda: accounts.deactivate(current_user, person),
        f"{person.name} is deactivated and signed out everywhere.",
    )


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
@require(can_manage_people)
def reactivate(user_id: int):
    """Let a deactivated person sign in again."""
    person = _person(user_id)
    return _apply(
        person,
        lambda: accounts.reactivate(current_user, person),
        f"{person.name} can sign in again.",
    )


@bp.route("/<int:user_id>/sign-out", methods=["POST"])
@require(can_manage_people)
def force_sign_out(user_id: int):
    """End every session of a person."""
    person = _person(user_id)
    return _apply(
        person,
        lambda: accounts.force_sign_out(current_user, person),
        f"{person.name} is signed out everywhere.",
    )


@bp.route("/<int:user_id>/password-link", methods=["POST"])
@require(can_manage_people)
def password_link(user_id: int):
    """Issue a new one-time set-password link, e.g. for a forgotten password."""
    person = _person(user_id)
    if not person.is_active_account:
        flash("Reactivate the account before issuing a link.", "error")
        return redirect(url_for("people.detail", user_id=person.id))
    raw = accounts.new_set_password_link(current_user, person)
    db.session.commit()
    return _show_link(person, raw, created=False)


def _apply(person: User, change, success: str):
    """Run one account change as one transaction and go back to the person."""
    apply_and_flash(change, success)
    return redirect(url_for("people.detail", user_id=person.id))
