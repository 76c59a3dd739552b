"""The claim-extraction pipeline: split, score, attribute and date every sentence."""

from __future__ import annotations

from datetime import date

from claimcheck.analysis.attribution import attribute
from claimcheck.analysis.checkworthiness import (
    CLAIM_THRESHOLD,
    describe,
    score_features,
    scorer,
)
from claimcheck.analysis.dates import find_dates
from claimcheck.analysis.features import ATTRIBUTED, DATE, QUESTION, QUOTE, YEAR, features
from claimcheck.analysis.lines import DATELINE, PROSE, RELATED_LINK
from claimcheck.analysis.records import PUBLICATION_VOICE, ClaimCandidate, Sentence
from claimcheck.analysis.sentences import sentence_spans

# Only prose and the body of a related-link line can be claims; headlines, datelines,
# bylines and captions are reported with --all but never proposed for checking.
CLAIM_LINE_KINDS = frozenset((PROSE, RELATED_LINK))
# Tokens that may start a date the date finder resolves ("may" and abbreviations are not
# date features, since "may" is mostly a modal verb).
_DATE_GATE = frozenset(
    ["may", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)


def _is_claim(probability: float, cues: set[str]) -> bool:
    """Apply the claim threshold; a question asserts nothing, whatever its words suggest."""
    return probability >= CLAIM_THRESHOLD and QUESTION not in cues


def classify(text: str) -> tuple[float, bool]:
    """Return (score, is_claim) for one sentence taken as prose."""
    feats = features(text)
    probability = score_features(feats)
    return probability, _is_claim(probability, feats.cues)


def published_date(text: str, spans: list[tuple[int, int, str, int]]) -> date | None:
    """Return the publication date given by the article's first dateline, if any."""
    for start, end, kind, _ in spans:
        if kind == DATELINE:
            for value in find_dates(text[start:end]):
                if len(value) == 10:
                    return date.fromisoformat(value)
            return None
    return None


def candidate(sentence: Sentence, published: date | None) -> ClaimCandidate:
    """Score, classify, attribute and date one sentence."""
    return _candidate(sentence.text, sentence.start, sentence.end, sentence.kind, published)


def _candidate(
    text: str, start: int, end: int, line_kind: str, published: date | None
) -> ClaimCandidate:
    """Score, classify, attribute and date the sentence text[start:end] of a given kind."""
    feats = features(text)
    cues = feats.cues
    probability = scorer()(feats)
    is_claim = line_kind in CLAIM_LINE_KINDS and _is_claim(probability, cues)
    # Attribution and dates are the slow steps, so they run only when a cue says they may
    # find something; most sentences have neither.
    has_cue = ATTRIBUTED in cues or QUOTE in cues
    attribution = attribute(text) if has_cue else PUBLICATION_VOICE
    if DATE in cues or YEAR in cues or not _DATE_GATE.isdisjoint(feats.words):
        dates = tuple(find_dates(text, published))
    else:
        dates = ()
    why, kind = describe(cues, attribution.quote)
    if dates and "date" not in why:
        why += ("date",)
    return ClaimCandidate(
        text=text,
        start=start,
        end=end,
        score=probability,
        is_claim=is_claim,
        kind=kind,
        reasons=why,
        attribution=attribution,
        dates=dates,
        line_kind=line_kind,
    )


def analyse_sentences(text: str, published: date | None = None) -> list[ClaimCandidate]:
    """Return a candidate for every sentence and line of text, claims or not.

    Without a publication date, the article's first dateline supplies one.
    """
    spans = sentence_spans(text)
    if published is None:
        published = published_date(text, spans)
    # Spans rather than Sentence records: the candidate is the one record each line needs.
    return [_candidate(text[s:e], s, e, kind, published) for s, e, kind, _ in spans]


def extract_claims(text: str, published: date | None = None) -> list[ClaimCandidate]:
    """Return the sentences of text that are claims worth checking, in text order."""
    return [c for c in analyse_sentences(text, published) if c.is_claim]


def analyse_span(text: str, start: int, end: int, published: date | None = None) -> ClaimCandidate:
    """Analyse text[start:end] as one prose sentence (a span a reviewer chose or split)."""
    return _candidate(text[start:end], start, end, PROSE, published)
