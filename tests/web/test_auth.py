import re
import time

import pytest
from flask import Flask

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from tests.conftest import PASSWORD, sign_in

SESSION_COOKIE = "claimcheck_session"


def _cookie(client) -> str | None:
    cookie = client.get_cookie(SESSION_COOKIE)
    return cookie.value if cookie else None


def test_sign_in_and_out(client, make_user):
    user = make_user(Role.EDITOR)
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert user.name in page.get_data(as_text=True)
    response = client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_wrong_password_and_unknown_account_get_the_same_answer(client, make_user):
    user = make_user()
    wrong = sign_in(client, user.email, "not the right password")
    unknown = sign_in(client, "nobody@example.org", "not the right password")
    assert wrong.status_code == unknown.status_code == 200
    assert "do not match an active account" in wrong.get_data(as_text=True)

    def normalised(response, email):
        body = response.get_data(as_text=True).replace(email, "EMAIL")
        return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "TOKEN", body)

    assert normalised(wrong, user.email) == normalised(unknown, "nobody@example.org")


def test_session_cookie_changes_on_login(client, make_user):
    user = make_user()
    client.get("/login")
    before = _cookie(client)
    assert before is not None
    sign_in(client, user.email)
    after = _cookie(client)
    assert after
    assert after != before
    client.post("/logout")
    sign_in(client, user.email)
    assert _cookie(client) not in (before, after)


def test_copied_cookie_from_before_logout_is_refused(app: Flask, client, make_user):
    user = make_user()
    sign_in(client, user.email)
    stolen = _cookie(client)
    client.post("/logout")
    thief = app.test_client()
    thief.set_cookie(SESSION_COOKIE, stolen)
    response = thief.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_logout_ends_sessions_in_other_browsers_too(app, client, make_user):
    user = make_user()
    other = app.test_client()
    sign_in(client, user.email)
    sign_in(other, user.email)
    client.post("/logout")
    assert other.get("/").status_code == 302


def test_password_change_signs_out_other_browsers_but_keeps_this_one(app, client, make_user):
    user = make_user()
    other = app.test_client()
    sign_in(client, user.email)
    sign_in(other, user.email)
    response = client.post(
        "/account/password",
        data={
            "current": PASSWORD,
            "password": "a fresh long passphrase",
            "confirm": "a fresh long passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_failed_password_change_keeps_what_was_typed_except_secrets(client, login):
    login()
    response = client.post(
        "/account/password",
        data={"current": PASSWORD, "password": "qwerty123456", "confirm": "qwerty123456"},
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "too common" in body
    assert "qwerty123456" not in body  # password fields are never echoed back


def test_repeated_failures_from_one_address_get_429(app: Flask, client, make_user):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    user = make_user()
    codes = [sign_in(client, user.email, "wrong password here").status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200]
    assert codes[3] == 429
    assert "Too many" in client.post(
        "/login", data={"email": user.email, "password": PASSWORD}
    ).get_data(as_text=True)


def test_account_is_slowed_down_after_repeated_failures(app: Flask, client, make_user):
    app.config["LOGIN_FREE_FAILURES"] = 2
    user = make_user()
    for _ in range(2):
        sign_in(client, user.email, "wrong password here")
    # Locked for a moment now: even the right password is refused, with the same message.
    response = sign_in(client, user.email)
    assert response.status_code == 200
    assert "do not match" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, user.id).locked_until is not None


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_login_never_redirects_off_site(client, make_user, target):
    user = make_user()
    response = client.post(
        f"/login?next={target}", data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_redirects_to_local_next(client, make_user):
    user = make_user()
    response = client.post("/login?next=/account", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_idle_session_times_out(app: Flask, client, make_user):
    user = make_user()
    sign_in(client, user.email)
    with client.session_transaction() as session:
        session["seen_at"] = int(time.time()) - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert client.get("/").status_code == 302


def test_session_has_an_absolute_lifetime(app: Flask, client, make_user):
    user = make_user()
    sign_in(client, user.email)
    with client.session_transaction() as session:
        session["signed_in_at"] = int(time.time()) - 13 * 3600
    assert client.get("/").status_code == 302


def test_session_cookie_flags(client, make_user):
    user = make_user()
    response = sign_in(client, user.email)
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header


def test_a_request_that_changes_nothing_sends_no_cookie(client, login):
    # Otherwise a slow read could put back the cookie from before a save made meanwhile.
    login()
    client.get("/claims")  # the first page puts the CSRF token in the session
    assert "Set-Cookie" not in client.get("/claims").headers
    assert "Set-Cookie" not in client.get("/api/v1/sources?q=ta").headers
    # Signing out changes the session (and leaves a message in it), so that sends it.
    assert "Set-Cookie" in client.post("/logout").headers


def test_set_password_link_lets_a_new_person_in_once(app, client, login):
    login(Role.LEAD)
    page = client.post(
        "/people/new",
        data={"email": "new.person@example.org", "name": "New Person", "role": "editor"},
    )
    assert page.status_code == 201
    link = page.get_data(as_text=True).split('id="set-password-link">')[1].split("<")[0]
    path = link.split("localhost", 1)[1]
    visitor = app.test_client()
    form = {"password": "my own long passphrase", "confirm": "my own long passphrase"}
    assert visitor.post(path, data=form).status_code == 302
    assert visitor.post(path, data=form).status_code == 410
    assert sign_in(visitor, "new.person@example.org", "my own long passphrase").status_code == 302
