"""Forms on a claim's own page: attribution, workflow, evidence and discussion."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from claimcheck.services.attribution import ATTRIBUTION_KINDS


class AttributionForm(FlaskForm):
    """Whose claim this is, as a person confirms it."""

    kind = SelectField(
        "Whose voice",
        choices=[SelectChoice(value=key, label=label) for key, label in ATTRIBUTION_KINDS.items()],
    )
    source = StringField(
        "Attributed to",
        validators=[Length(max=200)],
        render_kw={"list": "source-suggestions", "autocomplete": "off"},
        description="A person or organisation; existing sources are offered.",
    )
    source_kind = SelectField(
        "The source is",
        choices=[
            SelectChoice(value="organisation", label="an organisation"),
            SelectChoice(value="person", label="a person"),
        ],
    )
    cue = StringField(
        "Cue",
        validators=[Length(max=60)],
        description="The words that attribute it: “said”, “according to”, “claim”…",
    )
    quote = SelectField(
        "Form",
        choices=[
            SelectChoice(value="paraphrase", label="Paraphrase"),
            SelectChoice(value="quote", label="Direct quotation"),
        ],
    )
    version = HiddenField()
    submit = SubmitField("Save attribution")


class WorkflowForm(FlaskForm):
    """Every field a workflow action may need; each action's form shows its own."""

    assignee = SelectField("Assign to", coerce=int, validate_choice=False)
    verdict = SelectField("Verdict", coerce=int, validate_choice=False)
    rationale = TextAreaField(
        "Rationale", render_kw={"rows": 5}, description="Why this verdict, on the evidence below."
    )
    reason = TextAreaField("Reason", render_kw={"rows": 2})
    version = HiddenField()


class EvidenceForm(FlaskForm):
    """One source consulted for the claim."""

    url = StringField(
        "URL",
        validators=[DataRequired(), Length(max=2000)],
        description="http or https; ClaimCheck never visits it.",
    )
    title = StringField("Title", validators=[DataRequired(), Length(max=500)])
    publisher = StringField("Publisher", validators=[Length(max=200)])
    published = DateField("Published on", validators=[Optional()])
    accessed = DateField("Accessed on", validators=[Optional()])
    excerpt = TextAreaField(
        "Quoted excerpt", validators=[Length(max=10_000)], render_kw={"rows": 3}
    )
    relation = SelectField(
        "Bears on the claim by",
        choices=[
            SelectChoice(value="supports", label="supporting it"),
            SelectChoice(value="refutes", label="refuting it"),
            SelectChoice(value="context", label="giving context"),
        ],
    )
    archive_url = StringField("Archive URL", validators=[Length(max=2000)])
    document = FileField(
        "Attach a PDF or image",
        description="Up to 5 MB.",
        render_kw={"accept": ".pdf,.png,.jpg,.jpeg,.gif,.webp"},
    )
    submit = SubmitField("Save evidence")


class CommentForm(FlaskForm):
    """A message for the people working on the claim."""

    body = TextAreaField(
        "Comment", validators=[DataRequired(), Length(max=5000)], render_kw={"rows": 3}
    )
    submit = SubmitField("Post comment")
