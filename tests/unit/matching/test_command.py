"""The command-line contract of ``python -m claimcheck match``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.analysis.cli import main

ROOT = Path(__file__).resolve().parents[3]
CLAIMS = [
    {"id": "taliban", "text": "The Taliban control 85% of Afghan territory.", "title": "Taliban"},
    {"id": 7, "text": "Nabisco moved all production of Oreo cookies to Mexico."},
    {"id": "wall", "text": "Mexico agreed to pay for the border wall.", "title": None},
]


def write_index(folder: Path, records: list[object]) -> Path:
    path = folder / "claims.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make data the process's standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def queries(*records: object) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def output_lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_each_query_gets_one_line_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    index = write_index(tmp_path, CLAIMS)
    feed_stdin(
        monkeypatch,
        queries(
            {"id": "q1", "text": "Oreo cookies are now made in Mexico"},
            {"id": 2, "text": "The moon is made of cheese"},
            {"id": None, "text": "Taliban control 85 percent of Afghan territory"},
        ),
    )
    assert main(["match", "--index", str(index)]) == 0
    lines = output_lines(capsys)
    assert [line["id"] for line in lines] == ["q1", 2, None]
    assert [m["id"] for m in lines[0]["matches"]] == [7]  # the id keeps its JSON type
    assert lines[1]["matches"] == []
    assert lines[2]["matches"][0]["id"] == "taliban"
    assert 0.0 < lines[2]["matches"][0]["score"] <= 1.0


def test_threshold_option_filters_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    index = write_index(tmp_path, CLAIMS)
    feed_stdin(monkeypatch, queries({"id": 1, "text": "Mexico"}))
    assert main(["match", "--index", str(index), "--threshold", "0"]) == 0
    (loose,) = output_lines(capsys)
    feed_stdin(monkeypatch, queries({"id": 1, "text": "Mexico"}))
    assert main(["match", "--index", str(index), "--threshold", "0.99"]) == 0
    (strict,) = output_lines(capsys)
    assert len(loose["matches"]) == 2
    assert strict["matches"] == []


def test_at_most_five_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = [{"id": n, "text": f"Mexico will pay for wall number {n}"} for n in range(9)]
    index = write_index(tmp_path, claims)
    feed_stdin(monkeypatch, queries({"id": 1, "text": "Mexico will pay for the wall"}))
    assert main(["match", "--index", str(index), "--threshold", "0"]) == 0
    (line,) = output_lines(capsys)
    assert len(line["matches"]) == 5


def test_empty_index_answers_every_query_with_no_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    index = write_index(tmp_path, [])
    feed_stdin(monkeypatch, queries({"id": "a", "text": "Anything"}, {"id": "b", "text": ""}))
    assert main(["match", "--index", str(index)]) == 0
    assert output_lines(capsys) == [{"id": "a", "matches": []}, {"id": "b", "matches": []}]


def test_bad_query_line_stops_with_exit_2_after_earlier_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    index = write_index(tmp_path, CLAIMS)
    good = json.dumps({"id": "ok", "text": "Oreo cookies are now made in Mexico"})
    feed_stdin(monkeypatch, f"{good}\n\n{{not json\n{good}\n".encode())
    assert main(["match", "--index", str(index)]) == 2
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["ok"]
    assert captured.err.startswith("claimcheck: error: stdin line 3: invalid JSON (")
    assert captured.err.count("\n") == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"id": 1}', 'expected an object with "id" and "text"'),
        (b'["id", "text"]', 'expected an object with "id" and "text"'),
        (b'{"id": 1, "text": 5}', '"text" must be a string'),
        (b'{"id": 1, "text": "caf\xe9"}', "not UTF-8"),
    ],
)
def test_malformed_queries_are_named_on_stderr(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    line: bytes,
    message: str,
) -> None:
    index = write_index(tmp_path, CLAIMS)
    feed_stdin(monkeypatch, line + b"\n")
    assert main(["match", "--index", str(index)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "stdin line 1" in err
    assert message in err


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "line 2: duplicate id 'a'"),
        ([{"id": 1.5, "text": "x"}], '"id" must be a string or integer'),
        ([{"id": "a", "text": "x", "title": 3}], '"title" must be a string'),
        (["just a string"], 'expected an object with "id" and "text"'),
    ],
)
def test_bad_index_lines_are_named_on_stderr(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    records: list[object],
    message: str,
) -> None:
    index = write_index(tmp_path, records)
    feed_stdin(monkeypatch, queries({"id": 1, "text": "x"}))
    assert main(["match", "--index", str(index)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert str(index) in captured.err


def test_missing_index_file_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["match", "--index", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot read" in err


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_threshold_must_be_a_score(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["match", "--index", "claims.jsonl", "--threshold", value])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_module_entry_point_streams_json_lines(tmp_path: Path) -> None:
    index = write_index(tmp_path, CLAIMS)
    data = queries({"id": "q", "text": "Oreo cookies are now made in Mexico"}) + b"oops\n"
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck", "match", "--index", str(index)],
        input=data,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    answer = json.loads(result.stdout)
    assert answer["id"] == "q"
    assert [m["id"] for m in answer["matches"]] == [7]
    assert result.stderr.decode().startswith("claimcheck: error: stdin line 2: invalid JSON")
    assert b"Traceback" not in result.stderr
