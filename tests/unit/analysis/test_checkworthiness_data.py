"""Check-worthiness quality on the development data, when it is present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.analysis.extraction import classify

DATA = Path(__file__).resolve().parents[4] / "shared" / "claimdata"


@pytest.mark.skipif(not DATA.is_dir(), reason="development data ../shared/claimdata is absent")
def test_claimbuster_dev_f1_beats_floor() -> None:
    lines = (DATA / "claimbuster-dev.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    tp = fp = fn = 0
    for row in rows:
        predicted = classify(row["text"])[1]
        actual = row["label"] == "CFS"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 > 0.6
