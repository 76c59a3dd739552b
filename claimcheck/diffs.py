"""Word-level differences between two versions of a text; plain Python."""

import re
from difflib import SequenceMatcher

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

# Words, runs of whitespace and single punctuation marks: a changed comma shows as a comma,
# not as the whole word beside it.
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _tokens(text: str) -> list[str]:
    """Split `text` into tokens that join back to exactly `text`."""
    return _TOKEN.findall(text)


def word_diff(old: str | None, new: str | None) -> list[tuple[str, str]]:
    """Segments (op, text) turning `old` into `new`; equal+delete rebuild old, equal+insert new."""
    old_tokens, new_tokens = _tokens(old or ""), _tokens(new or "")
    # autojunk would treat frequent tokens (spaces, "the") as junk in texts over 200 tokens,
    # which makes long diffs needlessly coarse.
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    opcodes = matcher.get_opcodes()

    segments: list[tuple[str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            _append(segments, DELETE, "".join(deleted))
        if inserted:
            _append(segments, INSERT, "".join(inserted))
        deleted.clear()
        inserted.clear()

    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == EQUAL:
            text = "".join(old_tokens[i1:i2])
            between_changes = (deleted or inserted) and index + 1 < len(opcodes)
            # A lone space between two changed words reads better inside the change:
            # "quick brown" -> "slow red" rather than quick/slow, space, brown/red.
            if between_changes and text.isspace():
                deleted.append(text)
                inserted.append(text)
                continue
            flush()
            _append(segments, EQUAL, text)
        else:
            deleted.extend(old_tokens[i1:i2])
            inserted.extend(new_tokens[j1:j2])
    flush()
    return segments


def _append(segments: list[tuple[str, str]], op: str, text: str) -> None:
    """Add a segment, merging it into the previous one when the op is the same."""
    if segments and segments[-1][0] == op:
        segments[-1] = (op, segments[-1][1] + text)
    else:
        segments.append((op, text))


def has_changes(old: str | None, new: str | None) -> bool:
    """Whether the two texts differ at all, None counting as empty."""
    return (old or "") != (new or "")
