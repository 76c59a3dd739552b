"""Claim matching: find checked claims that say what a new claim says.

Plain Python with no third-party imports, like claimcheck.analysis. Build a
``ClaimIndex`` from items ``{"id", "text", "title"?}`` (or ``add`` them one by one), then
``search(text)`` returns ``Match(id, score)`` best first, scores from 0 to 1, none below
the threshold (``DEFAULT_THRESHOLD`` unless ``MatchSettings(threshold=...)`` says else).

Semantic matching is an optional extra (``pip install 'claimcheck[semantic]'``):
``ClaimIndex(items, reranker=semantic.default_reranker())`` uses it when it is installed
and stays lexical when it is not; see claimcheck.matching.semantic.
"""

from claimcheck.matching.index import ClaimIndex, Match
from claimcheck.matching.scoring import DEFAULT_THRESHOLD, MatchSettings

__all__ = ["DEFAULT_THRESHOLD", "ClaimIndex", "Match", "MatchSettings"]
