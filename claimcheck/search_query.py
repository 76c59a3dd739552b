"""What a person typed in the search box, read the same way for SQLite and PostgreSQL.

The syntax is the one people know from web search: words must all appear, "a phrase"
must appear as written, -word must not appear, and OR between two terms accepts
either. Anything else (operators of either database, brackets, `*`, `NEAR`, SQL) is
just text: only words reach the database, so no input can make a query fail.
Plain Python: no Flask, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")

# PostgreSQL's English configuration drops these; dropping them here too keeps a query
# for "the" or "not the truth" behaving the same on both databases.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "did",
        "do",
        "does",
        "doing",
        "don",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "s",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "t",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word, or a phrase of several words in order."""

    words: tuple[str, ...]
    excluded: bool = False
    # True when this term and the one before it are alternatives (OR).
    or_previous: bool = False


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query; empty when nothing searchable was typed."""

    terms: tuple[Term, ...]

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: no term, or only exclusions (which match nothing alone)."""
        return not any(not term.excluded for term in self.terms)

    @property
    def words(self) -> set[str]:
        """Every word looked for, for highlighting."""
        return {word for term in self.terms if not term.excluded for word in term.words}


def parse(text: str) -> SearchQuery:
    """Read a typed query into terms; never fails."""
    terms: list[Term] = []
    pending_or = False
    for match in _TOKEN.finditer((text or "")[:MAX_QUERY_CHARS]):
        minus, phrase, bare = match.groups()
        if bare is not None and bare == "OR":
            pending_or = bool(terms)
            continue
        excluded = bool(minus) or (bare is not None and bare.startswith("-") and len(bare) > 1)
        raw = phrase if phrase is not None else bare.lstrip("-")
        words = tuple(word.lower() for word in _WORD.findall(raw))
        if phrase is None:
            # A bare "covid-19" stays one term whose words must follow each other.
            words = tuple(word for word in words if word not in STOP_WORDS)
        if not words:
            pending_or = False
            continue
        terms.append(Term(words, excluded, or_previous=pending_or and not excluded))
        pending_or = False
        if len(terms) == MAX_TERMS:
            break
    return SearchQuery(tuple(terms))


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"'


def to_fts5(query: SearchQuery) -> str:
    """The query as an FTS5 MATCH expression: every word quoted, so it is always valid."""
    included: list[list[str]] = []
    excluded: list[str] = []
    for term in query.terms:
        if term.excluded:
            excluded.append(_fts5_term(term))
        elif term.or_previous and included:
            included[-1].append(_fts5_term(term))
        else:
            included.append([_fts5_term(term)])
    groups = [group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")" for group in included]
    expression = " AND ".join(groups)
    for term in excluded:
        expression += f" NOT {term}"
    return expression


def to_websearch(query: SearchQuery) -> str:
    """The query as PostgreSQL websearch_to_tsquery text, built from the words alone."""
    parts: list[str] = []
    for term in query.terms:
        text = " ".join(term.words)
        if len(term.words) > 1:
            text = f'"{text}"'
        if term.excluded:
            text = "-" + text
        elif term.or_previous and parts:
            parts.append("or")
        parts.append(text)
    return " ".join(parts)
