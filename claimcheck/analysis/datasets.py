"""Find and read the labelled development data in a data folder, by file format.

Training (training.py), the bench and the data tests share these loaders, so files are
recognised by pattern and columns rather than by exact name.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import NamedTuple

# The crowd-labelled sentences: a CSV whose header has a Verdict column.
TRAINING_PATTERN = "claimbuster*.csv"
# The expert-labelled sentences of the same dataset (label CFS / UFS / NFS).
EXPERT_PATTERN = "claimbuster*.jsonl"
# CheckThat! sentence sets: tab-separated, with Text and class_label (Yes / No).
CHECKTHAT_PATTERN = "checkthat*.tsv"
# CLEF debate transcripts, line by line, with debate and label (1 = worth checking).
DEBATES_PATTERN = "clef*debates*.jsonl"


class Labelled(NamedTuple):
    """One labelled sentence; group is the debate (or source file) it comes from."""

    text: str
    positive: bool
    group: str


def _matching(data_dir: Path, pattern: str) -> list[Path]:
    """Return the files of data_dir that match pattern, sorted by name."""
    return sorted(path for path in data_dir.glob(pattern) if path.is_file())


def _jsonl(path: Path) -> list[dict]:
    """Return the records of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _tsv(path: Path) -> list[dict[str, str]]:
    """Return the rows of a tab-separated file with a header line."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def training_file(data_dir: Path) -> Path | None:
    """Return the crowd-labelled CSV of data_dir (the one with a Verdict column), if any."""
    for path in _matching(data_dir, TRAINING_PATTERN):
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        if "Verdict" in header and "Text" in header:
            return path
    return None


def crowd_labelled(data_dir: Path) -> list[tuple[str, int]]:
    """Return (sentence, verdict) pairs: 1 check-worthy, 0 unimportant, -1 non-factual."""
    path = training_file(data_dir)
    if path is None:
        raise FileNotFoundError(f"no {TRAINING_PATTERN} with a Verdict column in {data_dir}")
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["Text"], int(row["Verdict"])) for row in csv.DictReader(handle)]


def expert_sets(data_dir: Path) -> dict[str, list[Labelled]]:
    """Return the expert-labelled sets by file stem; CFS is the positive class."""
    return {
        path.stem: [Labelled(r["text"], r["label"] == "CFS", r.get("file_id", "")) for r in rows]
        for path in _matching(data_dir, EXPERT_PATTERN)
        if (rows := _jsonl(path)) and "label" in rows[0] and "text" in rows[0]
    }


def checkthat_sets(data_dir: Path) -> dict[str, list[Labelled]]:
    """Return the CheckThat! sets by file stem; Yes is the positive class."""
    return {
        path.stem: [Labelled(r["Text"], r["class_label"] == "Yes", "") for r in rows]
        for path in _matching(data_dir, CHECKTHAT_PATTERN)
        if (rows := _tsv(path)) and "class_label" in rows[0]
    }


def debate_sets(data_dir: Path) -> dict[str, list[Labelled]]:
    """Return the CLEF debate sets by file stem, lines in transcript order."""
    return {
        path.stem: [Labelled(r["text"], r["label"] == 1, r["debate"]) for r in rows]
        for path in _matching(data_dir, DEBATES_PATTERN)
        if (rows := _jsonl(path)) and "debate" in rows[0]
    }


def evaluation_texts(data_dir: Path) -> list[str]:
    """Return every sentence of the evaluation sets in data_dir (never used for training)."""
    sets = {**expert_sets(data_dir), **checkthat_sets(data_dir), **debate_sets(data_dir)}
    return [row.text for rows in sets.values() for row in rows]
