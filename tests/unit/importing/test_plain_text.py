import codecs
import random

import pytest

from claimcheck.importing import DocumentError, ImportLimits, read_document, read_pasted_text

LIMITS = ImportLimits()
SAMPLE = "café – “quotes” and naïve résumés"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252"],
)
def test_text_file_is_decoded_in_its_own_encoding(data):
    document = read_document("article.txt", data, LIMITS)

    assert document.text == SAMPLE
    assert document.source_format == "txt"


def test_latin1_text_file_is_decoded():
    text = "Die Größe des Haushalts ist umstritten, sagte der Minister am Dienstag in Köln."

    document = read_document("bericht.txt", text.encode("latin-1"), LIMITS)

    assert document.text == text


def test_cyrillic_windows_1251_text_file_is_decoded():
    text = "Министр заявил, что безработица снизилась на 40 процентов."

    assert read_document("news.txt", text.encode("cp1251"), LIMITS).text == text


def test_text_file_has_no_metadata():
    document = read_document("article.txt", b"Plain words.", LIMITS)

    assert (document.title, document.byline, document.published, document.url) == (None,) * 4


def test_windows_and_old_mac_line_breaks_become_newlines():
    document = read_document("a.txt", b"one\r\ntwo\rthree\n\nfour", LIMITS)

    assert document.text == "one\ntwo\nthree\n\nfour"


def test_trailing_whitespace_is_trimmed_but_the_rest_is_kept():
    document = read_document("a.txt", b"  indented\tline  \n\n\n  ", LIMITS)

    assert document.text == "  indented\tline"


def test_random_bytes_are_refused_as_not_text():
    junk = random.Random(7).randbytes(4096)

    with pytest.raises(DocumentError, match="doesn't look like text"):
        read_document("article.txt", junk, LIMITS)


def test_control_characters_without_nul_are_refused_as_not_text():
    junk = bytes(range(1, 9)) * 200 + b"some words"

    with pytest.raises(DocumentError, match="doesn't look like text"):
        read_document("article.txt", junk, LIMITS)


def test_invalid_utf16_after_a_byte_order_mark_is_refused():
    with pytest.raises(DocumentError, match="doesn't look like text"):
        read_document("a.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", LIMITS)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_file_without_text_is_refused(data):
    with pytest.raises(DocumentError, match="no text"):
        read_document("article.txt", data, LIMITS)


def test_pasted_text_is_normalised_like_a_file():
    document = read_pasted_text("First line\r\nSecond line \r\n", LIMITS)

    assert document.text == "First line\nSecond line"
    assert document.source_format == "paste"


def test_pasted_text_loses_nul_characters():
    assert read_pasted_text("a\x00b", LIMITS).text == "ab"


def test_blank_pasted_text_is_refused():
    with pytest.raises(DocumentError, match="no text"):
        read_pasted_text(" \n ", LIMITS)
