"""Signing in and out, setting a password by link, and one's own account page."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from claimcheck.auth.forms import (
    ChangePasswordForm,
    ConfirmForm,
    LoginForm,
    NewPasswordForm,
    NewTokenForm,
)
from claimcheck.extensions import db, limiter
from claimcheck.security.gate import public
from claimcheck.security.passwords import PasswordPolicyError
from claimcheck.security.redirects import safe_next
from claimcheck.security.sessions import end_session, start_session
from claimcheck.services import accounts, tokens
from claimcheck.services.errors import ServiceError

bp = Blueprint("auth", __name__)

SIGN_IN_FAILED = "That email and password do not match an active account."


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_rate_limit, methods=["POST"])
def login():
    """Sign in with email and password."""
    home = url_for("articles.index")
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), home))
    form = LoginForm()
    if form.validate_on_submit():
        config = current_app.config
        result = accounts.authenticate(
            form.email.data,
            form.password.data,
            free_failures=config["LOGIN_FREE_FAILURES"],
            max_delay_seconds=config["LOGIN_MAX_DELAY_SECONDS"],
        )
        db.session.commit()  # the failure counter is kept even when sign-in fails
        if result.user is not None:
            start_session(result.user)
            return redirect(safe_next(request.args.get("next"), home))
        flash(SIGN_IN_FAILED, "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out, ending this person's sessions everywhere."""
    accounts.sign_out(current_user)
    db.session.commit()
    end_session()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/set-password/<token>", methods=["GET", "POST"])
@public
def set_password(token: str):
    """Choose a password through a one-time link from a lead."""
    link = accounts.find_set_password_link(token)
    if link is None:
        return render_template("auth/link_expired.html"), 410
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.use_set_password_link(token, form.password.data)
        except (PasswordPolicyError, ServiceError) as error:
            db.session.rollback()
            form.password.errors.append(str(error))
        else:
            db.session.commit()
            flash("Your password is set. Sign in with it now.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, person=link.user)


@bp.route("/account")
def account():
    """One's own account: password and personal API tokens."""
    return _account_page()


def _account_page(
    password_form=None, token_form=None, new_token: str | None = None, status: int = 200
):
    response = render_template(
        "auth/account.html",
        password_form=password_form or ChangePasswordForm(),
        token_form=token_form or NewTokenForm(),
        revoke_form=ConfirmForm(),
        new_token=new_token,
    )
    return response, status


@bp.route("/account/password", methods=["POST"])
def change_password():
    """Change one's password; other browsers are signed out, this one stays in."""
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return _account_page(password_form=form, status=422)
    try:
        accounts.change_password(current_user, form.current.data, form.password.data)
    except (PasswordPolicyError, ServiceError) as error:
        db.session.rollback()
        form.password.errors.append(str(error))
        return _account_page(password_form=form, status=422)
    user = current_user._get_current_object()
    db.session.commit()
    start_session(user)
    flash("Password changed. Every other session of yours has been signed out.", "success")
    return redirect(url_for("auth.account"))


@bp.route("/account/tokens", methods=["POST"])
def create_token():
    """Create a personal API token and show it once."""
    form = NewTokenForm()
    if not form.validate_on_submit():
        return _account_page(token_form=form, status=422)
    try:
        _, raw = tokens.create_token(current_user, form.name.data, current_user)
    except ServiceError as error:
        db.session.rollback()
        form.name.errors.append(str(error))
        return _account_page(token_form=form, status=422)
    db.session.commit()
    # Rendered rather than redirected: the secret must not travel in a cookie.
    return _account_page(new_token=raw, status=201)


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    """Revoke one of one's own tokens."""
    try:
        token = tokens.revoke_token(current_user, token_id)
    except ServiceError:
        abort(404)
    db.session.commit()
    flash(f"Token “{token.name}” revoked.", "success")
    return redirect(url_for("auth.account"))
