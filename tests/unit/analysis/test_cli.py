"""The command-line contract: extract and classify."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimcheck.analysis.cli import main

ARTICLE = (
    Path(__file__).resolve().parents[3] / "claimcheck" / "demo" / "afghanistan-withdrawal-2021.txt"
)


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make data the process's standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_extract_prints_claims_as_json_array(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(ARTICLE)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records
    assert all(r["is_claim"] for r in records)
    taliban = next(r for r in records if "85%" in r["text"])
    assert taliban["attribution"] == {
        "kind": "named",
        "source": "the Taliban",
        "cue": "claim",
        "quote": False,
    }


def test_extract_all_lists_every_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(ARTICLE), "--all", "--published", "2021-09-19"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[0]["text"] == "September 19, 2021"
    assert not records[0]["is_claim"]


def test_extract_reads_stdin_with_bom(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, "\ufeffInflation rose to 7% in 2021, officials said.".encode())
    assert main(["extract", "-"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["start"] == 0
    assert record["dates"] == ["2021"]


def test_missing_file_fails_with_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_undecodable_file_fails_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    assert main(["extract", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_classify_writes_one_line_per_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"id": 1, "text": "Unemployment fell to 3.5% in 2019."},
        {"id": "b", "text": "Thank you, it is great to be here."},
    ]
    feed_stdin(monkeypatch, "".join(json.dumps(x) + "\n" for x in lines).encode())
    assert main(["classify"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == [1, "b"]
    assert [o["is_claim"] for o in out] == [True, False]
    assert set(out[0]) == {"id", "score", "is_claim"}


@pytest.mark.parametrize(
    "line", [b"not json\n", b'{"id": 1}\n', b'{"text": "x"}\n', b"[1, 2]\n", b"\xff\xfe\n"]
)
def test_classify_rejects_bad_line_with_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: bytes
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line), encoding="utf-8"))
    assert main(["classify"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("claimcheck: error: line 1")
    assert err.count("\n") == 1


def test_bad_published_date_exits_2() -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["extract", str(ARTICLE), "--published", "2021-13-40"])
    assert stopped.value.code == 2
