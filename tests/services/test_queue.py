"""The claims queue service: filters, sort orders, paging, and what it refuses to read."""

from datetime import UTC, date, datetime

import pytest

from claimcheck.extensions import db
from claimcheck.roles import Role
from claimcheck.services import review
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.claims import merge_with_next
from claimcheck.services.evidence import EvidenceInput, add_evidence
from claimcheck.services.queue import (
    MAX_PER_PAGE,
    QueuePage,
    claims_page,
    filter_choices,
    has_claims,
    parse_filters,
    parse_paging,
)
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action, ClaimState

pytestmark = pytest.mark.usefixtures("app_context")

SOURCE = EvidenceInput(url="https://www.example.org/figures", title="Figures", relation="refutes")


@pytest.fixture
def people(make_user):
    made = {role: make_user(role) for role in Role}
    made["second_checker"] = make_user(Role.FACT_CHECKER)
    return {key: db.session.merge(user) for key, user in made.items()}


def _article(title: str, count: int):
    text = " ".join(
        f"Unemployment in region {i} rose {i + 3}% in 2020, the ministry said."
        for i in range(count)
    )
    article = import_article(text, ArticleDetails(title=title), None)
    assert len(article.claims) == count
    return article


def _ids(filters, page=1, per_page=MAX_PER_PAGE) -> list[int]:
    return [claim.id for claim in claims_page(filters, page, per_page).items]


def _filters(people, **args):
    return parse_filters(args, people[Role.FACT_CHECKER].id)


def _give_verdict(claim, checker, editor, verdict="False"):
    review.transition(claim, editor, Action.ASSIGN, assignee=checker)
    review.transition(claim, checker, Action.START)
    add_evidence(claim, checker, SOURCE)
    review.transition(
        claim, checker, Action.PROPOSE, verdict=find_label(verdict), rationale="The data disagree."
    )


@pytest.fixture
def claims(people):
    """Two articles of claims; scores set by hand so the order is known."""
    first, second = _article("Jobs", 4), _article("Prices", 3)
    made = first.claims + second.claims
    for claim, score in zip(made, (0.9, 0.2, 0.5, 0.9, 0.7, 0.1, 0.4), strict=True):
        claim.score = score
    db.session.flush()
    return made


def test_default_queue_is_every_open_claim_by_score_then_newest(people, claims):
    expected = sorted(claims, key=lambda c: (-c.score, -c.id))
    assert _ids(_filters(people)) == [c.id for c in expected]


def test_dismissed_claims_appear_only_when_asked_for(people, claims):
    review.transition(claims[0], people[Role.FACT_CHECKER], Action.DISMISS, reason="Opinion")
    assert claims[0].id not in _ids(_filters(people))
    assert _ids(_filters(people, state="dismissed")) == [claims[0].id]
    both = _ids(_filters(people, state=["dismissed", "new"]))
    assert set(both) == {c.id for c in claims}


def test_merged_claims_are_left_out_whatever_the_filter(people, claims):
    merge_with_next(claims[0], people[Role.FACT_CHECKER])
    db.session.flush()
    assert claims[1].merged_into_id == claims[0].id
    every_state = [state.value for state in ClaimState]
    assert claims[1].id not in _ids(_filters(people, state=every_state))
    assert claims_page(_filters(people), 1, 50).total == len(claims) - 1


def test_state_filter_takes_several_states(people, claims):
    checker, editor = people[Role.FACT_CHECKER], people[Role.EDITOR]
    review.transition(claims[0], editor, Action.ASSIGN, assignee=checker)
    review.transition(claims[1], checker, Action.TAKE)
    review.transition(claims[1], checker, Action.START)
    assert _ids(_filters(people, state="assigned")) == [claims[0].id]
    assert set(_ids(_filters(people, state=["assigned", "in_review"]))) == {
        claims[0].id,
        claims[1].id,
    }


def test_assignee_filter_and_unassigned(people, claims):
    checker, other = people[Role.FACT_CHECKER], people["second_checker"]
    review.transition(claims[2], checker, Action.TAKE)
    review.transition(claims[3], other, Action.TAKE)
    assert _ids(_filters(people, assignee=str(other.id))) == [claims[3].id]
    unassigned = _ids(_filters(people, assignee="none"))
    assert set(unassigned) == {c.id for c in claims} - {claims[2].id, claims[3].id}


def test_mine_means_assigned_to_the_person_asking(people, claims):
    checker, other = people[Role.FACT_CHECKER], people["second_checker"]
    review.transition(claims[2], checker, Action.TAKE)
    review.transition(claims[3], other, Action.TAKE)
    assert _ids(parse_filters({"mine": "1"}, checker.id)) == [claims[2].id]
    assert _ids(parse_filters({"mine": "1"}, other.id)) == [claims[3].id]
    assert _ids(parse_filters({"mine": "1"}, people[Role.LEAD].id)) == []


def test_verdict_article_and_score_filters(people, claims):
    checker, editor = people[Role.FACT_CHECKER], people[Role.EDITOR]
    _give_verdict(claims[4], checker, editor, "Mostly false")
    _give_verdict(claims[5], checker, editor, "True")
    mostly_false = find_label("Mostly false")
    assert _ids(_filters(people, verdict=str(mostly_false.id))) == [claims[4].id]
    prices = claims[4].article_id
    by_score = [claims[4].id, claims[6].id, claims[5].id]
    assert _ids(_filters(people, article=str(prices))) == by_score
    assert _ids(_filters(people, min_score="0.5")) == [
        c.id for c in (claims[3], claims[0], claims[4], claims[2])
    ]
    assert _ids(_filters(people, article=str(prices), min_score="0.8")) == []


def test_attribution_and_source_filters(people, claims):
    checker = people[Role.FACT_CHECKER]
    set_attribution(claims[0], checker, kind="named", source_name="Statistics Office")
    set_attribution(claims[1], checker, kind="named", source_name="Central Bank")
    set_attribution(claims[2], checker, kind="publication")
    set_attribution(claims[3], checker, kind="unnamed")
    db.session.flush()
    assert _ids(_filters(people, attribution="named")) == [claims[0].id, claims[1].id]
    assert _ids(_filters(people, attribution="publication")) == [claims[2].id]
    assert _ids(_filters(people, source=str(claims[1].source_id))) == [claims[1].id]


def test_since_and_until_include_whole_days(people, claims):
    claims[0].created_at = datetime(2024, 3, 1, 23, 59, tzinfo=UTC)
    claims[1].created_at = datetime(2024, 3, 2, 0, 0, tzinfo=UTC)
    claims[2].created_at = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    db.session.flush()
    assert _ids(_filters(people, until="2024-03-01")) == [claims[0].id]
    assert _ids(_filters(people, since="2024-03-02", until="2024-03-05", sort="age")) == [
        claims[1].id,
        claims[2].id,
    ]
    assert claims[2].id not in _ids(_filters(people, since="2024-03-06"))


def test_sort_by_age_and_newest_break_ties_by_id(people, claims):
    same_time = datetime(2024, 1, 1, tzinfo=UTC)
    for claim in claims:
        claim.created_at = same_time
    claims[6].created_at = datetime(2023, 12, 31, tzinfo=UTC)
    db.session.flush()
    ids = [c.id for c in claims]
    assert _ids(_filters(people, sort="age")) == [ids[6], *ids[:6]]
    assert _ids(_filters(people, sort="newest")) == [*reversed(ids[:6]), ids[6]]


def test_pages_split_the_queue_without_gaps_or_repeats(people, claims):
    filters = _filters(people)
    pages = [claims_page(filters, number, 3) for number in (1, 2, 3)]
    assert [p.total for p in pages] == [7, 7, 7]
    assert [p.pages for p in pages] == [3, 3, 3]
    assert [len(p.items) for p in pages] == [3, 3, 1]
    seen = [c.id for p in pages for c in p.items]
    assert seen == _ids(filters)
    beyond = claims_page(filters, 4, 3)
    assert beyond.items == []
    assert beyond.total == 7


def test_page_bounds_are_enforced_by_the_service_too(people, claims):
    page = claims_page(_filters(people), 0, 10_000)
    assert (page.page, page.per_page) == (1, MAX_PER_PAGE)
    assert claims_page(_filters(people), 1, 0).per_page == 1


def test_paging_parameters_are_read_within_bounds():
    assert parse_paging({}) == parse_paging({"page": "", "per_page": ""})
    default = parse_paging({})
    assert (default.page, default.per_page, default.ignored) == (1, 50, ())
    capped = parse_paging({"page": "3", "per_page": "500"})
    assert (capped.page, capped.per_page) == (3, MAX_PER_PAGE)
    assert [i.name for i in capped.ignored] == ["per_page"]
    bad = parse_paging({"page": ["0"], "per_page": "ten"})
    assert (bad.page, bad.per_page) == (1, 50)
    assert [i.name for i in bad.ignored] == ["page", "per_page"]


def test_invalid_inputs_are_ignored_and_reported():
    filters = parse_filters(
        {
            "state": ["new", "bogus", "new"],
            "verdict": "x",
            "assignee": "-1",
            "article": "9" * 40,
            "attribution": "mystery",
            "source": "²",
            "min_score": "nan",
            "since": "yesterday",
            "until": "2024-02-30",
            "mine": "maybe",
            "sort": "random",
        },
        user_id=1,
    )
    assert filters.states == (ClaimState.NEW,)
    assert (filters.verdict_id, filters.assignee_id, filters.article_id) == (None, None, None)
    assert (filters.attribution, filters.source_id, filters.min_score) == (None, None, None)
    assert (filters.since, filters.until, filters.mine, filters.sort) == (
        None,
        None,
        False,
        "score",
    )
    assert [(i.name, i.value) for i in filters.ignored] == [
        ("state", "bogus"),
        ("verdict", "x"),
        ("assignee", "-1"),
        ("article", "9" * 40),
        ("source", "²"),
        ("attribution", "mystery"),
        ("min_score", "nan"),
        ("since", "yesterday"),
        ("until", "2024-02-30"),
        ("mine", "maybe"),
        ("sort", "random"),
    ]
    assert all(item.reason for item in filters.ignored)


def test_out_of_range_values_are_reported(people, claims):
    filters = _filters(people, min_score="1.5", since="2024-05-02", until="2024-05-01")
    assert filters.min_score is None
    assert filters.since == date(2024, 5, 2)
    assert filters.until is None
    assert [i.name for i in filters.ignored] == ["min_score", "until"]
    assert _ids(_filters(people, until="9999-12-31")) == _ids(_filters(people))


def test_empty_fields_from_a_submitted_form_mean_any(people, claims):
    blank = {name: "" for name in ("verdict", "assignee", "article", "attribution", "source")}
    blank.update(min_score="", since="", until="", sort="")
    filters = _filters(people, **blank)
    assert filters.ignored == ()
    assert not filters.is_filtered
    assert _ids(filters) == _ids(_filters(people))


def test_filters_survive_a_round_trip_through_the_query_string(people):
    args = {
        "state": ["returned", "assigned"],
        "assignee": "none",
        "verdict": "3",
        "min_score": "0.25",
        "since": "2024-01-01",
        "mine": "1",
        "sort": "age",
    }
    filters = _filters(people, **args)
    assert filters.to_query() == args
    assert _filters(people, **filters.to_query()) == filters
    assert filters.is_filtered


def test_window_marks_gaps_between_distant_pages():
    page = QueuePage(items=[], total=500, page=6, per_page=50, pages=10)
    assert page.window() == [1, None, 4, 5, 6, 7, 8, None, 10]
    assert QueuePage([], 60, 1, 50, 2).window() == [1, 2]
    assert QueuePage([], 0, 1, 50, 0).window() == []


def test_choices_and_emptiness(people):
    assert not has_claims()
    _article("Jobs", 1)
    assert has_claims()
    choices = filter_choices()
    assert [title for _, title in choices.articles] == ["Jobs"]
    assert {name for _, name in choices.people} >= {people[Role.LEAD].name}
    assert "False" in {name for _, name in choices.verdicts}


def test_verdict_choices_keep_their_order_and_say_which_are_retired(people):
    from claimcheck.services.verdicts import all_labels, retire_label

    retire_label(find_label("Mixed"))
    offered = filter_choices().verdicts
    assert [key for key, _ in offered] == [label.id for label in all_labels()]
    assert "Mixed (retired)" in [name for _, name in offered]
    assert "False" in [name for _, name in offered]


def test_counting_stops_at_the_cap_but_paging_goes_on(people, claims, monkeypatch):
    from claimcheck.services import queue

    monkeypatch.setattr(queue, "COUNT_CAP", 3)
    first = claims_page(_filters(people), 1, 2)
    assert first.total == 3
    assert first.total_is_lower_bound
    second = claims_page(_filters(people), 2, 2)
    assert len(second.items) == 2
    assert second.has_next
    everything = [c.id for p in range(1, 5) for c in claims_page(_filters(people), p, 2).items]
    assert sorted(everything) == sorted(c.id for c in claims)


def test_filter_form_offers_only_the_newest_articles_and_the_chosen_one(
    people, claims, monkeypatch
):
    from claimcheck.services import queue

    monkeypatch.setattr(queue, "CHOICE_LIMIT", 1)
    oldest = min(claim.article_id for claim in claims)
    newest = max(claim.article_id for claim in claims)
    assert [i for i, _ in filter_choices().articles] == [newest]
    chosen = filter_choices(_filters(people, article=str(oldest)))
    assert sorted(i for i, _ in chosen.articles) == sorted({oldest, newest})
