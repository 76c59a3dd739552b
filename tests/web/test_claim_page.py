"""A claim's own page: attribution, workflow, evidence, discussion — through HTTP."""

import io
import re

import pytest
from sqlalchemy import select

from claimcheck.extensions import db
from claimcheck.models import Claim, ClaimRevision, Evidence, User
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text
from claimcheck.services.evidence import EvidenceInput
from tests.conftest import sign_in
from tests.support.journeys import approve_claim
from tests.support.statements import statements_for

EVIDENCE = {
    "url": "https://www.example.org/un-report",
    "title": "UN report on districts",
    "publisher": "UN",
    "relation": "refutes",
    "published": "2021-07-01",
    "accessed": "2021-09-20",
    "excerpt": "Estimates differ widely.",
}


@pytest.fixture
def claim_id(app, make_user):
    make_user(Role.LEAD)  # accounts first: the import below opens a write transaction
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        db.session.commit()
        return next(c.id for c in article.claims if "85%" in c.text)


def _claim(app, claim_id):
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        db.session.expunge(claim)
        return claim


def _version(client, claim_id):
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    return re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)


def test_claim_page_shows_context_and_the_suggested_attribution(client, login, claim_id):
    login()
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "The Taliban claim to control 85% of Afghan territory" in page
    assert "suggestion — confirm it" in page
    assert 'value="the Taliban"' in page
    assert 'value="claim"' in page
    assert "see it highlighted in the article" in page


def test_the_review_journey_over_http(app, client, make_user, claim_id):
    checker = make_user(Role.FACT_CHECKER)
    editor = make_user(Role.EDITOR)
    sign_in(client, editor.email)
    assert (
        client.post(
            f"/claims/{claim_id}/workflow/assign", data={"assignee": checker.id}
        ).status_code
        == 302
    )
    client.post("/logout")
    sign_in(client, checker.email)
    assert client.post(f"/claims/{claim_id}/workflow/start").status_code == 302
    response = client.post(
        f"/claims/{claim_id}/attribution",
        data={
            "kind": "named",
            "source": "the Taliban",
            "source_kind": "organisation",
            "cue": "claim",
            "quote": "paraphrase",
            "version": _version(client, claim_id),
        },
    )
    assert response.status_code == 302
    assert client.post(f"/claims/{claim_id}/evidence", data=EVIDENCE).status_code == 302
    assert (
        client.post(
            f"/claims/{claim_id}/evidence",
            data={**EVIDENCE, "title": "Long War Journal map", "relation": "context"},
        ).status_code
        == 302
    )
    with app.app_context():
        verdict_id = db.session.execute(
            db.text("SELECT id FROM verdict_label WHERE name = 'Mostly false'")
        ).scalar_one()
    response = client.post(
        f"/claims/{claim_id}/workflow/propose",
        data={"verdict": verdict_id, "rationale": "Independent maps show far less."},
    )
    assert response.status_code == 302
    client.post("/logout")
    sign_in(client, editor.email)
    assert client.post(f"/claims/{claim_id}/workflow/approve").status_code == 302
    claim = _claim(app, claim_id)
    assert claim.state == "approved"
    assert claim.attribution_kind == "named"
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    for step in (
        "assigned",
        "review started",
        "attribution",
        "evidence added",
        "verdict proposed",
        "approved",
    ):
        assert step in page
    # Locked: the attribution is shown, not offered for editing, until an editor reopens it.
    assert f'action="/claims/{claim_id}/attribution"' not in page
    assert "<dt>Attributed to</dt><dd>the Taliban</dd>" in page
    assert "approved and locked" in page
    client.post(f"/claims/{claim_id}/workflow/reopen", data={"reason": "New map published."})
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert f'action="/claims/{claim_id}/attribution"' in page


def test_proposing_without_evidence_keeps_the_rationale(app, client, make_user, claim_id):
    checker = make_user(Role.FACT_CHECKER)
    sign_in(client, checker.email)
    client.post(f"/claims/{claim_id}/workflow/take")
    client.post(f"/claims/{claim_id}/workflow/start")
    response = client.post(
        f"/claims/{claim_id}/workflow/propose",
        data={"verdict": 1, "rationale": "My careful <b>rationale</b>"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "at least one evidence" in body
    assert "My careful &lt;b&gt;rationale&lt;/b&gt;" in body
    assert _claim(app, claim_id).state == "in_review"


def test_no_verdict_or_person_is_chosen_for_the_reviewer(app, client, make_user, claim_id):
    editor = make_user(Role.EDITOR)
    sign_in(client, editor.email)
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    # The first option, selected by the browser, is a prompt, not a person.
    assignee = re.search(r'<select[^>]*name="assignee"[^>]*>(<option[^>]*>[^<]*</option>)', page)
    assert assignee.group(1).endswith('value="0">Choose a person…</option>')
    response = client.post(f"/claims/{claim_id}/workflow/assign", data={"assignee": "0"})
    assert response.status_code == 422
    assert "Choose an active person" in response.get_data(as_text=True)

    client.post(f"/claims/{claim_id}/workflow/take")
    client.post(f"/claims/{claim_id}/workflow/start")
    client.post(f"/claims/{claim_id}/evidence", data=EVIDENCE)
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    verdict = re.search(r'<select[^>]*name="verdict"[^>]*>(<option[^>]*>[^<]*</option>)', page)
    assert verdict.group(1).endswith('value="0">Choose a verdict…</option>')
    response = client.post(
        f"/claims/{claim_id}/workflow/propose", data={"verdict": "0", "rationale": "Kept."}
    )
    assert response.status_code == 422
    assert "Choose a verdict." in response.get_data(as_text=True)
    assert _claim(app, claim_id).state == "in_review"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.example/a", "no scheme"])
def test_bad_evidence_url_is_refused_and_the_form_kept(app, client, login, claim_id, url):
    login()
    response = client.post(f"/claims/{claim_id}/evidence", data={**EVIDENCE, "url": url})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="UN report on districts"' in body
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Evidence)) == 0


def test_evidence_links_are_safe(client, login, claim_id):
    login()
    client.post(f"/claims/{claim_id}/evidence", data=EVIDENCE)
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    link = re.search(r'<a href="https://www.example.org/un-report"[^>]*>', page).group(0)
    assert 'rel="noopener noreferrer nofollow"' in link


def test_evidence_file_is_served_back_as_a_download(client, login, claim_id):
    login()
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    data = {**EVIDENCE, "document": (io.BytesIO(pdf), "UN report.pdf")}
    assert (
        client.post(
            f"/claims/{claim_id}/evidence", data=data, content_type="multipart/form-data"
        ).status_code
        == 302
    )
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    href = re.search(r'href="(/claims/\d+/evidence/\d+/file)"', page).group(1)
    download = client.get(href)
    assert download.data == pdf
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")


def _added_evidence_id(app, client, claim_id):
    assert client.post(f"/claims/{claim_id}/evidence", data=EVIDENCE).status_code == 302
    with app.app_context():
        return db.session.scalar(select(Evidence.id).where(Evidence.claim_id == claim_id))


def _correction(evidence_id, **changes):
    """The item's edit form as sent, its fields named apart with the item's prefix."""
    return {
        f"evidence-{evidence_id}-{name}": value for name, value in {**EVIDENCE, **changes}.items()
    }


def _evidence_revisions(app, claim_id):
    with app.app_context():
        return db.session.scalars(
            select(ClaimRevision).where(
                ClaimRevision.claim_id == claim_id, ClaimRevision.action == "evidence_edited"
            )
        ).all()


def test_evidence_is_corrected_and_the_history_keeps_the_old_values(app, client, login, claim_id):
    login()
    evidence_id = _added_evidence_id(app, client, claim_id)
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    # The page offers Edit; the form itself comes only with the item chosen.
    assert f"?edit_evidence={evidence_id}#evidence-{evidence_id}-edit" in page
    assert f'id="evidence-{evidence_id}-title"' not in page
    page = client.get(f"/claims/{claim_id}?edit_evidence={evidence_id}").get_data(as_text=True)
    # The edit form starts from what the item says now.
    assert f'id="evidence-{evidence_id}-title"' in page
    assert 'value="UN report on districts"' in page

    sent = _correction(evidence_id, title="UN district report, July", relation="context")
    response = client.post(f"/claims/{claim_id}/evidence/{evidence_id}", data=sent)
    assert response.status_code == 302
    assert "Evidence updated." in client.get(response.location).get_data(as_text=True)
    with app.app_context():
        item = db.session.get(Evidence, evidence_id)
        assert (item.title, item.relation) == ("UN district report, July", "context")
    (revision,) = _evidence_revisions(app, claim_id)
    assert revision.changes["evidence.title"] == [
        "UN report on districts",
        "UN district report, July",
    ]
    assert revision.changes["evidence.relation"] == ["refutes", "context"]
    assert set(revision.changes) == {"evidence.title", "evidence.relation"}

    # Sending it again unchanged records nothing.
    again = client.post(
        f"/claims/{claim_id}/evidence/{evidence_id}", data=sent, follow_redirects=True
    )
    assert "Nothing to change." in again.get_data(as_text=True)
    assert len(_evidence_revisions(app, claim_id)) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"url": "javascript:alert(1)"}, "http"),
        ({"title": ""}, "Check the evidence fields"),
        ({"published": "2021-09-21", "accessed": "2021-09-20"}, "cannot be before"),
    ],
)
def test_a_refused_correction_keeps_what_was_typed_and_changes_nothing(
    app, client, login, claim_id, changes, message
):
    login()
    evidence_id = _added_evidence_id(app, client, claim_id)
    sent = _correction(evidence_id, publisher="Typed <b>publisher</b>", **changes)
    response = client.post(f"/claims/{claim_id}/evidence/{evidence_id}", data=sent)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in body
    assert 'value="Typed &lt;b&gt;publisher&lt;/b&gt;"' in body
    assert f'id="evidence-{evidence_id}-edit"' in body
    with app.app_context():
        assert db.session.get(Evidence, evidence_id).publisher == "UN"
    assert _evidence_revisions(app, claim_id) == []


def test_removed_or_foreign_evidence_cannot_be_corrected(app, client, login, claim_id):
    login()
    evidence_id = _added_evidence_id(app, client, claim_id)
    with app.app_context():
        other_id = next(
            c.id for c in db.session.get(Claim, claim_id).article.claims if c.id != claim_id
        )
    sent = _correction(evidence_id, title="Elsewhere")
    assert client.post(f"/claims/{other_id}/evidence/{evidence_id}", data=sent).status_code == 404

    client.post(f"/claims/{claim_id}/evidence/{evidence_id}/remove")
    page = client.get(f"/claims/{claim_id}?edit_evidence={evidence_id}").get_data(as_text=True)
    assert f'id="evidence-{evidence_id}-title"' not in page
    response = client.post(f"/claims/{claim_id}/evidence/{evidence_id}", data=sent)
    assert response.status_code == 422
    assert "was removed" in response.get_data(as_text=True)
    assert _evidence_revisions(app, claim_id) == []


def test_an_approved_claims_evidence_is_locked(app, client, make_user, claim_id):
    checker, editor = make_user(Role.FACT_CHECKER), make_user(Role.EDITOR)
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        approve_claim(
            claim,
            db.session.get(User, checker.id),
            db.session.get(User, editor.id),
            evidence=EvidenceInput(url=EVIDENCE["url"], title="UN report", relation="refutes"),
            verdict="False",
            rationale="The UN counts differ.",
        )
        db.session.commit()
        evidence_id = claim.evidence[0].id
    sign_in(client, checker.email)
    page = client.get(f"/claims/{claim_id}?edit_evidence={evidence_id}").get_data(as_text=True)
    assert f'id="evidence-{evidence_id}-title"' not in page
    assert "edit_evidence=" not in page
    sent = _correction(evidence_id, title="After approval")
    response = client.post(f"/claims/{claim_id}/evidence/{evidence_id}", data=sent)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    # The refusal stands beside what was typed, not only in the page's locked notice.
    assert "approved and locked; an editor must reopen it first" in body
    assert 'value="After approval"' in body
    assert _evidence_revisions(app, claim_id) == []


def test_a_file_that_lies_about_its_type_is_refused(client, login, claim_id):
    login()
    data = {**EVIDENCE, "document": (io.BytesIO(b"<html><script>alert(1)</script>"), "x.png")}
    response = client.post(
        f"/claims/{claim_id}/evidence", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 422


def test_stale_attribution_save_shows_both_versions(app, client, make_user, claim_id):
    first, second = make_user(), make_user()
    other = app.test_client()
    sign_in(client, first.email)
    sign_in(other, second.email)
    stale = _version(client, claim_id)
    assert (
        other.post(
            f"/claims/{claim_id}/attribution",
            data={
                "kind": "named",
                "source": "Taliban spokesman",
                "source_kind": "person",
                "cue": "said",
                "quote": "quote",
                "version": _version(other, claim_id),
            },
        ).status_code
        == 302
    )
    mine = {
        "kind": "named",
        "source": "the Taliban",
        "source_kind": "organisation",
        "cue": "claim",
        "quote": "paraphrase",
        "version": stale,
    }
    conflict = client.post(f"/claims/{claim_id}/attribution", data=mine)
    body = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Taliban spokesman" in body
    assert "the Taliban" in body
    with app.app_context():
        assert db.session.get(Claim, claim_id).source.name == "Taliban spokesman"
    fresh = re.search(r'name="version" value="(\d+)"', body).group(1)
    again = client.post(f"/claims/{claim_id}/attribution", data={**mine, "version": fresh})
    assert again.status_code == 302
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        assert claim.source.name == "the Taliban"
        assert [r.action for r in claim.revisions].count("attribution") == 2


def test_discussion(client, login, claim_id):
    login()
    assert (
        client.post(
            f"/claims/{claim_id}/comments", data={"body": "<i>Check</i> the map"}
        ).status_code
        == 302
    )
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "&lt;i&gt;Check&lt;/i&gt; the map" in page


def test_sources_are_suggested_as_you_type(app, client, login, claim_id):
    login()
    client.post(
        f"/claims/{claim_id}/attribution",
        data={
            "kind": "named",
            "source": "Agence France-Presse",
            "source_kind": "organisation",
            "cue": "according to",
            "quote": "paraphrase",
            "version": _version(client, claim_id),
        },
    )
    found = client.get("/api/v1/sources?q=france").get_json()["items"]
    assert [s["name"] for s in found] == ["Agence France-Presse"]
    assert client.get("/api/v1/sources?q=%25").get_json()["items"] == []


def test_two_people_rewording_one_claim_lose_nothing(app, client, make_user, claim_id):
    first, second = make_user(), make_user()
    other = app.test_client()
    sign_in(client, first.email)
    sign_in(other, second.email)
    with app.app_context():
        article_id = db.session.get(Claim, claim_id).article_id

    def version_on_article_page(browser):
        page = browser.get(f"/articles/{article_id}?claim={claim_id}").get_data(as_text=True)
        return re.search(r'id="version" name="version" type="hidden" value="(\d+)"', page).group(1)

    mine_version = version_on_article_page(client)
    assert (
        other.post(
            f"/claims/{claim_id}/wording",
            data={"text": "Their wording", "version": version_on_article_page(other)},
        ).status_code
        == 302
    )
    conflict = client.post(
        f"/claims/{claim_id}/wording", data={"text": "My wording", "version": mine_version}
    )
    body = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Their wording" in body
    assert 'value="My wording"' in body
    # Discarding keeps theirs; saving anyway keeps mine, with both in the history.
    fresh = re.search(r'name="version" value="(\d+)"', body).group(1)
    assert (
        client.post(
            f"/claims/{claim_id}/wording", data={"text": "My wording", "version": fresh}
        ).status_code
        == 302
    )
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        assert claim.text == "My wording"
        edits = [r.changes["text"] for r in claim.revisions if r.action == "edited"]
        assert edits[-2][1] == "Their wording"
        assert edits[-1] == ["Their wording", "My wording"]


def test_the_page_costs_the_same_statements_however_much_it_shows(app, client, make_user, claim_id):
    editor = make_user(Role.EDITOR)
    sign_in(client, editor.email)
    with app.app_context():
        bare_id = next(
            c.id for c in db.session.get(Claim, claim_id).article.claims if c.id != claim_id
        )
    for reviewed in (bare_id, claim_id):  # the same state, so the same buttons
        client.post(f"/claims/{reviewed}/workflow/take")
        client.post(f"/claims/{reviewed}/workflow/start")
    bare, bare_statements = statements_for(app, client, f"/claims/{bare_id}")
    assert bare.status_code == 200

    for number in range(3):
        client.post(f"/claims/{claim_id}/evidence", data={**EVIDENCE, "title": f"Report {number}"})
        client.post(f"/claims/{claim_id}/comments", data={"body": f"Note {number}"})
    full, full_statements = statements_for(app, client, f"/claims/{claim_id}")
    page = full.get_data(as_text=True)
    assert page.count('class="evidence-item') == 3
    assert page.count('class="comment"') == 3
    assert "review started" in page

    # Sign-in check, the claim with its article and people, evidence, comments, history,
    # the claims checked before, what the assign and propose forms offer, and the next
    # claim waiting on the reader: never one per item shown.
    assert len(full_statements) == len(bare_statements)
    assert len([s for s in full_statements if s.startswith("SELECT")]) <= 9, full_statements


def test_next_in_my_work_follows_my_queue_order_and_wraps(app, client, make_user, claim_id):
    checker = make_user(Role.FACT_CHECKER)
    sign_in(client, checker.email)
    with app.app_context():
        claims = sorted(
            db.session.get(Claim, claim_id).article.claims, key=lambda c: (-c.score, -c.id)
        )
        first, second, third = (c.id for c in claims[:3])
    for taken in (first, second, third):
        client.post(f"/claims/{taken}/workflow/take")
    # The third is dismissed: it no longer waits on anyone.
    client.post(f"/claims/{third}/workflow/dismiss", data={"reason": "Not a claim."})

    def next_link(claim: int) -> str | None:
        page = client.get(f"/claims/{claim}").get_data(as_text=True)
        found = re.search(r'id="next-in-my-work" href="/claims/(\d+)"', page)
        return found and found.group(1)

    assert next_link(first) == str(second)
    assert next_link(second) == str(first)  # from the end of the list back to the top
    client.post(f"/claims/{second}/workflow/dismiss", data={"reason": "Not a claim."})
    assert next_link(first) is None  # nothing else waits on this person
