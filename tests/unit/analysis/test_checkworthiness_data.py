"""Check-worthiness quality on the development data, when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.analysis import datasets
from claimcheck.analysis.extraction import classify

DATA = Path(__file__).resolve().parents[4] / "shared" / "claimdata"


def _expert_rows() -> list[datasets.Labelled]:
    """Return the expert-labelled sentences, or skip saying why they are missing."""
    if not DATA.is_dir():
        pytest.skip(f"development data folder {DATA} is absent")
    sets = datasets.expert_sets(DATA)
    if not sets:
        pytest.skip(f"no {datasets.EXPERT_PATTERN} file in {DATA}")
    return [row for rows in sets.values() for row in rows]


def test_claimbuster_dev_f1_beats_floor() -> None:
    tp = fp = fn = 0
    for row in _expert_rows():
        predicted = classify(row.text)[1]
        tp += predicted and row.positive
        fp += predicted and not row.positive
        fn += row.positive and not predicted
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 > 0.85


def test_training_data_is_found_by_format() -> None:
    if not DATA.is_dir():
        pytest.skip(f"development data folder {DATA} is absent")
    path = datasets.training_file(DATA)
    assert path is not None
    verdicts = {verdict for _, verdict in datasets.crowd_labelled(DATA)}
    assert verdicts == {-1, 0, 1}
