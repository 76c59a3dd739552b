"""Fit the check-worthiness weights shipped in data/checkworthiness.json.

Usage:
    python -m claimcheck.analysis.training DATA_DIR \\
        -o claimcheck/analysis/data/checkworthiness.json

DATA_DIR holds the ClaimBuster crowd-labelled CSV (the training data; found by
datasets.TRAINING_PATTERN). Sentences that also appear in the evaluation sets of DATA_DIR
(ClaimBuster expert-labelled, CheckThat!, CLEF debates) are left out of training so the
evaluation stays honest. Regularisation and CLAIM_THRESHOLD are chosen by cross-validation
over whole debates of the training data, never on the evaluation sets.
Needs numpy and scikit-learn, imported here only: the app never runs this module.
"""

from __future__ import annotations

import argparse
import csv
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
C_VALUES = (0.5, 1.0, 2.0, 4.0, 8.0)
FOLDS = 5
SEED = 13


def _normalise(text: str) -> str:
    """Return a comparison key for a sentence (case and spacing ignored)."""
    return " ".join(text.lower().split())


def training_records(data_dir: Path) -> list[tuple[str, int, str]]:
    """Return (sentence, verdict, debate) triples for training, evaluation sentences removed.

    The debate is the crowd-labelled file's File_id column (empty when it has none).
    """
    held_out = {_normalise(text) for text in datasets.evaluation_texts(data_dir)}
    path = datasets.training_file(data_dir)
    if path is None:
        raise FileNotFoundError(
            f"no {datasets.TRAINING_PATTERN} with a Verdict column in {data_dir}"
        )
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["Text"], int(row["Verdict"]), row.get("File_id") or "")
            for row in csv.DictReader(handle)
            if _normalise(row["Text"]) not in held_out
        ]


def training_rows(data_dir: Path) -> list[tuple[str, int]]:
    """Return (sentence, verdict) pairs for training, evaluation sentences removed."""
    return [(text, verdict) for text, verdict, _ in training_records(data_dir)]


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
    """Return the matrix the scorer works on: L2-normalised idf of the words, then cues.

    Each known word counts once, whatever its count, with its idf as value; the word part
    of every row has unit length, so evidence does not grow with sentence length and words
    the model never saw do not dilute the ones it knows.
    """
    from scipy.sparse import csr_matrix

    columns = {word: i for i, word in enumerate(idf)}
    columns.update((cue, len(idf) + i) for i, cue in enumerate(cues))
    indptr, indices, values = [0], [], []
    for words, present in rows:
        known = [word for word in dict.fromkeys(words) if word in idf]
        norm = math.fsum(idf[word] * idf[word] for word in known)
        scale = norm**-0.5 if norm else 0.0
        indices.extend(columns[word] for word in known)
        values.extend(idf[word] * scale for word in known)
        indices.extend(columns[cue] for cue in present if cue in columns)
        values.extend(1.0 for cue in present if cue in columns)
        indptr.append(len(indices))
    return csr_matrix((values, indices, indptr), shape=(len(rows), len(columns)))


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


def _average_precision(scores: list[float], labels: list[int]) -> float:
    """Return the average precision of ranking by score (ties broken by input order)."""
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(ranked, start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def debate_folds(debates: list[str], folds: int = FOLDS) -> list[list[int]]:
    """Return row indices split into folds of whole debates, dealt out in name order.

    Sentences of one debate share topics and names, so a split by sentence would let the
    model see each held-out debate and overstate how sure it is on new text. Rows without
    a debate are dealt out one by one in a fixed random order.
    """
    names = sorted(set(debates) - {""})
    fold_of = {name: i % folds for i, name in enumerate(names)}
    loose = [i for i, debate in enumerate(debates) if not debate]
    random.Random(SEED).shuffle(loose)
    loose_fold = {row: i % folds for i, row in enumerate(loose)}
    split: list[list[int]] = [[] for _ in range(folds)]
    for i, debate in enumerate(debates):
        split[fold_of[debate] if debate else loose_fold[i]].append(i)
    return [fold for fold in split if fold]


def _fit(
    rows: list[tuple[list[str], set[str]]], verdicts: list[int], c: float
) -> tuple[object, dict[str, float], list[str]]:
    """Fit the three-class model on featurised rows; return (model, idf, cue names)."""
    from sklearn.linear_model import LogisticRegression

    idf = idf_table([words for words, _ in rows])
    cues = sorted({cue for _, present in rows for cue in present})
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(_matrix(rows, idf, cues), verdicts)
    return model, idf, cues


def _out_of_fold(
    featurised: list[tuple[list[str], set[str]]],
    verdicts: list[int],
    folds: list[list[int]],
    c: float,
) -> list[float]:
    """Return each row's check-worthy probability from the model fitted without its fold."""
    scores = [0.0] * len(featurised)
    for fold in folds:
        held = set(fold)
        train = [i for i in range(len(featurised)) if i not in held]
        model, idf, cues = _fit([featurised[i] for i in train], [verdicts[i] for i in train], c)
        probabilities = model.predict_proba(_matrix([featurised[i] for i in fold], idf, cues))
        column = list(model.classes_).index(CHECK_WORTHY)
        for i, p in zip(fold, probabilities[:, column], strict=True):
            scores[i] = float(p)
    return scores


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


def fit(records: list[tuple[str, int, str]]) -> dict[str, object]:
    """Choose C and the threshold by cross-validation over debates, refit on all rows.

    C maximises the average precision of the out-of-fold scores (a ranking measure that
    does not hang on one threshold); the threshold maximises their F1 at that C.
    """
    featurised = [(feats.words, feats.cues) for feats in (features(t) for t, _, _ in records)]
    verdicts = [verdict for _, verdict, _ in records]
    labels = [int(verdict == CHECK_WORTHY) for verdict in verdicts]
    folds = debate_folds([debate for _, _, debate in records])
    best: tuple[float, float, float, float] = (1.0, 0.5, -1.0, -1.0)
    for c in C_VALUES:
        scores = _out_of_fold(featurised, verdicts, folds, c)
        precision = _average_precision(scores, labels)
        threshold, f1 = _best_f1_threshold(scores, labels)
        print(f"C={c}: out-of-fold AP {precision:.4f}, F1 {f1:.4f} at threshold {threshold:.2f}")
        if precision > best[3]:
            best = (c, threshold, f1, precision)
    c, threshold, f1, precision = best
    model, idf, cues = _fit(featurised, verdicts, c)
    cfs, ufs, cfs_bias, ufs_bias = _relative_weights(model)
    # Idf is folded into the word weights for the logits and kept as a third value for the
    # length normalisation, which needs every known word, weighted or not.
    words: dict[str, list[float]] = {}
    for i, word in enumerate(idf):
        kept = max(abs(cfs[i]), abs(ufs[i])) * idf[word] >= MIN_WEIGHT
        worthy = round(float(cfs[i] * idf[word]), 4) if kept else 0.0
        unimportant = round(float(ufs[i] * idf[word]), 4) if kept else 0.0
        words[word] = [worthy, unimportant, idf[word]]
    cue_weights = {
        cue: [round(float(cfs[len(idf) + i]), 4), round(float(ufs[len(idf) + i]), 4)]
        for i, cue in enumerate(cues)
    }
    print(f"chose C={c}, threshold {threshold:.2f} (out-of-fold F1 {f1:.3f}, AP {precision:.3f})")
    return {
        "description": "Three-class logistic regression (CFS, UFS, NFS) over "
        "claimcheck.analysis.features: each distinct word once, its idf L2-normalised over "
        "the sentence's known words, plus cues; word values are [CFS, UFS, idf] with idf "
        "folded into the weights, cue values [CFS, UFS], all relative to NFS; fitted on the "
        "ClaimBuster crowdsourced sentences, evaluation sentences excluded.",
        "bias": [round(cfs_bias, 4), round(ufs_bias, 4)],
        "regularisation_c": c,
        "cross_validation": f"{len(folds)} folds of whole debates",
        "out_of_fold_f1": round(f1, 4),
        "out_of_fold_average_precision": round(precision, 4),
        "suggested_threshold": threshold,
        "words": words,
        "cues": cue_weights,
    }


def data_and_output(argv: list[str] | None, description: str) -> argparse.Namespace:
    """Parse the training commands' arguments: DATA_DIR and -o OUTPUT."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    return parser.parse_args(argv)


def write_table(path: Path, table: dict[str, object]) -> float:
    """Write a weights table as compact, key-sorted JSON; return its size in KiB."""
    path.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n")
    return path.stat().st_size / 1024


def main(argv: list[str] | None = None) -> int:
    """Fit the weights from DATA_DIR and write them as JSON."""
    args = data_and_output(argv, __doc__.splitlines()[0])
    records = training_records(args.data_dir)
    positives = sum(verdict == CHECK_WORTHY for _, verdict, _ in records)
    debates = len({debate for _, _, debate in records})
    print(f"{len(records)} training sentences from {debates} debates, {positives} check-worthy")
    table = fit(records)
    size_kb = write_table(args.output, table)
    print(f"wrote {args.output} ({size_kb:.0f} KiB, {len(table['words'])} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
