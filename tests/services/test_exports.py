"""Choosing claims for export and streaming them as records, on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from claimcheck.clock import utcnow
from claimcheck.exports.records import ExportRecord, record_from_claim
from claimcheck.extensions import db
from claimcheck.models import Claim, ClaimRevision
from claimcheck.roles import Role
from claimcheck.services import review
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.claims import merge_with_next
from claimcheck.services.demo import demo_article_text
from claimcheck.services.errors import ServiceError
from claimcheck.services.evidence import EvidenceInput, add_evidence, remove_evidence
from claimcheck.services.exports import (
    ExportScope,
    _EvidenceByClaim,
    count_matching,
    iter_records,
)
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action

pytestmark = pytest.mark.usefixtures("app_context")

EVIDENCE = EvidenceInput(
    url="https://www.example.org/report",
    title="UN report",
    relation="refutes",
    publisher="UN",
    published=date(2021, 7, 1),
    accessed=date(2021, 9, 20),
)
EVERY_STATE = ExportScope(states=())


def permalink(claim_id: int) -> str:
    return f"https://factcheck.example/claims/{claim_id}"


@pytest.fixture
def people(make_user):
    made = {"checker": make_user(Role.FACT_CHECKER), "editor": make_user(Role.EDITOR)}
    return {key: db.session.merge(user) for key, user in made.items()}


def _article(title: str):
    details = ArticleDetails(
        title=title,
        publication="Daily Example",
        url="https://news.example/afghanistan",
        published=date(2021, 7, 12),
    )
    return import_article(demo_article_text(), details, None)


def _find(article, words: str) -> Claim:
    return next(claim for claim in article.claims if words in claim.text)


def _approve(claim: Claim, people, verdict: str, **attribution) -> None:
    checker, editor = people["checker"], people["editor"]
    review.transition(claim, editor, Action.ASSIGN, assignee=checker)
    review.transition(claim, checker, Action.START)
    add_evidence(claim, checker, EVIDENCE)
    set_attribution(claim, checker, **attribution)
    review.transition(
        claim,
        checker,
        Action.PROPOSE,
        verdict=find_label(verdict),
        rationale="Independent estimates say otherwise.",
    )
    review.transition(claim, editor, Action.APPROVE)


@pytest.fixture
def newsroom(people):
    """Two articles with three approved claims between them; every other claim is new."""
    first, second = _article("Afghanistan"), _article("Afghanistan, a week on")
    taliban = _find(first, "85%")
    withdrawal = _find(first, "90%")
    again = _find(second, "85%")
    old = replace(EVIDENCE, url="https://old.example/report")
    stale = add_evidence(taliban, people["checker"], old)
    remove_evidence(taliban, stale, people["checker"], "Superseded")
    _approve(taliban, people, "Mostly false", kind="named", source_name="the Taliban", cue="claim")
    _approve(withdrawal, people, "True", kind="publication")
    _approve(
        again,
        people,
        "Unverifiable",
        kind="named",
        source_name="Gen. Miller",
        source_kind="person",
        quote=True,
    )
    db.session.flush()
    return {"first": first, "second": second, "claims": (taliban, withdrawal, again)}


def _ids(scope: ExportScope) -> list[int]:
    ids = [record.claim_id for record in iter_records(scope, permalink)]
    assert count_matching(scope) == len(ids)
    return ids


def _visible_ids(*conditions) -> list[int]:
    query = select(Claim.id).where(Claim.merged_into_id.is_(None), *conditions)
    return list(db.session.scalars(query.order_by(Claim.id)))


def test_default_export_holds_the_approved_claims_in_id_order(newsroom, people):
    taliban, withdrawal, again = newsroom["claims"]
    records = list(iter_records(ExportScope(), permalink))
    assert [r.claim_id for r in records] == sorted(c.id for c in newsroom["claims"])
    assert count_matching(ExportScope()) == 3
    by_id = {record.claim_id: record for record in records}
    record = by_id[taliban.id]
    assert isinstance(record, ExportRecord)
    assert record.claim_text == taliban.text
    assert record.state == "approved"
    assert (record.article_title, record.publication) == ("Afghanistan", "Daily Example")
    assert record.published == date(2021, 7, 12)
    assert (record.attribution_kind, record.source_name, record.source_kind) == (
        "named",
        "the Taliban",
        "organisation",
    )
    assert (record.cue, record.quote) == ("claim", False)
    assert (record.verdict, record.rating) == ("Mostly false", 2)
    assert [item.url for item in record.evidence] == [EVIDENCE.url]
    assert (record.proposer, record.approver) == (people["checker"].name, people["editor"].name)
    assert record.approved_at == taliban.approved_at
    assert record.permalink == permalink(taliban.id)
    revisions = db.session.scalar(select(func.count()).where(ClaimRevision.claim_id == taliban.id))
    assert record.revision_count == revisions
    assert by_id[withdrawal.id].attribution_kind == "publication"
    assert by_id[withdrawal.id].source_name is None
    assert (by_id[again.id].verdict, by_id[again.id].rating) == ("Unverifiable", None)
    assert (by_id[again.id].source_kind, by_id[again.id].quote) == ("person", True)


def test_each_scope_filter_narrows_the_export(newsroom):
    taliban, withdrawal, again = newsroom["claims"]
    second = newsroom["second"]
    assert _ids(ExportScope(article_ids=(second.id,))) == [again.id]
    assert _ids(ExportScope(article_ids=(newsroom["first"].id, second.id))) == sorted(
        [taliban.id, withdrawal.id, again.id]
    )
    assert _ids(ExportScope(verdict_ids=(find_label("Mostly false").id,))) == [taliban.id]
    assert _ids(ExportScope(source_id=again.source_id)) == [again.id]
    assert _ids(ExportScope(states=("new",))) == _visible_ids(Claim.state == "new")
    assert _ids(EVERY_STATE) == _visible_ids()
    assert _ids(ExportScope(states=("new",), article_ids=(second.id,))) == _visible_ids(
        Claim.state == "new", Claim.article_id == second.id
    )


def test_dates_are_approval_days_for_approved_claims_and_creation_days_otherwise(newsroom):
    taliban, withdrawal, again = newsroom["claims"]
    taliban.approved_at = datetime(2020, 1, 1, 23, 59, tzinfo=UTC)
    db.session.flush()
    today = utcnow().date()
    new_day = date(2020, 1, 1)
    assert _ids(ExportScope(since=new_day, until=new_day)) == [taliban.id]
    assert _ids(ExportScope(until=date(2019, 12, 31))) == []
    assert _ids(ExportScope(since=today)) == sorted([withdrawal.id, again.id])
    assert _ids(ExportScope(since=today, until=today)) == sorted([withdrawal.id, again.id])
    # New claims were created today, whatever day the approved one was approved.
    assert _ids(ExportScope(states=("new",), since=today)) == _visible_ids(Claim.state == "new")
    assert _ids(ExportScope(states=("new",), until=today - timedelta(days=1))) == []
    assert _ids(ExportScope(states=("new",), since=new_day, until=new_day)) == []


def test_small_batches_give_the_same_records_in_the_same_order(newsroom):
    whole = list(iter_records(EVERY_STATE, permalink, batch_size=500))
    assert len(whole) > 3
    for size in (1, 2, len(whole) - 1, len(whole)):
        assert list(iter_records(EVERY_STATE, permalink, batch_size=size)) == whole


def test_evidence_of_claims_the_claims_statement_did_not_see_is_passed_over():
    """The two statements can see different moments; items are matched to claims by id."""
    rows = [(1, "https://a.example", "A", "supports"), (2, "https://b.example", "B", "refutes")]
    rows += [(2, "https://c.example", "C", "context"), (4, "https://d.example", "D", "context")]
    evidence = _EvidenceByClaim(iter(rows))
    assert [item.url for item in evidence.items_of(2)] == ["https://b.example", "https://c.example"]
    assert evidence.items_of(3) == ()
    assert [item.title for item in evidence.items_of(4)] == ["D"]
    assert evidence.items_of(5) == ()


def test_records_match_what_a_loaded_claim_gives(newsroom, people):
    """The export reads plain rows; the public page copies a loaded claim. Both must agree."""
    taliban = newsroom["claims"][0]
    unconfirmed = next(claim for claim in newsroom["first"].claims if claim.state == "new")
    unconfirmed.attribution_quote = True  # a quote flag means nothing until it is confirmed
    db.session.flush()
    records = list(iter_records(EVERY_STATE, permalink, batch_size=3, public_link=str))
    db.session.expire_all()
    for record in records:
        claim = db.session.get(Claim, record.claim_id)
        revisions = db.session.scalar(
            select(func.count()).where(ClaimRevision.claim_id == claim.id)
        )
        public = str(claim.id) if claim.state == "approved" else None
        assert record == record_from_claim(claim, permalink(claim.id), revisions, public)
    by_id = {record.claim_id: record for record in records}
    assert [item.url for item in by_id[taliban.id].evidence] == [EVIDENCE.url]
    assert by_id[unconfirmed.id].quote is None
    assert by_id[taliban.id].approved_at.tzinfo is not None


def test_merged_claims_are_left_out(newsroom, people):
    second = newsroom["second"]
    first_new = next(claim for claim in second.claims if claim.state == "new")
    merge_with_next(first_new, people["checker"])
    db.session.flush()
    absorbed = next(claim for claim in second.claims if claim.merged_into_id == first_new.id)
    ids = _ids(EVERY_STATE)
    assert first_new.id in ids
    assert absorbed.id not in ids
    assert _ids(ExportScope(states=("new",), article_ids=(second.id,))) == _visible_ids(
        Claim.state == "new", Claim.article_id == second.id
    )


def test_export_forgets_what_it_loaded_but_keeps_what_the_caller_holds(newsroom):
    held = newsroom["claims"]
    before = len(db.session.identity_map)
    records = list(iter_records(EVERY_STATE, permalink, batch_size=2))
    assert len(records) > len(held)
    assert all(claim in db.session for claim in held)
    assert len(db.session.identity_map) <= before
    assert held[0].article.title == "Afghanistan"


def test_unknown_state_is_refused(newsroom):
    with pytest.raises(ServiceError, match="Unknown claim state"):
        count_matching(ExportScope(states=("published",)))


def test_batch_size_must_be_positive(newsroom):
    with pytest.raises(ValueError, match="batch_size"):
        next(iter_records(ExportScope(), permalink, batch_size=0))
