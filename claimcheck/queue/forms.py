"""The queue's filter form as plain data for its template.

Submitted with GET, it carries no CSRF token and changes nothing; the values it sends are
checked where they are read (services/queue_filters.py). It is built from (id, name) pairs
rather than WTForms fields because rendering a few hundred options through WTForms widgets
was most of the queue page's cost, and nothing here is ever validated by a form class.
"""

from __future__ import annotations

from dataclasses import dataclass

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
_ATTRIBUTIONS = [("", "Any"), *ATTRIBUTION_KINDS.items()]
_SORTS = list(SORTS.items())
_STATES = [(state.value, state.label) for state in ClaimState]


@dataclass(frozen=True)
class Select:
    """One drop-down: its options as (value, label) pairs and the value shown as chosen."""

    name: str
    label: str
    options: list[tuple[str, str]]
    chosen: str


@dataclass(frozen=True)
class Checkbox:
    """One tick box of a group sharing a name."""

    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class QueueFilterForm:
    """Everything the filter form shows, with the filters in force filled in."""

    states: list[Checkbox]
    mine: bool
    assignee: Select
    verdict: Select
    article: Select
    attribution: Select
    source: Select
    min_score: str
    since: str
    until: str
    sort: Select
    per_page: Select


def _options(pairs: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """Options for (id, name) pairs, with the ids as the strings a form sends."""
    return [(str(key), name) for key, name in pairs]


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> Select:
    """A drop-down that shows an id matching nothing as chosen, so it says what the URL asks."""
    if chosen and chosen not in {value for value, _ in options}:
        options = [*options, (chosen, f"Unknown (#{chosen})")]
    return Select(name, label, options, chosen)


def filter_form(filters: QueueFilters, paging: Paging, choices: FilterChoices) -> QueueFilterForm:
    """The filter form showing the filters in force."""
    query = filters.to_query()
    ticked = set(query.get("state", []))
    sizes = sorted({*PER_PAGE_CHOICES, paging.per_page})

    def chosen(name: str) -> str:
        value = query.get(name, "")
        return value if isinstance(value, str) else ""

    return QueueFilterForm(
        states=[
            Checkbox(f"state-{index}", value, label, value in ticked)
            for index, (value, label) in enumerate(_STATES)
        ],
        mine=filters.mine,
        assignee=_select(
            "assignee",
            "Assigned to",
            [("", "Anyone"), (UNASSIGNED, "Nobody yet"), *_options(choices.people)],
            chosen("assignee"),
        ),
        verdict=_select(
            "verdict",
            "Verdict",
            [("", "Any verdict"), *_options(choices.verdicts)],
            chosen("verdict"),
        ),
        article=_select(
            "article",
            "Article",
            [("", "Any article"), *_options(choices.articles)],
            chosen("article"),
        ),
        attribution=_select("attribution", "Whose voice", _ATTRIBUTIONS, chosen("attribution")),
        source=_select(
            "source", "Source", [("", "Any source"), *_options(choices.sources)], chosen("source")
        ),
        min_score="" if filters.min_score is None else str(filters.min_score),
        since=filters.since.isoformat() if filters.since else "",
        until=filters.until.isoformat() if filters.until else "",
        sort=_select("sort", "Order", _SORTS, filters.sort),
        per_page=_select(
            "per_page", "Per page", [(str(n), str(n)) for n in sizes], str(paging.per_page)
        ),
    )
