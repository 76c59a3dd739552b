"""The filter forms of the queue, the audit log and search, laid out and used in a browser."""

import pytest
from playwright.sync_api import expect

from claimcheck.extensions import db
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text

pytestmark = pytest.mark.browser

# A filter button one line high is about 3 rem; a form styled as one search group (as the
# header box is) stretches its buttons to the height of the whole form.
BUTTON_MAX_HEIGHT_PX = 80
PILL_RADIUS = "80px"  # 5 rem, the search group's rounding


@pytest.mark.parametrize(
    ("path", "button"),
    [("/claims", "Apply filters"), ("/audit", "Filter"), ("/search?q=Taliban", "Search")],
)
def test_filter_forms_keep_their_own_layout(
    page, live_server, make_user, browser_sign_in, path, button
):
    browser_sign_in(page, make_user(Role.LEAD))
    page.goto(f"{live_server}{path}")
    box = page.get_by_role("main").get_by_role("button", name=button, exact=True).bounding_box()
    assert box is not None
    assert box["height"] < BUTTON_MAX_HEIGHT_PX
    # Drop-downs keep the app's corners, not the header box's pill shape.
    radius = page.locator("main select").first.evaluate(
        "e => getComputedStyle(e).borderTopLeftRadius"
    )
    assert radius != PILL_RADIUS
    # The page's filters are still announced as a search landmark.
    assert page.get_by_role("search").count() == 2


def test_queue_filters_by_state_from_the_form(app, page, live_server, make_user, browser_sign_in):
    checker = make_user(Role.FACT_CHECKER)
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        db.session.commit()
        found = sum(claim.state == "new" for claim in article.claims)

    browser_sign_in(page, checker)
    page.goto(f"{live_server}/claims")
    page.get_by_label("Assigned", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/claims?*state=assigned*")
    expect(page.get_by_text("No claims match")).to_be_visible()

    page.get_by_label("Assigned", exact=True).uncheck()
    page.get_by_label("New", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/claims?*state=new*")
    assert page.locator(".queue-count").inner_text().startswith(f"{found} claims")


def test_queue_shows_two_lines_of_a_long_article_title_and_the_rest_on_hover(
    app, page, live_server, make_user, browser_sign_in
):
    title = "Afghanistan: the head of the American troops withdraws, " * 3
    with app.app_context():
        import_article(demo_article_text(), ArticleDetails(title=title.strip()), None)
        db.session.commit()
    browser_sign_in(page, make_user(Role.FACT_CHECKER))
    page.set_viewport_size({"width": 1300, "height": 900})
    page.goto(f"{live_server}/claims")
    cell = page.locator(".queue-table tbody tr").first.locator("td").nth(1).locator("span")
    expect(cell).to_have_attribute("title", title.strip())
    line_height = float(cell.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    box = cell.bounding_box()
    assert box is not None
    assert box["height"] <= 2 * line_height + 1
