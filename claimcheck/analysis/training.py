"""Fit the check-worthiness weights shipped in data/checkworthiness.json.

Usage:
    python -m claimcheck.analysis.training DATA_DIR \\
        -o claimcheck/analysis/data/checkworthiness.json

DATA_DIR holds the ClaimBuster crowdsourced CSV (the training data). Sentences that also
appear in the evaluation files of DATA_DIR (ClaimBuster dev, CheckThat! 2023 1B test,
CLEF 2019/2020 debates) are left out of training so the evaluation stays honest.
Needs numpy and scikit-learn, imported here only: the app never runs this module.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

from claimcheck.analysis.features import features

TRAINING_FILE = "claimbuster-crowdsourced.csv"
EVALUATION_FILES = (
    "claimbuster-dev.jsonl",
    "checkthat2023-1b-english-test.tsv",
    "clef2019-debates-dev.jsonl",
    "clef2020-debates-dev.jsonl",
)
MIN_COUNT = 3
MIN_WEIGHT = 0.02
C_VALUES = (0.1, 0.2, 0.5, 1.0)
SEED = 13


def _normalise(text: str) -> str:
    """Return a comparison key for a sentence (case and spacing ignored)."""
    return " ".join(text.lower().split())


def evaluation_texts(data_dir: Path) -> set[str]:
    """Return the normalised sentences of every evaluation file present in data_dir."""
    keys: set[str] = set()
    for name in EVALUATION_FILES:
        path = data_dir / name
        if not path.exists():
            continue
        if name.endswith(".tsv"):
            with path.open(encoding="utf-8", newline="") as handle:
                keys.update(
                    _normalise(row["Text"]) for row in csv.DictReader(handle, delimiter="\t")
                )
        else:
            with path.open(encoding="utf-8") as handle:
                keys.update(_normalise(json.loads(line)["text"]) for line in handle if line.strip())
    return keys


def training_rows(data_dir: Path) -> list[tuple[str, int]]:
    """Return (sentence, label) pairs for training: CFS is 1, UFS and NFS are 0."""
    held_out = evaluation_texts(data_dir)
    with (data_dir / TRAINING_FILE).open(encoding="utf-8", newline="") as handle:
        return [
            (row["Text"], 1 if row["Verdict"].strip() == "1" else 0)
            for row in csv.DictReader(handle)
            if _normalise(row["Text"]) not in held_out
        ]


def _matrix(rows: list[list[str]], vocabulary: dict[str, int]) -> object:
    """Return a sparse count matrix of feature lists over vocabulary."""
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for feats in rows:
        indices.extend(vocabulary[f] for f in feats if f in vocabulary)
        indptr.append(len(indices))
    # Duplicate (row, column) entries are summed, which gives counts as the scorer uses.
    matrix = csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(rows), len(vocabulary)))
    matrix.sum_duplicates()
    return matrix


def _best_f1_threshold(scores: list[float], labels: list[int]) -> tuple[float, float]:
    """Return (threshold, F1) that maximise F1 of the positive class."""
    best = (0.5, 0.0)
    for step in range(10, 91):
        threshold = step / 100
        tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
        fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
        fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[1]:
            best = (threshold, f1)
    return best


def fit(rows: list[tuple[str, int]]) -> dict[str, object]:
    """Fit a logistic regression over sentence features and return the weights table."""
    from sklearn.linear_model import LogisticRegression

    feature_sets = [[*feats.words, *feats.cues] for feats in (features(t) for t, _ in rows)]
    labels = [label for _, label in rows]
    counts: dict[str, int] = {}
    for feats in feature_sets:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocabulary = {
        f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))
    }
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    cut = len(order) * 85 // 100
    train, dev = order[:cut], order[cut:]
    dev_labels = [labels[i] for i in dev]
    best: tuple[float, float, float] = (1.0, 0.5, -1.0)
    for c in C_VALUES:
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(_matrix([feature_sets[i] for i in train], vocabulary), [labels[i] for i in train])
        dev_scores = model.predict_proba(_matrix([feature_sets[i] for i in dev], vocabulary))[:, 1]
        threshold, f1 = _best_f1_threshold(list(dev_scores), dev_labels)
        print(f"C={c}: held-out F1 {f1:.3f} at threshold {threshold:.2f}")
        if f1 > best[2]:
            best = (c, threshold, f1)
    model = LogisticRegression(C=best[0], max_iter=2000)
    model.fit(_matrix(feature_sets, vocabulary), labels)
    names = sorted(vocabulary, key=vocabulary.get)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    print(f"chose C={best[0]}, suggested threshold {best[1]:.2f}; {len(weights)} weights kept")
    return {
        "description": "Logistic-regression weights over claimcheck.analysis.features; "
        "fitted on the ClaimBuster crowdsourced sentences (CFS = check-worthy), "
        "evaluation sentences excluded.",
        "bias": round(float(model.intercept_[0]), 4),
        "suggested_threshold": best[1],
        "weights": weights,
    }


def main(argv: list[str] | None = None) -> int:
    """Fit the weights from DATA_DIR and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    rows = training_rows(args.data_dir)
    print(f"{len(rows)} training sentences, {sum(y for _, y in rows)} check-worthy")
    table = fit(rows)
    args.output.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n")
    size_kb = args.output.stat().st_size / 1024
    print(f"wrote {args.output} ({size_kb:.0f} KiB, bias {table['bias']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
