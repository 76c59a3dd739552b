"""Responses the browser saves as a file rather than shows."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response


def attachment(body: bytes | str | Iterable, mimetype: str, filename: str) -> Response:
    """`body` (bytes, text, or chunks to stream) sent as a file named `filename`.

    `filename` must already be safe in a header: callers build it, never copy user text.
    """
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
