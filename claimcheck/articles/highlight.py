"""Cut an article's text into runs, each covered by the same claims, for highlighting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Span(Protocol):
    id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of the text and the ids of the claims covering it (shortest claim first)."""

    start: int
    end: int
    text: str
    claim_ids: tuple[int, ...]


def runs(text: str, claims: list[Span]) -> list[Run]:
    """Split text at every claim boundary; runs cover the whole text, in order."""
    size = len(text)
    starting: dict[int, list[Span]] = {}
    for claim in claims:
        starting.setdefault(max(0, claim.start), []).append(claim)
    cuts = sorted(
        {0, size} | {max(0, c.start) for c in claims} | {min(size, c.end) for c in claims}
    )
    active: list[Span] = []
    result = []
    # One sweep over the boundaries: claims join the active set where they start
    # and leave it where they end, so long articles with many claims stay cheap.
    for start, end in zip(cuts, cuts[1:], strict=False):
        active = [c for c in active if c.end > start] + starting.get(start, [])
        if start == end:
            continue
        covering = sorted(active, key=lambda c: (c.end - c.start, c.start))
        result.append(Run(start, end, text[start:end], tuple(c.id for c in covering)))
    return result
