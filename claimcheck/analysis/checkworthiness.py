"""Check-worthiness scoring with the shipped logistic-regression weights.

The model is a three-class logistic regression (check-worthy factual, unimportant factual,
non-factual) over the idf of a sentence's distinct word uni/bigrams, L2-normalised over the
words the model knows, plus hand-written cues. The score is the probability of the
check-worthy class.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from claimcheck.analysis import features as f

WEIGHTS_PATH = Path(__file__).with_name("data") / "checkworthiness.json"

CLAIM_THRESHOLD = 0.34
"""Score at or above which a sentence is reported as a claim.

Chosen by training.py (and stored in the weights file as suggested_threshold) as the
threshold that maximised F1 of the check-worthy class over out-of-fold scores, each
training debate scored by a model fitted without it; lower it to favour recall, raise it
for precision.
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


class Model(NamedTuple):
    """The parameters the scorer needs: two weight tables each for words and cues.

    Weights are logits relative to the non-factual class: "worthy" pushes towards the
    check-worthy class, "unimportant" towards the unimportant-factual one. Word weights
    already include the word's idf; word_idf holds the idf of every word the model knows,
    for the length normalisation.
    """

    worthy_bias: float
    unimportant_bias: float
    worthy_words: dict[str, float]
    unimportant_words: dict[str, float]
    worthy_cues: dict[str, float]
    unimportant_cues: dict[str, float]
    word_idf: dict[str, float]


@cache
def load_weights(path: Path = WEIGHTS_PATH) -> Model:
    """Return the model in the parameters file, read once per process."""
    table = json.loads(path.read_text(encoding="utf-8"))
    words, cues = table["words"], table["cues"]
    return Model(
        float(table["bias"][0]),
        float(table["bias"][1]),
        {word: float(w[0]) for word, w in words.items()},
        {word: float(w[1]) for word, w in words.items()},
        {cue: float(w[0]) for cue, w in cues.items()},
        {cue: float(w[1]) for cue, w in cues.items()},
        {word: float(w[2]) for word, w in words.items()},
    )


@cache
def scorer(path: Path = WEIGHTS_PATH) -> Callable[[f.Features], float]:
    """Return a scoring function with the model's tables bound as locals (built once)."""
    model = load_weights(path)
    # Per known word: a complex weight holding (worthy, unimportant) as (real, imag), so
    # one addition sums both logits, and the squared idf for the normalisation. One table
    # means one lookup per word, which is most of the scorer's time.
    word_entry = {
        word: (complex(worthy, model.unimportant_words[word]), model.word_idf[word] ** 2)
        for word, worthy in model.worthy_words.items()
    }.get
    cue_weight = {
        cue: complex(worthy, model.unimportant_cues[cue])
        for cue, worthy in model.worthy_cues.items()
    }.get
    worthy_bias, unimportant_bias = model.worthy_bias, model.unimportant_bias
    exp = math.exp

    def score(feats: f.Features) -> float:
        cue_sum = sum(map(cue_weight, feats.cues, repeat(0j)), 0j)
        worthy = worthy_bias + cue_sum.real
        unimportant = unimportant_bias + cue_sum.imag
        # Each distinct word counts once, in text order (dict.fromkeys keeps it, so the
        # sums come out the same in every process). Word evidence is divided by the length
        # of the sentence's idf vector over the words the model knows, as TF-IDF
        # normalises: words the model never saw do not dilute the ones it knows, and rare
        # words weigh more than common ones in that length.
        word_sum, norm = 0j, 0.0
        for entry in map(word_entry, dict.fromkeys(feats.words)):
            if entry is not None:
                word_sum += entry[0]
                norm += entry[1]
        if norm:
            scale = norm**-0.5
            worthy += scale * word_sum.real
            unimportant += scale * word_sum.imag
        # Softmax over the logits (worthy, unimportant, 0 for non-factual), clamped so
        # exp() cannot overflow on extreme inputs.
        if worthy > 30.0:
            worthy = 30.0
        elif worthy < -30.0:
            worthy = -30.0
        if unimportant > 30.0:
            unimportant = 30.0
        elif unimportant < -30.0:
            unimportant = -30.0
        return 1.0 / (1.0 + exp(-worthy) + exp(unimportant - worthy))

    return score


def score_features(feats: f.Features) -> float:
    """Return the check-worthiness probability of a sentence's features."""
    return scorer()(feats)


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
    model = load_weights()
    found: list[str] = []
    for feature in _REASON_ORDER:
        worthy = model.worthy_cues.get(feature, 0.0)
        unimportant = model.unimportant_cues.get(feature, 0.0)
        # A cue raises the score when it favours check-worthy over both other classes.
        if feature in cues and worthy > max(0.0, unimportant):
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


_DESCRIBED: dict[tuple[frozenset[str], bool], tuple[tuple[str, ...], str]] = {}


def describe(cues: set[str], quoted: bool) -> tuple[tuple[str, ...], str]:
    """Return the reasons and the claim kind for a sentence's cues, as reasons and claim_kind do."""
    key = (frozenset(cues), quoted)
    # Few distinct cue sets occur, so each is described once per process.
    found = _DESCRIBED.get(key)
    if found is None:
        found = _DESCRIBED[key] = (reasons(cues), claim_kind(cues, quoted))
    return found
