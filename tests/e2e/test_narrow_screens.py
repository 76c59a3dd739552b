"""On a phone-width screen the pages wrap rather than run off to the side."""

import pytest
from playwright.sync_api import expect

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text
from claimcheck.services.evidence import EvidenceInput
from tests.support.journeys import approve_claim

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 800}


def test_pages_fit_a_phone_screen(app, page, live_server, make_user, browser_sign_in):
    checker_id = make_user(Role.FACT_CHECKER).id
    editor_id = make_user(Role.EDITOR).id
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        claim = article.claims[0]
        # An approved claim fills the team page's tables and chart and the history.
        approve_claim(
            claim,
            db.session.get(User, checker_id),
            db.session.get(User, editor_id),
            evidence=EvidenceInput(url="https://www.example.org/a", title="A", relation="context"),
            verdict="Mixed",
            rationale="Partly right.",
        )
        db.session.commit()
        article_id, claim_id = article.id, claim.id
    # A lead has the most links in the header.
    browser_sign_in(page, make_user(Role.LEAD))
    page.set_viewport_size(PHONE)
    pages = ("/", f"/articles/{article_id}", f"/claims/{claim_id}", f"/claims/{claim_id}/history")
    pages += ("/claims", "/search?q=Taliban", "/reports", "/team", "/audit", "/people")
    pages += ("/settings/verdicts", "/account", "/articles/new")
    for path in pages:
        page.goto(f"{live_server}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide"
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
