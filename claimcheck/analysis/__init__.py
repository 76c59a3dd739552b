"""Text analysis core: sentences, check-worthiness, attribution, dates and claim extraction.

Plain Python with no third-party imports, so it runs anywhere the app runs and in tests
without an app.
"""

from claimcheck.analysis.extraction import analyse_sentences, extract_claims
from claimcheck.analysis.records import Attribution, ClaimCandidate, Sentence
from claimcheck.analysis.sentences import split_sentences

__all__ = [
    "Attribution",
    "ClaimCandidate",
    "Sentence",
    "analyse_sentences",
    "extract_claims",
    "split_sentences",
]
