"""The search page and GET /api/v1/search: ranked, marked, filtered, never a 500."""

import pytest

from claimcheck.extensions import db
from claimcheck.models import Article, User
from claimcheck.roles import Role
from claimcheck.services import tokens
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text


@pytest.fixture
def article_id(app):
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        db.session.commit()
        return article.id


def test_every_page_has_the_search_box(client, login):
    login(Role.FACT_CHECKER)
    page = client.get("/claims").get_data(as_text=True)
    assert 'role="search"' in page
    assert 'action="/search"' in page


def test_the_page_shows_marked_hits_per_kind(client, login, article_id):
    login(Role.FACT_CHECKER)
    page = client.get("/search?q=Taliban+85%25").get_data(as_text=True)
    assert "The <mark>Taliban</mark> claim to control <mark>85</mark>% of Afghan territory" in page
    assert f"/articles/{article_id}" in page
    assert "Claims <small" in page


def test_claim_hits_show_their_state_as_the_queue_does(app, client, login, article_id):
    with app.app_context():
        claim = next(c for c in db.session.get(Article, article_id).claims if "85%" in c.text)
        claim.state = "awaiting_approval"
        db.session.commit()
    login(Role.FACT_CHECKER)
    page = client.get("/search?q=Taliban+85%25").get_data(as_text=True)
    assert '<span class="badge state-awaiting_approval">Awaiting approval</span>' in page


def test_empty_and_useless_queries_explain_themselves(client, login, article_id):
    login(Role.FACT_CHECKER)
    assert "Type words to find" in client.get("/search").get_data(as_text=True)
    assert "has no word to search for" in client.get("/search?q=the").get_data(as_text=True)
    assert "Nothing matches" in client.get("/search?q=zzzqqq").get_data(as_text=True)
    odd = client.get("/search?q=x&type=planets&state=flying&since=soon")
    assert odd.status_code == 200
    assert odd.get_data(as_text=True).count("Ignored:") == 3


@pytest.mark.parametrize(
    "hostile", ['"((', "NEAR(a b)", "*", "'; DROP TABLE claim; --", "%00", "a" * 5000]
)
def test_hostile_queries_never_fail(client, login, article_id, hostile):
    login(Role.FACT_CHECKER)
    assert client.get("/search", query_string={"q": hostile}).status_code == 200


def test_the_api_answers_tokens_with_the_same_hits(app, client, make_user, article_id):
    user = make_user(Role.FACT_CHECKER)
    with app.app_context():
        _, raw = tokens.create_token(db.session.get(User, user.id), "search")
        db.session.commit()
    headers = {"Authorization": f"Bearer {raw}"}
    body = client.get("/api/v1/search?q=taliban&type=claim", headers=headers).get_json()
    assert set(body["results"]) == {"claim"}
    claims = body["results"]["claim"]
    assert claims["count"] == len(claims["items"]) > 1
    assert "<mark>Taliban</mark>" in claims["items"][0]["heading_html"]
    bad = client.get("/api/v1/search?q=x&type=planets", headers=headers)
    assert bad.status_code == 422
    assert "planets" in bad.get_json()["error"]
    assert client.get("/api/v1/search?q=taliban").status_code == 401
