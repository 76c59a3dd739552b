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
