"""Forms for a reviewer's actions on one claim."""

from __future__ import annotations

from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from claimcheck.models import Claim
from claimcheck.services.claims import MAX_CLAIM_CHARS, MAX_REASON_CHARS


class ConfirmActionForm(FlaskForm):
    """A button with CSRF protection."""

    submit = SubmitField("Confirm")


class DismissForm(FlaskForm):
    """Why this candidate is not a claim."""

    reason = StringField("Reason", default="Not a claim", validators=[Length(max=MAX_REASON_CHARS)])
    submit = SubmitField("Dismiss")


class WordingForm(FlaskForm):
    """New wording for a claim; its place in the article stays."""

    text = TextAreaField(
        "Wording", validators=[DataRequired(), Length(max=MAX_CLAIM_CHARS)], render_kw={"rows": 3}
    )
    version = HiddenField()
    submit = SubmitField("Save wording")


class SplitForm(FlaskForm):
    """Where to split a claim in two."""

    at = SelectField("Split before", coerce=int, validators=[InputRequired()])
    submit = SubmitField("Split")


class AddClaimForm(FlaskForm):
    """A span of the article text a reviewer selected."""

    start = IntegerField(validators=[InputRequired()], render_kw={"hidden": True})
    end = IntegerField(validators=[InputRequired()], render_kw={"hidden": True})
    submit = SubmitField("Add as claim")


def split_choices(claim: Claim) -> list[SelectChoice]:
    """Each word boundary inside the claim, shown with the words around it."""
    text = claim.article.text
    choices = []
    for at in range(claim.start + 1, claim.end):
        if text[at - 1].isspace() and not text[at].isspace():
            before = text[max(claim.start, at - 30) : at].strip()
            after = text[at : min(claim.end, at + 30)].strip()
            choices.append(SelectChoice(value=at, label=f"…{before} | {after}…"))
    return choices


def default_split(claim: Claim, choices: list[SelectChoice]) -> int | None:
    """A sensible default: the boundary after a comma, semicolon or dash nearest the middle."""
    if not choices:
        return None
    text = claim.article.text
    middle = (claim.start + claim.end) / 2
    marked = [c.value for c in choices if text[: c.value].rstrip()[-1:] in {",", ";", "–", "-"}]
    pool = marked or [c.value for c in choices]
    return min(pool, key=lambda at: abs(at - middle))


@dataclass
class ClaimActionForms:
    """The forms shown in one claim's panel."""

    confirm_form: ConfirmActionForm
    dismiss_form: DismissForm
    wording_form: WordingForm
    split_form: SplitForm

    @staticmethod
    def confirm() -> ConfirmActionForm:
        return ConfirmActionForm()

    @classmethod
    def for_claim(cls, claim: Claim) -> ClaimActionForms:
        split_form = SplitForm()
        split_form.at.choices = split_choices(claim)
        split_form.at.data = default_split(claim, split_form.at.choices)
        return cls(
            confirm_form=ConfirmActionForm(),
            dismiss_form=DismissForm(),
            wording_form=WordingForm(text=claim.text, version=claim.version),
            split_form=split_form,
        )
