"""Claims checked before on the pages: the claim's panel, the article's list, the API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from claimcheck.extensions import db
from claimcheck.models import Claim, ClaimMatch, User
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.evidence import EvidenceInput
from claimcheck.services.tokens import create_token
from tests.conftest import sign_in
from tests.support.journeys import approve_claim

FIRST = "Exports rose by 8% last year, the minister said. The weather was pleasant."
LATER = "Exports grew by eight per cent last year, the minister claimed."
HOSTILE_TITLE = "Trade figures <script>alert(1)</script>"


@pytest.fixture
def matched(app, make_user):
    """(checker, editor, earlier claim id, later claim id, match id)."""
    checker, editor = make_user(Role.FACT_CHECKER), make_user(Role.EDITOR)
    with app.app_context():
        first = import_article(FIRST, ArticleDetails(title="Trade <b>first</b>"), None)
        earlier = next(c for c in first.claims if "8%" in c.text)
        approve_claim(
            earlier,
            db.session.get(User, checker.id),
            db.session.get(User, editor.id),
            evidence=EvidenceInput(
                url="https://stats.example.org/trade", title=HOSTILE_TITLE, relation="refutes"
            ),
            verdict="Mostly false",
            rationale="Customs data show 3%.",
        )
        db.session.commit()
        later = import_article(LATER, ArticleDetails(title="Trade later"), None)
        db.session.commit()
        match = db.session.scalars(select(ClaimMatch)).one()
        return checker, editor, earlier.id, match.claim_id, match.id, later.id


def test_the_claim_page_shows_the_earlier_check_escaped(client, matched):
    checker, _, earlier_id, claim_id, match_id, _ = matched
    sign_in(client, checker.email)
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert 'id="checked-before"' in page
    assert f'href="/claims/{earlier_id}"' in page
    assert "Mostly false" in page
    assert "Customs data show 3%." in page
    assert "Trade &lt;b&gt;first&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert f"/claims/{claim_id}/matches/{match_id}/confirm" in page
    assert f"/claims/{claim_id}/matches/{match_id}/reuse" not in page  # not confirmed yet


def test_a_claim_without_matches_says_so(client, matched):
    checker, _, earlier_id, *_ = matched
    sign_in(client, checker.email)
    page = client.get(f"/claims/{earlier_id}").get_data(as_text=True)
    assert "No reviewed claim matched this one" in page


def test_the_article_list_shows_the_best_earlier_check(client, matched):
    checker, _, _, claim_id, _, later_id = matched
    sign_in(client, checker.email)
    page = client.get(f"/articles/{later_id}").get_data(as_text=True)
    assert f'href="/claims/{claim_id}#checked-before"' in page
    assert "Checked before?" in page
    assert "Mostly false" in page
    assert "1 evidence" in page


def test_confirm_then_reuse_through_the_buttons(app, client, matched):
    checker, _, earlier_id, claim_id, match_id, _ = matched
    sign_in(client, checker.email)
    confirmed = client.post(f"/claims/{claim_id}/matches/{match_id}/confirm")
    assert confirmed.status_code == 302
    assert confirmed.headers["Location"].endswith(f"/claims/{claim_id}#checked-before")
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "same claim</span>" in page
    assert f"/claims/{claim_id}/matches/{match_id}/reuse" in page
    with app.app_context():
        version = db.session.get(Claim, claim_id).version
    reused = client.post(
        f"/claims/{claim_id}/matches/{match_id}/reuse", data={"version": str(version)}
    )
    assert reused.status_code == 302
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "copied in as a starting point" in page
    assert page.count('class="evidence-item') == 1
    history = client.get(f"/claims/{claim_id}/history").get_data(as_text=True)
    assert f'<a href="/claims/{earlier_id}">claim {earlier_id}</a>' in history
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        assert claim.rationale == "Customs data show 3%."


def test_reuse_from_a_stale_page_changes_nothing(app, client, matched):
    checker, _, _, claim_id, match_id, _ = matched
    sign_in(client, checker.email)
    client.post(f"/claims/{claim_id}/matches/{match_id}/confirm")
    response = client.post(
        f"/claims/{claim_id}/matches/{match_id}/reuse", data={"version": "0"}, follow_redirects=True
    )
    assert "changed this claim after you opened it" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Claim, claim_id).evidence == []


def test_a_match_is_reached_only_through_its_own_claim(client, matched):
    checker, _, earlier_id, _, match_id, _ = matched
    sign_in(client, checker.email)
    assert client.post(f"/claims/{earlier_id}/matches/{match_id}/confirm").status_code == 404
    assert client.post(f"/claims/999/matches/{match_id}/dismiss").status_code == 404


def test_the_api_lists_matches_with_the_earlier_check(app, client, matched):
    checker, _, earlier_id, claim_id, match_id, _ = matched
    with app.app_context():
        _, raw = create_token(db.session.get(User, checker.id), "matches")
        db.session.commit()
    response = client.get(
        f"/api/v1/claims/{claim_id}/matches", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 200
    (item,) = response.get_json()["items"]
    assert item["id"] == match_id
    assert item["status"] == "suggested"
    assert 0.6 <= item["score"] <= 1
    assert item["earlier_claim"]["id"] == earlier_id
    assert item["earlier_claim"]["verdict"]["name"] == "Mostly false"
    assert item["earlier_claim"]["evidence"][0]["title"] == HOSTILE_TITLE


def test_looking_again_from_the_claim_page(client, matched):
    checker, _, earlier_id, *_ = matched
    sign_in(client, checker.email)
    page = client.get(f"/claims/{earlier_id}").get_data(as_text=True)
    assert f'action="/claims/{earlier_id}/matches/search"' in page
    response = client.post(f"/claims/{earlier_id}/matches/search", follow_redirects=True)
    assert "No new match" in response.get_data(as_text=True)
