"""Forms on a claim's own page: attribution, workflow, evidence and discussion.

Every field uses the cheaper widgets of review/widgets.py: the page renders some thirty
fields on each view, and it is the most visited page of the app.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from claimcheck.review import widgets
from claimcheck.services.attribution import ATTRIBUTION_KINDS


class AttributionForm(FlaskForm):
    """Whose claim this is, as a person confirms it."""

    kind = SelectField(
        "Whose voice",
        widget=widgets.Select(),
        choices=[SelectChoice(value=key, label=label) for key, label in ATTRIBUTION_KINDS.items()],
    )
    source = StringField(
        "Attributed to",
        widget=widgets.TextInput(),
        validators=[Length(max=200)],
        render_kw={"list": "source-suggestions", "autocomplete": "off"},
        description="A person or organisation; existing sources are offered.",
    )
    source_kind = SelectField(
        "The source is",
        widget=widgets.Select(),
        choices=[
            SelectChoice(value="organisation", label="an organisation"),
            SelectChoice(value="person", label="a person"),
        ],
    )
    cue = StringField(
        "Cue",
        widget=widgets.TextInput(),
        validators=[Length(max=60)],
        description="The words that attribute it: “said”, “according to”, “claim”…",
    )
    quote = SelectField(
        "Form",
        widget=widgets.Select(),
        choices=[
            SelectChoice(value="paraphrase", label="Paraphrase"),
            SelectChoice(value="quote", label="Direct quotation"),
        ],
    )
    version = HiddenField(widget=widgets.HiddenInput())
    submit = SubmitField("Save attribution", widget=widgets.SubmitInput())


class WorkflowForm(FlaskForm):
    """Every field a workflow action may need; each action's form shows its own."""

    assignee = SelectField("Assign to", widget=widgets.Select(), coerce=int, validate_choice=False)
    verdict = SelectField("Verdict", widget=widgets.Select(), coerce=int, validate_choice=False)
    rationale = TextAreaField(
        "Rationale",
        widget=widgets.TextArea(),
        render_kw={"rows": 5},
        description="Why this verdict, on the evidence below.",
    )
    reason = TextAreaField("Reason", widget=widgets.TextArea(), render_kw={"rows": 2})
    version = HiddenField(widget=widgets.HiddenInput())


class EvidenceItemForm(FlaskForm):
    """What an evidence item says of itself; correcting an item edits these."""

    url = StringField(
        "URL",
        widget=widgets.TextInput(),
        validators=[DataRequired(), Length(max=2000)],
        description="http or https; ClaimCheck never visits it.",
    )
    title = StringField(
        "Title", widget=widgets.TextInput(), validators=[DataRequired(), Length(max=500)]
    )
    publisher = StringField("Publisher", widget=widgets.TextInput(), validators=[Length(max=200)])
    published = DateField("Published on", widget=widgets.DateInput(), validators=[Optional()])
    accessed = DateField("Accessed on", widget=widgets.DateInput(), validators=[Optional()])
    excerpt = TextAreaField(
        "Quoted excerpt",
        widget=widgets.TextArea(),
        validators=[Length(max=10_000)],
        render_kw={"rows": 3},
    )
    relation = SelectField(
        "Bears on the claim by",
        widget=widgets.Select(),
        choices=[
            SelectChoice(value="supports", label="supporting it"),
            SelectChoice(value="refutes", label="refuting it"),
            SelectChoice(value="context", label="giving context"),
        ],
    )
    archive_url = StringField(
        "Archive URL", widget=widgets.TextInput(), validators=[Length(max=2000)]
    )
    submit = SubmitField("Save changes", widget=widgets.SubmitInput())


class EvidenceForm(EvidenceItemForm):
    """One source consulted for the claim, with an optional file."""

    document = FileField(
        "Attach a PDF or image",
        widget=widgets.FileInput(),
        description="Up to 5 MB.",
        render_kw={"accept": ".pdf,.png,.jpg,.jpeg,.gif,.webp"},
    )
    submit = SubmitField("Save evidence", widget=widgets.SubmitInput())


class CommentForm(FlaskForm):
    """A message for the people working on the claim."""

    body = TextAreaField(
        "Comment",
        widget=widgets.TextArea(),
        validators=[DataRequired(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    submit = SubmitField("Post comment", widget=widgets.SubmitInput())
