"""The sentences around a claim, so a reviewer reads it where it stands."""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.analysis.sentences import sentence_spans


@dataclass(frozen=True)
class ClaimContext:
    """The sentence before the claim, the claim's own text in the article, the one after.

    A neighbour from another paragraph (a headline, the end of the paragraph before) is
    flagged apart, so the page does not run it into the claim's own paragraph.
    """

    before: str
    passage: str
    after: str
    before_apart: bool = False
    after_apart: bool = False


def _paragraph_window(text: str, start: int, end: int) -> int:
    """Where the paragraph before the claim's own begins (0 at the top of the article)."""
    own = text.rfind("\n\n", 0, start)
    return 0 if own <= 0 else max(text.rfind("\n\n", 0, own), 0)


def context_around(text: str, start: int, end: int) -> ClaimContext:
    """The nearest sentence before and after text[start:end]."""
    # Split only the paragraphs around the claim: long articles stay cheap to show.
    low = _paragraph_window(text, start, end)
    following = text.find("\n\n", end)
    high = len(text) if following == -1 else text.find("\n\n", following + 2)
    high = len(text) if high == -1 else high
    spans = [(s + low, e + low) for s, e, *_ in sentence_spans(text[low:high])]
    before = [s for s in spans if s[1] <= start]
    after = [s for s in spans if s[0] >= end]
    return ClaimContext(
        before=text[before[-1][0] : before[-1][1]] if before else "",
        passage=text[start:end],
        after=text[after[0][0] : after[0][1]] if after else "",
        before_apart=bool(before) and "\n" in text[before[-1][1] : start],
        after_apart=bool(after) and "\n" in text[end : after[0][0]],
    )
