"""Fit the sentence-embedding head of semantic_scoring.py and its blend with the core score.

Usage (needs the semantic extra for the encoder, and scikit-learn):
    python -m claimcheck.analysis.semantic_training DATA_DIR \\
        -o claimcheck/analysis/data/checkworthiness_semantic.json

The training sentences, their debate folds and the evaluation sentences left out are those
of training.py. The core model is refitted fold by fold with the shipped regularisation, so
that each training sentence gets a core score from a model that never saw its debate; the
head's out-of-fold probabilities are made the same way. The blend weight maximises the
average precision of the blended out-of-fold scores, and the threshold their F1.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from claimcheck.analysis import training
from claimcheck.analysis.checkworthiness import WEIGHTS_PATH
from claimcheck.analysis.features import features
from claimcheck.analysis.semantic_scoring import Encode, blend

BLEND_WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))
HEAD_C = 1.0


def _blend(core: Sequence[float], embedded: Sequence[float], weight: float) -> list[float]:
    """Blend two probability lists as the app does, item by item."""
    return [blend(c, e, weight) for c, e in zip(core, embedded, strict=True)]


def choose_blend(
    core: Sequence[float], embedded: Sequence[float], labels: Sequence[int]
) -> tuple[float, float, float, float]:
    """Return (weight, threshold, F1, AP) of the blend weight with the best average precision."""
    best = (0.0, 0.5, -1.0, -1.0)
    for weight in BLEND_WEIGHTS:
        scores = _blend(core, embedded, weight)
        precision = training._average_precision(scores, list(labels))
        threshold, f1 = training._best_f1_threshold(scores, list(labels))
        print(f"blend {weight:.1f}: out-of-fold AP {precision:.4f}, F1 {f1:.4f} at {threshold:.2f}")
        if precision > best[3]:
            best = (weight, threshold, f1, precision)
    return best


def fit(records: list[tuple[str, int, str]], encode: Encode, model_name: str) -> dict[str, object]:
    """Fit the head, choose the blend and threshold, and return the weights table."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    verdicts = [verdict for _, verdict, _ in records]
    labels = [int(verdict == training.CHECK_WORTHY) for verdict in verdicts]
    folds = training.debate_folds([debate for _, _, debate in records])
    c = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["regularisation_c"]
    featurised = [(f.words, f.cues) for f in (features(text) for text, _, _ in records)]
    core = training._out_of_fold(featurised, verdicts, folds, c)
    vectors = np.asarray(encode([text for text, _, _ in records]), dtype=np.float64)
    targets = np.asarray(verdicts)

    def head() -> LogisticRegression:
        return LogisticRegression(C=HEAD_C, max_iter=3000)

    embedded = [0.0] * len(records)
    for fold in folds:
        train = np.ones(len(records), dtype=bool)
        train[fold] = False
        fitted = head().fit(vectors[train], targets[train])
        column = list(fitted.classes_).index(training.CHECK_WORTHY)
        for i, p in zip(fold, fitted.predict_proba(vectors[fold])[:, column], strict=True):
            embedded[i] = float(p)
    weight, threshold, f1, precision = choose_blend(core, embedded, labels)
    core_precision = training._average_precision(core, labels)
    worthy, unimportant, worthy_bias, unimportant_bias = training._relative_weights(
        head().fit(vectors, targets)
    )
    print(
        f"chose blend {weight:.1f}, threshold {threshold:.2f} (out-of-fold F1 {f1:.3f}, "
        f"AP {precision:.3f}; core alone AP {core_precision:.3f})"
    )
    return {
        "description": "Three-class logistic regression (CFS, UFS, NFS) over the sentence "
        "embedding, weights relative to NFS; its check-worthy probability is blended with "
        "the core score in logit space: (1 - blend) * core + blend * embedding.",
        "model": model_name,
        "worthy": [round(float(w), 6) for w in worthy],
        "unimportant": [round(float(w), 6) for w in unimportant],
        "bias": [round(worthy_bias, 6), round(unimportant_bias, 6)],
        "blend": weight,
        "regularisation_c": HEAD_C,
        "cross_validation": f"{len(folds)} folds of whole debates",
        "out_of_fold_f1": round(f1, 4),
        "out_of_fold_average_precision": round(precision, 4),
        "core_out_of_fold_average_precision": round(core_precision, 4),
        "suggested_threshold": threshold,
    }


def main(argv: list[str] | None = None) -> int:
    """Fit the head from DATA_DIR with the semantic extra's encoder and write it as JSON."""
    from claimcheck.matching.semantic import load_encoder

    args = training.data_and_output(argv, __doc__.splitlines()[0])
    records = training.training_records(args.data_dir)
    print(f"{len(records)} training sentences; encoding them takes a few minutes")
    encoder = load_encoder()
    table = fit(records, encoder.encode, encoder.name)
    size_kb = training.write_table(args.output, table)
    print(f"wrote {args.output} ({size_kb:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
