import io
import zipfile

import pytest

from claimcheck.importing import DocumentError, ImportLimits, read_document
from tests.unit.importing.samples import make_docx, make_pdf

LIMITS = ImportLimits()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def test_word_document_named_pdf_is_read_as_word():
    document = read_document("story.pdf", make_docx(["Hello."]), LIMITS)

    assert document.source_format == "docx"
    assert document.text == "Hello."


def test_pdf_named_txt_is_read_as_pdf():
    assert read_document("story.txt", make_pdf([["Hello."]]), LIMITS).source_format == "pdf"


def test_text_named_pdf_is_refused_rather_than_read_as_text():
    with pytest.raises(DocumentError, match=r"named \.pdf but isn't a PDF"):
        read_document("story.pdf", b"Just some words.", LIMITS)


def test_text_named_docx_is_refused_rather_than_read_as_text():
    with pytest.raises(DocumentError, match=r"named \.docx but isn't a Word document"):
        read_document("story.docx", b"Just some words.", LIMITS)


def test_file_without_extension_is_read_as_text():
    assert read_document("README", b"Words.", LIMITS).source_format == "txt"


@pytest.mark.parametrize(
    ("filename", "data"),
    [("photo.png", PNG), ("setup.exe", b"MZ\x90\x00" + bytes(60)), ("notes.rtf", b"{\\rtf1 x}")],
)
def test_unsupported_formats_are_refused_listing_the_supported_ones(filename, data):
    with pytest.raises(DocumentError, match=r"\.txt.*\.html.*\.docx.*\.pdf"):
        read_document(filename, data, LIMITS)


def test_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")

    with pytest.raises(DocumentError, match="zip archive, not a document"):
        read_document("notes.docx.zip", buffer.getvalue(), LIMITS)


def test_old_binary_word_document_is_refused_with_advice():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)

    with pytest.raises(DocumentError, match=r"\.doc.*Save it as \.docx"):
        read_document("letter.doc", data, LIMITS)


def test_png_named_txt_is_refused_as_not_text():
    with pytest.raises(DocumentError, match="doesn't look like text"):
        read_document("photo.txt", PNG, LIMITS)
