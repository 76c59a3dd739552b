"""The queue's filter form: submitted with GET, so it carries no CSRF token and changes nothing."""

from __future__ import annotations

from wtforms import BooleanField, DateField, FloatField, Form, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from claimcheck.services.attribution import ATTRIBUTION_KINDS
from claimcheck.services.queue import (
    MAX_PER_PAGE,
    SORTS,
    UNASSIGNED,
    FilterChoices,
    Paging,
    QueueFilters,
)
from claimcheck.workflow import ClaimState

PER_PAGE_CHOICES = (25, 50, 100, MAX_PER_PAGE)


def _options(pairs: list[tuple[int, str]], anything: str | None = None) -> list[SelectChoice]:
    """Choices for (id, name) pairs, led by an empty "any" choice when `anything` is given."""
    lead = [SelectChoice(value="", label=anything)] if anything else []
    return lead + [SelectChoice(value=str(key), label=name) for key, name in pairs]


class QueueFilterForm(Form):
    """Filters for the claims queue; the values are read by the queue service, not here."""

    state = SelectMultipleField(
        "State",
        choices=[SelectChoice(value=state.value, label=state.label) for state in ClaimState],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    mine = BooleanField("Only claims assigned to me", render_kw={"value": "1"})
    assignee = SelectField("Assigned to")
    verdict = SelectField("Verdict")
    article = SelectField("Article")
    attribution = SelectField(
        "Whose voice",
        choices=[SelectChoice(value="", label="Any")]
        + [SelectChoice(value=key, label=label) for key, label in ATTRIBUTION_KINDS.items()],
    )
    source = SelectField("Source")
    min_score = FloatField(
        "Lowest score",
        render_kw={"min": "0", "max": "1", "step": "any", "placeholder": "0–1"},
    )
    since = DateField("Found on or after")
    until = DateField("Found on or before")
    sort = SelectField(
        "Order", choices=[SelectChoice(value=key, label=label) for key, label in SORTS.items()]
    )
    per_page = SelectField("Per page")


def _keep_unknown(field: SelectField, value: str | None) -> None:
    """Show an id that matches nothing as chosen, so the form says what the URL asks for."""
    if value and value not in {choice.value for choice in field.choices}:
        field.choices.append(SelectChoice(value=value, label=f"Unknown (#{value})"))


def filter_form(filters: QueueFilters, paging: Paging, choices: FilterChoices) -> QueueFilterForm:
    """The filter form showing the filters in force."""
    query = filters.to_query()
    form = QueueFilterForm(
        data={
            "state": query.get("state", []),
            "mine": filters.mine,
            "assignee": query.get("assignee", ""),
            "verdict": query.get("verdict", ""),
            "article": query.get("article", ""),
            "attribution": query.get("attribution", ""),
            "source": query.get("source", ""),
            "min_score": filters.min_score,
            "since": filters.since,
            "until": filters.until,
            "sort": filters.sort,
            "per_page": str(paging.per_page),
        }
    )
    form.assignee.choices = [
        SelectChoice(value="", label="Anyone"),
        SelectChoice(value=UNASSIGNED, label="Nobody yet"),
        *_options(choices.people),
    ]
    form.verdict.choices = _options(choices.verdicts, "Any verdict")
    form.article.choices = _options(choices.articles, "Any article")
    form.source.choices = _options(choices.sources, "Any source")
    sizes = sorted({*PER_PAGE_CHOICES, paging.per_page})
    form.per_page.choices = [SelectChoice(value=str(n), label=str(n)) for n in sizes]
    for name in ("assignee", "verdict", "article", "source"):
        _keep_unknown(form[name], form[name].data)
    return form
