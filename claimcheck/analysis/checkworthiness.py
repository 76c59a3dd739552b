"""Check-worthiness scoring with the shipped logistic-regression weights."""

from __future__ import annotations

import json
import math
from functools import cache
from itertools import chain, repeat
from pathlib import Path

from claimcheck.analysis import features as f

WEIGHTS_PATH = Path(__file__).with_name("data") / "checkworthiness.json"

CLAIM_THRESHOLD = 0.33
"""Score at or above which a sentence is reported as a claim.

Chosen by training.py as the threshold that maximised F1 of the check-worthy class on a
held-out 15% of the training sentences; lower it to favour recall, raise it for precision.
"""

STATISTIC = "statistic"
COMPARISON = "comparison"
CAUSAL = "causal"
PREDICTION = "prediction"
QUOTE = "quote"
EVENT = "event"
OTHER = "other"
CLAIM_KINDS = (STATISTIC, EVENT, QUOTE, COMPARISON, CAUSAL, PREDICTION, OTHER)

# Reasons are listed in this order so the most telling come first.
_REASON_ORDER = (
    f.PERCENT,
    f.MONEY,
    f.NUMBER,
    f.ATTRIBUTED,
    f.DATE,
    f.YEAR,
    f.ORGANISATION,
    f.NAMED,
    f.COMPARISON,
    f.CAUSAL,
    f.PREDICTION,
    f.QUOTE,
)


@cache
def load_weights(path: Path = WEIGHTS_PATH) -> tuple[float, dict[str, float]]:
    """Return (bias, weights) from the parameters file, read once per process."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return float(table["bias"]), {str(k): float(v) for k, v in table["weights"].items()}


def score_features(feats: f.Features) -> float:
    """Return the check-worthiness probability of a sentence's features."""
    bias, weights = load_weights()
    get = weights.get
    # map() keeps the per-word lookups in C; repeated words count as often as they occur.
    z = bias + sum(map(get, chain(feats.words, feats.cues), repeat(0.0)))
    # Clamp so exp() cannot overflow on extreme inputs.
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_REASONS_SEEN: dict[frozenset[str], tuple[str, ...]] = {}


def reasons(cues: set[str]) -> tuple[str, ...]:
    """Return readable reasons for the cues present that raise the score."""
    key = frozenset(cues)
    # Few distinct cue sets occur, so each reason list is worked out once per process.
    found = _REASONS_SEEN.get(key)
    if found is None:
        found = _REASONS_SEEN[key] = _reasons(key)
    return found


def _reasons(cues: frozenset[str]) -> tuple[str, ...]:
    """Work out the reasons for one set of cues."""
    _, weights = load_weights()
    found: list[str] = []
    for feature in _REASON_ORDER:
        if feature in cues and weights.get(feature, 0.0) > 0.0:
            label = f.FEATURE_REASONS[feature]
            if label not in found:
                found.append(label)
    return tuple(found)


def claim_kind(cues: set[str], quoted: bool) -> str:
    """Return what kind of claim a sentence makes, from its features."""
    if f.PERCENT in cues or f.MONEY in cues or f.NUMBER in cues:
        return STATISTIC
    if f.COMPARISON in cues:
        return COMPARISON
    if f.CAUSAL in cues:
        return CAUSAL
    if f.PREDICTION in cues:
        return PREDICTION
    if quoted:
        return QUOTE
    if f.DATE in cues or f.YEAR in cues or f.NAMED in cues or f.ORGANISATION in cues:
        return EVENT
    return OTHER


def score(text: str) -> float:
    """Return the check-worthiness score (0–1) of one sentence."""
    return score_features(f.features(text))
