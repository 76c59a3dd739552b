"""Print quality and speed figures for claimcheck.analysis (never asserts).

Run: python bench/extraction.py [--data DIR] [--sentences N] [--pysbd-seconds S]
Needs scikit-learn and pysbd (the project's bench extra) for the baseline and comparison.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.analysis import datasets  # noqa: E402
from claimcheck.analysis.checkworthiness import CLAIM_THRESHOLD  # noqa: E402
from claimcheck.analysis.extraction import analyse_sentences, classify  # noqa: E402
from claimcheck.analysis.features import QUESTION, features, tokenise  # noqa: E402
from claimcheck.analysis.semantic_scoring import blended_score, load_head  # noqa: E402
from claimcheck.analysis.sentences import sentence_spans, split_sentences  # noqa: E402
from claimcheck.analysis.training import _best_f1_threshold, training_rows  # noqa: E402
from claimcheck.matching.semantic import load_encoder, semantic_off_reason  # noqa: E402

ARTICLE = ROOT / "claimcheck" / "demo" / "afghanistan-withdrawal-2021.txt"


def prf(predicted: list[bool], actual: list[bool]) -> tuple[float, float, float]:
    """Return precision, recall and F1 of the positive class."""
    tp = sum(p and a for p, a in zip(predicted, actual, strict=True))
    fp = sum(p and not a for p, a in zip(predicted, actual, strict=True))
    fn = sum(a and not p for p, a in zip(predicted, actual, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def mean_average_precision(debates: dict[str, list[tuple[float, bool]]]) -> float:
    """Return the mean over debates of the average precision of the score ranking."""
    averages = []
    for rows in debates.values():
        ranked = sorted(rows, key=lambda row: -row[0])
        hits, total = 0, 0.0
        for rank, (_, positive) in enumerate(ranked, start=1):
            if positive:
                hits += 1
                total += hits / rank
        averages.append(total / hits if hits else 0.0)
    return sum(averages) / len(averages)


def baseline(train: list[tuple[str, int]]) -> tuple[object, float]:
    """Fit TF-IDF + logistic regression; pick its threshold on a held-out 15% likewise."""
    import random

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    def model() -> object:
        return make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            LogisticRegression(C=4.0, max_iter=2000),
        )

    order = list(range(len(train)))
    random.Random(13).shuffle(order)
    cut = len(order) * 85 // 100
    fitted = model().fit([train[i][0] for i in order[:cut]], [train[i][1] for i in order[:cut]])
    held = [train[i] for i in order[cut:]]
    scores = fitted.predict_proba([t for t, _ in held])[:, 1]
    threshold, _ = _best_f1_threshold(list(scores), [y for _, y in held])
    final = model().fit([t for t, _ in train], [y for _, y in train])
    return final, threshold


def quality(data: Path) -> None:
    """Print precision/recall/F1 and MAP next to the TF-IDF baseline."""
    # The baseline is the usual binary set-up: check-worthy against the rest.
    train = [(text, int(verdict == 1)) for text, verdict in training_rows(data)]
    started = time.perf_counter()
    base, base_threshold = baseline(train)
    print(f"training sentences: {len(train)} (ClaimBuster crowdsourced, evaluation texts removed)")
    print(
        f"baseline fitted in {time.perf_counter() - started:.1f} s; threshold "
        f"{base_threshold:.2f}; ClaimCheck threshold {CLAIM_THRESHOLD:.2f}\n"
    )

    def ours(texts: list[str]) -> list[float]:
        return [classify(t)[0] for t in texts]

    def theirs(texts: list[str]) -> list[float]:
        return list(base.predict_proba(texts)[:, 1])

    models = [("claimcheck", ours, CLAIM_THRESHOLD), ("tfidf+lr", theirs, base_threshold)]
    blended = semantic_scorer()
    if blended is not None:
        models.insert(1, ("+semantic", blended, load_head().threshold))

    sets = [
        (f"{stem} ({positive})", rows)
        for found, positive in (
            (datasets.expert_sets(data), "CFS"),
            (datasets.checkthat_sets(data), "Yes"),
        )
        for stem, rows in found.items()
    ]
    print(f"{'set':36s} {'model':10s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for name, rows in sets:
        texts = [row.text for row in rows]
        labels = [row.positive for row in rows]
        for model, scorer, threshold in models:
            predicted = [s >= threshold for s in scorer(texts)]
            if model == "claimcheck":
                predicted = [classify(t)[1] for t in texts]
            elif model == "+semantic":  # a question is never a claim, as in the app
                predicted = [
                    p and QUESTION not in features(t).cues
                    for p, t in zip(predicted, texts, strict=True)
                ]
            p, r, f = prf(predicted, labels)
            print(f"{name:36s} {model:10s} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"\n{'debates (MAP)':36s} {'model':10s} {'MAP':>6s}")
    # Each file's debates, then all of them together: the mean over every debate of both.
    every_debate: dict[str, dict[str, list[tuple[float, bool]]]] = {m[0]: {} for m in models}
    files = []
    for stem, rows in datasets.debate_sets(data).items():
        files.append(stem.split("-")[0].upper())
        texts = [row.text for row in rows]
        for model, scorer, _ in models:
            debates: dict[str, list[tuple[float, bool]]] = {}
            for row, s in zip(rows, scorer(texts), strict=True):
                debates.setdefault(row.group, []).append((s, row.positive))
            label = f"{files[-1]} ({len(debates)} debates)"
            print(f"{label:36s} {model:10s} {mean_average_precision(debates):6.3f}")
            every_debate[model].update({f"{stem}/{g}": d for g, d in debates.items()})
    for model, debates in every_debate.items():
        label = f"{' + '.join(files)} ({len(debates)} debates)"
        print(f"{label:36s} {model:10s} {mean_average_precision(debates):6.3f}")


def semantic_scorer() -> Callable[[list[str]], list[float]] | None:
    """Return the blend of the core with sentence embeddings, when the semantic extra is on."""
    reason = semantic_off_reason()
    if reason is not None:
        print(f"+semantic not measured: {reason}")
        return None
    encoder = load_encoder()
    head = load_head()

    def blended(texts: list[str]) -> list[float]:
        vectors = encoder.encode(texts)
        return [blended_score(classify(t)[0], v, head) for t, v in zip(texts, vectors, strict=True)]

    return blended


def news_documents(data: Path, minimum: int) -> list[str]:
    """Return the demo article plus development sentences laid out as news articles.

    Each made-up article is a subheading, a related link and twenty four-sentence
    paragraphs, so about 80 sentences like a long news story.
    """
    sentences = [row.text for rows in datasets.debate_sets(data).values() for row in rows]
    article = ARTICLE.read_text(encoding="utf-8")
    documents = [article]
    parts: list[str] = []
    count = len(split_sentences(article))
    # Sentence counts here are estimates (a line may split in two), so aim a tenth higher.
    while count < minimum * 1.1:
        for i in range(0, len(sentences), 4):
            if i % 80 == 0:
                if parts:
                    documents.append("\n\n".join(parts))
                parts = ["Advance of the Taliban"]
                parts.append(">> Read more: The Taliban claim to control 85% of Afghan territory")
                count += 2
            parts.append(" ".join(sentences[i : i + 4]))
            count += len(sentences[i : i + 4])
    documents.append("\n\n".join(parts))
    return documents


def news_text(data: Path, minimum: int) -> str:
    """Return the bench documents as one text, separated by blank lines."""
    return "\n\n".join(news_documents(data, minimum))


def pysbd_per_document(documents: list[str], budget_s: float) -> tuple[int, int, int, float]:
    """Segment whole documents with pysbd until budget_s has passed.

    Return (documents done, their characters, pysbd's sentence count, seconds).
    """
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    done = characters = found = 0
    started = time.perf_counter()
    for document in documents:
        found += len(segmenter.segment(document))
        characters += len(document)
        done += 1
        if time.perf_counter() - started > budget_s:
            break
    return done, characters, found, time.perf_counter() - started


def speed(data: Path, minimum: int, pysbd_budget_s: float) -> None:
    """Print pipeline and splitter throughput, peak memory, and pysbd on the same text."""
    documents = news_documents(data, minimum)
    text = "\n\n".join(documents)
    analyse_sentences(ARTICLE.read_text(encoding="utf-8"))  # load the weights once
    gc.collect()
    started = time.perf_counter()
    candidates = analyse_sentences(text)
    pipeline_s = time.perf_counter() - started
    n = len(candidates)
    started = time.perf_counter()
    split_sentences(text)
    split_s = time.perf_counter() - started
    # The least any word-based scorer must do: find the sentences and their words. What the
    # pipeline spends beyond this is scoring, attribution, dates and the result records.
    started = time.perf_counter()
    for start, end, _, _ in sentence_spans(text):
        tokenise(text[start:end])
    floor_s = time.perf_counter() - started
    del candidates
    gc.collect()
    tracemalloc.start()
    analyse_sentences(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\ntext: {len(text):,} characters, {n:,} sentences and lines, {len(documents)} documents"
    )
    print(f"{'step':36s} {'seconds':>8s} {'sentences/s':>12s}")
    print(f"{'claimcheck pipeline (all steps)':36s} {pipeline_s:8.2f} {n / pipeline_s:12,.0f}")
    print(f"{'claimcheck split only':36s} {split_s:8.2f} {n / split_s:12,.0f}")
    print(f"{'claimcheck split + tokenise (floor)':36s} {floor_s:8.2f} {n / floor_s:12,.0f}")
    try:
        import pysbd
    except ImportError:
        print("pysbd not installed: comparison skipped")
    else:
        segmenter = pysbd.Segmenter(language="en", clean=False)
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        started = time.perf_counter()
        pysbd_n = sum(len(segmenter.segment(p)) for p in paragraphs)
        pysbd_s = time.perf_counter() - started
        label = f"pysbd {pysbd.__version__} split (per paragraph)"
        print(f"{label:36s} {pysbd_s:8.2f} {pysbd_n / pysbd_s:12,.0f}")
        done, characters, found, sample_s = pysbd_per_document(documents, pysbd_budget_s)
        # Scaled by characters to the whole text when only some documents fit the budget.
        document_s = sample_s * len(text) / characters
        label = f"pysbd {pysbd.__version__} split (per document)"
        print(f"{label:36s} {document_s:8.2f} {found / sample_s:12,.0f}")
        if done < len(documents):
            print(
                f"  (per document: timed on the first {done} of {len(documents)} documents, "
                f"{characters:,} characters, {found:,} sentences; seconds extrapolated "
                "to the whole text by characters)"
            )
        for name, pysbd_time in (("per paragraph", pysbd_s), ("per document", document_s)):
            print(
                f"vs pysbd {name}: pipeline {pysbd_time / pipeline_s:.1f}x faster, "
                f"split only {pysbd_time / split_s:.1f}x faster, "
                f"split + tokenise {pysbd_time / floor_s:.1f}x faster"
            )
    print(
        f"pipeline peak traced memory: {peak / 2**20:.1f} MiB "
        f"(results for all sentences held); process max RSS {rss:.0f} MiB"
    )


def main() -> int:
    """Run the quality and speed benches."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "claimdata")
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument(
        "--pysbd-seconds",
        type=float,
        default=60.0,
        help="time budget for pysbd on whole documents (the rest is extrapolated)",
    )
    args = parser.parse_args()
    if not args.data.is_dir() or datasets.training_file(args.data) is None:
        print(f"no development data at {args.data}: nothing to measure")
        return 0
    try:
        quality(args.data)
    except ImportError as error:
        print(f"quality skipped: {error}")
    speed(args.data, args.sentences, args.pysbd_seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
