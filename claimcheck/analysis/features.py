"""Sentence features for check-worthiness: word uni/bigrams plus hand-written cues.

The same function featurises sentences for training and at run time, so the shipped
weights always match what the scorer computes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Hand-written features start with "#": word tokens never do, so one weight table holds both.
PERCENT = "#percent"
MONEY = "#money"
NUMBER = "#number"
YEAR = "#year"
DATE = "#date"
ORGANISATION = "#organisation"
NAMED = "#named"
COMPARISON = "#comparison"
CAUSAL = "#causal"
PREDICTION = "#prediction"
ATTRIBUTED = "#attributed"
QUOTE = "#quote"
FIRST_PERSON = "#first_person"
SECOND_PERSON = "#second_person"
OPINION = "#opinion"
QUESTION = "#question"
SHORT = "#short"
LONG = "#long"

# Words and two-word phrases that signal a feature (phrases are matched against bigrams).
_CUES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        COMPARISON,
        "more less fewer greater higher lower larger smaller bigger largest biggest "
        "highest lowest most least fastest record doubled tripled increase increased "
        "decrease decreased rose fell grew dropped compared than outnumber surpassed",
        (),
    ),
    (
        CAUSAL,
        "because caused causes cause blamed therefore",
        ("due to", "led to", "leads to", "result of", "resulted in", "thanks to"),
    ),
    (
        PREDICTION,
        "will won't expects expected forecast forecasts predicts predicted projected",
        ("going to", "plans to", "plan to", "set to"),
    ),
    (
        ATTRIBUTED,
        "said says claim claims claimed told reported reports announced denied denies "
        "estimated estimates stated confirmed warned insisted alleged admitted "
        "acknowledged",
        ("according to",),
    ),
    (FIRST_PERSON, "i i'm i've i'll me my mine myself", ()),
    (SECOND_PERSON, "you your you're yourself", ()),
    (
        OPINION,
        "think believe feel hope should must great terrible wonderful best worst wrong "
        "love hate disaster fantastic horrible incredible important",
        (),
    ),
    (
        NUMBER,
        "hundred hundreds thousand thousands million millions billion billions trillion "
        "trillions dozen dozens",
        (),
    ),
    (
        DATE,
        "monday tuesday wednesday thursday friday saturday sunday january february march "
        "april june july august september october november december yesterday",
        (),
    ),
)
_LEXICON: dict[str, str] = {
    cue: feature for feature, words, phrases in _CUES for cue in (*words.split(), *phrases)
}
_LEXICON_KEYS = frozenset(_LEXICON)

FEATURE_REASONS: dict[str, str] = {
    PERCENT: "percentage",
    MONEY: "money amount",
    NUMBER: "number",
    YEAR: "date",
    DATE: "date",
    ORGANISATION: "named organisation",
    NAMED: "named person or place",
    COMPARISON: "comparison",
    CAUSAL: "causal claim",
    PREDICTION: "prediction",
    ATTRIBUTED: "attributed claim",
    QUOTE: "quotation",
}

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*|[%$€£?]")
_PERCENT = re.compile(r"\d\s?%|\d\s?(?:percent|per cent)\b", re.IGNORECASE)
_MONEY = re.compile(r"[$€£]\s?\d|\d\s?(?:dollars|euros|pounds)\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A capitalised word inside the sentence names someone or somewhere; an acronym, a body.
_NAMED_WORD = re.compile(r"\s[A-Z][a-z]")
# Two or more capitals standing as a word. The word-start check is a lookbehind after the
# first capital, so the pattern opens with a class the regex engine can skip ahead to.
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]+s?\b")
_DIGIT = re.compile(r"\d")
# Every number becomes this token, so "85%" and "90%" share the weight of "0 %".
NUMBER_TOKEN = "0"


class Features(NamedTuple):
    """Word uni/bigrams of a sentence (repeats kept, as counts) and its hand-written cues."""

    words: list[str]
    cues: set[str]


def tokenise(text: str) -> list[str]:
    """Return the lower-cased word, number and symbol tokens of text, in order."""
    return _TOKEN.findall(text.lower())


def features(text: str) -> Features:
    """Return the features of one sentence."""
    tokens = tokenise(text)
    has_digit = _DIGIT.search(text) is not None
    if has_digit:
        tokens = [NUMBER_TOKEN if t[0].isdigit() else t for t in tokens]
    words = tokens + list(map(" ".join, zip(tokens, tokens[1:], strict=False)))
    # Set intersection runs in C, so cue words cost little however many there are.
    cues = set(map(_LEXICON.__getitem__, _LEXICON_KEYS.intersection(words)))
    if has_digit:
        if _PERCENT.search(text):
            cues.add(PERCENT)
        if _MONEY.search(text):
            cues.add(MONEY)
        if _YEAR.search(text):
            cues.add(YEAR)
            if _DIGIT.search(_YEAR.sub("", text)):
                cues.add(NUMBER)
        else:
            cues.add(NUMBER)
    named, acronym = _NAMED_WORD.search(text), _ACRONYM.search(text)
    # Added in text order: insertion order decides how the set iterates, and so the order
    # in which the scorer adds up the cue weights.
    if acronym and (named is None or acronym.start() < named.start()):
        cues.add(ORGANISATION)
    if named:
        cues.add(NAMED)
    if acronym:
        cues.add(ORGANISATION)
    if "“" in text or '"' in text:
        cues.add(QUOTE)
    if text[-1:] == "?" or text.rstrip()[-1:] == "?":
        cues.add(QUESTION)
    count = len(tokens)
    if count < 6:
        cues.add(SHORT)
    elif count > 25:
        cues.add(LONG)
    return Features(words, cues)
