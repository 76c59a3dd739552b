"""The audit pages: leads only, filters, keyset pages, the CSV download and timelines."""

import csv
import io
import re

import pytest

from claimcheck.extensions import db
from claimcheck.models import AuditEvent, User
from claimcheck.roles import Role
from claimcheck.services import audit
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text
from claimcheck.services.evidence import EvidenceInput
from tests.support.journeys import approve_claim


def _events(app, count: int, action: str = "claim.comment", actor_id: int | None = None):
    with app.app_context():
        actor = db.session.get(User, actor_id) if actor_id else None
        for number in range(count):
            audit.record(action, actor, f"wrote note {number}", object_type="test")
        db.session.commit()


@pytest.mark.parametrize("role", [Role.FACT_CHECKER, Role.EDITOR])
@pytest.mark.parametrize(
    "url", ["/audit", "/audit/events.csv", "/audit/claims/1", "/audit/people/1"]
)
def test_only_leads_read_the_log(client, login, role, url):
    login(role)
    assert client.get(url).status_code == 403


def test_the_log_lists_events_newest_first_with_links(app, client, login):
    lead = login(Role.LEAD)
    _events(app, 3, actor_id=lead.id)
    page = client.get("/audit").get_data(as_text=True)
    assert page.index("wrote note 2") < page.index("wrote note 1") < page.index("wrote note 0")
    assert f"/audit/people/{lead.id}" in page
    assert "Signed in" in page  # the lead's own sign-in is in the log too


def test_filters_narrow_the_log_and_bad_values_are_named(app, client, login, make_user):
    other = make_user(Role.FACT_CHECKER, name="Other Person")
    lead = login(Role.LEAD)
    _events(app, 2, actor_id=other.id)
    _events(app, 1, action="export.created", actor_id=lead.id)
    by_person = client.get(f"/audit?person={other.id}").get_data(as_text=True)
    assert by_person.count("wrote note") == 2
    assert "Signed in" not in by_person.split("<tbody>")[1]
    by_family = client.get("/audit?action=export.").get_data(as_text=True)
    assert by_family.count('<tr id="event-') == 1
    confused = client.get("/audit?person=abc&action=nonsense&since=yesterday")
    assert confused.status_code == 200
    text = confused.get_data(as_text=True)
    assert "Person must be a number" in text
    assert "no action called “nonsense”" in text
    assert "From must be a date" in text


def test_keyset_pages_walk_the_whole_log_once(app, client, login):
    login(Role.LEAD)
    _events(app, 120)
    with app.app_context():
        total = db.session.query(AuditEvent).count()
    seen: list[int] = []
    url = "/audit"
    while url:
        page = client.get(url).get_data(as_text=True)
        seen += [int(number) for number in re.findall(r'<tr id="event-(\d+)"', page)]
        older = re.search(r'rel="next" href="([^"]+)"', page)
        url = older.group(1).replace("&amp;", "&") if older else None
    assert len(seen) == total == len(set(seen))
    assert seen == sorted(seen, reverse=True)


def test_the_csv_reads_back_and_defuses_formulas(app, client, login, make_user):
    plotter = make_user(Role.FACT_CHECKER, name="=HYPERLINK(1)")
    login(Role.LEAD)
    _events(app, 2, actor_id=plotter.id)
    response = client.get(f"/audit/events.csv?person={plotter.id}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["event id", "time (UTC)", "person id"]
    assert len(rows) == 3
    assert rows[1][3] == "'=HYPERLINK(1)"
    assert rows[1][11].startswith("'=HYPERLINK(1) wrote note 1")
    with app.app_context():
        stored = db.session.get(AuditEvent, int(rows[1][0]))
        assert rows[1][15] == stored.hash


def test_names_and_summaries_are_escaped(app, client, login, make_user):
    make_user(Role.FACT_CHECKER, name="<script>alert(1)</script>")
    login(Role.LEAD)
    page = client.get("/audit").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_empty_filter_result_says_so(client, login):
    login(Role.LEAD)
    page = client.get("/audit?q=nothing-like-this").get_data(as_text=True)
    assert "No event matches these filters" in page


def test_the_claim_timeline_shows_each_step_from_import_to_approval(app, client, make_user, login):
    checker = make_user(Role.FACT_CHECKER, name="Fatima Checker")
    editor = make_user(Role.EDITOR, name="Eddie Editor")
    login(Role.LEAD)
    with app.app_context():
        article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
        claim = next(c for c in article.claims if "85%" in c.text)
        approve_claim(
            claim,
            db.session.get(User, checker.id),
            db.session.get(User, editor.id),
            evidence=EvidenceInput(url="https://example.org/map", title="Map", relation="refutes"),
            verdict="Mostly false",
            rationale="Maps show far less.",
        )
        db.session.commit()
        claim_id = claim.id
    page = client.get(f"/audit/claims/{claim_id}").get_data(as_text=True)
    steps = [
        "Article imported",
        "Taken",
        "Review started",
        "Evidence added",
        "Verdict proposed",
        "Approved",
    ]
    positions = [page.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "Fatima Checker" in page
    assert "Eddie Editor" in page
    assert "“Mostly false”" in page
    assert "Maps show far less." in page


def test_a_person_timeline_shows_what_they_did_and_what_was_done_to_them(
    app, client, login, make_user
):
    person = make_user(Role.FACT_CHECKER, name="Pat Person")
    login(Role.LEAD)
    _events(app, 2, actor_id=person.id)
    with app.app_context():
        target = db.session.get(User, person.id)
        audit.record(
            "account.role_changed",
            None,
            "changed the role of Pat Person",
            object_type="user",
            object_id=target.id,
        )
        db.session.commit()
    page = client.get(f"/audit/people/{person.id}").get_data(as_text=True)
    assert page.count("wrote note") == 2
    assert "Changes to this account" in page
    assert "changed the role of Pat Person" in page
    assert client.get("/audit/people/99999").status_code == 404
