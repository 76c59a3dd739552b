"""What an import produces, the limits it runs under, and the error it raises."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

SOURCE_FORMATS = ("txt", "html", "docx", "pdf", "paste")

MEGABYTE = 1024 * 1024


class DocumentError(ValueError):
    """A document that cannot be imported; the message is written for the person uploading it."""


@dataclass(frozen=True)
class ImportLimits:
    """Size limits that keep one upload from exhausting memory or time."""

    max_upload_bytes: int = 10 * MEGABYTE
    max_text_chars: int = 200_000
    max_docx_expansion_ratio: int = 20
    """A .docx may unpack to at most this many times its own size..."""
    max_docx_uncompressed_bytes: int = 100 * MEGABYTE
    """...and never to more than this in total, whichever is smaller."""
    docx_expansion_allowance_bytes: int = 4 * MEGABYTE
    """Unpacked totals up to this pass whatever the ratio: small files are harmless and their
    repetitive XML compresses very well (python-docx's own blank template unpacks 22 times)."""
    max_docx_entries: int = 1_000
    """Members in the .docx archive: Word writes a few dozen, so thousands mean a crafted file."""

    def allowed_docx_uncompressed_bytes(self, upload_bytes: int) -> int:
        """Return how many bytes a .docx of this upload size may unpack to."""
        by_ratio = max(
            upload_bytes * self.max_docx_expansion_ratio, self.docx_expansion_allowance_bytes
        )
        return min(by_ratio, self.max_docx_uncompressed_bytes)


@dataclass(frozen=True, kw_only=True)
class ImportedDocument:
    """An article's text and what the file said about it; fields a file did not give are None."""

    text: str
    title: str | None = None
    byline: str | None = None
    published: datetime.date | None = None
    language: str | None = None
    publication: str | None = None
    url: str | None = None
    source_format: str
    """One of SOURCE_FORMATS."""


def describe_size(size_bytes: int) -> str:
    """Return a size for people: whole megabytes when round, else one decimal."""
    megabytes = size_bytes / MEGABYTE
    if megabytes >= 1 and megabytes == int(megabytes):
        return f"{int(megabytes)} MB"
    if megabytes >= 0.1:
        return f"{megabytes:.1f} MB"
    return f"{size_bytes:,} bytes"
