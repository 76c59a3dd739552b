"""Reading the text layer of PDF files."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import TypeVar

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError
from pypdf.generic import NameObject, TextStringObject

from claimcheck.importing.finishing import plausible_date
from claimcheck.importing.records import DocumentError, ImportedDocument

ENCRYPTED = "This PDF is encrypted; remove the password and upload it again."
DAMAGED = "This PDF is damaged and can't be read. Save or export it again and upload the new copy."
NO_TEXT_LAYER = (
    "This PDF has no text layer (it may be a scan or a picture of the page). "
    "Run it through text recognition (OCR) first, or paste the text instead."
)

Value = TypeVar("Value")


def read_pdf(data: bytes) -> ImportedDocument:
    """Return the text layer and document information of a PDF, pages a blank line apart."""
    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(reader)
        pages = [page.extract_text() for page in reader.pages]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        # pypdf reports many kinds of damage as plain Python errors from deep in its parser.
        raise DocumentError(DAMAGED) from error
    text = "\n\n".join(page.strip("\n") for page in pages if page.strip())
    if not text:
        raise DocumentError(NO_TEXT_LAYER)
    information = _quietly(lambda: reader.metadata)
    return ImportedDocument(
        text=text,
        title=_quietly(lambda: information.title) if information else None,
        byline=_quietly(lambda: information.author) if information else None,
        published=_published(reader),
        language=_language(reader),
        source_format="pdf",
    )


def _unlock(reader: PdfReader) -> None:
    """Open an encrypted PDF with the empty password, or raise DocumentError.

    A PDF encrypted with an empty password opens in every viewer without a prompt (the
    encryption only carries restrictions such as "no printing"), so the person uploading it
    sees its text anyway; one that needs a real password is refused.
    """
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except DependencyError as error:
        # AES encryption needs the optional cryptography package.
        raise DocumentError(ENCRYPTED) from error
    if not unlocked:
        raise DocumentError(ENCRYPTED)


def _published(reader: PdfReader) -> datetime.date | None:
    """Return the PDF's creation date, if it carries a plausible one."""
    information = _quietly(lambda: reader.metadata)
    if information is None:
        return None
    created = _quietly(lambda: information.creation_date)
    return plausible_date(created)


def _language(reader: PdfReader) -> str | None:
    """Return the document language recorded in the PDF's catalogue, if any."""
    language = _quietly(lambda: reader.root_object.get(NameObject("/Lang")))
    if isinstance(language, TextStringObject | str):
        return str(language)
    return None


def _quietly(read: Callable[[], Value]) -> Value | None:
    """Return read(), or None if the metadata it reads is malformed.

    Metadata is a bonus: a bad date or dictionary must not stop the text from importing.
    """
    try:
        return read()
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError):
        return None
