"""A person signs in and out in a real browser."""

import pytest
from playwright.sync_api import expect

from claimcheck.roles import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_sign_in_and_out_in_a_browser(page, live_server, make_user):
    editor = make_user(Role.EDITOR, name="Erin Editor")
    page.goto(f"{live_server}/")
    assert page.url.startswith(f"{live_server}/login")

    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill("a wrong password!")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text().startswith("That email and password")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{live_server}/")
    expect(page.get_by_role("heading", name="Articles")).to_be_visible()
    expect(page.get_by_role("link", name="Erin Editor")).to_be_visible()
    # An editor is offered no lead pages.
    assert page.get_by_role("link", name="People").count() == 0

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{live_server}/login")
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto(f"{live_server}/account")
    assert page.url.startswith(f"{live_server}/login")
