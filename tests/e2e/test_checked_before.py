"""A claim met again: the second article's 85% claim shows the approved check, confirmed in a
real browser and taken over as a starting point."""

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

SECOND_ARTICLE = (
    "KABUL, July 23 (Newswire) - Taliban commanders again said on Friday that they control "
    "85 percent of Afghanistan's territory, a figure the government disputes.\n\n"
    "Fighting continued around Kandahar, officials said."
)


def test_a_repeated_claim_shows_its_earlier_verdict_and_is_confirmed(
    app, page, live_server, make_user, browser_sign_in
):
    checker = make_user(Role.FACT_CHECKER, name="Farah Checker")
    editor = make_user(Role.EDITOR, name="Eddie Editor")
    with app.app_context():
        first = import_article(demo_article_text(), ArticleDetails(title="Afghanistan, July"), None)
        claim = next(c for c in first.claims if "85%" in c.text)
        approve_claim(
            claim,
            db.session.get(User, checker.id),
            db.session.get(User, editor.id),
            evidence=EvidenceInput(
                url="https://www.longwarjournal.org/mapping-taliban-control",
                title="Mapping Taliban control in Afghanistan",
                relation="refutes",
            ),
            verdict="Misleading",
            rationale="District maps show the Taliban controlling far less than 85%.",
        )
        db.session.commit()

    browser_sign_in(page, checker)
    page.goto(f"{live_server}/articles/new")
    page.get_by_label("Paste the article text").fill(SECOND_ARTICLE)
    page.get_by_label("Title").fill("Taliban repeat territory claim")
    page.get_by_role("button", name="Import and find claims").click()

    # The article's claim list flags the claim that was checked before, with its verdict.
    line = page.locator(".checked-before-line")
    assert line.count() == 1
    assert "Misleading" in line.inner_text()
    assert "Afghanistan, July" in line.inner_text()
    line.get_by_role("link").click()

    panel = page.locator("#checked-before")
    panel.wait_for()
    expect(panel.get_by_text("Misleading")).to_be_visible()
    expect(panel.get_by_text("Mapping Taliban control in Afghanistan")).to_be_visible()
    expect(panel.get_by_text("85% of Afghan territory")).to_be_visible()
    panel.get_by_role("button", name="Same claim").click()
    expect(page.get_by_text("Marked as the same claim.")).to_be_visible()
    expect(page.locator("#checked-before").get_by_text("same claim", exact=True)).to_be_visible()

    page.get_by_role("button", name="Take").click()
    page.get_by_role("button", name="Start review").click()
    page.locator("#checked-before").get_by_role(
        "button", name="Reuse its verdict and evidence"
    ).click()
    expect(page.get_by_text("copied in as a starting point")).to_be_visible()
    evidence = page.locator("#evidence")
    expect(
        evidence.get_by_role("link", name="Mapping Taliban control in Afghanistan")
    ).to_be_visible()
    # The proposal starts from the earlier verdict; the checker still proposes it.
    page.locator("summary", has_text="Propose verdict").click()
    assert (
        page.locator("#action-propose select").evaluate(
            "select => select.selectedOptions[0].textContent"
        )
        == "Misleading"
    )

    page.get_by_role("link", name="full history with changes").click()
    expect(page.get_by_text("match reused")).to_be_visible()
    expect(page.get_by_text("match confirmed")).to_be_visible()
