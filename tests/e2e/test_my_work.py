"""A fact-checker moves from one claim of their work to the next with the keyboard."""

import pytest
from playwright.sync_api import expect

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services import review
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text
from claimcheck.workflow import Action

pytestmark = pytest.mark.browser


def test_n_opens_the_next_claim_waiting_on_me(app, page, live_server, make_user, browser_sign_in):
    checker = make_user(Role.FACT_CHECKER)
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        person = db.session.get(User, checker.id)
        top, below = sorted(article.claims, key=lambda c: (-c.score, -c.id))[:2]
        for claim in (top, below):
            review.transition(claim, person, Action.TAKE)
        db.session.commit()
        top_id, below_id = top.id, below.id

    browser_sign_in(page, checker)
    page.goto(f"{live_server}/claims/{top_id}")
    page.keyboard.press("n")
    page.wait_for_url(f"{live_server}/claims/{below_id}")
    # Typing in a field is never taken for the shortcut.
    page.get_by_label("Comment").fill("n")
    expect(page).to_have_url(f"{live_server}/claims/{below_id}")
    page.get_by_role("link", name="Next in my work").click()
    page.wait_for_url(f"{live_server}/claims/{top_id}")


def test_j_and_k_move_through_the_queue_and_enter_opens(
    app, page, live_server, make_user, browser_sign_in
):
    with app.app_context():
        import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        db.session.commit()
    browser_sign_in(page, make_user(Role.FACT_CHECKER))
    page.goto(f"{live_server}/claims")
    links = page.locator(".queue-claim a")
    page.keyboard.press("j")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(links.nth(1)).to_be_focused()
    target = links.nth(1).get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}{target}")
