"""The reports pages: what fact-checkers see, what editors download, and safe output."""

import csv
import io
import re

import pytest

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.evidence import EvidenceInput
from tests.support.journeys import approve_claim


@pytest.fixture
def approved(app, make_user):
    checker_id, editor_id = make_user(Role.FACT_CHECKER).id, make_user(Role.EDITOR).id
    with app.app_context():
        checker, editor = db.session.get(User, checker_id), db.session.get(User, editor_id)
        article = import_article(
            "The Taliban claim to control 85% of Afghan territory.",
            ArticleDetails(title="Afghan <b>war</b>"),
            None,
        )
        claim = article.claims[0]
        set_attribution(claim, checker, kind="named", source_name="the Taliban", cue="claim")
        approve_claim(
            claim,
            checker,
            editor,
            evidence=EvidenceInput(
                url="https://www.example.org/un", title="UN </script> report", relation="refutes"
            ),
            verdict="Unverifiable",
            rationale="@SUM(1) figures vary",
        )
        db.session.commit()
        return claim.id


def test_export_page_counts_before_downloading(client, login, approved):
    login(Role.EDITOR)
    page = client.get("/reports/").get_data(as_text=True)
    assert "1 claim matches" in page
    assert "/reports/download/csv" in page
    none = client.get("/reports/?state=new").get_data(as_text=True)
    assert "0 claims match" in none


def test_fact_checker_sees_the_report_but_cannot_download(client, login, approved):
    login(Role.FACT_CHECKER)
    page = client.get("/reports/").get_data(as_text=True)
    assert "/reports/download/" not in page
    assert client.get("/reports/download/csv").status_code == 403
    report = client.get("/reports/report")
    assert report.status_code == 200
    body = report.get_data(as_text=True)
    assert "Unverifiable" in body
    assert "the Taliban" in body
    assert "Afghan &lt;b&gt;war&lt;/b&gt;" in body
    assert "UN &lt;/script&gt; report" in body


def test_editor_downloads_a_formula_safe_csv(client, login, approved):
    login(Role.EDITOR)
    response = client.get("/reports/download/csv?state=approved")
    assert response.status_code == 200
    assert re.match(
        r'attachment; filename="claimcheck-report-\d{4}-\d{2}-\d{2}\.csv"',
        response.headers["Content-Disposition"],
    )
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0]["rationale"] == "'@SUM(1) figures vary"


def test_bad_scope_is_explained(client, login, approved):
    login(Role.EDITOR)
    response = client.get("/reports/?since=yesterday")
    assert response.status_code == 422
    assert "YYYY-MM-DD" in response.get_data(as_text=True)
    assert client.get("/reports/download/xls").status_code == 404


def test_editor_downloads_the_report_as_pdf(client, login, approved):
    from pypdf import PdfReader

    login(Role.EDITOR)
    response = client.get("/reports/report.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Unverifiable" in text
    assert "the Taliban" in text


def test_fact_checker_cannot_download_the_pdf(client, login, approved):
    login(Role.FACT_CHECKER)
    assert client.get("/reports/report.pdf").status_code == 403


def test_command_line_pdf(app, approved, tmp_path):
    target = tmp_path / "report.pdf"
    result = app.test_cli_runner().invoke(args=["export", "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")


def _export_events(app) -> list:
    from claimcheck.models import AuditEvent

    with app.app_context():
        return list(
            db.session.scalars(
                db.select(AuditEvent)
                .where(AuditEvent.action == "export.created")
                .order_by(AuditEvent.id)
            )
        )


@pytest.mark.parametrize(
    ("url", "format_name"),
    [
        ("/reports/download/csv?article=1", "csv"),
        ("/reports/download/jsonl", "jsonl"),
        ("/reports/report.pdf", "pdf"),
    ],
)
def test_every_download_is_recorded_for_the_audit(app, client, login, approved, url, format_name):
    editor = login(Role.EDITOR)
    response = client.get(url)
    assert response.status_code == 200
    [event] = _export_events(app)
    assert event.actor_id == editor.id
    assert event.after["format"] == format_name
    assert event.after["claims"] == 1
    assert event.after["states"] == ["approved"]
    assert f"exported 1 claims as {format_name}" in event.summary
    assert event.ip_address == "127.0.0.1"


def test_a_refused_export_records_nothing(app, client, login, make_user, approved):
    from tests.conftest import sign_in

    login(Role.FACT_CHECKER)
    assert client.get("/reports/download/csv").status_code == 403
    editor = app.test_client()
    sign_in(editor, make_user(Role.EDITOR).email)
    assert editor.get("/reports/download/csv?since=soon").status_code == 422
    assert _export_events(app) == []


def test_an_api_export_is_recorded_with_its_token_owner(app, client, make_user, approved):
    from claimcheck.services import tokens

    editor = make_user(Role.EDITOR)
    with app.app_context():
        _, raw = tokens.create_token(db.session.get(User, editor.id), "exports")
        db.session.commit()
    response = client.get(
        "/api/v1/exports?format=json&article=1", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 200
    [event] = _export_events(app)
    assert (event.actor_id, event.after["format"], event.after["article_ids"]) == (
        editor.id,
        "json",
        [1],
    )


def test_the_command_line_writes_a_self_contained_html_report(app, approved, tmp_path):
    output = tmp_path / "report.html"
    result = app.test_cli_runner().invoke(args=["export", "--format", "html", "-o", str(output)])
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "The Taliban claim to control 85% of Afghan territory." in page
    assert "Afghan &lt;b&gt;war&lt;/b&gt;" in page
    assert "UN &lt;/script&gt; report" in page
    assert "<link" not in page  # nothing to fetch: the styles are inside
    assert ".report-claim" in page
    [event] = _export_events(app)
    assert event.actor_id is None
    assert event.after["format"] == "html"
    assert event.summary.startswith("Command line exported 1 claims as html")


def test_report_lines_join_only_the_parts_an_article_has(client, login, approved):
    login(Role.FACT_CHECKER)
    body = client.get("/reports/report").get_data(as_text=True)
    # The separators come from the stylesheet, between the parts present; an article with
    # no publication, date or address gets no line at all.
    assert 'dotted"></p>' not in body
    credits = body.split('<p class="muted dotted"><small>')[1].split("</small>")[0]
    assert "·" not in credits
    assert credits.endswith(" revisions</span>")


def _listed(page):
    return re.findall(r'<option value="(\d+)" title="[^"]*" (selected)?', page)


def test_articles_are_found_by_title_and_chosen_ones_stay_listed(app, client, login, make_articles):
    budget, inflation, rates = make_articles(
        ["Budget 2024", "Inflation at 9% in Ruritania", "Rates held at 5%"]
    )
    login(Role.EDITOR)
    page = client.get(f"/reports/?article_search=RURITANIA&article={budget}").get_data(as_text=True)
    listed = dict(_listed(page))
    # The title that matches, and the article already chosen, still selected.
    assert set(listed) == {str(inflation), str(budget)}
    assert listed[str(budget)] == "selected"
    assert "titles containing “RURITANIA” and the articles chosen" in page
    # A percent sign is a character to find, not a wildcard.
    found = dict(_listed(client.get("/reports/?article_search=9%25").get_data(as_text=True)))
    assert set(found) == {str(inflation)}
    none = client.get("/reports/?article_search=%3Cscript%3E").get_data(as_text=True)
    assert "No title contains it." in none
    assert "“&lt;script&gt;”" in none
    assert str(rates) not in dict(_listed(none))


def test_without_a_search_the_newest_articles_are_listed(app, client, login, make_articles):
    ids = make_articles([f"Article {n}" for n in range(101)])
    login(Role.EDITOR)
    listed = dict(_listed(client.get("/reports/").get_data(as_text=True)))
    assert len(listed) == 100
    assert str(ids[0]) not in listed  # the oldest of 101
    assert "find older ones by title" in client.get("/reports/").get_data(as_text=True)
    chosen = dict(_listed(client.get(f"/reports/?article={ids[0]}").get_data(as_text=True)))
    assert chosen[str(ids[0])] == "selected"
