"""Rules every imported text passes through, whatever format it came from."""

from __future__ import annotations

import dataclasses
import datetime

from claimcheck.clock import utcnow
from claimcheck.importing.records import DocumentError, ImportedDocument, ImportLimits

# Earlier dates in document metadata are unset clocks or tool defaults (1601, 1970, 1980),
# not the day an article was written.
EARLIEST_PLAUSIBLE_DATE = datetime.date(1990, 1, 1)


def normalise_text(text: str) -> str:
    """Return text with "\\r\\n" and "\\r" as "\\n", NUL removed and trailing whitespace trimmed.

    Claims are stored as character offsets into this text, and browsers turn every line
    break into "\\n" (in a textarea's value and in rendered text alike), so the stored text
    must use "\\n" alone or offsets drift by one per line. NUL is dropped because
    PostgreSQL cannot store it in a text column. Nothing else is changed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.rstrip()


def finish_document(document: ImportedDocument, limits: ImportLimits) -> ImportedDocument:
    """Return the document with its text normalised, or raise if there is none or too much."""
    text = normalise_text(document.text)
    if not text.strip():
        raise DocumentError("This file has no text to check: it is empty or holds only spaces.")
    if len(text) > limits.max_text_chars:
        raise DocumentError(
            f"The text is {len(text):,} characters long; the limit is "
            f"{limits.max_text_chars:,} characters. Split it and import the parts separately."
        )
    return dataclasses.replace(
        document,
        text=text,
        title=_clean_field(document.title),
        byline=_clean_field(document.byline),
        language=_clean_field(document.language),
        publication=_clean_field(document.publication),
        url=_clean_field(document.url),
    )


def plausible_date(value: datetime.date | datetime.datetime | None) -> datetime.date | None:
    """Return the date if it could be when a document was written, else None."""
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime.datetime) else value
    # A day of slack: a file saved late in the evening east of UTC is dated tomorrow here.
    latest = utcnow().date() + datetime.timedelta(days=1)
    if EARLIEST_PLAUSIBLE_DATE <= day <= latest:
        return day
    return None


def _clean_field(value: str | None) -> str | None:
    """Return a metadata value on one line and trimmed, or None when blank."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
