"""The whole review of the 85% claim in a real browser: attribute, evidence, propose, approve,
and a lead reading the claim's timeline afterwards."""

import pytest
from playwright.sync_api import expect

from claimcheck.extensions import db
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text

pytestmark = pytest.mark.browser


def _sign_out(page, live_server):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{live_server}/login")


def _add_evidence(page, url, title, relation):
    page.get_by_text("Add evidence").click()
    form = page.locator("#add-evidence")
    form.get_by_label("URL", exact=True).fill(url)
    form.get_by_label("Title").fill(title)
    form.get_by_label("Bears on the claim by").select_option(relation)
    form.get_by_role("button", name="Save evidence").click()
    expect(page.get_by_text("Evidence added.")).to_be_visible()


def test_fact_checker_and_editor_review_the_85_percent_claim_and_a_lead_audits_it(
    app, page, live_server, make_user, browser_sign_in
):
    checker = make_user(Role.FACT_CHECKER, name="Farah Checker")
    editor = make_user(Role.EDITOR, name="Eddie Editor")
    lead = make_user(Role.LEAD, name="Lena Lead")
    with app.app_context():
        details = ArticleDetails(title="Afghanistan withdrawal")
        article = import_article(demo_article_text(), details, None)
        db.session.commit()
        article_id = article.id

    browser_sign_in(page, checker)
    page.goto(f"{live_server}/articles/{article_id}")
    page.locator(".claim-mark", has_text="85% of Afghan territory").click()
    page.get_by_role("button", name="Review this claim").click()
    page.get_by_role("button", name="Take").click()
    page.get_by_role("button", name="Start review").click()

    attribution = page.locator("#attribution form")
    attribution.get_by_label("Whose voice").select_option("named")
    attribution.get_by_label("Attributed to").fill("the Taliban")
    attribution.get_by_label("Cue").fill("claim")
    attribution.get_by_label("Form").select_option("paraphrase")
    attribution.get_by_role("button", name="Save attribution").click()
    expect(page.get_by_text("Attribution saved.")).to_be_visible()
    expect(page.locator("#attribution").get_by_text("confirmed")).to_be_visible()

    _add_evidence(
        page,
        "https://www.longwarjournal.org/mapping-taliban-control",
        "Mapping Taliban control in Afghanistan",
        "context",
    )
    _add_evidence(
        page,
        "https://www.example.org/afghan-government-statement",
        "Afghan government rejects the Taliban's figure",
        "refutes",
    )
    assert page.locator(".evidence-item").count() == 2

    page.locator("#workflow summary", has_text="Propose verdict").click()
    proposal = page.locator("#action-propose")
    proposal.get_by_label("Verdict").select_option(label="Unverifiable")
    proposal.get_by_label("Rationale").fill("Control figures vary by source; none is independent.")
    proposal.get_by_role("button", name="Propose verdict").click()
    expect(page.get_by_text("Propose verdict: done.")).to_be_visible()
    claim_url = page.url.split("#")[0]
    _sign_out(page, live_server)

    browser_sign_in(page, editor)
    page.goto(claim_url)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approve: done.")).to_be_visible()
    expect(page.locator("#workflow").get_by_text("Eddie Editor")).to_be_visible()

    page.get_by_role("link", name="full history with changes").click()
    timeline = page.locator(".timeline")
    for step, who in [
        ("approved", "Eddie Editor"),
        ("verdict proposed", "Farah Checker"),
        ("evidence added", "Farah Checker"),
        ("attribution", "Farah Checker"),
        ("review started", "Farah Checker"),
        ("taken", "Farah Checker"),
    ]:
        entry = timeline.locator(".timeline-entry", has_text=step).first
        assert who in entry.inner_text()
        assert entry.locator("time").get_attribute("datetime")
    _sign_out(page, live_server)

    # The lead follows the claim from its history to the full timeline with the audit log.
    browser_sign_in(page, lead)
    page.goto(claim_url)
    page.get_by_role("link", name="full history with changes").click()
    page.get_by_role("link", name="Full timeline with the audit log").click()
    expect(page.get_by_role("heading", name="Timeline of claim")).to_be_visible()
    entries = page.locator(".audit-timeline .timeline-entry")
    texts = [entries.nth(index).inner_text() for index in range(entries.count())]
    expected = [
        ("Article imported", "Command line"),
        ("Taken", "Farah Checker"),
        ("Review started", "Farah Checker"),
        ("Attribution", "Farah Checker"),
        ("Evidence added", "Farah Checker"),
        ("Evidence added", "Farah Checker"),
        ("Verdict proposed", "Farah Checker"),
        ("Approved", "Eddie Editor"),
    ]
    position = -1
    for label, who in expected:  # each step after the one before it
        later = [
            index
            for index in range(position + 1, len(texts))
            if label in texts[index] and who in texts[index]
        ]
        assert later, f"no “{label}” by {who} after step {position} in {texts}"
        position = later[0]
    approved = next(text for text in texts if "Approved" in text)
    assert "from 127.0.0.1" in approved
    assert "Audit event" in approved
    assert "“Unverifiable”" in approved


def test_source_fields_step_aside_for_the_publications_own_voice(
    app, page, live_server, make_user, browser_sign_in
):
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        db.session.commit()
        own_voice = next(
            c.id for c in article.claims if c.suggested_attribution["kind"] == "publication"
        )

    browser_sign_in(page, make_user(Role.FACT_CHECKER))
    page.goto(f"{live_server}/claims/{own_voice}")
    attribution = page.locator("#attribution form")
    note = attribution.get_by_text("has no source, cue or form to record")
    expect(note).to_be_visible()
    expect(attribution.get_by_label("Attributed to")).to_be_hidden()
    expect(attribution.get_by_label("Cue")).to_be_hidden()

    attribution.get_by_label("Whose voice").select_option("unnamed")
    expect(note).to_be_hidden()
    attribution.get_by_label("Attributed to").fill("a local correspondent")
    attribution.get_by_label("Cue").fill("according to")
    attribution.get_by_role("button", name="Save attribution").click()
    expect(page.get_by_text("Attribution saved.")).to_be_visible()
    expect(attribution.get_by_label("Attributed to")).to_have_value("a local correspondent")


def test_a_fact_checker_corrects_an_evidence_item_in_place(
    app, page, live_server, make_user, browser_sign_in
):
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        db.session.commit()
        claim_id = next(c.id for c in article.claims if "85%" in c.text)

    browser_sign_in(page, make_user(Role.FACT_CHECKER))
    page.goto(f"{live_server}/claims/{claim_id}")
    _add_evidence(page, "https://example.org/map", "Map of contol", "context")
    page.get_by_role("button", name="Edit Map of contol").click()
    item = page.locator("#evidence .evidence-item")
    item.get_by_label("Title").fill("Map of control")
    item.get_by_label("Publisher").fill("Long War Journal")
    item.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Evidence updated.")).to_be_visible()
    expect(item.get_by_role("link", name="Map of control")).to_be_visible()
    expect(item.get_by_text("Long War Journal")).to_be_visible()
    expect(page.locator("#history").get_by_text("evidence edited")).to_be_visible()
