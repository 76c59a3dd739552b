"""Decoding plain-text files in whatever encoding they were saved with."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from claimcheck.importing.records import DocumentError

NOT_TEXT = (
    "This file doesn't look like text: it may be a program, an image or a damaged file. "
    "Save the article as plain text (.txt) and upload it again."
)

# Longest first, so the UTF-32 LE mark is not mistaken for the UTF-16 LE mark it starts with.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Unicode's control characters (category Cc) other than tab, line breaks and form feed.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# Real text has almost no control characters; a file with more than this share is binary.
_MAX_CONTROL_SHARE = 0.01


def encoding_from_byte_order_mark(data: bytes) -> str | None:
    """Return the codec a byte order mark at the start of data announces, if any."""
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return codec
    return None


def decode_text(data: bytes) -> str:
    """Return data decoded as text, or raise DocumentError if it is not text."""
    codec = encoding_from_byte_order_mark(data)
    if codec is not None:
        text = _decode_strictly(data, codec)
    elif b"\x00" in data:
        # Without a byte order mark, NUL bytes mean binary data (UTF-16 without a mark is
        # refused too: it cannot be told apart from binary reliably).
        raise DocumentError(NOT_TEXT)
    else:
        text = _decode_without_mark(data)
    if text is None or _mostly_control_characters(text):
        raise DocumentError(NOT_TEXT)
    return text


def _decode_strictly(data: bytes, codec: str) -> str | None:
    """Return data decoded with codec, or None if it is not valid in that codec."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _decode_without_mark(data: bytes) -> str | None:
    """Return data decoded with the encoding it most probably uses, or None if none fits."""
    # Valid UTF-8 is almost never an accident, and guessing on short ASCII-like input can
    # pick an exotic code page, so UTF-8 is tried before any guess.
    text = _decode_strictly(data, "utf-8")
    if text is not None:
        return text
    best = charset_normalizer.from_bytes(data).best()
    western = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    # On short samples several code pages look equally clean and the detector picks one
    # arbitrarily (Big5 for a German sentence with two umlauts). Windows-1252 is the legacy
    # encoding news copy most often arrives in, and the one browsers assume, so it wins ties.
    if western is not None and (best is None or western.chaos <= best.chaos):
        return str(western)
    return None if best is None else str(best)


def _mostly_control_characters(text: str) -> bool:
    """Return whether text holds more control characters than any real text does."""
    controls = len(_CONTROL_CHARACTER.findall(text))
    return controls > len(text) * _MAX_CONTROL_SHARE
