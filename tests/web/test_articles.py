import io
import re

import pytest
from sqlalchemy import func, select

from claimcheck.extensions import db
from claimcheck.models import Article, Claim, User
from claimcheck.roles import Role
from claimcheck.services.attribution import set_attribution
from claimcheck.services.demo import demo_article_text
from claimcheck.services.evidence import EvidenceInput
from tests.support.journeys import approve_claim
from tests.support.statements import statements_for


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _import_demo(client, **extra):
    data = {"text": demo_article_text(), "title": "Afghanistan", "published": "2021-09-19"}
    data.update(extra)
    return client.post("/articles/new", data=data)


def test_pasted_article_is_imported_and_its_claims_highlighted(client, login):
    login()
    response = _import_demo(client)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "claims found" in page
    marks = re.findall(r'<a class="claim-mark[^"]*"[^>]*>([^<]*)</a>', page)
    assert any("85% of Afghan territory" in mark for mark in marks)
    assert not any(">>" in mark or "&gt;&gt;" in mark for mark in marks)


def test_uploaded_text_file_fills_in_a_missing_title(app, client, login):
    login()
    upload = (io.BytesIO("Budget row\n\nThe deficit grew 12% in 2023.".encode("cp1252")), "a.txt")
    response = client.post(
        "/articles/new", data={"document": upload}, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    with app.app_context():
        article = db.session.scalars(select(Article)).one()
        assert article.title == "Budget row"
        assert article.source_format == "txt"


PAGE_WITH_DETAILS = b"""<html lang="fr"><head><title>Inflation at 9%</title>
<meta name="author" content="Ana Writer">
<meta property="article:published_time" content="2024-03-05">
</head><body><article><h1>Inflation at 9%</h1><p>Prices rose 9% in February, the statistics
office said on Tuesday. The bank expects inflation below 5% by December.</p></article></body>
</html>"""


def test_details_the_file_carries_fill_the_empty_fields_and_are_named(app, client, login):
    login()
    upload = (io.BytesIO(PAGE_WITH_DETAILS), "inflation.html")
    response = client.post(
        "/articles/new",
        data={"document": upload, "title": "Typed title"},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    with app.app_context():
        article = db.session.scalars(select(Article)).one()
        assert article.title == "Typed title"  # what the person typed wins
        assert (article.byline, article.published.isoformat()) == ("Ana Writer", "2024-03-05")
        assert article.language == "fr"
    assert "Taken from the file: byline, published date, language; Edit details" in page


def test_pasted_text_names_no_details_from_a_file(client, login):
    login()
    page = _import_demo(client, language="").headers["Location"]
    assert "Taken from the file" not in client.get(page).get_data(as_text=True)


def test_failed_import_keeps_the_typed_details_and_saves_nothing(app, client, login):
    login()
    response = client.post(
        "/articles/new", data={"text": "   ", "title": "Kept <title>", "publication": "The Daily"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Paste the article" in body
    assert 'value="Kept &lt;title&gt;"' in body
    assert 'value="The Daily"' in body
    assert _count(app, Article) == 0
    assert _count(app, Claim) == 0


def test_binary_upload_is_refused_with_a_message(app, client, login):
    login()
    upload = (io.BytesIO(b"\x00\x01\x02\xff" * 100), "photo.txt")
    response = client.post(
        "/articles/new", data={"document": upload, "title": "X"}, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert _count(app, Article) == 0


def test_oversized_upload_gets_a_message_on_the_form(app, client, login):
    app.config["ARTICLE_MAX_UPLOAD_BYTES"] = 1000
    login()
    upload = (io.BytesIO(b"word " * 1000), "big.txt")
    response = client.post(
        "/articles/new",
        data={"document": upload, "title": "Kept"},
        content_type="multipart/form-data",
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="Kept"' in body
    assert _count(app, Article) == 0


def test_opening_a_claim_shows_its_panel(client, login):
    login()
    location = _import_demo(client).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    claim_id = re.search(r'data-claim="(\d+)"', page).group(1)
    panel = client.get(f"{location}?claim={claim_id}").get_data(as_text=True)
    assert 'id="claim-panel"' in panel
    assert f"Claim {claim_id}" in panel


def test_reviewer_actions_through_the_pages(app, client, login):
    login()
    location = _import_demo(client).headers["Location"]
    with app.app_context():
        claim = db.session.scalars(select(Claim).where(Claim.text.contains("90%"))).one()
        claim_id = claim.id
    assert client.post(f"/claims/{claim_id}/accept").status_code == 302
    assert (
        client.post(
            f"/claims/{claim_id}/wording", data={"text": "The US withdrawal is 90% complete"}
        ).status_code
        == 302
    )
    assert client.post(f"/claims/{claim_id}/dismiss", data={"reason": "Context"}).status_code == 302
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        assert claim.state == "dismissed"
        assert claim.text == "The US withdrawal is 90% complete"
        assert [r.action for r in claim.revisions][-3:] == ["accepted", "edited", "dismissed"]
    page = client.get(f"{location}?claim={claim_id}").get_data(as_text=True)
    assert "Bring back" in page


def test_selected_text_becomes_a_claim(app, client, login):
    login()
    location = _import_demo(client).headers["Location"]
    article_id = int(location.rsplit("/", 1)[1])
    text = demo_article_text()
    # Part of a sentence: the model already reports the whole of it as a claim.
    sentence = "mainly retains control of large towns and major highways"
    start = text.index(sentence)
    response = client.post(
        f"/claims/add/{article_id}", data={"start": start, "end": start + len(sentence)}
    )
    assert response.status_code == 302
    with app.app_context():
        assert (
            db.session.scalars(select(Claim).where(Claim.origin == "manual")).one().text == sentence
        )


def test_article_text_is_escaped(client, login):
    login()
    response = client.post(
        "/articles/new",
        data={"text": "<script>alert('x')</script> The rate rose 5% in 2020.", "title": "<b>T</b>"},
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert "<b>T</b>" not in page


@pytest.mark.parametrize("role", list(Role))
def test_every_role_can_review_articles(client, login, role):
    login(role)
    assert client.get("/articles/new").status_code == 200


def test_a_reviewed_claim_shows_its_state_and_confirmed_attribution_on_the_article(
    app, client, login, make_user
):
    user = login(Role.EDITOR)
    checker_id = make_user(Role.FACT_CHECKER).id
    article_id = int(_import_demo(client).headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        article = db.session.get(Article, article_id)
        checker, editor = db.session.get(User, checker_id), db.session.get(User, user.id)
        claims = [c for c in article.claims if c.state == "new"]
        # Every claim confirmed to its own source, so a query per source would show.
        for number, claim in enumerate(claims):
            set_attribution(claim, checker, kind="named", source_name=f"Source {number}")
        approve_claim(
            claims[0],
            checker,
            editor,
            evidence=EvidenceInput(url="https://example.org/a", title="A", relation="context"),
            verdict="Mixed",
            rationale="Partly.",
        )
        db.session.commit()
        approved_id, open_id = claims[0].id, claims[1].id
    response, statements = statements_for(
        app, client, f"/articles/{article_id}?claim={approved_id}"
    )
    panel = response.get_data(as_text=True).split('id="claim-panel"')[1]
    assert '<span class="badge state-approved">Approved</span>' in panel
    assert "Named source: <strong>Source 0</strong>" in panel
    assert "(confirmed)" in panel
    assert 'id="accept-form"' not in panel
    assert 'id="dismiss-form"' not in panel
    assert 'id="wording-form"' not in panel
    assert "until an editor reopens the claim" in panel
    assert len([s for s in statements if "FROM source" in s]) == 1

    panel = client.get(f"/articles/{article_id}?claim={open_id}").get_data(as_text=True)
    assert 'id="dismiss-form"' in panel
    assert 'id="wording-form"' in panel
