from sqlalchemy import select

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from tests.conftest import sign_in


def _reload(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id)


def test_lead_creates_an_account_with_a_one_time_link(app, client, login):
    login(Role.LEAD)
    response = client.post(
        "/people/new",
        data={"email": "Reporter@Example.org", "name": "Reporter", "role": "fact-checker"},
    )
    assert response.status_code == 201
    assert "/set-password/" in response.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "reporter@example.org"))
        assert user.role is Role.FACT_CHECKER
        assert user.password_hash is None


def test_duplicate_account_keeps_the_form_input(client, login, make_user):
    other = make_user()
    login(Role.LEAD)
    response = client.post(
        "/people/new", data={"email": other.email, "name": "Typed name", "role": "editor"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "already exists" in body
    assert 'value="Typed name"' in body


def test_lead_changes_a_role(app, client, login, make_user):
    person = make_user(Role.FACT_CHECKER)
    login(Role.LEAD)
    assert client.post(f"/people/{person.id}/role", data={"role": "editor"}).status_code == 302
    assert _reload(app, person.id).role is Role.EDITOR


def test_deactivation_ends_the_persons_sessions_at_once(app, client, login, make_user):
    person = make_user(Role.EDITOR)
    their_browser = app.test_client()
    sign_in(their_browser, person.email)
    assert their_browser.get("/").status_code == 200
    login(Role.LEAD)
    client.post(f"/people/{person.id}/deactivate")
    assert their_browser.get("/").status_code == 302
    assert sign_in(their_browser, person.email).status_code == 200  # refused
    client.post(f"/people/{person.id}/reactivate")
    assert sign_in(their_browser, person.email).status_code == 302


def test_forced_sign_out(app, client, login, make_user):
    person = make_user(Role.EDITOR)
    their_browser = app.test_client()
    sign_in(their_browser, person.email)
    login(Role.LEAD)
    client.post(f"/people/{person.id}/sign-out")
    assert their_browser.get("/").status_code == 302
    assert _reload(app, person.id).is_active_account


def test_lead_cannot_deactivate_themselves(app, client, login):
    lead = login(Role.LEAD)
    response = client.post(f"/people/{lead.id}/deactivate", follow_redirects=True)
    assert "ask another lead" in response.get_data(as_text=True)
    assert _reload(app, lead.id).is_active_account


def test_names_are_escaped_on_people_pages(client, login, make_user):
    make_user(name="<script>alert(1)</script>")
    login(Role.LEAD)
    body = client.get("/people/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_fact_checker_does_not_see_the_people_link(client, login):
    login(Role.FACT_CHECKER)
    assert "/people/" not in client.get("/").get_data(as_text=True)
