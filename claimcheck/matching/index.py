"""An in-memory inverted index of checked claims: BM25F retrieval, then a 0-1 re-score.

Postings are flat arrays (claim slots and quarter-unit term frequencies), so a million
claims fit in a few hundred megabytes. A query reads only the postings of its own terms,
and at most ``postings_limit`` of them per term, so its cost does not grow with the index.

An optional re-ranker (``ClaimIndex(..., reranker=...)``, see claimcheck.matching.semantic)
scores the BM25F shortlist again; without one, search is the lexical matcher alone.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Protocol

from claimcheck.matching.scoring import (
    DEFAULT_THRESHOLD,
    ClaimTerms,
    MatchSettings,
    best_possible,
    conflict_factor,
    prepare_query,
    similarity,
)
from claimcheck.matching.terms import AUTHOR, analyse, base_term

# Impacts are recomputed once the average claim length moves this far from theirs.
_LENGTH_DRIFT = 0.02
_SEPARATOR = 0
# How many candidates per result place are re-scored exactly when postings were cut.
_SHORTLIST = 4


@dataclass(frozen=True, slots=True)
class Match:
    """A checked claim found for a query, with its 0-1 similarity."""

    id: str
    score: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """A shortlisted claim as the lexical matcher sees it, for a re-ranker to score again."""

    id: str
    text: str
    title: str
    # The lexical 0-1 score before disagreements are counted, and their factor (1 if none).
    lexical: float
    conflict: float


class Reranker(Protocol):
    """Scores a query's lexical shortlist again; ``search`` then uses its 0-1 scores."""

    @property
    def depth(self) -> int:
        """How many BM25F candidates to shortlist."""
        ...

    @property
    def threshold(self) -> float:
        """The default floor of its scores."""
        ...

    def rescore(self, query: str, candidates: Sequence[Candidate]) -> list[float]:
        """Return one 0-1 score per candidate, in their order."""
        ...


class ClaimIndex:
    """Checked claims, searchable by what they say.

    ``search`` returns at most ``limit`` claims scoring at least the threshold
    (``settings.threshold``, by default ``DEFAULT_THRESHOLD``), best first. With a
    ``reranker``, the scores and the default threshold are the re-ranker's.
    """

    def __init__(
        self,
        items: Iterable[Mapping[str, str]] = (),
        settings: MatchSettings | None = None,
        reranker: Reranker | None = None,
    ) -> None:
        self.settings = settings or MatchSettings()
        self._reranker = reranker
        # Texts are kept only for a re-ranker, which reads the claims themselves.
        self._texts: list[tuple[str, str]] | None = [] if reranker is not None else None
        self._ids: list[str] = []
        self._slot_of: dict[str, int] = {}
        self._alive = bytearray()
        self._terms: list[str] = [""]
        self._term_id: dict[str, int] = {"": _SEPARATOR}
        self._base_of = array("I", [_SEPARATOR])
        self._forward = array("I")
        self._starts = array("I")
        self._lengths = array("f")
        self._postings: dict[int, array] = {}
        self._frequencies: dict[int, array] = {}
        self._document_frequency: Counter[int] = Counter()
        self._total_length = 0.0
        self._impacts: dict[int, tuple[array, array, int]] = {}
        self._impact_average = 0.0
        self.build(items)

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._slot_of

    @property
    def reranker(self) -> Reranker | None:
        """The re-ranker given when the index was made (it keeps texts only for one)."""
        return self._reranker

    def build(self, items: Iterable[Mapping[str, str]]) -> None:
        """Add many items {"id", "text", "title"?}."""
        for item in items:
            self.add(item["id"], item["text"], item.get("title") or "")

    def _intern(self, term: str) -> int:
        """Return the id of a term, registering it (and its unmarked form) if new."""
        found = self._term_id.get(term)
        if found is not None:
            return found
        base = base_term(term)
        base_id = self._intern(base) if base != term else len(self._terms)
        term_id = len(self._terms)
        self._terms.append(term)
        self._term_id[term] = term_id
        self._base_of.append(base_id)
        return term_id

    def add(self, claim_id: str, text: str, title: str = "") -> None:
        """Index one checked claim; an id already present is an error (remove it first)."""
        if claim_id in self._slot_of:
            raise ValueError(f"claim {claim_id!r} is already in the index")
        known = self._term_id.get
        text_ids = [known(t) or self._intern(t) for t in analyse(text)]
        title_ids = [known(t) or self._intern(t) for t in analyse(title)] if title else []
        slot = len(self._ids)
        if self._texts is not None:
            self._texts.append((text, title))
        self._ids.append(claim_id)
        self._slot_of[claim_id] = slot
        self._alive.append(1)
        self._starts.append(len(self._forward))
        self._forward.extend(text_ids)
        self._forward.append(_SEPARATOR)
        self._forward.extend(title_ids)
        weight = self.settings.title_weight
        base_of = self._base_of
        frequency: dict[int, float] = {}
        for term_id in text_ids:
            base_id = base_of[term_id]
            frequency[base_id] = frequency.get(base_id, 0.0) + 1.0
        for term_id in title_ids:
            base_id = base_of[term_id]
            frequency[base_id] = frequency.get(base_id, 0.0) + weight
        length = len(text_ids) + weight * len(title_ids)
        self._lengths.append(length)
        self._total_length += length
        postings = self._postings
        for base_id, count in frequency.items():
            quarters = min(255, round(count * 4))
            if base_id in postings:
                postings[base_id].append(slot)
                self._frequencies[base_id].append(quarters)
            else:
                postings[base_id] = array("I", [slot])
                self._frequencies[base_id] = array("B", [quarters])
            self._document_frequency[base_id] += 1

    def remove(self, claim_id: str) -> bool:
        """Take a claim out of the results; return whether it was there."""
        slot = self._slot_of.pop(claim_id, None)
        if slot is None:
            return False
        self._alive[slot] = 0
        self._total_length -= self._lengths[slot]
        for base_id in set(self._base_of[t] for t in self._document_terms(slot)):
            if base_id != _SEPARATOR:
                self._document_frequency[base_id] -= 1
        return True

    def _document_terms(self, slot: int) -> array:
        """Return the term ids of a claim: its text, the separator, then its title."""
        end = self._starts[slot + 1] if slot + 1 < len(self._starts) else len(self._forward)
        return self._forward[self._starts[slot] : end]

    def _impact(self, frequency: float, length: float, average: float) -> float:
        """Return BM25's saturated term frequency for one posting."""
        k1, b = self.settings.k1, self.settings.b
        return frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * length / average))

    def _term_impacts(self, base_id: int) -> tuple[array, array]:
        """Return a term's postings to read and their BM25 impacts, cached.

        A term in more than ``settings.postings_limit`` claims keeps only that many
        postings, those with the highest impact (the term counts most in short claims),
        plus any added since: a word that common adds little evidence, and reading all
        its postings would make every query cost more as the index grows.
        """
        average = self._total_length / max(1, len(self))
        if abs(average - self._impact_average) > _LENGTH_DRIFT * max(average, 1e-9):
            self._impacts.clear()
            self._impact_average = average
        average = self._impact_average
        postings = self._postings[base_id]
        cached = self._impacts.get(base_id)
        limit = self.settings.postings_limit
        # Postings added since caching are appended, until they are many enough to rebuild.
        if cached is not None and len(postings) - cached[2] <= limit // 4:
            if len(postings) > cached[2]:
                self._read_new(base_id, cached)
            return cached[0], cached[1]
        # BM25's saturation, inlined: this runs over every posting of a term once.
        k1, b = self.settings.k1, self.settings.b
        # With q quarter units of frequency, tf * (k1 + 1) / (tf + K) = q * (k1 + 1) / (q + 4K).
        scale, base, per_length = k1 + 1, 4 * k1 * (1 - b), 4 * k1 * b / average
        lengths = self._lengths
        impacts = array(
            "f",
            [
                scale * q / (q + base + per_length * lengths[slot])
                for slot, q in zip(postings, self._frequencies[base_id], strict=True)
            ],
        )
        if len(postings) > limit:
            cutoff = heapq.nlargest(limit, impacts)[-1]
            chosen = [k for k, impact in enumerate(impacts) if impact > cutoff]
            ties = (k for k, impact in enumerate(impacts) if impact == cutoff)
            chosen.extend(itertools.islice(ties, limit - len(chosen)))
            slots = array("I", (postings[k] for k in chosen))
            impacts = array("f", (impacts[k] for k in chosen))
        else:
            slots = array("I", postings)
        self._impacts[base_id] = (slots, impacts, len(postings))
        return slots, impacts

    def _read_new(self, base_id: int, cached: tuple[array, array, int]) -> None:
        """Append the postings a term gained since its impacts were cached."""
        slots, impacts, seen = cached
        postings = self._postings[base_id]
        frequencies = self._frequencies[base_id]
        for k in range(seen, len(postings)):
            slot = postings[k]
            slots.append(slot)
            impacts.append(
                self._impact(frequencies[k] / 4, self._lengths[slot], self._impact_average)
            )
        self._impacts[base_id] = (slots, impacts, len(postings))

    def idf(self, term: str) -> float:
        """Return BM25's inverse document frequency of an unmarked term."""
        term_id = self._term_id.get(term)
        frequency = self._document_frequency[term_id] if term_id is not None else 0
        count = len(self)
        return math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))

    def retrieve(self, query_terms: Iterable[str], depth: int) -> list[tuple[int, float]]:
        """Return up to depth (slot, BM25F score) pairs, best first."""
        weights: dict[int, float] = {}
        for term in query_terms:
            term_id = self._term_id.get(base_term(term))
            if term_id is not None and self._document_frequency[term_id] > 0:
                weight = self.idf(self._terms[term_id])
                if AUTHOR in term:
                    weight *= self.settings.author_weight
                weights[term_id] = max(weight, weights.get(term_id, 0.0))
        scores: dict[int, float] = {}
        shortened = False
        for term_id, idf in weights.items():
            slots, impacts = self._term_impacts(term_id)
            shortened = shortened or len(slots) < self._document_frequency[term_id]
            get = scores.get
            for slot, impact in zip(slots, impacts, strict=True):
                scores[slot] = get(slot, 0.0) + idf * impact
        if len(self._ids) > len(self._slot_of):
            alive = self._alive
            scores = {slot: score for slot, score in scores.items() if alive[slot]}
        if shortened:
            # A claim may have a common term whose postings were cut: score the best
            # few exactly, from their own terms, before choosing.
            shortlist = heapq.nlargest(depth * _SHORTLIST, scores.items(), key=itemgetter(1))
            scores = {slot: self._exact_score(slot, weights) for slot, _ in shortlist}
        # Ties keep the order claims were met in, which is the same for the same query.
        return heapq.nlargest(depth, scores.items(), key=itemgetter(1))

    def _exact_score(self, slot: int, weights: dict[int, float]) -> float:
        """Return a claim's BM25F score for query terms weighted by id, from its own terms."""
        frequency: dict[int, float] = {}
        factor = 1.0
        base_of = self._base_of
        for term_id in self._document_terms(slot):
            if term_id == _SEPARATOR:
                factor = self.settings.title_weight
                continue
            base_id = base_of[term_id]
            if base_id in weights:
                frequency[base_id] = frequency.get(base_id, 0.0) + factor
        length, average = self._lengths[slot], self._impact_average
        return sum(
            weights[base_id] * self._impact(min(255, round(count * 4)) / 4, length, average)
            for base_id, count in frequency.items()
        )

    def claim_terms(self, slot: int) -> ClaimTerms:
        """Return a claim's marked terms, split into text and title."""
        terms = self._terms
        ids = self._document_terms(slot)
        split = ids.index(_SEPARATOR)
        return ClaimTerms(
            tuple(terms[t] for t in ids[:split]), tuple(terms[t] for t in ids[split + 1 :])
        )

    def _query_idf(self) -> Callable[[str], float]:
        """The idf of terms, each computed once for the query at hand."""
        known: dict[str, float] = {}

        def idf(term: str) -> float:
            if term not in known:
                known[term] = self.idf(term)
            return known[term]

        return idf

    def search(self, text: str, limit: int = 5, threshold: float | None = None) -> list[Match]:
        """Return up to limit claims saying what text says, best first, none below threshold."""
        if self._reranker is not None:
            return self._search_reranked(self._reranker, text, limit, threshold)
        floor = self.settings.threshold if threshold is None else threshold
        terms = analyse(text)
        if not terms or limit <= 0:
            return []
        query = prepare_query(terms)
        found = self.retrieve(terms, self.settings.depth)
        if not found:
            return []
        top = found[0][1]
        idf = self._query_idf()

        scored = []
        for slot, bm25 in found:
            # Candidates come by falling BM25, so once one cannot reach the floor none can.
            if best_possible(bm25 / top, self.settings) < floor:
                break
            score = similarity(query, self.claim_terms(slot), idf, bm25 / top, self.settings)
            if score >= floor:
                scored.append((score, -slot))
        best = heapq.nlargest(limit, scored)
        return [Match(self._ids[-negative], round(score, 4)) for score, negative in best]

    def _search_reranked(
        self, reranker: Reranker, text: str, limit: int, threshold: float | None
    ) -> list[Match]:
        """Return search's answer with the shortlist scored by the re-ranker."""
        floor = reranker.threshold if threshold is None else threshold
        terms = analyse(text)
        if not terms or limit <= 0 or self._texts is None:
            return []
        query = prepare_query(terms)
        found = self.retrieve(terms, max(reranker.depth, limit))
        if not found:
            return []
        top = found[0][1]
        # The re-ranker weighs the lexical score itself and applies the conflicts after.
        plain = dataclasses.replace(
            self.settings, negation_factor=1.0, number_factor=1.0, year_factor=1.0
        )
        idf = self._query_idf()

        candidates = []
        for slot, bm25 in found:
            claim = self.claim_terms(slot)
            claim_text, title = self._texts[slot]
            candidates.append(
                Candidate(
                    id=self._ids[slot],
                    text=claim_text,
                    title=title,
                    lexical=similarity(query, claim, idf, bm25 / top, plain),
                    conflict=conflict_factor(query, (*claim.text, *claim.title), self.settings),
                )
            )
        scores = reranker.rescore(text, candidates)
        # Ties keep the shortlist's order.
        best = heapq.nlargest(
            limit, ((score, -k) for k, score in enumerate(scores) if score >= floor)
        )
        return [Match(candidates[-negative].id, round(score, 4)) for score, negative in best]


__all__ = ["DEFAULT_THRESHOLD", "Candidate", "ClaimIndex", "Match", "MatchSettings", "Reranker"]
