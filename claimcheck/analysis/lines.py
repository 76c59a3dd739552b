"""Paragraph spans and line kinds: what in a news text is prose and what is not."""

from __future__ import annotations

import re
from typing import NamedTuple

PROSE = "prose"
DATELINE = "dateline"
HEADLINE = "headline"
SUBHEADING = "subheading"
BYLINE = "byline"
CAPTION = "caption"
RELATED_LINK = "related_link"
LINE_KINDS = (PROSE, DATELINE, HEADLINE, SUBHEADING, BYLINE, CAPTION, RELATED_LINK)

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_TIME = r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"

# A line that holds nothing but a date (and perhaps an "Updated"/"Published" label and a time).
_DATE_LINE = re.compile(
    r"(?:(?:Updated|Published|Posted|Last updated)\s*:?\s*)?(?:(?:on\s+)?" + _WEEKDAY + r",?\s+)?"
    r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})" + _TIME + r"\s*$",
    re.IGNORECASE,
)
# Wire-service opening such as "KABUL, July 12 (Reuters) -" or "WASHINGTON (AP) —".
_WIRE_DATELINE = re.compile(
    r"[A-Z][A-Z.' -]*[A-Z.](?:,\s+[A-Z][A-Za-z.' ]*)?(?:,\s+" + _MONTH + r"\s+\d{1,2})?"
    r"(?:\s+\([A-Za-z&. -]{2,30}\))?\s*[-–—]+\s+"
)
_RELATED_PREFIX = re.compile(
    r"(?:(?:>>+|»|►|→)\s*(?:(?:to read|read more|read also|also read|to see|see also|related|"
    r"watch|listen|more|lire aussi|à lire)\s*:\s*)?"
    r"|(?:to read|read more|read also|also read|to see|see also|related|related article|"
    r"watch|listen)\s*:\s*)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"By\s+[A-Z][\w.'’-]*(?:\s+\S+){0,10}$")
_CAPTION = re.compile(
    r"(?:Photo|Photograph|Image|Picture|Caption|Credit|Video|Illustration)s?"
    r"\s*(?::|by\b|[-–—|©])|\([^()]{1,40}\)$"
)
# A picture credit closing a caption: "… on Monday. (AFP)", "… / Reuters", "© Getty Images".
_CREDIT_END = re.compile(
    r"(?:\(|/\s*|©\s*)(?:AFP|AP|Reuters|Getty Images|EPA|Xinhua|Anadolu)(?:/[^)]*)?\)?$"
)
_CREDIT_REACH = 40
_TERMINAL = frozenset('.!:;,"”’)…')
_HEADLINE_MAX_WORDS = 25
_SUBHEADING_MAX_WORDS = 12


class Paragraph(NamedTuple):
    """A paragraph (or non-prose line) span, its kind, and where its body starts."""

    start: int
    end: int
    kind: str
    body_start: int


_LINE = re.compile(r"[^\r\n]+")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of paragraphs with surrounding whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    previous_end = -1
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        # A hard-wrapped paragraph continues on the next line with no blank line between,
        # and the wrapped line does not end a sentence while the next starts in lowercase.
        if (
            spans
            and text.count("\n", previous_end, start) == 1
            and text[previous_end - 1] not in '.!?:"”'
            and stripped[0].islower()
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        previous_end = end
    return spans


def classify_paragraph(line: str, seen_prose: bool) -> tuple[str, int]:
    """Return the kind of a paragraph and the offset where its readable body starts.

    The offset is past a related-link marker ("Read more:") or a wire dateline prefix;
    a wire dateline prefix is reported as kind "dateline" with the body being prose.
    """
    if _DATE_LINE.match(line):
        return DATELINE, 0
    related = _RELATED_PREFIX.match(line)
    if related and related.end() > 0 and related.end() < len(line):
        return RELATED_LINK, related.end()
    words = line.count(" ") + 1
    last = line[-1]
    if words <= 14 and last not in ".!?" and _BYLINE.match(line):
        return BYLINE, 0
    if _CAPTION.match(line) or _CREDIT_END.search(line, max(0, len(line) - _CREDIT_REACH)):
        return CAPTION, 0
    wire = _WIRE_DATELINE.match(line)
    if wire and wire.end() < len(line):
        return DATELINE, wire.end()
    if last not in _TERMINAL and last != "?":
        if not seen_prose and words <= _HEADLINE_MAX_WORDS:
            return HEADLINE, 0
        if words <= _SUBHEADING_MAX_WORDS:
            return SUBHEADING, 0
    return PROSE, 0


def paragraphs(text: str) -> list[Paragraph]:
    """Split text into paragraphs, each with its kind and body offset."""
    result: list[Paragraph] = []
    seen_prose = False
    for start, end in paragraph_spans(text):
        kind, offset = classify_paragraph(text[start:end], seen_prose)
        # A headline can only come before the first prose (a wire dateline opens prose).
        seen_prose = seen_prose or kind == PROSE or (kind == DATELINE and offset > 0)
        result.append(Paragraph(start, end, kind, start + offset))
    return result
