"""The sentences around a claim, so a reviewer reads it where it stands."""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.analysis.sentences import sentence_spans


@dataclass(frozen=True)
class ClaimContext:
    """The sentence before the claim, the claim's own text in the article, the one after."""

    before: str
    passage: str
    after: str


def context_around(text: str, start: int, end: int) -> ClaimContext:
    """The nearest sentence before and after text[start:end]."""
    spans = sentence_spans(text)
    before = [s for s in spans if s[1] <= start]
    after = [s for s in spans if s[0] >= end]
    return ClaimContext(
        before=text[before[-1][0] : before[-1][1]] if before else "",
        passage=text[start:end],
        after=text[after[0][0] : after[0][1]] if after else "",
    )
