"""The claim detection the app runs: the analysis core, blended with sentence embeddings.

The blend (claimcheck.analysis.semantic_scoring) needs the semantic extra's encoder. It is
used when the extra is installed, CLAIMCHECK_SEMANTIC is not 0 and the app's
SEMANTIC_CHECKWORTHINESS setting is on; the test settings turn it off, so that what a
test finds does not hang on what is installed.
"""

from __future__ import annotations

from datetime import date

from flask import current_app

from claimcheck.analysis import extraction
from claimcheck.analysis.records import ClaimCandidate
from claimcheck.analysis.semantic_scoring import Encode, load_head, rescore
from claimcheck.matching.semantic import load_encoder, semantic_off_reason


def sentence_encoder() -> Encode | None:
    """Return the encoder the blend needs, or None when the app scores with the core alone."""
    if not current_app.config["SEMANTIC_CHECKWORTHINESS"] or semantic_off_reason() is not None:
        return None
    return load_encoder().encode


def extract_claims(text: str, published: date | None = None) -> list[ClaimCandidate]:
    """Return the sentences of text that are claims worth checking, in text order."""
    candidates = extraction.analyse_sentences(text, published)
    encode = sentence_encoder()
    if encode is not None:
        candidates = rescore(candidates, encode, load_head())
    return [c for c in candidates if c.is_claim]


def analyse_span(text: str, start: int, end: int, published: date | None = None) -> ClaimCandidate:
    """Analyse text[start:end] as one prose sentence (a span a reviewer chose or split)."""
    candidate = extraction.analyse_span(text, start, end, published)
    encode = sentence_encoder()
    if encode is None:
        return candidate
    return rescore([candidate], encode, load_head())[0]
