"""Forms leads use to maintain the verdict labels."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from claimcheck.services.verdicts import MAX_NAME

# ClaimReview's rating scale, as the page explains it.
RATING_MEANINGS = {
    1: "false",
    2: "mostly false",
    3: "mixed",
    4: "mostly true",
    5: "true",
}
RATING_CHOICES = [SelectChoice(value="", label="No rating")] + [
    SelectChoice(value=str(rating), label=f"{rating} — {meaning}")
    for rating, meaning in RATING_MEANINGS.items()
]


def rating_text(rating: int | None) -> str:
    """How a rating reads on the page."""
    return "no rating" if rating is None else f"{rating} — {RATING_MEANINGS[rating]}"


def _rating(value: str | int | None) -> int | None:
    # The empty option stands for "no rating".
    return None if value in (None, "") else int(value)


class LabelForm(FlaskForm):
    """The name of a verdict label and its place on the rating scale."""

    name = StringField("Name", validators=[DataRequired(), Length(max=MAX_NAME)])
    rating = SelectField(
        "Rating",
        choices=RATING_CHOICES,
        coerce=_rating,
        invalid_choice_message="Choose a rating from 1 to 5, or no rating.",
        invalid_value_message="Choose a rating from 1 to 5, or no rating.",
    )
    submit = SubmitField("Save")


class NewLabelForm(LabelForm):
    """A verdict label to add at the end of the list."""

    submit = SubmitField("Add label")
