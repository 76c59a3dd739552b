"""Forms for signing in, choosing a password and managing one's API tokens."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from claimcheck.security.passwords import MAX_LENGTH, MIN_LENGTH


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField("Sign in")


class NewPasswordForm(FlaskForm):
    """A new password typed twice; the policy itself is checked by the service."""

    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)],
        description=f"At least {MIN_LENGTH} characters. A phrase of several words works well.",
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )
    submit = SubmitField("Save password")


class ChangePasswordForm(NewPasswordForm):
    """The current password, then a new one."""

    current = PasswordField("Current password", validators=[DataRequired()])


class NewTokenForm(FlaskForm):
    """A name for a new API token."""

    name = StringField(
        "Token name",
        validators=[Length(max=80)],
        description="Say what it is for, e.g. “nightly export script”.",
    )
    submit = SubmitField("Create token")


class ConfirmForm(FlaskForm):
    """A bare form: a button with CSRF protection."""

    submit = SubmitField("Confirm")
