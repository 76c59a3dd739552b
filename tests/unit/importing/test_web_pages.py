import datetime

import pytest

from claimcheck.importing import DocumentError, ImportLimits, read_document
from tests.unit.importing.samples import ARTICLE_HTML, NOTICE_HTML

LIMITS = ImportLimits()


def test_article_page_gives_main_text_as_paragraphs():
    document = read_document("page.html", ARTICLE_HTML.encode(), LIMITS)

    paragraphs = document.text.split("\n\n")
    assert paragraphs[1].startswith("The minister said unemployment fell by 40 per cent")
    assert paragraphs[-1].endswith("different quarters of different years.")
    assert document.source_format == "html"


def test_article_page_leaves_out_markup_scripts_styles_and_navigation():
    text = read_document("page.html", ARTICLE_HTML.encode(), LIMITS).text

    for unwanted in ("<", "SCRIPT-IN-HEAD", "SCRIPT-IN-BODY", "STYLE-TEXT", "Home", "Copyright"):
        assert unwanted not in text


def test_article_page_metadata_comes_from_the_page():
    document = read_document("page.html", ARTICLE_HTML.encode(), LIMITS)

    assert document.title == "Jobless figure questioned"
    assert document.byline == "Jane Reporter"
    assert document.published == datetime.date(2024, 3, 5)
    assert document.language == "en-GB"
    assert document.publication == "The Daily Ledger"
    assert document.url == "https://ledger.example/news/jobless-figure"


def test_page_without_an_article_falls_back_to_its_visible_body_text():
    document = read_document("notice.html", NOTICE_HTML.encode(), LIMITS)

    assert "Office closed today." in document.text
    assert "Call 555-0100." in document.text
    assert "SCRIPT-TEXT" not in document.text
    assert "color" not in document.text
    assert document.title == "Notice"


def test_page_without_a_date_in_its_markup_gets_no_date():
    page = "<html><body><article><p>" + "Written on 3 May 2021 by nobody. " * 20
    page += "</p></article></body></html>"

    assert read_document("page.html", page.encode(), LIMITS).published is None


def test_page_with_only_scripts_has_no_text():
    page = b"<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>"

    with pytest.raises(DocumentError, match="no text"):
        read_document("page.html", page, LIMITS)


def test_declared_legacy_charset_is_honoured():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café – “quoted”.</p>'
    page += "</body></html>"

    assert "Café – “quoted”." in read_document("page.htm", page.encode("cp1252"), LIMITS).text


def test_html_is_recognised_by_content_whatever_the_extension():
    document = read_document("page.txt", ARTICLE_HTML.encode(), LIMITS)

    assert document.source_format == "html"
    assert "SCRIPT-IN-BODY" not in document.text


def test_non_web_address_in_metadata_is_dropped():
    page = ARTICLE_HTML.replace("https://ledger.example/news/jobless-figure", "javascript:alert(1)")

    assert read_document("page.html", page.encode(), LIMITS).url is None
