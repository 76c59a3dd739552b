"""Reading uploaded documents (text, web pages, Word, PDF) and pasted text into article text.

Bytes in, an ImportedDocument out: no Flask, no database, no files and no network. Every
failure is a DocumentError whose message can be shown to the person who uploaded the file.
"""

from claimcheck.importing.reading import read_document, read_pasted_text
from claimcheck.importing.records import DocumentError, ImportedDocument, ImportLimits

__all__ = [
    "DocumentError",
    "ImportLimits",
    "ImportedDocument",
    "read_document",
    "read_pasted_text",
]
