"""The scorer and its parameters file."""

from __future__ import annotations

import json
import math
from pathlib import Path

from claimcheck.analysis import checkworthiness as cw
from claimcheck.analysis import datasets
from claimcheck.analysis.features import NUMBER_TOKEN, features, tokenise


def test_weights_file_stays_under_five_megabytes() -> None:
    assert cw.WEIGHTS_PATH.stat().st_size < 5 * 2**20


def test_score_is_softmax_of_length_normalised_word_and_cue_logits(tmp_path: Path) -> None:
    table = {
        "bias": [-1.0, 0.5],
        "words": {
            "taxes": [2.0, 0.0, 2.0],
            "taxes rose": [1.0, -1.0, 3.0],
            "rose": [0.0, 0.0, 1.5],
        },
        "cues": {"#comparison": [0.5, 0.25]},
    }
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    feats = features("taxes rose")
    # Word evidence is divided by the length of the idf vector of the known words, weighted
    # or not ("rose" has no weight but counts in the length).
    norm = math.sqrt(2.0**2 + 3.0**2 + 1.5**2)
    worthy = -1.0 + 0.5 + (2.0 + 1.0) / norm
    unimportant = 0.5 + 0.25 + (0.0 - 1.0) / norm
    expected = 1.0 / (1.0 + math.exp(-worthy) + math.exp(unimportant - worthy))
    assert math.isclose(cw.scorer(path)(feats), expected)


def test_repeated_and_unknown_words_do_not_change_the_score() -> None:
    feats = features("Unemployment rose to 9% last year.")
    score = cw.score_features(feats)
    repeated = feats._replace(words=[*feats.words, "rose", "last year"])
    assert cw.score_features(repeated) == score
    assert cw.score("Unemployment rose to 9% last year qqzx.") == score


def test_threshold_is_the_one_training_suggested() -> None:
    table = json.loads(cw.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert table["suggested_threshold"] == cw.CLAIM_THRESHOLD


def test_tokens_keep_inner_apostrophes_whole_numbers_and_money_signs() -> None:
    assert tokenise("Don't pay $1,200.50 — 'now'?") == ["don't", "pay", "$", "1,200.50", "now", "?"]
    assert tokenise("COVID19 hit 85%.") == ["covid", "19", "hit", "85", "%"]


def test_numbers_share_one_token() -> None:
    assert features("Unemployment is 85% now").words == features("Unemployment is 9% now").words
    assert NUMBER_TOKEN in features("It cost 1,200 dollars").words


def test_statistic_scores_above_greeting() -> None:
    assert cw.score("Unemployment rose to 9% last year.") > cw.CLAIM_THRESHOLD
    assert cw.score("Thank you very much, it is good to be here.") < cw.CLAIM_THRESHOLD


def test_dataset_patterns_find_files_by_format(tmp_path: Path) -> None:
    (tmp_path / "claimbuster-labels.csv").write_text(
        "Sentence_id,Text,Verdict\n1,Taxes rose.,1\n2,Hello.,-1\n", encoding="utf-8"
    )
    (tmp_path / "claimbuster-notes.csv").write_text("Text,Note\nx,y\n", encoding="utf-8")
    (tmp_path / "checkthat-test.tsv").write_text(
        "Sentence_id\tText\tclass_label\n1\tTaxes rose.\tYes\n", encoding="utf-8"
    )
    (tmp_path / "clef-debates-a.jsonl").write_text(
        '{"text": "Taxes rose.", "label": 1, "debate": "d1"}\n', encoding="utf-8"
    )
    assert datasets.training_file(tmp_path) == tmp_path / "claimbuster-labels.csv"
    assert datasets.crowd_labelled(tmp_path) == [("Taxes rose.", 1), ("Hello.", -1)]
    assert datasets.checkthat_sets(tmp_path)["checkthat-test"][0].positive
    assert datasets.debate_sets(tmp_path)["clef-debates-a"][0].group == "d1"
    assert datasets.evaluation_texts(tmp_path) == ["Taxes rose.", "Taxes rose."]
