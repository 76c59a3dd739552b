"""Turning an upload or pasted text into an ImportedDocument: limits, format, reader."""

from __future__ import annotations

from claimcheck.importing.finishing import finish_document
from claimcheck.importing.formats import detect_format
from claimcheck.importing.pdf_documents import read_pdf
from claimcheck.importing.plain_text import decode_text
from claimcheck.importing.records import (
    DocumentError,
    ImportedDocument,
    ImportLimits,
    describe_size,
)
from claimcheck.importing.web_pages import read_html
from claimcheck.importing.word_documents import read_docx


def read_document(filename: str, data: bytes, limits: ImportLimits) -> ImportedDocument:
    """Return the text and metadata of an uploaded file, or raise DocumentError."""
    # Size first: nothing below should ever see more bytes than the limit allows.
    if len(data) > limits.max_upload_bytes:
        raise DocumentError(
            f"This file is {describe_size(len(data))}; the largest file we accept is "
            f"{describe_size(limits.max_upload_bytes)}."
        )
    if not data.strip():
        raise DocumentError("This file is empty: it has no text to check.")
    source_format = detect_format(filename, data)
    if source_format == "pdf":
        document = read_pdf(data)
    elif source_format == "docx":
        document = read_docx(data, limits)
    elif source_format == "html":
        document = read_html(data)
    else:
        document = ImportedDocument(text=decode_text(data), source_format="txt")
    return finish_document(document, limits)


def read_pasted_text(text: str, limits: ImportLimits) -> ImportedDocument:
    """Return pasted text as a document, or raise DocumentError if it is empty or too long."""
    return finish_document(ImportedDocument(text=text, source_format="paste"), limits)
