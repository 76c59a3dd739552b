"""Print quality and speed figures for claimcheck.matching (never asserts).

Run: python bench/matching.py [--data DIR] [--synthetic N]
Quality is measured on the CheckThat! 2022 task 2A English dev set in
../shared/claimdata/claim-matching (199 tweets, 14,231 Snopes claims, one relevant each),
next to plain BM25 over claim + title. Speed is measured on those claims and on N claims
(default 1,000,000) made by recombining their words, seeded.
The baseline takes its stop words from scikit-learn (the bench extra); the rank-bm25
package, when installed, is run as well to cross-check the baseline's figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import math
import random
import re
import resource
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.matching import DEFAULT_THRESHOLD, ClaimIndex, MatchSettings  # noqa: E402

Claim = dict[str, str]
Query = dict[str, object]
TOP = 5


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


def quality(claims: list[Claim], queries: list[Query]) -> None:
    """Print MAP@5 / P@1 for the matcher and BM25, then the never-checked trade-off."""
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
    index.settings = defaults
    by_id = {c["id"]: c for c in claims}
    true_scores, false_scores = never_checked(index, by_id, queries)
    print(
        "\nnever checked before: each query's true claim removed from the index;\n"
        "false alarms = share still answered above the threshold; recall = share whose\n"
        "true claim (left in) is returned above the threshold in the top 5"
    )
    print(f"{'threshold':>9s} {'recall':>7s} {'false alarms':>13s} {'balanced':>9s}")
    best = (0.0, 0.0)
    for step in range(6, 19):
        threshold = step / 20
        recall = sum(s >= threshold for s in true_scores) / len(queries)
        alarms = sum(s >= threshold for s in false_scores) / len(queries)
        balanced = (recall + 1 - alarms) / 2
        best = max(best, (balanced, -threshold))
        print(f"{threshold:9.2f} {recall:7.3f} {alarms:13.3f} {balanced:9.3f}")
    recall = sum(s >= DEFAULT_THRESHOLD for s in true_scores) / len(queries)
    alarms = sum(s >= DEFAULT_THRESHOLD for s in false_scores) / len(queries)
    print(
        f"best balanced accuracy at {-best[1]:.2f} (the lowest on a tie); "
        f"DEFAULT_THRESHOLD = {DEFAULT_THRESHOLD}: recall {recall:.3f}, false alarms {alarms:.3f}"
    )


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


def query_speed(index: ClaimIndex, queries: list[Query], label: str) -> None:
    """Print queries/s (CPU time of this process, and wall time) cold, then warm."""
    texts = [str(q["text"]) for q in queries]
    for run in ("first pass", "second pass"):
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            index.search(text)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"{label:28s} {run:12s} {len(texts) / cpu:9,.0f} queries/s CPU "
            f"({len(texts) / wall:,.0f}/s wall)"
        )


def speed_real(claims: list[Claim], queries: list[Query]) -> None:
    """Print build time (caches cold), memory and queries/s on the real claims."""
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
    query_speed(index, queries, f"{len(claims):,} claims")
    print()


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
    speed_real(claims, queries)
    quality(claims, queries)
    speed_large(claims, queries, args.synthetic)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
