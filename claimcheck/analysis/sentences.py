"""Sentence splitting for news text, with exact character spans."""

from __future__ import annotations

import re

from claimcheck.analysis.lines import DATELINE, PROSE, paragraphs
from claimcheck.analysis.records import Sentence

# Titles and ranks that precede a name, so a full stop after them never ends a sentence.
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "messrs",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "brig",
        "gov",
        "sen",
        "rep",
        "rev",
        "fr",
        "sr",
        "sra",
        "st",
        "mt",
        "ft",
        "pres",
        "hon",
        "amb",
        "supt",
        "insp",
        "det",
        "no",
        "nos",
        "vs",
        "vol",
        "fig",
        "art",
        "sec",
        "pp",
        "approx",
    ]
)
# Month abbreviations: they end a sentence only when no day number follows.
_MONTHS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
# Abbreviations that may end a sentence, so they split only before a usual sentence opener.
_ENDING_ABBREVIATIONS = frozenset(
    ["inc", "corp", "ltd", "co", "jr", "bros", "etc", "al", "plc", "llc", "dept", "univ", "ave"]
)
_OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "In",
        "On",
        "At",
        "As",
        "After",
        "Before",
        "When",
        "While",
        "If",
        "But",
        "And",
        "Yet",
        "So",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Their",
        "His",
        "Her",
        "Its",
        "Our",
        "My",
        "According",
        "However",
        "Meanwhile",
        "Since",
        "For",
        "From",
        "Some",
        "Many",
        "Most",
        "Several",
        "One",
        "Two",
        "Three",
        "Other",
        "Officials",
        "Police",
    ]
)
# Group 1 is the end punctuation; group 2 the whitespace after the mark, consumed here so
# the next sentence's start comes straight from the match. The pattern opens with a
# character class so the regex engine can skip straight to the next mark.
_CANDIDATE = re.compile(r"([.!?…][.!?…]*)[\"'”’)\]]*(\s+)")
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"
_QUOTE_REACH = 400


def _inside_open_quote(text: str, start: int, position: int, end: int) -> bool:
    """Tell whether position sits in a quotation that closes later within reach."""
    curly_open = text.count(_OPEN_QUOTES, start, position) - text.count(
        _CLOSE_QUOTES, start, position
    )
    limit = min(end, position + _QUOTE_REACH)
    if curly_open > 0:
        return text.find(_CLOSE_QUOTES, position, limit) >= 0
    if text.count('"', start, position) % 2:
        return text.find('"', position, limit) >= 0
    return False


def _is_boundary(text: str, start: int, end: int, match: re.Match[str], next_at: int) -> bool:
    """Decide whether the punctuation matched ends the sentence begun at start."""
    following = text[next_at]
    if following.islower() or following in ",;:)–—-":
        return False
    mark_start, mark_end = match.start(), match.start(2)
    if match.group(1) == "." and match.end(1) == mark_end:
        # rfind gives -1 when the sentence is one word long; start - 1 bounds it.
        word_start = max(
            text.rfind(" ", start, mark_start), text.rfind("\n", start, mark_start), start - 1
        )
        token = text[word_start + 1 : mark_start].lower().lstrip("\"'’(“")
        if len(token) == 1 and token.isalpha():
            # An initial ("J. R. R. Tolkien") or a one-letter abbreviation.
            return False
        if token in _TITLES:
            return False
        if token in _MONTHS:
            return not following.isdigit()
        if "." in token or token in _ENDING_ABBREVIATIONS:
            word_end = next_at
            while word_end < end and text[word_end].isalpha():
                word_end += 1
            return text[next_at:word_end] in _OPENERS
    # Full stops inside a quotation belong to the quoted speech, not to the sentence.
    if text.find('"', start, mark_start) < 0 and text.find("“", start, mark_start) < 0:
        return True
    return not _inside_open_quote(text, start, mark_end, end)


def split_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] (one prose paragraph) into sentence spans."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        next_at = match.end()
        if next_at >= end:
            break
        if _is_boundary(text, sentence_start, end, match, next_at):
            spans.append((sentence_start, match.start(2)))
            sentence_start = next_at
    spans.append((sentence_start, end))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int, str, int]]:
    """Return (start, end, kind, paragraph) of every sentence and non-prose line."""
    result: list[tuple[int, int, str, int]] = []
    append = result.append
    for index, para in enumerate(paragraphs(text)):
        kind, start, body, end = para.kind, para.start, para.body_start, para.end
        if kind == PROSE or (kind == DATELINE and body > start):
            if body > start:
                append((start, start + len(text[start:body].rstrip()), kind, index))
            for s, e in split_span(text, body, end):
                append((s, e, PROSE, index))
        else:
            append((body, end, kind, index))
    return result


def split_sentences(text: str) -> list[Sentence]:
    """Split a news text into sentences and non-prose lines, each with its kind and span."""
    return [Sentence(text[s:e], s, e, kind, i) for s, e, kind, i in sentence_spans(text)]
