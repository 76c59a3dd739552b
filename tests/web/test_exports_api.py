"""Exports through the API and the command line: same scope, same formats, role checks."""

import csv
import io
import json

import pytest

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services import review, tokens
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.evidence import EvidenceInput, add_evidence
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action

EVIDENCE = EvidenceInput(url="https://www.example.org/un", title="UN report", relation="refutes")


@pytest.fixture
def approved(app, make_user):
    """One approved claim whose rationale tries formula injection and script break-out."""
    checker_id, editor_id = make_user(Role.FACT_CHECKER).id, make_user(Role.EDITOR).id
    with app.app_context():
        checker, editor = db.session.get(User, checker_id), db.session.get(User, editor_id)
        article = import_article(
            "The Taliban claim to control 85% of Afghan territory.",
            ArticleDetails(title='Afghanistan </script> & "quotes"', url="https://news.example/a"),
            None,
        )
        claim = article.claims[0]
        set_attribution(claim, checker, kind="named", source_name="the Taliban", cue="claim")
        review.transition(claim, editor, Action.ASSIGN, assignee=checker)
        review.transition(claim, checker, Action.START)
        add_evidence(claim, checker, EVIDENCE)
        review.transition(
            claim,
            checker,
            Action.PROPOSE,
            verdict=find_label("Mostly false"),
            rationale='=HYPERLINK("http://evil") </script><b>x</b>',
        )
        review.transition(claim, editor, Action.APPROVE)
        db.session.commit()
        return claim.id


def _headers(app, role_user_id):
    with app.app_context():
        _, raw = tokens.create_token(db.session.get(User, role_user_id))
        db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def test_csv_export_reads_back_and_is_formula_safe(app, client, make_user, approved):
    headers = _headers(app, make_user(Role.EDITOR).id)
    response = client.get("/api/v1/exports?format=csv", headers=headers)
    assert response.status_code == 200
    assert response.headers["X-Claim-Count"] == "1"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="claimcheck-export-')
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 1
    assert rows[0]["rationale"].startswith("'=HYPERLINK")
    assert rows[0]["source"] == "the Taliban"


def test_claimreview_export(app, client, make_user, approved):
    headers = _headers(app, make_user(Role.LEAD).id)
    reviews = json.loads(client.get("/api/v1/exports?format=claimreview", headers=headers).data)
    assert reviews[0]["@type"] == "ClaimReview"
    assert reviews[0]["reviewRating"]["ratingValue"] == 2
    assert reviews[0]["itemReviewed"]["author"]["name"] == "the Taliban"
    assert reviews[0]["url"].endswith(f"/claims/{approved}")


def test_fact_checkers_cannot_export(app, client, make_user, approved):
    headers = _headers(app, make_user(Role.FACT_CHECKER).id)
    assert client.get("/api/v1/exports?format=csv", headers=headers).status_code == 403


@pytest.mark.parametrize(
    "query",
    ["format=xls", "format=csv&since=July", "format=csv&article=x", "format=csv&state=bogus"],
)
def test_bad_export_parameters_get_422(app, client, make_user, approved, query):
    headers = _headers(app, make_user(Role.EDITOR).id)
    response = client.get(f"/api/v1/exports?{query}", headers=headers)
    assert response.status_code == 422
    assert "error" in response.get_json()


def test_command_line_export_to_a_file(app, approved, tmp_path):
    target = tmp_path / "claims.jsonl"
    result = app.test_cli_runner().invoke(args=["export", "--format", "jsonl", "-o", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["id"] == approved


def test_command_line_export_to_standard_output(app, approved):
    result = app.test_cli_runner().invoke(args=["export", "--format", "json", "--state", "new"])
    assert result.exit_code == 0
    assert json.loads(result.output) == []
