"""Reading Word (.docx) documents, after making sure they are safe to unpack."""

from __future__ import annotations

import io
import zipfile

import docx
import lxml.etree
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from claimcheck.importing.finishing import plausible_date
from claimcheck.importing.formats import DAMAGED_WORD_DOCUMENT
from claimcheck.importing.records import (
    DocumentError,
    ImportedDocument,
    ImportLimits,
    describe_size,
)

_TITLE_STYLES = frozenset({"Title", "Heading 1"})

# python-docx trusts the package's structure, so a damaged or hand-made file fails deep inside
# it with whatever error the missing piece causes: a missing part is a KeyError, a malformed
# one an AttributeError or TypeError, bad XML an lxml error.
_DAMAGE = (
    PackageNotFoundError,
    zipfile.BadZipFile,
    lxml.etree.LxmlError,
    KeyError,
    ValueError,
    OSError,
    AttributeError,
    TypeError,
)


def check_expansion(data: bytes, limits: ImportLimits) -> None:
    """Raise DocumentError if the archive would unpack to far more than its own size.

    The sizes come from the archive's central directory, so nothing is decompressed to
    find them. They cannot understate the truth to us: zipfile stops reading a member at
    its recorded size and reports the file as damaged if the data does not match.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise DocumentError(DAMAGED_WORD_DOCUMENT) from error
    if len(members) > limits.max_docx_entries:
        raise DocumentError(
            f"This Word document holds {len(members):,} parts; a real one has a few dozen, "
            "so it was not imported."
        )
    unpacked = sum(member.file_size for member in members)
    allowed = limits.allowed_docx_uncompressed_bytes(len(data))
    if unpacked > allowed:
        raise DocumentError(
            f"This Word document would unpack to {describe_size(unpacked)}, more than the "
            f"{describe_size(allowed)} allowed for a file of its size, so it was not imported."
        )


def read_docx(data: bytes, limits: ImportLimits) -> ImportedDocument:
    """Return the text and core properties of a .docx file."""
    check_expansion(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = list(_paragraphs(document))
        properties = document.core_properties
        title = properties.title or _title_paragraph(document)
        created, modified = properties.created, properties.modified
        byline, language = properties.author, properties.language
    except _DAMAGE as error:
        raise DocumentError(DAMAGED_WORD_DOCUMENT) from error
    return ImportedDocument(
        text="\n\n".join(paragraphs),
        title=title,
        byline=byline,
        # Creation is nearer to writing than the last save, which may be an editor's resave.
        published=plausible_date(created) or plausible_date(modified),
        language=language,
        source_format="docx",
    )


def _paragraphs(document: WordDocument) -> list[str]:
    """Return the body's non-empty paragraphs in order, a table row counting as one."""
    found = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, Table):
            found.extend(_table_rows(block))
    return [paragraph for paragraph in found if paragraph.strip()]


def _table_rows(table: Table) -> list[str]:
    """Return each row of a table as one line, its cells separated by tabs."""
    rows = []
    for row in table.rows:
        cells: list[_Cell] = []
        for cell in row.cells:
            # A cell spanning columns repeats in row.cells (proxies compare by element).
            if cell not in cells:
                cells.append(cell)
        rows.append("\t".join(cell.text for cell in cells))
    return rows


def _title_paragraph(document: WordDocument) -> str | None:
    """Return the text of the first paragraph styled as a title or top heading, if any."""
    for paragraph in document.paragraphs:
        style = paragraph.style
        if style is not None and style.name in _TITLE_STYLES and paragraph.text.strip():
            return paragraph.text
    return None
