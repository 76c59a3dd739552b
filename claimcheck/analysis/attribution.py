"""Attribution: who a sentence says a claim comes from, through which cue, and how."""

from __future__ import annotations

import re

from claimcheck.analysis.records import PUBLICATION_VOICE, Attribution

PUBLICATION = "publication"
NAMED = "named"
UNNAMED = "unnamed"

_VERBS = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "announced",
    "announces",
    "denied",
    "denies",
    "deny",
    "estimated",
    "estimates",
    "estimate",
    "claimed",
    "claims",
    "claim",
    "stated",
    "states",
    "confirmed",
    "confirms",
    "warned",
    "warns",
    "insisted",
    "insists",
    "argued",
    "argues",
    "noted",
    "added",
    "explained",
    "wrote",
    "alleged",
    "alleges",
    "acknowledged",
    "admitted",
    "believes",
    "believe",
]
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+([^,;:.!?”\"]+(?:\.[A-Z][^,;:!?”\"]*)?)")
_CUE = re.compile(r"\b(" + "|".join(_VERBS) + r")\b")
# A noun use ("the claim that") is not a reporting verb.
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|this|that|his|her|their|its|our|your|my)\s+$", re.I)
_INVERTED = re.compile(r"[,”\"’]\s*$")
_AFTER_SOURCE = re.compile(r"[^,.;:!?”\"]+")
_CLAUSE_BREAK = re.compile(r"[,;:“”\"(]|\b(?:that|and|but|while|because|as|when|if)\b\s")
_QUOTATION = re.compile(r"“[^”]{12,}”|\"[^\"]{12,}\"")
_PROPER = re.compile(r"(?:^|\s|-)[A-Z][\w’'-]*[a-z]|\b[A-Z]{2,}\b")
_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "his", "her"])
_LEADING_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "Some",
        "Several",
        "Many",
        "Most",
        "Other",
        "Two",
        "Three",
        "Local",
        "Senior",
    ]
)
_MAX_SOURCE_WORDS = 12
# Head nouns of anonymous sourcing: "a senior official", "U.S. officials", "sources close to".
_ANONYMOUS = frozenset(
    [
        "official",
        "officials",
        "source",
        "sources",
        "people",
        "person",
        "diplomat",
        "diplomats",
        "witness",
        "witnesses",
        "resident",
        "residents",
        "expert",
        "experts",
        "analyst",
        "analysts",
        "observer",
        "observers",
        "insider",
        "insiders",
        "aide",
        "aides",
        "someone",
        "critics",
    ]
)
_HEAD_END = re.compile(r"\s(?:for|of|from|with|close|at|in|familiar|who|on)\s")
_RELATIVE = ("who ", "which ", "whose ", "whom ")


def _tidy(source: str) -> str:
    """Trim a source phrase and lowercase a sentence-initial determiner."""
    source = source.strip(" \t\n-–—'’")
    first, _, rest = source.partition(" ")
    if first in _LEADING_WORDS:
        source = first.lower() + (" " + rest if rest else "")
    return source


def _kind_of(source: str) -> str:
    """Return "named" when the source names someone (or refers back to them), else unnamed."""
    first, _, rest = source.partition(" ")
    if not rest and first.lower() in _PRONOUNS:
        return NAMED
    head = _HEAD_END.split(source, maxsplit=1)[0].lower().split()
    if any(word in _ANONYMOUS for word in head):
        return UNNAMED
    # The first word is capitalised anyway at sentence start, so only a later capital names.
    if _PROPER.search(rest) or (
        first[:1].isupper()
        and first.lower() != first
        and first not in _LEADING_WORDS
        and not first.endswith("s")
    ):
        return NAMED
    if _PROPER.search(first) and first.isupper():
        return NAMED
    return UNNAMED


def _subject_before(text: str, end: int) -> str:
    """Return the phrase before a reporting verb that is its subject."""
    head = text[:end]
    cuts = [0] + [match.end() for match in _CLAUSE_BREAK.finditer(head)]
    subject = head[cuts[-1] :].strip()
    if not subject and len(cuts) > 2 and head[cuts[-2] :].lstrip().startswith(_RELATIVE):
        # "A senior official, who asked not to be named, told…": skip the relative clause.
        subject = head[cuts[-3] : cuts[-2] - 1].strip()
    words = subject.split()
    if len(words) > _MAX_SOURCE_WORDS:
        return ""
    # Adverbs between subject and verb ("also said", "on Monday said") are not the source.
    while words and words[-1].lower() in ("also", "later", "previously", "then", "again"):
        words.pop()
    return " ".join(words)


def attribute(text: str) -> Attribution:
    """Return the attribution suggested for one sentence."""
    quote = _QUOTATION.search(text) is not None
    according = _ACCORDING.search(text)
    if according:
        source = _tidy(according.group(1))
        return Attribution(_kind_of(source), source, "according to", quote)
    for match in _CUE.finditer(text):
        start = match.start()
        if _NOUN_BEFORE.search(text, max(0, start - 8), start):
            continue
        cue = match.group(1)
        if cue not in ("told", "tells") and _INVERTED.search(text, max(0, start - 3), start):
            # '"...," said the minister.' names the source after the verb.
            after = _AFTER_SOURCE.match(text, match.end())
            source = _tidy(after.group()) if after else ""
            if source and source.split()[0].lower() not in ("that", "on", "in", "it"):
                return Attribution(_kind_of(source), source, cue, quote)
        source = _tidy(_subject_before(text, start))
        if source:
            return Attribution(_kind_of(source), source, cue, quote)
    if quote:
        return Attribution(PUBLICATION, None, None, True)
    return PUBLICATION_VOICE
