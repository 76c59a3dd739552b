"""Imports use the embedding blend when it is on, and the core alone otherwise."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from flask import current_app

from claimcheck.analysis.semantic_scoring import SemanticHead
from claimcheck.extensions import db
from claimcheck.services import claim_detection
from claimcheck.services import claims as claim_service
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.demo import demo_article_text

pytestmark = pytest.mark.usefixtures("app_context")

DETAILS = ArticleDetails(title="Afghanistan", published=date(2021, 9, 19))
# Only the embedding counts, and it says check-worthy for sentences with "85%" alone.
HEAD = SemanticHead("test", (6.0, 0.0), (0.0, 0.0), -3.0, -10.0, blend=1.0, threshold=0.5)


@pytest.fixture
def blend_on(monkeypatch):
    encoded: list[str] = []

    def encode(texts):
        encoded.extend(texts)
        return [[1.0, 0.0] if "85%" in text else [0.0, 1.0] for text in texts]

    monkeypatch.setitem(current_app.config, "SEMANTIC_CHECKWORTHINESS", True)
    monkeypatch.setattr(claim_detection, "semantic_off_reason", lambda: None)
    monkeypatch.setattr(claim_detection, "load_encoder", lambda: SimpleNamespace(encode=encode))
    monkeypatch.setattr(claim_detection, "load_head", lambda: HEAD)
    return encoded


def test_the_core_alone_scores_when_the_blend_is_off():
    assert claim_detection.sentence_encoder() is None
    article = import_article(demo_article_text(), DETAILS, None)
    assert len(article.claims) > 1


def test_the_semantic_switch_turns_the_blend_off(monkeypatch):
    monkeypatch.setitem(current_app.config, "SEMANTIC_CHECKWORTHINESS", True)
    monkeypatch.setenv("CLAIMCHECK_SEMANTIC", "0")
    assert claim_detection.sentence_encoder() is None


def test_import_keeps_the_claims_the_blend_finds(blend_on):
    article = import_article(demo_article_text(), DETAILS, None)
    assert blend_on, "the encoder was not used"
    assert [c for c in article.claims if "85%" not in c.text] == []
    assert article.claims
    assert all(c.score > 0.9 for c in article.claims)


def test_a_chosen_span_is_scored_by_the_blend(blend_on, make_user):
    reviewer = db.session.merge(make_user())
    article = import_article(demo_article_text(), DETAILS, None)
    sentence = "mainly retains control of large towns and major highways"
    start = article.text.index(sentence)
    claim = claim_service.add_claim(article, reviewer, start, start + len(sentence))
    assert blend_on[-1] == sentence
    assert claim.score < 0.1
