"""Command line: ``python -m claimcheck extract|classify|match``; runs without a database."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from claimcheck.analysis.extraction import analyse_sentences, classify
from claimcheck.matching.command import add_match_command

EXIT_BAD_INPUT = 2


class InputError(Exception):
    """Input that cannot be read or understood; reported in one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    """Argument parser whose errors are a single line on stderr."""

    def error(self, message: str) -> NoReturn:
        """Print a one-line error and exit with code 2."""
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _read_text(path: str) -> str:
    """Return the UTF-8 text of a file (or stdin for "-"), tolerating a BOM."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path} is not UTF-8 text (byte {error.start})") from error


def _iso_date(value: str) -> date:
    """Parse a YYYY-MM-DD argument."""
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from error


def run_extract(args: argparse.Namespace, out: TextIO) -> int:
    """Print the claim candidates (or every sentence with --all) as a JSON array."""
    candidates = analyse_sentences(_read_text(args.path), args.published)
    chosen = candidates if args.all else [c for c in candidates if c.is_claim]
    json.dump([c.to_dict() for c in chosen], out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0


def run_classify(args: argparse.Namespace, out: TextIO) -> int:
    """Score JSON lines {"id", "text"} from stdin, writing one result line per input line."""
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise InputError(f"line {number}: not UTF-8 text") from error
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"line {number}: invalid JSON ({error.msg})") from error
        if not isinstance(record, dict) or "id" not in record or "text" not in record:
            raise InputError(f'line {number}: expected an object with "id" and "text"')
        if not isinstance(record["text"], str):
            raise InputError(f'line {number}: "text" must be a string')
        probability, is_claim = classify(record["text"])
        result = {"id": record["id"], "score": round(probability, 4), "is_claim": is_claim}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        # Callers stream sentences and wait for each answer, so nothing may sit in a buffer.
        out.flush()
    return 0


def _add_extract(commands: argparse._SubParsersAction) -> None:
    """Register the extract command."""
    parser = commands.add_parser("extract", help="list the claims in a news text")
    parser.add_argument("path", help="UTF-8 text file, or - for standard input")
    parser.add_argument("--published", type=_iso_date, help="publication date, YYYY-MM-DD")
    parser.add_argument("--all", action="store_true", help="list every sentence and line")
    parser.set_defaults(run=run_extract)


def _add_classify(commands: argparse._SubParsersAction) -> None:
    """Register the classify command."""
    parser = commands.add_parser("classify", help="score JSON lines {id, text} from stdin")
    parser.set_defaults(run=run_classify)


# Each entry adds one subcommand; a new command (such as "match") appends its registrar here.
COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_extract,
    _add_classify,
    add_match_command,
]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every registered subcommand."""
    parser = _Parser(prog="claimcheck", description="ClaimCheck text analysis.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for register in COMMANDS:
        register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args, sys.stdout)
    except InputError as error:
        print(f"claimcheck: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
