"""Fit the check-worthiness weights shipped in data/checkworthiness.json.

Usage:
    python -m claimcheck.analysis.training DATA_DIR \\
        -o claimcheck/analysis/data/checkworthiness.json

DATA_DIR holds the ClaimBuster crowd-labelled CSV (the training data; found by
datasets.TRAINING_PATTERN). Sentences that also appear in the evaluation sets of DATA_DIR
(ClaimBuster expert-labelled, CheckThat!, CLEF debates) are left out of training so the
evaluation stays honest. Regularisation and CLAIM_THRESHOLD are chosen on a held-out 15%
of the training sentences, never on the evaluation sets.
Needs numpy and scikit-learn, imported here only: the app never runs this module.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

from claimcheck.analysis import datasets
from claimcheck.analysis.features import features

# Verdicts of the crowd-labelled data, in the order the weights file stores them.
CHECK_WORTHY, UNIMPORTANT, NON_FACTUAL = 1, 0, -1
MIN_DOCUMENTS = 2
MIN_WEIGHT = 0.005
C_VALUES = (0.025, 0.05, 0.1, 0.2, 0.4)
SEED = 13


def _normalise(text: str) -> str:
    """Return a comparison key for a sentence (case and spacing ignored)."""
    return " ".join(text.lower().split())


def training_rows(data_dir: Path) -> list[tuple[str, int]]:
    """Return (sentence, verdict) pairs for training, evaluation sentences removed."""
    held_out = {_normalise(text) for text in datasets.evaluation_texts(data_dir)}
    return [
        (text, verdict)
        for text, verdict in datasets.crowd_labelled(data_dir)
        if _normalise(text) not in held_out
    ]


def idf_table(word_lists: list[list[str]]) -> dict[str, float]:
    """Return smoothed idf, ln((1 + n) / (1 + df)) + 1, of words in enough sentences."""
    document_counts: dict[str, int] = {}
    for words in word_lists:
        for word in set(words):
            document_counts[word] = document_counts.get(word, 0) + 1
    n = len(word_lists)
    return {
        word: round(math.log((1 + n) / (1 + df)) + 1, 3)
        for word, df in document_counts.items()
        if df >= MIN_DOCUMENTS
    }


def _matrix(
    rows: list[tuple[list[str], set[str]]], idf: dict[str, float], cues: list[str]
) -> object:
    """Return the matrix the scorer works on: idf words over sqrt(word count), then cues."""
    from scipy.sparse import csr_matrix

    columns = {word: i for i, word in enumerate(idf)}
    columns.update((cue, len(idf) + i) for i, cue in enumerate(cues))
    indptr, indices, values = [0], [], []
    for words, present in rows:
        known = [word for word in words if word in idf]
        scale = 1.0 / math.sqrt(len(words)) if words else 0.0
        # Repeated words add up, as the scorer counts each occurrence.
        indices.extend(columns[word] for word in known)
        values.extend(idf[word] * scale for word in known)
        indices.extend(columns[cue] for cue in present if cue in columns)
        values.extend(1.0 for cue in present if cue in columns)
        indptr.append(len(indices))
    matrix = csr_matrix((values, indices, indptr), shape=(len(rows), len(columns)))
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


def _fit(
    rows: list[tuple[list[str], set[str]]], verdicts: list[int], c: float
) -> tuple[object, dict[str, float], list[str]]:
    """Fit the three-class model on featurised rows; return (model, idf, cue names)."""
    from sklearn.linear_model import LogisticRegression

    idf = idf_table([words for words, _ in rows])
    cues = sorted({cue for _, present in rows for cue in present})
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(_matrix(rows, idf, cues), verdicts)
    return model, idf, cues


def _relative_weights(model: object) -> tuple[list[float], list[float], float, float]:
    """Return check-worthy and unimportant weights and biases relative to non-factual."""
    order = list(model.classes_)
    cfs, ufs, nfs = (order.index(v) for v in (CHECK_WORTHY, UNIMPORTANT, NON_FACTUAL))
    coef, bias = model.coef_, model.intercept_
    return (
        list(coef[cfs] - coef[nfs]),
        list(coef[ufs] - coef[nfs]),
        float(bias[cfs] - bias[nfs]),
        float(bias[ufs] - bias[nfs]),
    )


def fit(rows: list[tuple[str, int]]) -> dict[str, object]:
    """Choose C and the threshold on a held-out split, refit on all rows, return the table."""
    featurised = [(feats.words, feats.cues) for feats in (features(t) for t, _ in rows)]
    verdicts = [verdict for _, verdict in rows]
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    cut = len(order) * 85 // 100
    train, held = order[:cut], order[cut:]
    held_labels = [int(verdicts[i] == CHECK_WORTHY) for i in held]
    best: tuple[float, float, float] = (1.0, 0.5, -1.0)
    for c in C_VALUES:
        model, idf, cues = _fit([featurised[i] for i in train], [verdicts[i] for i in train], c)
        probabilities = model.predict_proba(_matrix([featurised[i] for i in held], idf, cues))
        column = list(model.classes_).index(CHECK_WORTHY)
        threshold, f1 = _best_f1_threshold(list(probabilities[:, column]), held_labels)
        print(f"C={c}: held-out F1 {f1:.3f} at threshold {threshold:.2f}")
        if f1 > best[2]:
            best = (c, threshold, f1)
    model, idf, cues = _fit(featurised, verdicts, best[0])
    cfs, ufs, cfs_bias, ufs_bias = _relative_weights(model)
    # The scorer never needs idf on its own, so it is folded into the word weights.
    words = {
        word: [round(float(cfs[i] * idf[word]), 4), round(float(ufs[i] * idf[word]), 4)]
        for i, word in enumerate(idf)
        if max(abs(cfs[i]), abs(ufs[i])) * idf[word] >= MIN_WEIGHT
    }
    cue_weights = {
        cue: [round(float(cfs[len(idf) + i]), 4), round(float(ufs[len(idf) + i]), 4)]
        for i, cue in enumerate(cues)
    }
    print(f"chose C={best[0]}, threshold {best[1]:.2f} (held-out F1 {best[2]:.3f})")
    return {
        "description": "Three-class logistic regression (CFS, UFS, NFS) over "
        "claimcheck.analysis.features: word (idf folded in) and cue weights [CFS, UFS] "
        "relative to NFS; fitted on the ClaimBuster crowdsourced sentences, "
        "evaluation sentences excluded.",
        "bias": [round(cfs_bias, 4), round(ufs_bias, 4)],
        "regularisation_c": best[0],
        "held_out_f1": round(best[2], 4),
        "suggested_threshold": best[1],
        "words": words,
        "cues": cue_weights,
    }


def main(argv: list[str] | None = None) -> int:
    """Fit the weights from DATA_DIR and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    rows = training_rows(args.data_dir)
    positives = sum(verdict == CHECK_WORTHY for _, verdict in rows)
    print(f"{len(rows)} training sentences, {positives} check-worthy")
    table = fit(rows)
    args.output.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n")
    size_kb = args.output.stat().st_size / 1024
    print(f"wrote {args.output} ({size_kb:.0f} KiB, {len(table['words'])} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
