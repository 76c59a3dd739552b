import datetime

import pytest

from claimcheck.importing import DocumentError, ImportLimits, read_document
from tests.unit.importing.samples import encrypt_pdf, make_pdf

LIMITS = ImportLimits()
INFO = {"Title": "Budget claims", "Author": "Ana Analyst", "CreationDate": "D:20240305100000Z"}
TEXT_PDF = make_pdf([["The deficit doubled (officially).", "Ministers deny it."], ["Page two."]])


def test_pdf_text_layer_is_read_with_pages_a_blank_line_apart():
    document = read_document("report.pdf", TEXT_PDF, LIMITS)

    assert document.text == ("The deficit doubled (officially).\nMinisters deny it.\n\nPage two.")
    assert document.source_format == "pdf"


def test_pdf_document_information_gives_title_byline_date_and_language():
    document = read_document("report.pdf", make_pdf([["Text."]], INFO), LIMITS)

    assert document.title == "Budget claims"
    assert document.byline == "Ana Analyst"
    assert document.published == datetime.date(2024, 3, 5)
    assert document.language == "en-GB"


@pytest.mark.parametrize("created", ["D:29990101000000Z", "D:19700101000000Z", "not a date"])
def test_pdf_implausible_or_malformed_creation_date_is_ignored(created):
    data = make_pdf([["Text."]], {"CreationDate": created})

    assert read_document("report.pdf", data, LIMITS).published is None


def test_pdf_encrypted_with_a_password_is_refused():
    with pytest.raises(DocumentError, match="encrypted; remove the password"):
        read_document("report.pdf", encrypt_pdf(TEXT_PDF, "s3cret"), LIMITS)


def test_pdf_encrypted_with_an_empty_password_is_read():
    document = read_document("report.pdf", encrypt_pdf(TEXT_PDF, ""), LIMITS)

    assert document.text.startswith("The deficit doubled")


def test_pdf_without_a_text_layer_is_refused_as_a_possible_scan():
    with pytest.raises(DocumentError, match="no text layer"):
        read_document("scan.pdf", make_pdf([[], []]), LIMITS)


@pytest.mark.parametrize(
    "data",
    [TEXT_PDF[:40], b"%PDF-1.4\n" + bytes(range(256)) * 8],
    ids=["truncated", "garbage-body"],
)
def test_damaged_pdf_is_refused(data):
    with pytest.raises(DocumentError, match="PDF"):
        read_document("report.pdf", data, LIMITS)
