"""Walk the URL map: sign-in, CSRF and roles hold on every route, not just the ones we remember."""

import pytest

from claimcheck import create_app
from claimcheck.permissions import can_approve, can_audit, can_export, can_manage_people
from claimcheck.roles import Role
from tests.web.routes import UNSAFE_METHODS, app_routes

# The only endpoints anyone may reach without signing in.
PUBLIC = {"auth.login", "auth.set_password", "openapi.openapi", "public.fact_check"}

_APP = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
ALL_ROUTES = app_routes(_APP, {"GET", *UNSAFE_METHODS})
WRITE_ROUTES = app_routes(_APP, UNSAFE_METHODS)


def test_the_public_allowlist_is_exactly_what_the_app_marks_public():
    marked = {e for e, view in _APP.view_functions.items() if getattr(view, "is_public", False)}
    assert marked == PUBLIC


@pytest.mark.parametrize(
    ("endpoint", "method", "url"), [r for r in ALL_ROUTES if r[0] not in PUBLIC]
)
def test_every_route_needs_sign_in_unless_allowlisted(client, endpoint, method, url):
    # Writes carry a valid CSRF token, so only the sign-in check can stop them.
    response = client.post(url) if method == "POST" else client.open(url, method=method)
    if url.startswith("/api/"):
        assert response.status_code == 401
        assert response.is_json
        assert "error" in response.get_json()
    else:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize(("endpoint", "method", "url"), WRITE_ROUTES)
def test_every_write_route_refuses_a_post_without_csrf_token(client, login, endpoint, method, url):
    login(Role.LEAD)
    response = client.open(url, method=method, data={"anything": "x"})
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert "CSRF" in response.get_json()["error"]
    else:
        assert "security check on your form failed" in response.get_data(as_text=True)


ROLE_LIMITED = {
    name: {
        e
        for e, view in _APP.view_functions.items()
        if getattr(view, "required_permission", None) == predicate.__name__
    }
    for name, predicate in {
        "approve": can_approve,
        "export": can_export,
        "audit": can_audit,
        "manage_people": can_manage_people,
    }.items()
}
LEAD_ONLY = ROLE_LIMITED["audit"] | ROLE_LIMITED["manage_people"]


def test_people_pages_are_lead_only():
    assert {"people.index", "people.create", "people.detail", "people.deactivate"} <= LEAD_ONLY


@pytest.mark.parametrize("role", [Role.FACT_CHECKER, Role.EDITOR])
@pytest.mark.parametrize(
    ("endpoint", "method", "url"), [r for r in ALL_ROUTES if r[0] in LEAD_ONLY]
)
def test_lead_pages_answer_403_to_other_roles(client, login, role, endpoint, method, url):
    login(role)
    response = client.open(url, method=method) if method == "GET" else client.post(url)
    assert response.status_code == 403
