"""Reading saved web pages: the article's main text and what the page says about it."""

from __future__ import annotations

import codecs
import datetime
import re
from copy import deepcopy
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document as PageExtraction
from trafilatura.settings import set_date_params
from trafilatura.xml import xmltotxt

from claimcheck.importing.finishing import plausible_date
from claimcheck.importing.plain_text import decode_text, encoding_from_byte_order_mark
from claimcheck.importing.records import DocumentError, ImportedDocument

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Browsers read pages labelled Latin-1 or ASCII as Windows-1252 (the WHATWG encoding
# standard says so), and so do authoring tools that write curly quotes into such pages.
_BROWSER_CODEC_FOR = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}

_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object")
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
# Markers that cannot occur in decoded page text survive text_content() and are turned into
# paragraph and line breaks afterwards, once the markup's own whitespace is collapsed.
_PARAGRAPH_MARK = "\x1e"
_LINE_MARK = "\x1f"


def read_html(data: bytes) -> ImportedDocument:
    """Return the main text and metadata of a saved web page."""
    page = _parse(_decode_html(data))
    # The date comes from the page's markup only: guessing from dates in the text or in
    # link addresses would invent a publication date.
    date_config = set_date_params(extensive=False)
    # Passing a parsed tree and no URL keeps trafilatura from ever touching the network.
    extraction = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, date_extraction_params=date_config
    )
    if isinstance(extraction, PageExtraction) and extraction.body is not None:
        text = _main_text(extraction.body)
    else:
        text = ""
    if not text.strip():
        text = _body_text(page)
        extraction = extract_metadata(page, date_config=date_config, extensive=False)
    return ImportedDocument(
        text=text,
        title=extraction.title or page.findtext(".//title"),
        byline=extraction.author,
        published=plausible_date(_parse_date(extraction.date)),
        language=extraction.language or page.get("lang") or page.get("xml:lang"),
        publication=extraction.sitename,
        url=_web_address(extraction.url),
        source_format="html",
    )


def _decode_html(data: bytes) -> str:
    """Return the page as text, honouring a byte order mark or a declared charset."""
    if encoding_from_byte_order_mark(data) is None:
        declared = _DECLARED_CHARSET.search(data[:2048])
        if declared is not None:
            try:
                codec = codecs.lookup(declared.group(1).decode("ascii")).name
                return data.decode(_BROWSER_CODEC_FOR.get(codec, codec))
            except (LookupError, UnicodeDecodeError):
                pass  # A wrong label is common; detect the encoding instead.
    return decode_text(data)


def _parse(html: str) -> lxml.html.HtmlElement:
    """Return the page's element tree, or raise DocumentError if there is none."""
    # lxml refuses text that still declares a byte encoding; it is already decoded here.
    html = _XML_DECLARATION.sub("", html, count=1)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise DocumentError("This web page has no text to check.") from error


def _main_text(body: lxml.etree._Element) -> str:
    """Return the extracted article body as plain text, one blank line between blocks."""
    blocks = (xmltotxt(block, include_formatting=False).strip() for block in body)
    return "\n\n".join(block for block in blocks if block)


def _body_text(page: lxml.html.HtmlElement) -> str:
    """Return all visible text of the page's body, for pages with no recognisable article."""
    body = deepcopy(page.body if page.find("body") is not None else page)
    lxml.etree.strip_elements(body, *_NEVER_TEXT, with_tail=False)
    for element in body.iter(lxml.etree.Element):
        if element.tag in _BLOCKS:
            element.text = _PARAGRAPH_MARK + (element.text or "")
            element.tail = _PARAGRAPH_MARK + (element.tail or "")
        elif element.tag == "br":
            element.tail = _LINE_MARK + (element.tail or "")
    paragraphs = []
    for chunk in body.text_content().split(_PARAGRAPH_MARK):
        lines = (" ".join(line.split()) for line in chunk.split(_LINE_MARK))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _parse_date(value: str | None) -> datetime.date | None:
    """Return the ISO date trafilatura found, or None."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _web_address(value: str | None) -> str | None:
    """Return value if it is an http(s) address; anything else is unsafe to show as a link."""
    if value and urlsplit(value.strip()).scheme.lower() in {"http", "https"}:
        return value.strip()
    return None
