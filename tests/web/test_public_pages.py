"""Public fact-check pages: off by default, read-only, with safe ClaimReview JSON-LD."""

import json
import re

import pytest

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services import review
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.claims import edit_wording
from claimcheck.services.evidence import EvidenceInput, add_comment, add_evidence
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action

WORDING = 'The Taliban </script><script>alert(1)</script> control 85% "of" territory'
HOSTILE = 'Figures vary </script><script>alert("x")</script> & more'


@pytest.fixture
def claim_ids(app, make_user):
    checker_id = make_user(Role.FACT_CHECKER, name="Carla Checker").id
    editor_id = make_user(Role.EDITOR, name="Eddie Editor").id
    with app.app_context():
        checker, editor = db.session.get(User, checker_id), db.session.get(User, editor_id)
        article = import_article(
            "The Taliban claim to control 85% of Afghan territory. Prices rose 5% in 2020.",
            ArticleDetails(title="Afghanistan"),
            None,
        )
        approved, pending = article.claims[0], article.claims[1]
        review.transition(approved, checker, Action.TAKE)
        edit_wording(approved, checker, WORDING)
        review.transition(approved, checker, Action.START)
        add_evidence(
            approved,
            checker,
            EvidenceInput(url="https://www.example.org/m", title="Map", relation="context"),
        )
        add_comment(approved, checker, "Internal: ask Eddie")
        review.transition(
            approved, checker, Action.PROPOSE, verdict=find_label("Mostly false"), rationale=HOSTILE
        )
        review.transition(approved, editor, Action.APPROVE)
        db.session.commit()
        return approved.id, pending.id


def test_public_pages_are_off_by_default(client, claim_ids):
    assert client.get(f"/fact-checks/{claim_ids[0]}").status_code == 404


def test_public_page_embeds_claimreview_that_cannot_break_out(app, client, claim_ids):
    app.config["PUBLIC_FACT_CHECKS"] = True
    response = client.get(f"/fact-checks/{claim_ids[0]}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(embedded.group(1))
    assert data["@type"] == "ClaimReview"
    assert data["url"].endswith(f"/fact-checks/{claim_ids[0]}")
    assert data["reviewRating"]["alternateName"] == "Mostly false"
    assert data["claimReviewed"] == WORDING
    assert "<script>alert(1)" not in embedded.group(1)
    assert "<script>alert" not in body
    assert "&lt;/script&gt;&lt;script&gt;alert" in body  # the rationale, shown as text
    assert "Internal: ask Eddie" not in body  # no internal discussion
    assert "Eddie Editor" not in body  # no reviewer names unless configured
    assert "Cache-Control" not in response.headers or "no-store" not in response.headers.get(
        "Cache-Control", ""
    )


def test_reviewer_names_only_when_configured(app, client, claim_ids):
    app.config["PUBLIC_FACT_CHECKS"] = True
    app.config["PUBLIC_SHOW_REVIEWERS"] = True
    assert "Eddie Editor" in client.get(f"/fact-checks/{claim_ids[0]}").get_data(as_text=True)


def test_claims_not_approved_have_no_public_page(app, client, claim_ids):
    app.config["PUBLIC_FACT_CHECKS"] = True
    assert client.get(f"/fact-checks/{claim_ids[1]}").status_code == 404
    assert client.get("/fact-checks/999999").status_code == 404


def test_exported_claimreview_points_at_the_public_page_when_on(app, client, login, claim_ids):
    login(Role.EDITOR)
    off = json.loads(client.get("/reports/download/claimreview").data)
    assert off[0]["url"].endswith(f"/claims/{claim_ids[0]}")
    app.config["PUBLIC_FACT_CHECKS"] = True
    on = json.loads(client.get("/reports/download/claimreview").data)
    assert on[0]["url"].endswith(f"/fact-checks/{claim_ids[0]}")
