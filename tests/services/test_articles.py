from datetime import date

import pytest
from sqlalchemy import func, select

from claimcheck.extensions import db
from claimcheck.models import Article, Claim
from claimcheck.services import claims as claim_service
from claimcheck.services.articles import (
    ArticleDetails,
    import_article,
    rerun_extraction,
    update_details,
)
from claimcheck.services.demo import demo_article_text
from claimcheck.services.errors import ServiceError

pytestmark = pytest.mark.usefixtures("app_context")

DETAILS = ArticleDetails(title="Afghanistan", published=date(2021, 9, 19))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_import_stores_the_text_exactly_and_claims_point_into_it():
    text = demo_article_text()
    article = import_article(text, DETAILS, None)
    assert article.text == text
    assert article.claims
    for claim in article.claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.revisions[0].action == "extracted"


def test_import_finds_the_85_percent_claim_attributed_to_the_taliban():
    article = import_article(demo_article_text(), DETAILS, None)
    claim = next(c for c in article.claims if "85%" in c.text)
    assert ">>" not in claim.text
    assert claim.suggested_attribution["source"] == "the Taliban"
    assert claim.suggested_attribution["cue"] == "claim"
    assert "percentage" in claim.reasons


def test_windows_line_endings_are_normalised():
    article = import_article("First claim: 40% of voters agreed.\r\n\r\nSecond.", DETAILS, None)
    assert "\r" not in article.text


@pytest.mark.parametrize(
    ("text", "details", "message"),
    [
        ("   \n  ", DETAILS, "no text"),
        ("x" * 50, ArticleDetails(title="  "), "title"),
        ("Some text.", ArticleDetails(title="T", url="javascript:alert(1)"), "http"),
        ("Some text.", ArticleDetails(title="T", url="ftp://example.org/a"), "http"),
        ("Some text.", ArticleDetails(title="T" * 501), "too long"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(text, details, message):
    with pytest.raises(ServiceError, match=message):
        import_article(text, details, None)
    db.session.rollback()
    assert _count(Article) == 0
    assert _count(Claim) == 0


def test_text_over_the_limit_is_refused():
    with pytest.raises(ServiceError, match="limit is 100"):
        import_article("word " * 100, DETAILS, None, max_chars=100)


def test_details_can_be_corrected():
    article = import_article("The rate rose 5% in 2020.", DETAILS, None)
    update_details(
        article,
        ArticleDetails(title="New title", publication="Daily", url="https://x.example/a"),
        None,
    )
    assert (article.title, article.publication, article.url) == (
        "New title",
        "Daily",
        "https://x.example/a",
    )


def test_rerun_keeps_every_reviewer_decision(make_user):
    reviewer = make_user()
    reviewer = db.session.merge(reviewer)
    article = import_article(demo_article_text(), DETAILS, None)
    claims = sorted(article.claims, key=lambda c: c.start)
    dismissed, edited, accepted = claims[0], claims[1], claims[2]
    claim_service.dismiss(dismissed, reviewer, "Dateline detail")
    claim_service.edit_wording(edited, reviewer, "A reworded claim")
    claim_service.accept(accepted, reviewer)
    db.session.flush()
    before = {c.id: (c.state, c.text, c.accepted_at) for c in article.claims}

    result = rerun_extraction(article, reviewer)
    db.session.flush()
    after = {c.id: (c.state, c.text, c.accepted_at) for c in article.claims}
    assert result.added == 0
    assert all(after[i] == before[i] for i in before)
    assert dismissed.state == "dismissed"
    assert edited.text == "A reworded claim"


def test_rerun_adds_what_an_older_analysis_missed(make_user, monkeypatch):
    from claimcheck.services import articles as article_service

    reviewer = db.session.merge(make_user())
    real_extract = article_service.extract_claims
    # An older analysis that did not see the 90% sentence.
    monkeypatch.setattr(
        article_service,
        "extract_claims",
        lambda text, published: [c for c in real_extract(text, published) if "90%" not in c.text],
    )
    article = import_article(demo_article_text(), DETAILS, None)
    assert not any("90%" in c.text for c in article.claims)
    monkeypatch.setattr(article_service, "extract_claims", real_extract)
    result = rerun_extraction(article, reviewer)
    assert result.added == 1
    added = next(c for c in article.claims if "90%" in c.text)
    assert added.revisions[-1].action == "extracted"
    assert added.revisions[-1].actor_id == reviewer.id
