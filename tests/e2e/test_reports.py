"""An editor exports the example article's approved claims and opens the report."""

import csv
import io

import pytest
from playwright.sync_api import expect

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.demo import demo_article_text
from claimcheck.services.evidence import EvidenceInput
from tests.support.journeys import approve_claim

pytestmark = pytest.mark.browser


def test_editor_exports_and_opens_the_report(app, page, live_server, make_user, browser_sign_in):
    checker_id = make_user(Role.FACT_CHECKER).id
    editor = make_user(Role.EDITOR, name="Eddie Editor")
    with app.app_context():
        checker, approver = db.session.get(User, checker_id), db.session.get(User, editor.id)
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        claim = next(c for c in article.claims if "85%" in c.text)
        set_attribution(claim, checker, kind="named", source_name="the Taliban", cue="claim")
        approve_claim(
            claim,
            checker,
            approver,
            evidence=EvidenceInput(
                url="https://www.example.org/map", title="Control map", relation="context"
            ),
            verdict="Unverifiable",
            rationale="Estimates of territorial control vary widely.",
        )
        db.session.commit()

    browser_sign_in(page, editor)
    page.get_by_role("link", name="Reports").click()
    page.get_by_label("Articles", exact=True).select_option(label="Afghanistan")
    page.get_by_role("button", name="Count matching claims").click()
    expect(page.get_by_role("heading", name="1 claim matches")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="CSV").click()
    content = download_info.value.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["verdict"] for row in rows] == ["Unverifiable"]

    page.get_by_role("button", name="Open the printable report").click()
    report = page.locator(".report-claim")
    assert report.count() == 1
    assert "The Taliban claim to control 85% of Afghan territory" in report.inner_text()
    assert "approved by Eddie Editor" in report.inner_text()
