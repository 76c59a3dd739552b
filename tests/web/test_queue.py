"""The claims queue page: who sees it, filters in the URL, escaping and the query budget."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import render_template_string, url_for
from sqlalchemy import select

from claimcheck.extensions import db
from claimcheck.models import Claim, User
from claimcheck.queue.lines import age, claim_in_article_links, queue_lines
from claimcheck.roles import Role
from claimcheck.services import review
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.evidence import EvidenceInput, add_evidence
from claimcheck.services.queue import QueueRow
from claimcheck.services.verdicts import active_labels
from claimcheck.workflow import Action
from tests.support.statements import statements_for

SOURCE = EvidenceInput(url="https://www.example.org/figures", title="Figures", relation="refutes")
ROW = re.compile(r'<a href="/articles/\d+\?claim=(\d+)#claim-panel">')


def _import(title: str, count: int, first: int = 0) -> None:
    text = " ".join(
        f"Unemployment in region {i} rose {i + 3}% in 2020, the ministry said."
        for i in range(first, first + count)
    )
    import_article(text, ArticleDetails(title=title), None)


def _seed(app, *articles: tuple[str, int]) -> None:
    with app.app_context():
        for number, (title, count) in enumerate(articles):
            _import(title, count, first=100 * number)
        db.session.commit()


def _rows(response) -> list[int]:
    return [int(claim_id) for claim_id in ROW.findall(response.get_data(as_text=True))]


def _claim_ids(app, **where) -> list[int]:
    with app.app_context():
        query = select(Claim.id).filter_by(**where).order_by(Claim.id)
        return list(db.session.scalars(query))


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/claims?state=new")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_the_queue(app, client, login, role):
    login(role)
    _seed(app, ("Jobs", 3))
    response = client.get("/claims")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Claims</h1>" in page
    assert "3 claims" in page
    assert sorted(_rows(response)) == _claim_ids(app)
    assert 'href="/static/css/queue.css' in page
    assert "style=" not in page
    assert "<script>" not in page


def test_rows_link_to_the_claim_panel_and_show_the_article(app, client, login):
    login()
    _seed(app, ("Jobs & wages", 1))
    page = client.get("/claims").get_data(as_text=True)
    (claim_id,) = _claim_ids(app)
    assert f'?claim={claim_id}#claim-panel"' in page
    assert "Jobs &amp; wages" in page
    assert "Nobody" in page
    assert "Not confirmed" in page


def test_filters_in_the_url_narrow_the_list_and_fill_the_form(app, client, login):
    checker = login()
    _seed(app, ("Jobs", 4))
    with app.app_context():
        me = db.session.get(User, checker.id)
        first, second, *_ = db.session.scalars(select(Claim).order_by(Claim.id))
        review.transition(first, me, Action.TAKE)
        review.transition(second, me, Action.TAKE)
        review.transition(second, me, Action.START)
        set_attribution(second, me, kind="named", source_name="Labour Office")
        db.session.commit()
        first_id, second_id, source_id = first.id, second.id, second.source_id

    response = client.get("/claims?state=assigned&state=in_review&mine=1")
    assert sorted(_rows(response)) == [first_id, second_id]
    page = response.get_data(as_text=True)
    checked = re.compile(r'<input checked id="state-\d" name="state" type="checkbox" value="(\w+)"')
    assert checked.findall(page) == ["assigned", "in_review"]
    assert re.search(r'<input checked id="mine" name="mine" type="checkbox" value="1"', page)

    response = client.get(f"/claims?attribution=named&source={source_id}")
    assert _rows(response) == [second_id]
    page = response.get_data(as_text=True)
    assert f'<option selected value="{source_id}">Labour Office</option>' in page
    assert "Named: Labour Office" in page

    unassigned = _rows(client.get("/claims?assignee=none"))
    assert first_id not in unassigned
    assert len(unassigned) == 2


def test_page_links_keep_the_filters(app, client, login):
    login()
    _seed(app, ("Jobs", 5))
    response = client.get("/claims?state=new&per_page=2&sort=age&page=2")
    assert _rows(response) == _claim_ids(app)[2:4]
    page = response.get_data(as_text=True)
    assert "5 claims" in page
    assert 'href="/claims?state=new&amp;sort=age&amp;per_page=2&amp;page=3" rel="next"' in page
    assert 'aria-current="page">2</a>' in page


def test_invalid_values_are_ignored_with_a_note(app, client, login):
    login()
    _seed(app, ("Jobs", 2))
    response = client.get(
        "/claims?state=<b>bogus</b>&min_score=2&since=soon&page=zero&per_page=9999&article=x"
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Some parts of this address were ignored" in page
    assert "state=&lt;b&gt;bogus&lt;/b&gt;" in page
    for name in ("min_score=2", "since=soon", "page=zero", "per_page=9999", "article=x"):
        assert name in page
    assert sorted(_rows(response)) == _claim_ids(app)


def test_an_id_that_matches_nothing_is_shown_as_chosen(app, client, login):
    login()
    _seed(app, ("Jobs", 2))
    page = client.get("/claims?verdict=999").get_data(as_text=True)
    assert '<option selected value="999">Unknown (#999)</option>' in page
    assert "No claims match these filters" in page
    assert 'href="/claims">Clear the filters</a>' in page


def test_claim_text_is_escaped(client, login):
    login()
    response = client.post(
        "/articles/new",
        data={"text": "<script>alert('x')</script> The rate rose 5% in 2020.", "title": "<i>T</i>"},
    )
    assert response.status_code == 302
    page = client.get("/claims").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<i>T</i>" not in page


def test_empty_queue_points_to_importing_an_article(client, login):
    login()
    page = client.get("/claims").get_data(as_text=True)
    assert "No claims yet" in page
    assert 'href="/articles/new"' in page


def test_dismissed_only_queue_offers_the_dismissed_claims(app, client, login):
    checker = login()
    _seed(app, ("Jobs", 1))
    with app.app_context():
        claim = db.session.scalars(select(Claim)).one()
        review.transition(claim, db.session.get(User, checker.id), Action.DISMISS, reason="Dup")
        db.session.commit()
    page = client.get("/claims").get_data(as_text=True)
    assert "No open claims" in page
    assert 'href="/claims?state=dismissed"' in page
    assert "No claims yet" not in page


def test_a_page_past_the_end_links_back_to_the_last(app, client, login):
    login()
    _seed(app, ("Jobs", 3))
    page = client.get("/claims?per_page=2&page=7").get_data(as_text=True)
    assert "There is no page 7" in page
    assert 'href="/claims?per_page=2&amp;page=2"' in page


def test_a_page_of_claims_costs_a_constant_number_of_queries(app, client, login, make_user):
    checkers = [make_user(Role.FACT_CHECKER) for _ in range(4)]
    editor = make_user(Role.EDITOR)
    login()
    _seed(app, *[(f"Article {n}", 12) for n in range(5)])
    with app.app_context():
        people = [db.session.get(User, person.id) for person in checkers]
        boss = db.session.get(User, editor.id)
        labels = active_labels()
        for index, claim in enumerate(db.session.scalars(select(Claim).order_by(Claim.id))):
            checker = people[index % len(people)]
            review.transition(claim, boss, Action.ASSIGN, assignee=checker)
            set_attribution(claim, checker, kind="named", source_name=f"Source {index % 9}")
            if index % 2:
                review.transition(claim, checker, Action.START)
                add_evidence(claim, checker, SOURCE)
                review.transition(
                    claim,
                    checker,
                    Action.PROPOSE,
                    verdict=labels[index % len(labels)],
                    rationale="The figures say otherwise.",
                )
        db.session.commit()

    full, full_statements = statements_for(app, client, "/claims?per_page=50")
    assert full.status_code == 200
    assert len(_rows(full)) == 50
    assert "60 claims" in full.get_data(as_text=True)
    small, small_statements = statements_for(app, client, "/claims?per_page=5")
    assert len(_rows(small)) == 5
    assert len(full_statements) == len(small_statements)
    # Sign-in check, count, the page's ids, its rows and the filter form's choices: never one
    # per row.
    assert len([s for s in full_statements if s.startswith("SELECT")]) <= 5, full_statements


def test_age_reads_in_the_largest_whole_unit():
    now = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    assert age(now - timedelta(seconds=20), now) == "just now"
    assert age(now - timedelta(minutes=5), now) == "5 min"
    assert age(now - timedelta(hours=3, minutes=59), now) == "3 h"
    assert age(now - timedelta(days=1, hours=2), now) == "1 day"
    assert age(now - timedelta(days=13), now) == "13 days"
    assert age(now - timedelta(days=60), now) == "8 weeks"
    assert age(now + timedelta(minutes=1), now) == "just now"


def test_claim_links_are_the_routes_own(app):
    with app.test_request_context("/claims"):
        link = claim_in_article_links()
        for article_id, claim_id in ((1, 2), (42, 1_000_000)):
            expected = url_for("articles.detail", article_id=article_id, claim=claim_id)
            assert link(article_id, claim_id) == f"{expected}#claim-panel"


def test_queue_lines_print_what_the_rows_hold(app):
    now = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    found = datetime(2024, 5, 30, 9, 5, tzinfo=UTC)
    words = "Unemployment rose sharply " * 20
    rows = [
        QueueRow(7, 3, words, "Jobs", "in_review", "False", 0.876, "named", "Lab", 5, "Ann", found),
        QueueRow(8, 3, "Short.", "Jobs", "unknown", None, 0.5, None, None, 6, "Bob", found),
    ]
    with app.test_request_context("/claims"):
        mine, other = queue_lines(rows, 5, now)
        assert mine.href == f"{url_for('articles.detail', article_id=3, claim=7)}#claim-panel"
        assert mine.text == render_template_string("{{ text|truncate(240) }}", text=words)
    assert len(mine.text) < len(words)
    assert (mine.state_label, mine.score_shown, mine.is_mine) == ("In review", "0.88", True)
    assert (mine.found_at, mine.found_on, mine.found_ago) == (
        "2024-05-30T09:05:00+00:00",
        "2024-05-30 09:05",
        "2 days",
    )
    # A state the workflow does not know is shown as stored.
    assert (other.text, other.state_label, other.is_mine) == ("Short.", "unknown", False)
