"""The team page: leads only, the numbers on it, empty periods, and escaped names."""

import re

import pytest
from flask import url_for

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services import review
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.evidence import EvidenceInput, add_evidence
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action
from tests.support.journeys import approve_claim

SOURCE_NAME = "<script>alert(1)</script>"
EVIDENCE = EvidenceInput(url="https://www.example.org/data", title="Data", relation="refutes")


@pytest.fixture
def worked(app, make_user):
    """One claim approved, another returned; the first attributed to a hostile-looking name."""
    checker_id = make_user(Role.FACT_CHECKER, name="Ada <Lovelace>").id
    editor_id = make_user(Role.EDITOR, name="Eve Editor").id
    with app.app_context():
        checker, editor = db.session.get(User, checker_id), db.session.get(User, editor_id)
        article = import_article(
            "The deficit grew 12% in 2023, the ministry said. "
            "Unemployment fell to 5.1% in March, according to the statistics office.",
            ArticleDetails(title="Budget"),
            None,
        )
        approved, returned = article.claims[:2]
        set_attribution(approved, checker, kind="named", source_name=SOURCE_NAME, cue="said")
        approve_claim(
            approved, checker, editor, evidence=EVIDENCE, verdict="False", rationale="Wrong."
        )
        review.transition(returned, checker, Action.TAKE)
        review.transition(returned, checker, Action.START)
        add_evidence(returned, checker, EVIDENCE)
        review.transition(
            returned, checker, Action.PROPOSE, verdict=find_label("True"), rationale="Right."
        )
        review.transition(returned, editor, Action.RETURN, reason="Which month?")
        db.session.commit()
    return {"checker": checker_id, "editor": editor_id}


def _row(page: str, name: str) -> list[str]:
    """The cells of the reviewer table's row for `name` (as it appears, escaped)."""
    row = re.search(
        rf"<tr>\s*<th scope=\"row\"><a [^>]*>{re.escape(name)}</a></th>(.*?)</tr>", page, re.S
    )
    assert row, f"no row for {name}"
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_a_lead_sees_each_reviewer_and_the_charts(app, client, login, worked):
    login(Role.LEAD)
    response = client.get("/team")
    assert response.status_code == 200
    page = response.get_data(as_text=True)

    ada = _row(page, "Ada &lt;Lovelace&gt;")
    # Worked, proposed, approved, returned, rate, two medians, approvals given, backlog.
    assert ada[:5] == ["2", "2", "1", "1", "50%"]
    assert ada[5:7] == ["under 1 min", "under 1 min"]
    assert ada[7:] == ["0", "1"]  # the returned claim still waits on her
    eve = _row(page, "Eve Editor")
    assert eve[:5] == ["2", "0", "0", "0", '<span class="muted">—</span>']
    assert eve[7] == "1"

    with app.test_request_context():
        audit_link = url_for("audit.index", person=worked["checker"])
    assert f'href="{audit_link}"' in page

    assert '<title id="throughput-title">' in page
    assert (
        '<div class="visually-hidden">\n  <table>' in page
    )  # the chart's data, for screen readers
    assert 'class="tone-rating-1"' in page  # the verdict mix colours "False" red
    assert 'href="/team"' in page  # the nav link, for leads
    assert "style=" not in page  # the content security policy allows no inline styles


def test_user_supplied_names_are_escaped(client, login, worked):
    login(Role.LEAD)
    page = client.get("/team?period=30").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert SOURCE_NAME not in page
    assert "<Lovelace>" not in page


def test_an_empty_period_says_so(client, login):
    login(Role.LEAD)
    page = client.get("/team?period=30").get_data(as_text=True)
    assert "Nobody worked on a claim in the last 30 days." in page
    assert "No verdicts were proposed or approved in the last 30 days." in page
    assert "No claims were approved in the last 30 days." in page
    assert "<svg" not in page
    assert '<option value="30" selected>' in page


def test_an_unknown_period_shows_the_default(client, login):
    login(Role.LEAD)
    page = client.get("/team?period=forever").get_data(as_text=True)
    assert '<option value="90" selected>' in page


@pytest.mark.parametrize("role", [Role.FACT_CHECKER, Role.EDITOR])
def test_other_roles_are_refused_and_not_offered_the_link(client, login, role):
    login(role)
    assert client.get("/team").status_code == 403
    assert 'href="/team"' not in client.get("/account").get_data(as_text=True)
