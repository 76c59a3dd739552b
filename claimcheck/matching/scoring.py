"""How alike a query and one checked claim are, as a 0-1 score.

The score is a logistic combination of overlap features (weighted by rarity), made
smaller when the two texts disagree on a negation or on a number with the same unit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimcheck.matching.numbers import number_unit
from claimcheck.matching.terms import (
    ALTERNATIVE,
    AUTHOR,
    MARKS,
    NAME_LEAD,
    NEGATED,
    base_term,
)

_CACHE_SIZE = 200_000
_trigram_cache: dict[str, frozenset[str]] = {}

# The score above which a claim is reported as "likely the same". Chosen on the
# CheckThat! 2022 task 2A English dev set (199 tweets against 14,231 Snopes claims) as the
# best balance of recall (the true claim is returned) against false alarms (something is
# returned when the true claim was taken out of the index): about 0.71 against 0.12 there.
# bench/matching.py prints the whole trade-off.
DEFAULT_THRESHOLD = 0.6


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Knobs of retrieval and scoring, with defaults fitted on the data set named above."""

    threshold: float = DEFAULT_THRESHOLD
    # Retrieval: BM25F with the title counted like the text; the best `depth` claims are
    # scored here. A term in more than `postings_limit` claims has only its strongest
    # postings read (the best candidates then get their exact BM25F from their own terms):
    # on 300,000 claims 1,000 ranked the dev queries as well as reading every posting.
    title_weight: float = 1.0
    k1: float = 1.2
    b: float = 0.75
    depth: int = 20
    postings_limit: int = 1000
    # Logistic regression weights of the features (fitted on the dev set's top 50 BM25F
    # candidates per query; grouped 5-fold cross-validation gave the same ranking).
    bias: float = -12.16
    query_coverage: float = 2.67
    claim_coverage: float = 1.89
    title_coverage: float = 3.04
    bigrams: float = 0.32
    characters: float = 2.34
    rank: float = 8.57
    # Factors for disagreements: any one of them takes a near-certain 0.99 below 0.6.
    negation_factor: float = 0.35
    number_factor: float = 0.45
    year_factor: float = 0.5
    # A tweet's signature name: its share of a term's BM25 weight, and of a claim word's
    # coverage when only the signature has it.
    author_weight: float = 0.3
    author_credit: float = 0.5


@dataclass(frozen=True, slots=True)
class ClaimTerms:
    """A checked claim's marked terms, text and title apart."""

    text: tuple[str, ...]
    title: tuple[str, ...]


def _coverage(
    terms: Sequence[str], other: dict[str, float], idf: Callable[[str], float]
) -> tuple[float, float]:
    """Return (weight of terms found in other, times their credit there; weight of all).

    An acronym made from a phrase counts only when found; a given name counts as found
    when the surname it leads to is found.
    """
    found = total = 0.0
    seen: set[str] = set()
    for position, term in enumerate(terms):
        base = term.lstrip(MARKS)
        if base in seen:
            continue
        seen.add(base)
        credit = other.get(base, 0.0)
        hit = credit > 0
        if not hit and ALTERNATIVE in term:
            continue
        if not hit and NAME_LEAD in term:
            end = position
            while end < len(terms) - 1 and NAME_LEAD in terms[end]:
                end += 1
            if base_term(terms[end]) in other:
                continue
        weight = idf(base)
        total += weight
        found += weight * credit
    return found, total


def _pairs(terms: Sequence[str], window: int) -> set[tuple[str, str]]:
    """Return ordered pairs of terms at most window apart (acronyms left out)."""
    plain = [base_term(t) for t in terms if ALTERNATIVE not in t]
    return {
        (plain[i], plain[j])
        for i in range(len(plain))
        for j in range(i + 1, min(len(plain), i + window + 1))
    }


def _term_trigrams(term: str) -> frozenset[str]:
    """Return the character trigrams of one unmarked term padded with spaces, cached."""
    found = _trigram_cache.get(term)
    if found is None:
        if len(_trigram_cache) >= _CACHE_SIZE:
            _trigram_cache.clear()
        padded = f" {term} "
        found = frozenset(padded[i : i + 3] for i in range(len(padded) - 2))
        _trigram_cache[term] = found
    return found


def _trigrams(terms: Sequence[str]) -> set[str]:
    """Return the character trigrams of the terms."""
    return set().union(*(_term_trigrams(term.lstrip(MARKS)) for term in terms))


def _polarity(terms: Sequence[str]) -> tuple[set[str], set[str]]:
    """Return (terms said, terms negated)."""
    said: set[str] = set()
    negated: set[str] = set()
    for term in terms:
        (negated if NEGATED in term else said).add(base_term(term))
    return said, negated


def _numbers(terms: Sequence[str]) -> dict[str, set[str]]:
    """Return the values a text gives per unit ("%": {"85"}, "date": {"jul12"})."""
    found: dict[str, set[str]] = {}
    for term in terms:
        if ALTERNATIVE in term or AUTHOR in term:
            continue
        pair = number_unit(base_term(term))
        if pair is not None:
            found.setdefault(pair[0], set()).add(pair[1])
    return found


@dataclass(frozen=True, slots=True)
class Query:
    """What the scorer needs from a query, worked out once for all its candidates."""

    terms: tuple[str, ...]
    bases: frozenset[str]
    authors: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    trigrams: frozenset[str]
    said: frozenset[str]
    negated: frozenset[str]
    numbers: dict[str, set[str]]


def prepare_query(terms: Sequence[str]) -> Query:
    """Split a query's signature terms from its body and precompute its features."""
    body = tuple(t for t in terms if AUTHOR not in t)
    said, negated = _polarity(body)
    return Query(
        terms=body,
        bases=frozenset(base_term(t) for t in body),
        authors=frozenset(base_term(t) for t in terms if AUTHOR in t),
        pairs=frozenset(_pairs(body, 3)),
        trigrams=frozenset(_trigrams(body)),
        said=frozenset(said),
        negated=frozenset(negated),
        numbers=_numbers(body),
    )


def conflict_factor(query: Query, claim: Sequence[str], settings: MatchSettings) -> float:
    """Return the factor (1 when none) for negation and number disagreements."""
    factor = 1.0
    claim_said, claim_negated = _polarity(claim)
    if (query.negated & (claim_said - claim_negated)) or (
        claim_negated & (query.said - query.negated)
    ):
        factor *= settings.negation_factor
    claim_numbers = _numbers(claim)
    for unit, values in query.numbers.items():
        other = claim_numbers.get(unit)
        if other and not values & other:
            factor *= settings.year_factor if unit == "year" else settings.number_factor
    return factor


def features(
    query: Query, claim: ClaimTerms, idf: Callable[[str], float], settings: MatchSettings
) -> tuple[float, float, float, float, float]:
    """Return query coverage, claim coverage, title coverage, pair and trigram overlap."""
    claim_bases = {t.lstrip(MARKS): 1.0 for t in (*claim.text, *claim.title)}
    found, total = _coverage(query.terms, claim_bases, idf)
    query_coverage = found / total if total else 0.0
    # A claim word met only in the signature ("Newt Gingrich tweeted ...") counts in part.
    credits = dict.fromkeys(query.authors, settings.author_credit)
    credits.update(dict.fromkeys(query.bases, 1.0))
    found, total = _coverage(claim.text, credits, idf)
    claim_coverage = found / total if total else 0.0
    found, total = _coverage(claim.title, credits, idf)
    title_coverage = found / total if total else claim_coverage
    claim_pairs = _pairs(claim.text, 1)
    pairs = len(claim_pairs & query.pairs) / len(claim_pairs) if claim_pairs else 0.0
    claim_grams = _trigrams(claim.text)
    shared = len(query.trigrams & claim_grams)
    grams = 2 * shared / (len(query.trigrams) + len(claim_grams)) if shared else 0.0
    return query_coverage, claim_coverage, title_coverage, pairs, grams


def _logistic(logit: float) -> float:
    """Map a logit to 0-1 (clamped, so odd settings cannot overflow)."""
    return 1 / (1 + math.exp(-max(-500.0, min(500.0, logit))))


def best_possible(rank_share: float, settings: MatchSettings) -> float:
    """Return the highest score a claim with this share of the top BM25 score can get."""
    weights = (
        settings.query_coverage,
        settings.claim_coverage,
        settings.title_coverage,
        settings.bigrams,
        settings.characters,
    )
    logit = settings.bias + sum(max(0.0, w) for w in weights)
    return _logistic(logit + max(0.0, settings.rank) * rank_share)


def similarity(
    query: Query,
    claim: ClaimTerms,
    idf: Callable[[str], float],
    rank_share: float,
    settings: MatchSettings,
) -> float:
    """Return the 0-1 score that query and claim say the same thing."""
    query_coverage, claim_coverage, title_coverage, pairs, grams = features(
        query, claim, idf, settings
    )
    logit = (
        settings.bias
        + settings.query_coverage * query_coverage
        + settings.claim_coverage * claim_coverage
        + settings.title_coverage * title_coverage
        + settings.bigrams * pairs
        + settings.characters * grams
        + settings.rank * rank_share
    )
    return _logistic(logit) * conflict_factor(query, (*claim.text, *claim.title), settings)
