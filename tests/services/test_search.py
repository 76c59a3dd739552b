"""One search over both databases: same hits, kept current by every write, safe on any input."""

import pytest

from claimcheck.extensions import db
from claimcheck.models import User
from claimcheck.roles import Role
from claimcheck.services import claims as claim_service
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.demo import demo_article_text
from claimcheck.services.evidence import EvidenceInput, add_evidence, remove_evidence
from claimcheck.services.search import SearchFilters, search

pytestmark = pytest.mark.usefixtures("app_context")


@pytest.fixture
def checker(app, make_user):
    user = make_user(Role.FACT_CHECKER)
    return db.session.get(User, user.id)


@pytest.fixture
def article(checker):
    imported = import_article(
        demo_article_text(),
        ArticleDetails(title="Afghanistan withdrawal", publication="Daily Planet"),
        checker,
    )
    db.session.commit()
    return imported


def _claim(article, words: str):
    return next(claim for claim in article.claims if words in claim.text)


def _ids(results, kind):
    return [hit.id for hit in results.hits[kind]]


def test_claims_and_articles_are_found_with_the_words_marked(article):
    results = search("Taliban 85%")
    claim = _claim(article, "85%")
    assert _ids(results, "claim") == [claim.id]
    assert str(results.hits["claim"][0].heading) == (
        "The <mark>Taliban</mark> claim to control <mark>85</mark>% of Afghan territory"
    )
    assert _ids(results, "article") == [article.id]
    assert results.counts == {"claim": 1, "article": 1, "source": 0, "evidence": 0}


def test_words_are_matched_by_their_stem(article):
    assert _ids(search("controlling"), "claim") == _ids(search("control"), "claim")


def test_phrases_exclusions_and_alternatives(article):
    assert len(_ids(search('"Afghan territory"'), "claim")) == 1
    with_control = set(_ids(search("taliban control"), "claim"))
    without = set(_ids(search("taliban -control"), "claim"))
    everything = set(_ids(search("taliban"), "claim"))
    assert with_control.isdisjoint(without)
    assert with_control | without == everything
    assert set(_ids(search("taliban OR zzzunknown"), "claim")) == everything


def test_the_index_follows_every_write_in_its_transaction(article, checker):
    claim = _claim(article, "85%")
    claim_service.edit_wording(claim, checker, "The insurgents hold most districts of Badakhshan")
    db.session.commit()
    assert _ids(search("Badakhshan"), "claim") == [claim.id]
    assert _ids(search("85%"), "claim") == []
    set_attribution(claim, checker, kind="named", source_name="Zabihullah Mujahid", cue="said")
    evidence = add_evidence(
        claim,
        checker,
        EvidenceInput(
            url="https://example.org/lwj", title="Mapping Taliban control", relation="refutes"
        ),
    )
    db.session.commit()
    assert [hit.heading.striptags() for hit in search("Mujahid").hits["source"]] == [
        "Zabihullah Mujahid"
    ]
    assert _ids(search("mapping"), "evidence") == [evidence.id]
    remove_evidence(claim, evidence, checker, "wrong map")
    db.session.commit()
    assert _ids(search("mapping"), "evidence") == []


def test_a_rolled_back_write_leaves_the_index_as_it_was(article, checker):
    claim = _claim(article, "85%")
    claim_service.edit_wording(claim, checker, "Quokkas run the ministry")
    db.session.rollback()
    assert _ids(search("quokkas"), "claim") == []
    assert _ids(search("85%"), "claim") == [claim.id]


def test_merged_claims_are_not_found_twice(article, checker):
    first = _claim(article, "85%")
    following = claim_service.next_claim(first)
    claim_service.merge_with_next(first, checker)
    db.session.commit()
    found = _ids(search(following.text.split()[0] + " " + following.text.split()[-1]), "claim")
    assert following.id not in found


def test_filters_by_kind_state_and_date(article):
    assert set(search("taliban", SearchFilters(kinds=("article",))).hits) == {"article"}
    assert _ids(search("taliban", SearchFilters(state="approved")), "claim") == []
    assert _ids(search("taliban", SearchFilters(state="new")), "claim")
    created = article.created_at.date()
    assert _ids(search("taliban", SearchFilters(since=created, until=created)), "claim")
    later = search("taliban", SearchFilters(since=created.replace(year=created.year + 1)))
    assert later.total == 0


@pytest.mark.parametrize(
    "hostile",
    [
        '"unbalanced',
        "((taliban",
        "NEAR(taliban control, 3)",
        "*",
        "tal*",
        "taliban AND OR NOT",
        "'; DROP TABLE claim; --",
        'x" OR 1=1 --',
        "text:taliban",
        "^taliban",
        "\x00",
        "taliban " * 2000,
        "-taliban",
        "the of and",
    ],
)
def test_any_query_string_is_safe(article, hostile):
    results = search(hostile)
    assert results.total >= 0
    assert db.session.execute(db.text("SELECT count(*) FROM claim")).scalar() > 0


def test_user_text_is_escaped_around_the_marks(checker):
    imported = import_article(
        "The <script>alert(1)</script> budget rose 12% in 2023, officials said.",
        ArticleDetails(title="<b>Budget</b>"),
        checker,
    )
    db.session.commit()
    heading = str(search("budget").hits["article"][0].heading)
    assert heading == "&lt;b&gt;<mark>Budget</mark>&lt;/b&gt;"
    assert imported.id == search("budget").hits["article"][0].id


def test_only_the_newest_matches_are_ranked_when_very_many_match(article, monkeypatch):
    from claimcheck.services import search as search_module

    everything = sorted(_ids(search("taliban"), "claim"))
    monkeypatch.setattr(search_module, "RANKED_POOL", 2)
    assert sorted(_ids(search("taliban"), "claim")) == everything[-2:]
    assert search("taliban").counts["claim"] == len(everything)
