"""Training helpers that need no numeric libraries."""

from __future__ import annotations

from pathlib import Path

from claimcheck.analysis import training


def test_debate_folds_keep_each_debate_whole() -> None:
    debates = ["1960-a", "1960-a", "1976-b", "1980-c", "1976-b", "1984-d", "", ""]
    folds = training.debate_folds(debates, folds=3)
    assert sorted(i for fold in folds for i in fold) == list(range(len(debates)))
    for fold in folds:
        named = {debates[i] for i in fold} - {""}
        for name in named:
            assert {i for i, d in enumerate(debates) if d == name} <= set(fold)


def test_training_records_carry_the_debate_and_skip_evaluation_sentences(
    tmp_path: Path,
) -> None:
    (tmp_path / "claimbuster-labels.csv").write_text(
        "Sentence_id,Text,File_id,Verdict\n"
        "1,Taxes rose.,1988-09-25.txt,1\n"
        "2,Hello there.,1988-09-25.txt,-1\n"
        "3,Jobs fell.,2016-10-09.txt,0\n",
        encoding="utf-8",
    )
    (tmp_path / "checkthat-test.tsv").write_text(
        "Sentence_id\tText\tclass_label\n1\tjobs  FELL.\tYes\n", encoding="utf-8"
    )
    assert training.training_records(tmp_path) == [
        ("Taxes rose.", 1, "1988-09-25.txt"),
        ("Hello there.", -1, "1988-09-25.txt"),
    ]
    assert training.training_rows(tmp_path) == [("Taxes rose.", 1), ("Hello there.", -1)]


def test_best_f1_threshold_and_average_precision() -> None:
    scores = [0.9, 0.8, 0.3, 0.2]
    labels = [1, 0, 1, 0]
    threshold, f1 = training._best_f1_threshold(scores, labels)
    assert (threshold, round(f1, 3)) == (0.21, 0.8)
    assert training._average_precision(scores, labels) == (1 / 1 + 2 / 3) / 2


def test_tables_are_written_compact_and_sorted(tmp_path: Path) -> None:
    args = training.data_and_output(["data", "-o", str(tmp_path / "w.json")], "fit")
    assert (args.data_dir, args.output) == (Path("data"), tmp_path / "w.json")
    size_kb = training.write_table(args.output, {"b": [1.5], "a": 2})
    assert args.output.read_text(encoding="utf-8") == '{"a":2,"b":[1.5]}\n'
    assert size_kb == args.output.stat().st_size / 1024
