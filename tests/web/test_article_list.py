"""The article list: newest first, found by title, a page at a time, its SQL bounded."""

import re

from sqlalchemy import select

from claimcheck.extensions import db
from claimcheck.models import Article, Claim, User
from claimcheck.roles import Role
from claimcheck.services import articles as article_service
from claimcheck.services import review
from claimcheck.services.articles import ArticleDetails
from claimcheck.services.demo import demo_article_text
from claimcheck.workflow import Action
from tests.support.statements import statements_for


def _titles(page):
    return re.findall(r'<td><a href="/articles/\d+">([^<]*)</a></td>', page)


def test_long_lists_come_a_page_at_a_time_newest_first(app, client, login, make_articles):
    make_articles([f"Article {n:03d}" for n in range(120)])
    login()
    first = client.get("/").get_data(as_text=True)
    assert _titles(first)[:2] == ["Article 119", "Article 118"]
    assert len(_titles(first)) == 50
    assert "120 articles,\n  showing 1–50, newest first" in first
    assert 'href="/?page=2" rel="next"' in first
    last = client.get("/?page=3").get_data(as_text=True)
    assert _titles(last)[-1] == "Article 000"
    assert len(_titles(last)) == 20
    beyond = client.get("/?page=9").get_data(as_text=True)
    assert "There is no page 9." in beyond


def test_articles_are_found_by_title(app, client, login, make_articles):
    make_articles(["Inflation at 9% in Ruritania", "Budget 2024", "Ruritania votes"])
    login()
    found = client.get("/?q=ruritania").get_data(as_text=True)
    assert _titles(found) == ["Ruritania votes", "Inflation at 9% in Ruritania"]
    assert "2 articles whose title contains “ruritania”" in found
    # A percent sign is a character to find, not a wildcard.
    assert _titles(client.get("/?q=9%25").get_data(as_text=True)) == [
        "Inflation at 9% in Ruritania"
    ]
    none = client.get("/?q=%3Cb%3Ex").get_data(as_text=True)
    assert "No article title contains “&lt;b&gt;x”." in none
    assert 'value="&lt;b&gt;x"' in none


def test_open_claims_leave_out_dismissed_ones(app, client, make_user, login):
    checker = make_user(Role.EDITOR)
    with app.app_context():
        article = article_service.import_article(
            demo_article_text(), ArticleDetails(title="Afghanistan"), None
        )
        found = len(article.claims)
        review.transition(
            article.claims[0], db.session.get(User, checker.id), Action.DISMISS, reason="Not one."
        )
        db.session.commit()
    login()
    page = client.get("/").get_data(as_text=True)
    assert f"<td>{found - 1}</td>" in page


def test_the_list_reads_no_article_text_and_a_fixed_number_of_statements(
    app, client, login, make_articles
):
    make_articles([f"Article {n}" for n in range(60)])
    login()
    few, few_statements = statements_for(app, client, "/?page=2")
    assert few.status_code == 200
    with app.app_context():
        db.session.add(
            Claim(article_id=db.session.scalar(select(Article.id)), start=0, end=3, text="The")
        )
        db.session.commit()
    make_articles([f"More {n}" for n in range(60)])
    many, many_statements = statements_for(app, client, "/")
    assert many.status_code == 200
    assert len(many_statements) == len(few_statements)
    # The sign-in check, the count, the page's rows and their open claims.
    assert len([s for s in many_statements if s.startswith("SELECT")]) == 4
    assert not any("article.text" in statement for statement in many_statements)
