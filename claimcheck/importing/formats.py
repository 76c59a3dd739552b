"""Deciding a file's format from its content, with the file name's extension only as a hint."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from claimcheck.importing.plain_text import encoding_from_byte_order_mark
from claimcheck.importing.records import DocumentError

SUPPORTED_FORMATS = (
    "We can read plain text (.txt), web pages (.html), Word documents (.docx) and PDFs (.pdf)."
)

TEXT_EXTENSIONS = frozenset({"", ".txt", ".text", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})

# PDF readers accept the header anywhere in the first kilobyte, after junk some tools prepend.
_PDF_SIGNATURE = b"%PDF-"
_PDF_HEADER_WINDOW = 1024
_ZIP_SIGNATURE = b"PK\x03\x04"
_WORD_BODY = "word/document.xml"
_OLD_WORD_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

DAMAGED_WORD_DOCUMENT = (
    "This Word document is damaged and can't be opened. "
    "Open it in Word, save it again and upload the new copy."
)

_HTML_SNIFF_WINDOW = 1024
# Tags that open real pages; plain text starts with a word, not with one of these.
_LEADING_HTML_TAG = re.compile(
    r"(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h[1-6])"
    r"[\s>/]",
    re.DOTALL,
)
_HTML_ANYWHERE_NEAR_START = re.compile(r"<(?:html|body)[\s>]")


def detect_format(filename: str, data: bytes) -> str:
    """Return "pdf", "docx", "html" or "txt" for the data, or raise DocumentError.

    The content decides. An extension that names another format we read is ignored (a
    Word document saved as "report.pdf" is read as Word), but a file named .pdf or .docx
    whose content is not a document of any kind is refused rather than read as text.
    """
    extension = PurePath(filename).suffix.lower()
    if _PDF_SIGNATURE in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(_ZIP_SIGNATURE):
        return _zip_format(data, extension)
    if data.startswith(_OLD_WORD_SIGNATURE):
        raise DocumentError(
            "This is an older Word (.doc) file, which we can't read. "
            "Save it as .docx or PDF and upload it again."
        )
    if extension == ".pdf":
        raise DocumentError("This file is named .pdf but isn't a PDF; it may be damaged.")
    if extension == ".docx":
        raise DocumentError(
            "This file is named .docx but isn't a Word document; it may be damaged."
        )
    if looks_like_html(data):
        return "html"
    if extension in HTML_EXTENSIONS:
        return "html"
    if extension in TEXT_EXTENSIONS:
        return "txt"
    raise DocumentError(f"We can't read {extension} files. {SUPPORTED_FORMATS}")


def looks_like_html(data: bytes) -> bool:
    """Return whether the start of data is HTML markup."""
    start = _sniffable_start(data)
    return bool(_LEADING_HTML_TAG.match(start) or _HTML_ANYWHERE_NEAR_START.search(start))


def _sniffable_start(data: bytes) -> str:
    """Return the first kilobyte of data lower-cased, decoded just well enough to find tags."""
    window = data[: _HTML_SNIFF_WINDOW * 4]
    codec = encoding_from_byte_order_mark(window) or "utf-8"
    # Cutting the window may split a character; "ignore" only loses that character.
    return window.decode(codec, errors="ignore")[:_HTML_SNIFF_WINDOW].lstrip().lower()


def _zip_format(data: bytes, extension: str) -> str:
    """Return "docx" for a Word document, or raise DocumentError for any other zip file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        if extension == ".docx":
            raise DocumentError(DAMAGED_WORD_DOCUMENT) from error
        raise DocumentError(
            f"This looks like a damaged zip archive. {SUPPORTED_FORMATS}"
        ) from error
    if _WORD_BODY in names:
        return "docx"
    if extension == ".docx":
        raise DocumentError(
            "This file is named .docx but isn't a Word document; it may be damaged."
        )
    raise DocumentError(f"This is a zip archive, not a document. {SUPPORTED_FORMATS}")
