"""A fact-checker imports the example article and reviews its claims in a real browser."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from claimcheck.roles import Role

pytestmark = pytest.mark.browser

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "claimcheck" / "demo" / "afghanistan-withdrawal-2021.txt"
)


def test_import_review_dismiss_and_split(page, live_server, make_user, browser_sign_in):
    browser_sign_in(page, make_user(Role.FACT_CHECKER))
    page.get_by_role("button", name="Import an article").first.click()
    page.get_by_label("…or upload a file").set_input_files(str(EXAMPLE))
    page.get_by_label("Published on").fill("2021-09-19")
    page.get_by_role("button", name="Import and find claims").click()
    page.wait_for_url(f"{live_server}/articles/*")
    assert "claims found" in page.get_by_role("status").first.inner_text()

    # The 85% claim is highlighted in the text, without the related-link marker.
    mark = page.locator(".claim-mark", has_text="85% of Afghan territory")
    assert mark.count() == 1
    assert ">>" not in mark.inner_text()

    # The dateline, if proposed at all, can be dismissed.
    dateline = page.locator(".claim-mark", has_text="September 19, 2021")
    if dateline.count():
        dateline.first.click()
        page.locator("#dismiss-form").get_by_role("button").click()
        assert page.locator(".claim-mark", has_text="September 19, 2021").count() == 0

    # Open the correspondent's claim and split it at its comma.
    page.locator(".claim-mark", has_text="steadily gaining ground").click()
    panel = page.locator("#claim-panel")
    assert "Agence France-Presse" in panel.inner_text()
    before = page.locator("#claim-list .claim-card").count()
    panel.get_by_text("Split in two").click()
    at_comma = panel.locator("option", has_text="France-Presse, | the Taliban").get_attribute(
        "value"
    )
    panel.get_by_label("Split before").select_option(value=at_comma)
    panel.get_by_role("button", name="Split").click()
    expect(page.get_by_text("Claim split in two.")).to_be_visible()
    assert page.locator("#claim-list .claim-card").count() == before + 1
    assert (
        page.locator(".claim-mark", has_text="the Taliban are steadily gaining ground").count() == 1
    )


def test_select_text_to_add_a_claim(page, live_server, make_user, browser_sign_in):
    browser_sign_in(page, make_user(Role.FACT_CHECKER))
    page.goto(f"{live_server}/articles/new")
    page.get_by_label("Paste the article text").fill(
        "Officials 🚧 met on Tuesday.\n\nThe bridge is closed to lorries."
    )
    page.get_by_label("Title").fill("Bridge")
    page.get_by_role("button", name="Import and find claims").click()
    page.wait_for_url(f"{live_server}/articles/*")
    # Select a sentence with the keyboard-free way a mouse would: a DOM range over the text.
    page.evaluate("""() => {
        const text = document.getElementById('article-text');
        const node = [...text.querySelectorAll('[data-start]')]
            .find(n => n.textContent.includes('bridge is closed')).firstChild;
        const from = node.textContent.indexOf('The bridge');
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, from + 'The bridge is closed to lorries.'.length);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""")
    assert "The bridge is closed to lorries." in page.locator("#selection-preview").inner_text()
    page.get_by_role("button", name="Add as claim").click()
    expect(page.get_by_text("Claim added.")).to_be_visible()
    assert page.locator(".claim-mark", has_text="The bridge is closed to lorries.").count() == 1
