"""Result records of the text analysis: sentences, attributions and claim candidates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence or non-prose line, with its exact character span in the source text."""

    text: str
    start: int
    end: int
    kind: str
    paragraph: int

    def to_dict(self) -> dict[str, object]:
        """Return the sentence as a JSON-ready dict."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "paragraph": self.paragraph,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a claim is attributed to: the publication itself, a named or an unnamed source."""

    kind: str
    source: str | None
    cue: str | None
    quote: bool

    def to_dict(self) -> dict[str, object]:
        """Return the attribution as a JSON-ready dict."""
        return {"kind": self.kind, "source": self.source, "cue": self.cue, "quote": self.quote}


PUBLICATION_VOICE = Attribution(kind="publication", source=None, cue=None, quote=False)


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """A sentence scored for check-worthiness, with its attribution and resolved dates."""

    text: str
    start: int
    end: int
    score: float
    is_claim: bool
    kind: str
    reasons: tuple[str, ...]
    attribution: Attribution
    dates: tuple[str, ...]
    line_kind: str

    def to_dict(self) -> dict[str, object]:
        """Return the candidate as a JSON-ready dict (the command-line output format)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "is_claim": self.is_claim,
            "kind": self.kind,
            "reasons": list(self.reasons),
            "attribution": self.attribution.to_dict(),
            "dates": list(self.dates),
            "line_kind": self.line_kind,
        }
