"""Forms leads use to manage people."""

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from claimcheck.roles import Role

ROLE_CHOICES = [SelectChoice(value=role.value, label=role.label) for role in Role]


class NewPersonForm(FlaskForm):
    """Email, name and role of a new account."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.FACT_CHECKER.value)
    submit = SubmitField("Create account")


class RoleForm(FlaskForm):
    """A new role for an existing account."""

    role = SelectField("Role", choices=ROLE_CHOICES)
    submit = SubmitField("Change role")
