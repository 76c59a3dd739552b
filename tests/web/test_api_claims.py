"""The claims JSON API: same services, same permission checks, JSON errors."""

import re

import pytest

from claimcheck import create_app
from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services import tokens
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text

EVIDENCE = {
    "url": "https://www.example.org/un",
    "title": "UN report",
    "relation": "refutes",
    "published": "2021-07-01",
    "accessed": "2021-09-20",
}


def _headers(app, user):
    with app.app_context():
        _, raw = tokens.create_token(db.session.get(User, user.id), "test")
        db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def people(app, make_user):
    return {role: make_user(role) for role in Role} | {"other": make_user(Role.FACT_CHECKER)}


@pytest.fixture
def claim_id(app, people):
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        db.session.commit()
        return next(c.id for c in article.claims if "85%" in c.text)


def test_the_journey_through_the_api(app, client, people, claim_id):
    editor = _headers(app, people[Role.EDITOR])
    checker = _headers(app, people[Role.FACT_CHECKER])
    url = f"/api/v1/claims/{claim_id}"
    assigned = client.post(
        f"{url}/transitions",
        headers=editor,
        json={"action": "assign", "assignee": people[Role.FACT_CHECKER].email},
    )
    assert assigned.status_code == 200
    assert assigned.get_json()["assignee"]["email"] == people[Role.FACT_CHECKER].email
    assert (
        client.post(f"{url}/transitions", headers=checker, json={"action": "start"}).status_code
        == 200
    )
    version = client.get(url, headers=checker).get_json()["version"]
    patched = client.patch(
        url,
        headers=checker,
        json={
            "version": version,
            "attribution": {
                "kind": "named",
                "source": "the Taliban",
                "cue": "claim",
                "quote": False,
            },
        },
    )
    assert patched.status_code == 200
    body = patched.get_json()
    assert body["attribution"] == {
        "kind": "named",
        "source": "the Taliban",
        "source_kind": "organisation",
        "cue": "claim",
        "quote": False,
        "confirmed": True,
    }
    assert client.post(f"{url}/evidence", headers=checker, json=EVIDENCE).status_code == 201
    proposed = client.post(
        f"{url}/transitions",
        headers=checker,
        json={"action": "propose", "verdict": "Mostly false", "rationale": "Maps show far less."},
    )
    assert proposed.get_json()["state"] == "awaiting_approval"
    approved = client.post(f"{url}/transitions", headers=editor, json={"action": "approve"})
    assert approved.get_json()["state"] == "approved"
    assert approved.get_json()["verdict"]["rating"] == 2
    history = client.get(f"{url}/revisions", headers=editor).get_json()["items"]
    assert [r["action"] for r in history][-6:] == [
        "assigned",
        "review_started",
        "attribution",
        "evidence_added",
        "verdict_proposed",
        "approved",
    ]
    assert history[-1]["actor"]["email"] == people[Role.EDITOR].email


def test_stale_version_gets_409_with_the_current_claim(app, client, people, claim_id):
    checker = _headers(app, people[Role.FACT_CHECKER])
    url = f"/api/v1/claims/{claim_id}"
    version = client.get(url, headers=checker).get_json()["version"]
    assert (
        client.patch(
            url, headers=checker, json={"version": version, "text": "First edit"}
        ).status_code
        == 200
    )
    stale = client.patch(url, headers=checker, json={"version": version, "text": "Second edit"})
    assert stale.status_code == 409
    assert stale.get_json()["claim"]["text"] == "First edit"


def test_one_patch_may_change_wording_attribution_and_rationale_together(
    app, client, people, claim_id
):
    checker = _headers(app, people[Role.FACT_CHECKER])
    url = f"/api/v1/claims/{claim_id}"
    version = client.get(url, headers=checker).get_json()["version"]
    patched = client.patch(
        url,
        headers=checker,
        json={
            "version": version,
            "text": "The Taliban control 85% of Afghan territory",
            "attribution": {"kind": "named", "source": "the Taliban", "cue": "claim"},
            "rationale": "Draft: maps disagree.",
        },
    )
    assert patched.status_code == 200, patched.get_json()
    body = patched.get_json()
    assert body["text"] == "The Taliban control 85% of Afghan territory"
    assert body["attribution"]["source"] == "the Taliban"
    assert body["rationale"] == "Draft: maps disagree."


@pytest.mark.parametrize(
    ("method", "path", "payload", "status"),
    [
        ("patch", "", {"text": "no version"}, 422),
        ("patch", "", {"version": 1, "colour": "red"}, 422),
        ("patch", "", "not json", 400),
        ("post", "/evidence", {**EVIDENCE, "url": "javascript:alert(1)"}, 422),
        ("post", "/evidence", {**EVIDENCE, "published": "July"}, 422),
        ("post", "/transitions", {"action": "fly"}, 422),
        ("post", "/transitions", {"action": "approve"}, 422),
        ("post", "/transitions", {"action": "dismiss"}, 422),
        ("post", "/transitions", {"action": "propose", "verdict": "Nonsense"}, 422),
    ],
)
def test_bad_requests_get_json_errors(app, client, people, claim_id, method, path, payload, status):
    headers = _headers(app, people[Role.EDITOR])
    kwargs = {"data": payload} if isinstance(payload, str) else {"json": payload}
    response = getattr(client, method)(
        f"/api/v1/claims/{claim_id}{path}", headers=headers, **kwargs
    )
    assert response.status_code == status
    assert "error" in response.get_json()


def test_an_evidence_item_is_corrected_field_by_field(app, client, people, claim_id):
    headers = _headers(app, people[Role.FACT_CHECKER])
    url = f"/api/v1/claims/{claim_id}"
    item = client.post(f"{url}/evidence", headers=headers, json=EVIDENCE).get_json()

    corrected = client.patch(
        f"{url}/evidence/{item['id']}",
        headers=headers,
        json={"title": "UN report, July", "publisher": "United Nations"},
    )
    assert corrected.status_code == 200
    body = corrected.get_json()
    assert (body["title"], body["publisher"]) == ("UN report, July", "United Nations")
    # Fields not sent keep their values.
    assert (body["url"], body["relation"], body["published"]) == (
        EVIDENCE["url"],
        "refutes",
        "2021-07-01",
    )
    last = client.get(f"{url}/revisions", headers=headers).get_json()["items"][-1]
    assert last["action"] == "evidence_edited"
    assert set(last["changes"]) == {"evidence.title", "evidence.publisher"}


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        ({"url": "javascript:alert(1)"}, 422, "http"),
        ({"published": "2021-09-21"}, 422, "cannot be before"),
        ({"colour": "red"}, 422, "Unknown fields: colour"),
        ({"title": 5}, 422, "must be a string"),
        ("not json", 400, "JSON object"),
    ],
)
def test_a_bad_evidence_correction_changes_nothing(
    app, client, people, claim_id, payload, status, message
):
    headers = _headers(app, people[Role.FACT_CHECKER])
    url = f"/api/v1/claims/{claim_id}"
    item = client.post(f"{url}/evidence", headers=headers, json=EVIDENCE).get_json()
    kwargs = {"data": payload} if isinstance(payload, str) else {"json": payload}
    response = client.patch(f"{url}/evidence/{item['id']}", headers=headers, **kwargs)
    assert response.status_code == status
    assert message in response.get_json()["error"]
    stored = client.get(url, headers=headers).get_json()["evidence"][0]
    assert (stored["url"], stored["title"], stored["published"]) == (
        EVIDENCE["url"],
        EVIDENCE["title"],
        "2021-07-01",
    )


def test_evidence_of_another_claim_or_none_is_404(app, client, people, claim_id):
    headers = _headers(app, people[Role.FACT_CHECKER])
    item = client.post(
        f"/api/v1/claims/{claim_id}/evidence", headers=headers, json=EVIDENCE
    ).get_json()
    other = client.get("/api/v1/claims?per_page=2", headers=headers).get_json()["items"]
    other_id = next(c["id"] for c in other if c["id"] != claim_id)
    for path in (f"{other_id}/evidence/{item['id']}", f"{claim_id}/evidence/999999"):
        response = client.patch(f"/api/v1/claims/{path}", headers=headers, json={"title": "X"})
        assert response.status_code == 404
        assert "error" in response.get_json()


def test_unknown_claim_is_404_and_no_token_is_401(app, client, people):
    headers = _headers(app, people[Role.EDITOR])
    assert client.get("/api/v1/claims/999999", headers=headers).status_code == 404
    assert client.get("/api/v1/claims").status_code == 401


def test_fact_checker_cannot_approve_through_the_api(app, client, people, claim_id):
    checker, other = _headers(app, people[Role.FACT_CHECKER]), _headers(app, people["other"])
    url = f"/api/v1/claims/{claim_id}"
    client.post(f"{url}/transitions", headers=checker, json={"action": "take"})
    client.post(f"{url}/transitions", headers=checker, json={"action": "start"})
    client.post(f"{url}/evidence", headers=checker, json=EVIDENCE)
    client.post(
        f"{url}/transitions",
        headers=checker,
        json={"action": "propose", "verdict": "False", "rationale": "Wrong."},
    )
    refused = client.post(f"{url}/transitions", headers=other, json={"action": "approve"})
    assert refused.status_code == 422
    assert "editors and leads" in refused.get_json()["error"]


def test_queue_through_the_api(app, client, people, claim_id):
    headers = _headers(app, people[Role.FACT_CHECKER])
    body = client.get("/api/v1/claims?sort=score&per_page=5&state=new", headers=headers).get_json()
    assert len(body["items"]) == 5
    assert body["total"] > 5
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)
    assert client.get("/api/v1/claims?per_page=x", headers=headers).get_json()["ignored"]


def test_openapi_describes_every_api_route(client):
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        # The claim or article is {id}; an item under it keeps its own name.
        path = re.sub(
            r"<(?:int:)?(\w+)>",
            lambda m: "{evidence_id}" if m.group(1) == "evidence_id" else "{id}",
            rule.rule,
        )
        assert path in document["paths"], path
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in document["paths"][path], (path, method)
