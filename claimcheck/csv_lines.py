"""Rows as CSV text one line at a time, for downloads that stream."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator


def csv_lines(rows: Iterable[Iterable[str]]) -> Iterator[str]:
    """Each row as one RFC 4180 line (CRLF included), ready to send as it is made."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
