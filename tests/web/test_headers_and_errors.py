import pytest
from flask import Flask

from claimcheck.extensions import db
from claimcheck.models import Article
from claimcheck.roles import Role

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
)


def _assert_security_headers(response):
    for header in SECURITY_HEADERS:
        assert header in response.headers, header
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_security_headers_on_a_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    _assert_security_headers(response)
    assert "There is nothing at this address" in response.get_data(as_text=True)


def test_security_headers_on_the_login_page(client):
    _assert_security_headers(client.get("/login"))


def test_signed_in_pages_are_not_cached(client, login):
    login()
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_hsts_only_under_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_405_page_in_the_app_layout(client):
    response = client.put("/login")
    assert response.status_code == 405
    assert "Method not allowed" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_413_page_for_an_oversized_body(app: Flask, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/login", data={"email": "x" * 5000, "password": "y"}, csrf=False)
    assert response.status_code == 413
    assert "larger than this server accepts" in response.get_data(as_text=True)


def test_500_shows_no_traceback_and_rolls_back(app: Flask, client, login):
    login(Role.LEAD)

    def explode():
        db.session.add(Article(title="half-written", text="never saved"))
        db.session.flush()
        raise RuntimeError("secret internals")

    app.view_functions["articles.index"] = explode
    response = client.get("/")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in body
    assert "Traceback" not in body
    assert "Something went wrong" in body
    _assert_security_headers(response)
    with app.app_context():
        assert db.session.query(Article).filter_by(title="half-written").count() == 0


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/me"])
def test_api_errors_are_json(client, path):
    response = client.get(path)
    assert response.is_json
    assert "error" in response.get_json()


def test_expired_csrf_token_gives_back_what_was_typed(app: Flask, client, make_user):
    user = make_user(Role.LEAD)
    client.post("/login", data={"email": user.email, "password": "correct horse battery staple"})
    response = client.post(
        "/people/new",
        data={
            "csrf_token": "expired-or-forged",
            "email": "kept@example.org",
            "name": "Kept <b>Name</b>",
            "role": "editor",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="kept@example.org"' in body
    assert "Kept &lt;b&gt;Name&lt;/b&gt;" in body  # escaped, never markup
    assert 'name="csrf_token" value="' in body  # a fresh token to send it again
    assert "expired-or-forged" not in body
