"""Check-worthiness blended with a sentence embedding, for when an encoder is available.

The core score (checkworthiness.py) reads words and cues. A sentence embedding
(all-MiniLM-L6-v2, which the optional semantic extra installs) also carries what the words
mean together. A three-class logistic head over the embedding, fitted by
semantic_training.py, gives a second check-worthy probability; the two are averaged in
logit space with the weight that cross-validation chose, and the blend has its own claim
threshold. The caller passes the encoder, so this module stays plain Python and never
imports torch.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from operator import mul
from pathlib import Path
from typing import NamedTuple

from claimcheck.analysis.extraction import CLAIM_LINE_KINDS
from claimcheck.analysis.features import QUESTION, features
from claimcheck.analysis.records import ClaimCandidate

WEIGHTS_PATH = Path(__file__).with_name("data") / "checkworthiness_semantic.json"

Encode = Callable[[Sequence[str]], Sequence[Sequence[float]]]
"""Texts to unit-length embeddings, one per text, of the model the head was fitted on."""

# Probabilities are kept this far from 0 and 1 so that their logits stay finite.
_EDGE = 1e-6


class SemanticHead(NamedTuple):
    """The fitted head: logits relative to the non-factual class, the blend and threshold."""

    model: str
    worthy: tuple[float, ...]
    unimportant: tuple[float, ...]
    worthy_bias: float
    unimportant_bias: float
    blend: float
    threshold: float


@cache
def load_head(path: Path = WEIGHTS_PATH) -> SemanticHead:
    """Read the head's weights (cached per path)."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return SemanticHead(
        model=table["model"],
        worthy=tuple(table["worthy"]),
        unimportant=tuple(table["unimportant"]),
        worthy_bias=float(table["bias"][0]),
        unimportant_bias=float(table["bias"][1]),
        blend=float(table["blend"]),
        threshold=float(table["suggested_threshold"]),
    )


def _logit(probability: float) -> float:
    clamped = min(max(probability, _EDGE), 1.0 - _EDGE)
    return math.log(clamped / (1.0 - clamped))


def embedding_probability(vector: Sequence[float], head: SemanticHead) -> float:
    """Return the head's check-worthy probability for one sentence embedding."""
    worthy = head.worthy_bias + math.fsum(map(mul, head.worthy, vector))
    unimportant = head.unimportant_bias + math.fsum(map(mul, head.unimportant, vector))
    # Softmax over (worthy, unimportant, 0), written so no exponent can overflow.
    top = max(worthy, unimportant, 0.0)
    weights = (math.exp(worthy - top), math.exp(unimportant - top), math.exp(-top))
    return weights[0] / sum(weights)


def blend(core: float, embedded: float, weight: float) -> float:
    """Average two probabilities in logit space, `weight` going to the second (training too)."""
    logit = (1.0 - weight) * _logit(core) + weight * _logit(embedded)
    return 1.0 / (1.0 + math.exp(-logit))


def blended_score(core: float, vector: Sequence[float], head: SemanticHead) -> float:
    """Return the blend of the core score and the embedding's probability, 0-1."""
    return blend(core, embedding_probability(vector, head), head.blend)


def rescore(
    candidates: Sequence[ClaimCandidate], encode: Encode, head: SemanticHead | None = None
) -> list[ClaimCandidate]:
    """Return the candidates with blended scores and claim decisions, in the same order.

    Only lines that can be claims are encoded; headlines, datelines and the like keep the
    core score and stay out. A question is never a claim, as in the core.
    """
    head = head or load_head()
    eligible = [i for i, c in enumerate(candidates) if c.line_kind in CLAIM_LINE_KINDS]
    if not eligible:
        return list(candidates)
    vectors = encode([candidates[i].text for i in eligible])
    rescored = list(candidates)
    for i, vector in zip(eligible, vectors, strict=True):
        candidate = candidates[i]
        score = blended_score(candidate.score, vector, head)
        is_claim = score >= head.threshold and QUESTION not in features(candidate.text).cues
        rescored[i] = replace(candidate, score=score, is_claim=is_claim)
    return rescored
