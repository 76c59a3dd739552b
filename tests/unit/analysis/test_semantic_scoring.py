"""The blend of the core score with a sentence-embedding head, with a made-up encoder."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from claimcheck.analysis import semantic_scoring as ss
from claimcheck.analysis import semantic_training
from claimcheck.analysis.extraction import analyse_sentences

DEMO = (
    Path(__file__).resolve().parents[3] / "claimcheck" / "demo" / "afghanistan-withdrawal-2021.txt"
)
ARTICLE = (
    "Afghanistan: the Taliban advance\n\nThe Taliban control 85% of the territory. Is that so?"
)


def _head(tmp_path: Path, blend: float, threshold: float = 0.5) -> ss.SemanticHead:
    # Two dimensions: the first pushes towards check-worthy, the second towards unimportant.
    table = {
        "model": "test",
        "worthy": [4.0, 0.0],
        "unimportant": [0.0, 2.0],
        "bias": [-1.0, 0.5],
        "blend": blend,
        "suggested_threshold": threshold,
    }
    path = tmp_path / f"head-{blend}-{threshold}.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    return ss.load_head(path)


def _encode_by_word(word: str):
    seen: list[str] = []

    def encode(texts):
        seen.extend(texts)
        return [[1.0, 0.0] if word in text else [0.0, 1.0] for text in texts]

    return encode, seen


def test_embedding_probability_is_the_softmax_of_the_head(tmp_path: Path) -> None:
    head = _head(tmp_path, blend=1.0)
    worthy, unimportant = -1.0 + 4.0 * 0.6, 0.5 + 2.0 * 0.8
    expected = math.exp(worthy) / (math.exp(worthy) + math.exp(unimportant) + 1.0)
    assert math.isclose(ss.embedding_probability([0.6, 0.8], head), expected)


def test_blend_weight_moves_the_score_from_core_to_embedding(tmp_path: Path) -> None:
    vector = [1.0, 0.0]
    embedded = ss.embedding_probability(vector, _head(tmp_path, 1.0))
    assert math.isclose(ss.blended_score(0.2, vector, _head(tmp_path, 0.0)), 0.2)
    assert math.isclose(ss.blended_score(0.2, vector, _head(tmp_path, 1.0)), embedded)
    halfway = ss.blended_score(0.2, vector, _head(tmp_path, 0.5))
    logit = (math.log(0.2 / 0.8) + math.log(embedded / (1 - embedded))) / 2
    assert math.isclose(halfway, 1 / (1 + math.exp(-logit)))


def test_rescore_encodes_only_lines_that_can_be_claims(tmp_path: Path) -> None:
    candidates = analyse_sentences(ARTICLE)
    encode, seen = _encode_by_word("85%")
    rescored = ss.rescore(candidates, encode, _head(tmp_path, 1.0))
    assert seen == ["The Taliban control 85% of the territory.", "Is that so?"]
    headline = rescored[0]
    assert headline == candidates[0]
    claim, question = rescored[1], rescored[2]
    assert claim.is_claim
    assert claim.score > 0.5
    # The question's embedding is made check-worthy too, but a question asserts nothing.
    assert not question.is_claim


def test_the_blend_threshold_decides(tmp_path: Path) -> None:
    candidates = analyse_sentences(ARTICLE)
    encode, _ = _encode_by_word("nothing here")
    (_, claim, _) = ss.rescore(candidates, encode, _head(tmp_path, 1.0, threshold=0.5))
    assert not claim.is_claim
    (_, claim, _) = ss.rescore(candidates, encode, _head(tmp_path, 1.0, threshold=0.01))
    assert claim.is_claim


def test_shipped_head_fits_the_encoder_and_the_blend_helper() -> None:
    head = ss.load_head()
    assert head.model == "all-MiniLM-L6-v2"
    assert len(head.worthy) == len(head.unimportant) == 384
    assert 0.0 <= head.blend <= 1.0
    assert 0.0 < head.threshold < 1.0
    # Training and run time blend the same way.
    vector = [0.05] * 384
    expected = semantic_training._blend([0.3], [ss.embedding_probability(vector, head)], head.blend)
    assert math.isclose(ss.blended_score(0.3, vector, head), expected[0])


def test_choose_blend_prefers_the_better_ranking() -> None:
    labels = [1, 1, 0, 0, 1, 0]
    core = [0.4, 0.6, 0.5, 0.7, 0.3, 0.2]  # ranks poorly
    embedded = [0.9, 0.8, 0.1, 0.2, 0.7, 0.3]  # ranks perfectly
    weight, threshold, f1, precision = semantic_training.choose_blend(core, embedded, labels)
    assert weight >= 0.5
    assert (f1, precision) == (1.0, 1.0)
    assert 0.0 < threshold < 1.0


@pytest.mark.parametrize("weight", [0.0, 1.0])
def test_blend_at_the_ends_is_one_of_the_two(weight: float) -> None:
    blended = semantic_training._blend([0.25], [0.75], weight)
    assert math.isclose(blended[0], 0.75 if weight else 0.25)


def test_with_the_installed_encoder_the_demo_claims_stay_claims() -> None:
    from claimcheck.matching.semantic import load_encoder, semantic_off_reason

    reason = semantic_off_reason()
    if reason is not None:
        pytest.skip(f"the embedding blend is off: {reason}")
    text = DEMO.read_text(encoding="utf-8")
    rescored = ss.rescore(analyse_sentences(text), load_encoder().encode)
    claims = [c.text for c in rescored if c.is_claim]
    assert any("85% of Afghan territory" in claim for claim in claims)
    assert not any(c.is_claim for c in rescored if c.line_kind == "headline")
