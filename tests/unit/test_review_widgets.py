"""The claim page's cheaper widgets write exactly the HTML WTForms' own widgets write."""

import pytest
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import widgets as wtforms_widgets
from wtforms.fields.choices import SelectChoice

from claimcheck.review import widgets
from claimcheck.review.forms import AttributionForm, CommentForm, EvidenceForm, WorkflowForm

# Each cheaper widget and the WTForms widget it stands in for.
ORIGINALS = {
    widgets.TextInput: wtforms_widgets.TextInput,
    widgets.HiddenInput: wtforms_widgets.HiddenInput,
    widgets.DateInput: wtforms_widgets.DateInput,
    widgets.FileInput: wtforms_widgets.FileInput,
    widgets.SubmitInput: wtforms_widgets.SubmitInput,
    widgets.TextArea: wtforms_widgets.TextArea,
    widgets.Select: wtforms_widgets.Select,
}
TRICKY = "<b>\"quoted\" & 'single'</b>"


def _both(field, **attrs) -> tuple[Markup, Markup]:
    ours = field.widget
    original = ORIGINALS[type(ours)]()
    return ours(field, **attrs), original(field, **attrs)


def _forms(submitted: MultiDict | None):
    workflow = WorkflowForm(formdata=submitted)
    workflow.assignee.choices = [SelectChoice(value=1, label=TRICKY), SelectChoice(2, "Bea")]
    workflow.verdict.choices = [SelectChoice(value=3, label="False")]
    return [
        AttributionForm(formdata=submitted),
        workflow,
        EvidenceForm(formdata=submitted),
        CommentForm(formdata=submitted),
    ]


@pytest.mark.parametrize(
    "submitted",
    [
        None,
        MultiDict(
            {
                "kind": "named",
                "source": TRICKY,
                "cue": TRICKY,
                "quote": "quote",
                "version": '7"',
                "assignee": "2",
                "rationale": TRICKY,
                "reason": "</textarea><script>",
                "url": "javascript:alert(1)",
                "title": TRICKY,
                "published": "2021-07-01",
                "relation": "refutes",
                "body": TRICKY,
            }
        ),
    ],
    ids=["blank", "submitted"],
)
def test_every_field_renders_as_wtforms_renders_it(app, submitted):
    with app.test_request_context("/claims/1", method="POST"):
        for form in _forms(submitted):
            form.validate()  # sets errors and the flags the validators imply
            for field in form:
                if field.name == "csrf_token":
                    continue
                ours, original = _both(field)
                assert ours == original, field.name
                ours, original = _both(field, class_="small", aria_describedby="x-help")
                assert ours == original, field.name


def test_attributes_leave_out_false_and_keep_true_alone():
    assert widgets.attributes(b="x", a=True, c=False, data_role="<&>") == Markup(
        'a b="x" data-role="&lt;&amp;&gt;"'
    )
