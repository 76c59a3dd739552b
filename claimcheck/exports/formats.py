"""Export formats as generators over plain records: CSV, JSON, JSON Lines, ClaimReview."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from claimcheck.exports.records import ExportEvidence, ExportRecord


@dataclass(frozen=True)
class ExportFormat:
    """How a format is served and saved."""

    media_type: str
    extension: str


FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("text/csv; charset=utf-8", "csv"),
    "json": ExportFormat("application/json", "json"),
    "jsonl": ExportFormat("application/jsonl", "jsonl"),
    "claimreview": ExportFormat("application/ld+json", "jsonld"),
}

CSV_HEADER = (
    "claim_id",
    "claim",
    "state",
    "article_title",
    "article_url",
    "publication",
    "published",
    "attribution_kind",
    "source",
    "source_kind",
    "cue",
    "quote_or_paraphrase",
    "verdict",
    "rating",
    "rationale",
    "evidence_urls",
    "evidence_relations",
    "proposer",
    "approver",
    "approved_at",
    "revisions",
    "permalink",
)
# A spreadsheet treats a cell starting with one of these as a formula to run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Each start is one character, so a set of them serves too: looking up `cell[:1]` in it takes
# half the time of `cell.startswith(FORMULA_STARTS)`.
_FORMULA_FIRST_CHARS = frozenset(FORMULA_STARTS)
BEST_RATING = 5
WORST_RATING = 1
SCHEMA_ORG = "https://schema.org"
# Characters that could end a <script> element or a JavaScript string early.
SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
# Characters other than "\n" that some readers take for a line break (str.splitlines does).
LINE_BREAK_ESCAPES = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
# One encoder for every object: json.dumps with options builds a new one per call.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def defuse_cell(value: str) -> str:
    """Prefix a quote to text a spreadsheet would otherwise run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _quote_or_paraphrase(quote: bool | None) -> str:
    if quote is None:
        return ""
    return "quote" if quote else "paraphrase"


def csv_row(record: ExportRecord) -> list[str]:
    """One record as the cells of a CSV row, in the order of CSV_HEADER."""
    evidence = record.evidence
    # Each value becomes text as it is read, the way its type needs (`or ""` for optional
    # text): a large export has millions of cells, and a generic conversion of every cell
    # took much of its CSV time.
    cells = (
        str(record.claim_id),
        record.claim_text,
        record.state,
        record.article_title,
        record.article_url or "",
        record.publication or "",
        _text(record.published),
        record.attribution_kind or "",
        record.source_name or "",
        record.source_kind or "",
        record.cue or "",
        _quote_or_paraphrase(record.quote),
        record.verdict or "",
        _text(record.rating),
        record.rationale or "",
        # URLs cannot hold whitespace, so one per line keeps them and their relations paired.
        "\n".join([item.url for item in evidence]),
        "\n".join([item.relation for item in evidence]),
        record.proposer or "",
        record.approver or "",
        _text(record.approved_at),
        str(record.revision_count),
        record.permalink,
    )
    # defuse_cell written out: a call per cell would cost more than the check itself.
    return ["'" + cell if cell[:1] in _FORMULA_FIRST_CHARS else cell for cell in cells]


def csv_line(cells: Iterable[str]) -> str:
    """Cells as one CSV line ending in CRLF, as csv.writer writes a row of several cells.

    A cell holding a comma, a double quote or a line break is quoted, its quotes doubled.
    csv.writer makes a function call per character to decide that; `in` scans a whole
    cell at memory speed, which writes a large export's lines twice as fast.
    """
    return (
        ",".join(
            [
                '"' + cell.replace('"', '""') + '"'
                if "," in cell or '"' in cell or "\n" in cell or "\r" in cell
                else cell
                for cell in cells
            ]
        )
        + "\r\n"
    )


def csv_lines(records: Iterable[ExportRecord]) -> Iterator[str]:
    """The header, then one complete CSV row (line ending included) per record."""
    yield csv_line(CSV_HEADER)
    for record in records:
        yield csv_line(csv_row(record))


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def evidence_dict(item: ExportEvidence) -> dict[str, Any]:
    """One evidence item as a JSON object."""
    return {
        "url": item.url,
        "title": item.title,
        "publisher": item.publisher,
        "relation": item.relation,
        "published": _iso(item.published),
        "accessed": _iso(item.accessed),
        "excerpt": item.excerpt,
        "archive_url": item.archive_url,
    }


def record_dict(record: ExportRecord) -> dict[str, Any]:
    """One record as the nested object of the JSON and JSON Lines exports (see record_json)."""
    return {
        "id": record.claim_id,
        "text": record.claim_text,
        "state": record.state,
        "permalink": record.permalink,
        "article": {
            "title": record.article_title,
            "url": record.article_url,
            "publication": record.publication,
            "published": _iso(record.published),
        },
        "attribution": {
            "kind": record.attribution_kind,
            "source": {"name": record.source_name, "kind": record.source_kind}
            if record.source_name
            else None,
            "cue": record.cue,
            "quote": record.quote,
        },
        "verdict": {"label": record.verdict, "rating": record.rating} if record.verdict else None,
        "rationale": record.rationale,
        "evidence": [evidence_dict(item) for item in record.evidence],
        "proposer": record.proposer,
        "approver": record.approver,
        "approved_at": _iso(record.approved_at),
        "revision_count": record.revision_count,
    }


# record_dict and evidence_dict as text with the values left out. Filling them in writes
# the bytes _to_json writes for the dicts (the tests compare the two) without building dicts
# and encoding every key again for each record, in a little over half the time.
_EVIDENCE_JSON = (
    '{"url": %s, "title": %s, "publisher": %s, "relation": %s, '
    '"published": %s, "accessed": %s, "excerpt": %s, "archive_url": %s}'
)
_SOURCE_JSON = '{"name": %s, "kind": %s}'
_VERDICT_JSON = '{"label": %s, "rating": %s}'
_RECORD_JSON = (
    '{"id": %d, "text": %s, "state": %s, "permalink": %s, '
    '"article": {"title": %s, "url": %s, "publication": %s, "published": %s}, '
    '"attribution": {"kind": %s, "source": %s, "cue": %s, "quote": %s}, '
    '"verdict": %s, "rationale": %s, "evidence": [%s], '
    '"proposer": %s, "approver": %s, "approved_at": %s, "revision_count": %d}'
)
# The encoder's own function for a string (in C where available), called directly.
_json_string = json.encoder.encode_basestring
_JSON_FLAGS = {None: "null", True: "true", False: "false"}


def _json_text(value: str | None) -> str:
    return "null" if value is None else _json_string(value)


def _json_iso(value: date | datetime | None) -> str:
    # An ISO date or time holds no character JSON escapes.
    return "null" if value is None else f'"{value.isoformat()}"'


@lru_cache(maxsize=4096)
def _json_day(day: date | None) -> str:
    """_json_iso for a date. Cached: an export repeats a few thousand days over and over."""
    return _json_iso(day)


def evidence_json(item: ExportEvidence) -> str:
    """evidence_dict(item) as JSON text."""
    return _EVIDENCE_JSON % (
        _json_string(item.url),
        _json_string(item.title),
        _json_text(item.publisher),
        _json_string(item.relation),
        _json_day(item.published),
        _json_day(item.accessed),
        _json_text(item.excerpt),
        _json_text(item.archive_url),
    )


def _source_json(record: ExportRecord) -> str:
    if not record.source_name:
        return "null"
    return _SOURCE_JSON % (_json_string(record.source_name), _json_text(record.source_kind))


def _verdict_json(record: ExportRecord) -> str:
    if not record.verdict:
        return "null"
    rating = "null" if record.rating is None else record.rating
    return _VERDICT_JSON % (_json_string(record.verdict), rating)


def record_json(record: ExportRecord) -> str:
    """record_dict(record) as JSON text, the same bytes as _to_json(record_dict(record))."""
    return _RECORD_JSON % (
        record.claim_id,
        _json_string(record.claim_text),
        _json_string(record.state),
        _json_string(record.permalink),
        _json_string(record.article_title),
        _json_text(record.article_url),
        _json_text(record.publication),
        _json_day(record.published),
        _json_text(record.attribution_kind),
        _source_json(record),
        _json_text(record.cue),
        _JSON_FLAGS[record.quote],
        _verdict_json(record),
        _json_text(record.rationale),
        ", ".join([evidence_json(item) for item in record.evidence]),
        _json_text(record.proposer),
        _json_text(record.approver),
        _json_iso(record.approved_at),
        record.revision_count,
    )


def _array_chunks(elements: Iterable[str]) -> Iterator[str]:
    """A JSON array written one element (already JSON text) at a time."""
    yield "["
    separator = ""
    for element in elements:
        yield separator + element
        separator = ","
    yield "]"


def json_chunks(records: Iterable[ExportRecord]) -> Iterator[str]:
    """The records as one JSON array, streamed piece by piece."""
    return _array_chunks(record_json(record) for record in records)


def _escaped(text: str, escapes: dict[str, str]) -> str:
    # Safe on serialised JSON: these characters only ever occur inside its strings. Looking
    # for a character first is quicker than a replace that finds nothing, the usual case.
    for char, escape in escapes.items():
        if char in text:
            text = text.replace(char, escape)
    return text


def jsonl_lines(records: Iterable[ExportRecord]) -> Iterator[str]:
    """One JSON object per line, each line ending in "\\n"."""
    for record in records:
        yield _escaped(record_json(record), LINE_BREAK_ESCAPES) + "\n"


def _claim_author(record: ExportRecord) -> dict[str, str] | None:
    """Who made the claim: its attributed source, or the publication speaking for itself."""
    if record.source_name:
        kind = "Person" if record.source_kind == "person" else "Organization"
        return {"@type": kind, "name": record.source_name}
    if record.attribution_kind == "publication" and record.publication:
        return {"@type": "Organization", "name": record.publication}
    return None


def _without_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def claimreview(record: ExportRecord, organisation: str) -> dict[str, Any]:
    """A schema.org ClaimReview for an approved claim."""
    if not record.is_approved or record.approved_at is None:
        raise ValueError(f"Claim {record.claim_id} has no approved verdict to publish.")
    rating: dict[str, Any] = {"@type": "Rating"}
    if record.rating is not None:
        rating |= {
            "ratingValue": record.rating,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    rating["alternateName"] = record.verdict
    appearance = _without_empty(
        {"@type": "CreativeWork", "url": record.article_url, "headline": record.article_title}
    )
    item_reviewed = _without_empty(
        {
            "@type": "Claim",
            "author": _claim_author(record),
            "datePublished": _iso(record.published),
            "appearance": appearance,
            "firstAppearance": dict(appearance),
        }
    )
    return {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": record.public_url or record.permalink,
        "claimReviewed": record.claim_text,
        "reviewRating": rating,
        "itemReviewed": item_reviewed,
        "author": {"@type": "Organization", "name": organisation},
        "datePublished": record.approved_at.date().isoformat(),
    }


def claimreview_chunks(records: Iterable[ExportRecord], organisation: str) -> Iterator[str]:
    """A JSON array of ClaimReview objects, one per approved record (others are skipped)."""
    return _array_chunks(
        _to_json(claimreview(record, organisation)) for record in records if record.is_approved
    )


def json_for_script(obj: Any) -> str:
    """JSON that can sit inside <script type="application/ld+json"> without ending it."""
    return _escaped(_to_json(obj), SCRIPT_ESCAPES)


def render(format_name: str, records: Iterable[ExportRecord], organisation: str) -> Iterator[str]:
    """Stream records in one of FORMATS, piece by piece."""
    if format_name == "csv":
        return csv_lines(records)
    if format_name == "json":
        return json_chunks(records)
    if format_name == "jsonl":
        return jsonl_lines(records)
    if format_name == "claimreview":
        return claimreview_chunks(records, organisation)
    raise ValueError(f"Unknown export format {format_name!r}; use one of {', '.join(FORMATS)}.")


def download_name(format_name: str, label: str, day: date) -> str:
    """A file name safe in any Content-Disposition header, whatever the label holds."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-").lower()[:60] or "claims"
    return f"claimcheck-{stem}-{day.isoformat()}.{FORMATS[format_name].extension}"
