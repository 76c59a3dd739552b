"""The review journey through the services: assign, evidence, propose, approve, return, reopen."""

from datetime import date

import pytest

from claimcheck.extensions import db
from claimcheck.roles import Role
from claimcheck.services import review
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.demo import demo_article_text
from claimcheck.services.errors import ServiceError
from claimcheck.services.evidence import (
    EvidenceInput,
    add_comment,
    add_evidence,
    edit_evidence,
    remove_evidence,
)
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action

pytestmark = pytest.mark.usefixtures("app_context")

SOURCE = EvidenceInput(
    url="https://www.example.org/report",
    title="UN report",
    relation="refutes",
    publisher="UN",
    published=date(2021, 7, 1),
    accessed=date(2021, 9, 20),
)


@pytest.fixture
def people(make_user):
    made = {role: make_user(role) for role in Role}
    made["second_checker"] = make_user(Role.FACT_CHECKER)
    return {key: db.session.merge(user) for key, user in made.items()}


@pytest.fixture
def claim(people):
    article = import_article(demo_article_text(), ArticleDetails(title="Afghanistan"), None)
    return next(c for c in article.claims if "85%" in c.text)


def _actions(claim):
    db.session.flush()
    db.session.refresh(claim)
    return [r.action for r in claim.revisions]


def _propose(claim, checker, verdict="Mostly false"):
    review.transition(
        claim,
        checker,
        Action.PROPOSE,
        verdict=find_label(verdict),
        rationale="Independent estimates put Taliban control far lower.",
    )


def _ready_for_proposal(claim, people):
    checker = people[Role.FACT_CHECKER]
    review.transition(claim, people[Role.EDITOR], Action.ASSIGN, assignee=checker)
    review.transition(claim, checker, Action.START)
    add_evidence(claim, checker, SOURCE)
    return checker


def test_the_whole_journey_is_recorded(claim, people):
    checker = _ready_for_proposal(claim, people)
    set_attribution(
        claim, checker, kind="named", source_name="the Taliban", cue="claim", quote=False
    )
    _propose(claim, checker)
    review.transition(claim, people[Role.EDITOR], Action.APPROVE)
    assert claim.state == "approved"
    assert claim.verdict.name == "Mostly false"
    assert claim.approver_id == people[Role.EDITOR].id
    assert claim.verdict_evidence_ids == [claim.evidence[0].id]
    assert _actions(claim)[-6:] == [
        "assigned",
        "review_started",
        "evidence_added",
        "attribution",
        "verdict_proposed",
        "approved",
    ]
    assigned = claim.revisions[-6]
    assert assigned.changes["assignee"] == [None, checker.name]


def test_a_verdict_needs_rationale_and_evidence(claim, people):
    checker = people[Role.FACT_CHECKER]
    review.transition(claim, people[Role.LEAD], Action.ASSIGN, assignee=checker)
    review.transition(claim, checker, Action.START)
    with pytest.raises(ServiceError, match="at least one evidence"):
        _propose(claim, checker)
    add_evidence(claim, checker, SOURCE)
    with pytest.raises(ServiceError, match="rationale"):
        review.transition(
            claim, checker, Action.PROPOSE, verdict=find_label("False"), rationale="   "
        )
    assert claim.state == "in_review"


def test_nobody_approves_their_own_verdict(claim, people):
    editor = people[Role.EDITOR]
    review.transition(claim, people[Role.LEAD], Action.ASSIGN, assignee=editor)
    review.transition(claim, editor, Action.START)
    add_evidence(claim, editor, SOURCE)
    _propose(claim, editor)
    with pytest.raises(ServiceError, match="someone else must approve"):
        review.transition(claim, editor, Action.APPROVE)
    review.transition(claim, people[Role.LEAD], Action.APPROVE)
    assert claim.state == "approved"


def test_fact_checker_cannot_approve(claim, people):
    checker = _ready_for_proposal(claim, people)
    _propose(claim, checker)
    with pytest.raises(ServiceError):
        review.transition(claim, people["second_checker"], Action.APPROVE)


def test_return_needs_a_comment_and_goes_back_to_the_checker(claim, people):
    checker = _ready_for_proposal(claim, people)
    _propose(claim, checker)
    with pytest.raises(ServiceError, match="reason"):
        review.transition(claim, people[Role.EDITOR], Action.RETURN)
    review.transition(claim, people[Role.EDITOR], Action.RETURN, reason="Cite the UN figure.")
    assert claim.state == "returned"
    assert claim.revisions[-1].reason == "Cite the UN figure."
    review.transition(claim, checker, Action.START)
    assert claim.state == "in_review"


def test_approved_claim_is_locked_until_reopened_with_a_reason(claim, people):
    checker = _ready_for_proposal(claim, people)
    _propose(claim, checker)
    review.transition(claim, people[Role.EDITOR], Action.APPROVE)
    with pytest.raises(ServiceError, match="locked"):
        set_attribution(claim, checker, kind="publication")
    with pytest.raises(ServiceError, match="locked"):
        add_evidence(claim, checker, SOURCE)
    with pytest.raises(ServiceError, match="reason"):
        review.transition(claim, people[Role.EDITOR], Action.REOPEN)
    review.transition(claim, people[Role.EDITOR], Action.REOPEN, reason="New UN data.")
    assert claim.state == "reopened"
    assert claim.approved_at is None
    set_attribution(claim, checker, kind="publication")


def test_only_the_assignee_starts_the_review(claim, people):
    review.transition(claim, people[Role.EDITOR], Action.ASSIGN, assignee=people[Role.FACT_CHECKER])
    with pytest.raises(ServiceError, match="assigned"):
        review.transition(claim, people["second_checker"], Action.START)


def test_fact_checker_takes_an_unassigned_claim_but_cannot_assign(claim, people):
    checker = people[Role.FACT_CHECKER]
    with pytest.raises(ServiceError):
        review.transition(claim, checker, Action.ASSIGN, assignee=checker)
    review.transition(claim, checker, Action.TAKE)
    assert claim.assignee_id == checker.id
    assert claim.state == "assigned"


def test_attribution_reuses_one_source_record(claim, people):
    checker = people[Role.FACT_CHECKER]
    set_attribution(claim, checker, kind="named", source_name="The  Taliban", cue="claim")
    other = next(c for c in claim.article.claims if "90%" in c.text)
    set_attribution(other, checker, kind="named", source_name="the taliban", cue="said")
    db.session.flush()
    assert claim.source_id == other.source_id
    assert claim.revisions[-1].changes["source"] == [None, "The Taliban"]
    with pytest.raises(ServiceError, match="source's name"):
        set_attribution(claim, checker, kind="named", source_name=" ")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "javascript:alert(1)", "http"),
        ("url", "not a url", "spaces|http"),
        ("url", "", "required"),
        ("archive_url", "data:text/html,hi", "http"),
        ("relation", "proves", "supports, refutes"),
        ("title", " ", "title"),
        ("excerpt", "x" * 10_001, "too long"),
    ],
)
def test_bad_evidence_is_refused(claim, people, field, value, message):
    data = EvidenceInput(**{**SOURCE.__dict__, field: value})
    with pytest.raises(ServiceError, match=message):
        add_evidence(claim, people[Role.FACT_CHECKER], data)


def test_evidence_edit_and_removal_are_in_the_history(claim, people):
    checker = people[Role.FACT_CHECKER]
    item = add_evidence(claim, checker, SOURCE)
    edit_evidence(
        claim, item, checker, EvidenceInput(**{**SOURCE.__dict__, "title": "UN report 2021"})
    )
    remove_evidence(claim, item, checker, "Superseded")
    assert item.is_removed
    actions = _actions(claim)
    assert actions[-3:] == ["evidence_added", "evidence_edited", "evidence_removed"]
    assert claim.revisions[-2].changes["evidence.title"] == ["UN report", "UN report 2021"]


def test_evidence_file_is_type_checked(claim, people):
    checker = people[Role.FACT_CHECKER]
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    item = add_evidence(claim, checker, SOURCE, file=("screenshot.png", png))
    assert item.file_type == "image/png"
    assert item.file_size == len(png)
    with pytest.raises(ServiceError):
        add_evidence(claim, checker, SOURCE, file=("report.pdf", b"<html><script>x</script>"))


def test_comments_are_recorded(claim, people):
    add_comment(claim, people[Role.EDITOR], "Check the UN numbers.")
    assert claim.comments[-1].body == "Check the UN numbers."
    assert _actions(claim)[-1] == "comment"
    with pytest.raises(ServiceError):
        add_comment(claim, people[Role.EDITOR], "  ")
