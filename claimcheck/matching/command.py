"""The ``match`` subcommand of ``python -m claimcheck``.

Contract: ``match --index FILE [--threshold X] [--lexical]`` reads checked claims as JSON
lines ``{"id", "text", "title"?}`` from FILE, then reads query lines ``{"id", "text"}`` from
standard input and writes one line per query, in order and flushed at once:
``{"id": ..., "matches": [{"id": ..., "score": ...}, ...]}`` with the best five claims
scoring at least the threshold (an empty list when none does). Blank lines are skipped.

When the semantic extra is installed (and CLAIMCHECK_SEMANTIC is not 0), the scores come
from the semantic re-ranker and the default threshold is SEMANTIC_THRESHOLD; ``--lexical``
keeps to the lexical matcher and DEFAULT_THRESHOLD. The output has the same form either way.

A line that cannot be used (not UTF-8, not JSON, not an object with a string "text" and
an "id"; a claim id that is not a string or integer, or appears twice) stops the run:
one line on standard error names the file and line, and the exit code is 2. Answers to
earlier queries have already been written, so a caller can tell where it stopped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from claimcheck.matching.index import ClaimIndex, Reranker
from claimcheck.matching.scoring import DEFAULT_THRESHOLD, MatchSettings
from claimcheck.matching.semantic import SEMANTIC_THRESHOLD, default_reranker

EXIT_BAD_INPUT = 2
MATCH_LIMIT = 5


class MatchInputError(Exception):
    """An index or query line that cannot be used."""


def _records(lines: Iterable[bytes], source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object with a string "text" and an "id") for non-blank lines."""
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise MatchInputError(f"{source} line {number}: not UTF-8 text") from error
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise MatchInputError(f"{source} line {number}: invalid JSON ({error.msg})") from error
        if not isinstance(record, dict) or "id" not in record or "text" not in record:
            raise MatchInputError(
                f'{source} line {number}: expected an object with "id" and "text"'
            )
        if not isinstance(record["text"], str):
            raise MatchInputError(f'{source} line {number}: "text" must be a string')
        yield number, record


def load_index(
    path: str, settings: MatchSettings, reranker: Reranker | None = None
) -> tuple[ClaimIndex, dict[str, Any]]:
    """Build an index from a JSON-lines file; return it with each claim's id as written."""
    index = ClaimIndex(settings=settings, reranker=reranker)
    original_ids: dict[str, Any] = {}
    try:
        with Path(path).open("rb") as lines:
            for number, record in _records(lines, path):
                claim_id = record["id"]
                if isinstance(claim_id, bool) or not isinstance(claim_id, str | int):
                    raise MatchInputError(f'{path} line {number}: "id" must be a string or integer')
                title = record.get("title")
                if title is not None and not isinstance(title, str):
                    raise MatchInputError(f'{path} line {number}: "title" must be a string')
                key = str(claim_id)
                if key in original_ids:
                    raise MatchInputError(f"{path} line {number}: duplicate id {key!r}")
                original_ids[key] = claim_id
                index.add(key, record["text"], title or "")
    except OSError as error:
        raise MatchInputError(f"cannot read {path}: {error.strerror or error}") from error
    return index, original_ids


def run_match(args: argparse.Namespace, out: TextIO) -> int:
    """Answer each query line on stdin with the claims it matches."""
    try:
        floor = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
        settings = MatchSettings(threshold=floor)
        reranker = None if args.lexical else default_reranker(args.threshold)
        index, original_ids = load_index(args.index, settings, reranker)
        for _, record in _records(sys.stdin.buffer, "stdin"):
            matches = index.search(record["text"], limit=MATCH_LIMIT)
            found = [{"id": original_ids[m.id], "score": m.score} for m in matches]
            out.write(json.dumps({"id": record["id"], "matches": found}, ensure_ascii=False))
            out.write("\n")
            # Callers may send one query and wait for its answer.
            out.flush()
    except MatchInputError as error:
        print(f"claimcheck: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _threshold(value: str) -> float:
    """Parse a score between 0 and 1."""
    try:
        number = float(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from error
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {value!r}")
    return number


def add_match_command(commands: argparse._SubParsersAction) -> None:
    """Register the match command."""
    parser = commands.add_parser(
        "match", help="find checked claims saying what JSON-line queries {id, text} say"
    )
    parser.add_argument(
        "--index", required=True, metavar="FILE", help='JSON lines {"id", "text", "title"?}'
    )
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=None,
        help=(
            f"lowest score reported, 0 to 1 (default {DEFAULT_THRESHOLD} lexical, "
            f"{SEMANTIC_THRESHOLD} semantic)"
        ),
    )
    parser.add_argument(
        "--lexical",
        action="store_true",
        help="match by words alone even when the semantic extra is installed",
    )
    parser.set_defaults(run=run_match)
