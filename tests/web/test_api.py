from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services import tokens


def _token_for(app, user) -> str:
    with app.app_context():
        _, raw = tokens.create_token(db.session.get(User, user.id), "test")
        db.session.commit()
    return raw


def test_me_with_a_bearer_token(app, client, make_user):
    user = make_user(Role.EDITOR)
    response = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {_token_for(app, user)}"}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["email"] == user.email
    assert body["role"] == "editor"
    assert "export" in body["permissions"]
    assert "audit" not in body["permissions"]


def test_me_with_the_session_cookie(client, login):
    user = login(Role.LEAD)
    assert client.get("/api/v1/me").get_json()["email"] == user.email


def test_missing_bad_or_revoked_token_gets_401(app, client, make_user):
    user = make_user()
    raw = _token_for(app, user)
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer cc_nope"}).status_code == 401
    with app.app_context():
        tokens.revoke_token(db.session.get(User, user.id), 1)
        db.session.commit()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_a_bearer_header_is_never_combined_with_a_session_cookie(client, login):
    login(Role.LEAD)
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer cc_invalid"})
    assert response.status_code == 401


def test_tokens_do_not_open_web_pages(app, client, make_user):
    user = make_user(Role.LEAD)
    response = client.get("/people/", headers={"Authorization": f"Bearer {_token_for(app, user)}"})
    assert response.status_code == 302


def test_token_created_on_the_profile_page_is_shown_once_and_works(client, login):
    login()
    page = client.post("/account/tokens", data={"name": "nightly export"})
    assert page.status_code == 201
    raw = page.get_data(as_text=True).split('id="new-token">')[1].split("<")[0]
    assert raw.startswith("cc_")
    assert raw not in client.get("/account").get_data(as_text=True)
    fresh = client.application.test_client()
    assert fresh.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def test_import_an_article_through_the_api(app, client, make_user):
    from claimcheck.services.demo import demo_article_text

    user = make_user(Role.FACT_CHECKER)
    headers = {"Authorization": f"Bearer {_token_for(app, user)}"}
    response = client.post(
        "/api/v1/articles",
        headers=headers,
        json={
            "text": demo_article_text(),
            "title": "Afghanistan",
            "published": "2021-09-19",
            "url": "https://news.example/afghanistan",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    claim = next(c for c in body["claims"] if "85%" in c["text"])
    assert claim["suggested_attribution"]["source"] == "the Taliban"
    assert body["text"][claim["start"] : claim["end"]] == claim["text"]
    again = client.get(response.headers["Location"], headers=headers).get_json()
    assert again["id"] == body["id"]
    assert again["url"] == "https://news.example/afghanistan"
    listed = client.get(f"/api/v1/articles/{body['id']}/claims", headers=headers).get_json()
    assert [c["id"] for c in listed["items"]] == [c["id"] for c in body["claims"]]


def test_api_import_refuses_bad_input_with_json_errors(app, client, make_user):
    user = make_user()
    headers = {"Authorization": f"Bearer {_token_for(app, user)}"}
    assert client.post("/api/v1/articles", headers=headers, data="nope").status_code == 400
    bad_date = client.post(
        "/api/v1/articles",
        headers=headers,
        json={"text": "Prices rose 5%.", "title": "T", "published": "July"},
    )
    assert bad_date.status_code == 422
    assert "YYYY-MM-DD" in bad_date.get_json()["error"]
    empty = client.post("/api/v1/articles", headers=headers, json={"text": " ", "title": "T"})
    assert empty.status_code == 422
    assert client.get("/api/v1/articles/999", headers=headers).status_code == 404


def test_cookie_authenticated_api_writes_need_csrf(client, login):
    login()
    response = client.post("/api/v1/articles", json={"text": "Prices rose 5%.", "title": "T"})
    assert response.status_code == 400
    assert "CSRF" in response.get_json()["error"]
