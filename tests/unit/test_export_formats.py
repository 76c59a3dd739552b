"""Export formats over plain records: CSV, JSON, JSON Lines and schema.org ClaimReview."""

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from claimcheck.exports.formats import (
    CSV_HEADER,
    FORMATS,
    LINE_BREAK_ESCAPES,
    claimreview,
    claimreview_chunks,
    csv_line,
    csv_lines,
    csv_row,
    defuse_cell,
    json_chunks,
    json_for_script,
    jsonl_lines,
    record_dict,
    record_json,
)
from claimcheck.exports.records import ExportEvidence, ExportRecord

ORGANISATION = "Example Fact Desk"
TRICKY = '</script><b onclick="go()">A & B</b> "quoted" \'single\' café 日本 🙂 \u2028 \u2029 end'
EVIDENCE = ExportEvidence(
    url="https://www.example.org/report",
    title="UN report",
    relation="refutes",
    publisher="UN",
    published=date(2021, 7, 1),
    accessed=date(2021, 9, 20),
    excerpt="Control is far lower.",
    archive_url="https://archive.example.net/report",
)
APPROVED = ExportRecord(
    claim_id=7,
    claim_text="The Taliban claim to control 85% of Afghan territory",
    state="approved",
    article_title="Afghanistan: US commander leaves",
    permalink="https://factcheck.example/claims/7",
    article_url="https://news.example/afghanistan",
    publication="Daily Example",
    published=date(2021, 7, 12),
    attribution_kind="named",
    source_name="the Taliban",
    source_kind="organisation",
    cue="claim",
    quote=False,
    verdict="Mostly false",
    rating=2,
    rationale="Independent estimates put Taliban control far lower.",
    evidence=(
        EVIDENCE,
        replace(EVIDENCE, url="https://stats.example/districts", relation="context"),
    ),
    proposer="Fact-checker 1",
    approver="Editor 2",
    approved_at=datetime(2021, 9, 21, 14, 30, tzinfo=UTC),
    revision_count=6,
)
UNRATED = replace(APPROVED, claim_id=8, verdict="Unverifiable", rating=None)
IN_REVIEW = replace(
    APPROVED, claim_id=9, state="in_review", verdict=None, rating=None, approved_at=None
)


def _csv_rows(records) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(csv_lines(records)), newline="")))


def test_csv_reads_back_to_the_record_values():
    header, row = _csv_rows([APPROVED])
    assert tuple(header) == CSV_HEADER
    cells = dict(zip(header, row, strict=True))
    assert cells["claim_id"] == "7"
    assert cells["claim"] == APPROVED.claim_text
    assert cells["article_title"] == APPROVED.article_title
    assert cells["published"] == "2021-07-12"
    assert cells["source"] == "the Taliban"
    assert cells["quote_or_paraphrase"] == "paraphrase"
    assert (cells["verdict"], cells["rating"]) == ("Mostly false", "2")
    assert cells["evidence_urls"].split("\n") == [item.url for item in APPROVED.evidence]
    assert cells["evidence_relations"].split("\n") == ["refutes", "context"]
    assert cells["approved_at"] == "2021-09-21T14:30:00+00:00"
    assert cells["revisions"] == "6"
    assert cells["permalink"] == APPROVED.permalink


def test_empty_values_are_empty_cells():
    bare = replace(IN_REVIEW, attribution_kind=None, source_name=None, quote=None, evidence=())
    cells = dict(zip(*_csv_rows([bare]), strict=True))
    assert cells["verdict"] == cells["rating"] == cells["approved_at"] == ""
    assert cells["quote_or_paraphrase"] == cells["evidence_urls"] == ""


def test_each_csv_chunk_is_one_complete_row():
    multiline = replace(APPROVED, claim_text='Line one,\r\nline "two"')
    lines = list(csv_lines([APPROVED, multiline]))
    assert len(lines) == 3
    for line in lines:
        assert line.endswith("\r\n")
        assert len(list(csv.reader(io.StringIO(line, newline="")))) == 1
    assert _csv_rows([multiline])[1][1] == 'Line one,\r\nline "two"'


def test_csv_lines_are_what_the_csv_module_writes():
    pieces = ["", "a", ",", '"', "\r", "\n", "\r\n", " ", "'", "\t", "\x00", "\u2028", "é", TRICKY]
    cells = [a + b + c for a in pieces for b in pieces for c in ("", ",", 'x"')]
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\r\n")
    for start in range(0, len(cells), 7):
        writer.writerow(cells[start : start + 7])
    written = "".join(csv_line(cells[start : start + 7]) for start in range(0, len(cells), 7))
    assert written == expected.getvalue()


@pytest.mark.parametrize("value", ["=1+1", "+A1", "-2", "@SUM(A1:A2)", "\tx", "\rx"])
def test_formula_cells_are_defused(value):
    assert defuse_cell(value) == "'" + value
    dangerous = replace(APPROVED, claim_text=value, rationale=value, source_name=value)
    cells = dict(zip(*_csv_rows([dangerous]), strict=True))
    assert cells["claim"] == cells["rationale"] == cells["source"] == "'" + value


@pytest.mark.parametrize("value", ["", "Plain text", "85%", "1+1", "'already quoted", "café"])
def test_safe_text_is_untouched(value):
    assert defuse_cell(value) == value


def test_empty_inputs_give_empty_documents():
    assert list(csv_lines([])) == [",".join(CSV_HEADER) + "\r\n"]
    assert "".join(json_chunks([])) == "[]"
    assert list(jsonl_lines([])) == []
    assert "".join(claimreview_chunks([], ORGANISATION)) == "[]"


def test_json_and_json_lines_parse_back():
    records = [APPROVED, UNRATED, IN_REVIEW]
    from_json = json.loads("".join(json_chunks(records)))
    from_lines = [json.loads(line) for line in "".join(jsonl_lines(records)).splitlines()]
    assert from_json == from_lines == [record_dict(record) for record in records]
    first = from_json[0]
    assert first["article"]["published"] == "2021-07-12"
    assert first["attribution"]["source"] == {"name": "the Taliban", "kind": "organisation"}
    assert first["verdict"] == {"label": "Mostly false", "rating": 2}
    assert first["evidence"][0] == {
        "url": "https://www.example.org/report",
        "title": "UN report",
        "publisher": "UN",
        "relation": "refutes",
        "published": "2021-07-01",
        "accessed": "2021-09-20",
        "excerpt": "Control is far lower.",
        "archive_url": "https://archive.example.net/report",
    }
    assert from_json[2]["verdict"] is None


def _every_kind_of_record() -> list[ExportRecord]:
    """Records with every optional value both present and missing, and awkward text."""
    awkward = TRICKY + ' tab\t back\\slash \x00 \x1f \x7f \x85 "quoted" \n new line'
    bare_evidence = ExportEvidence(url="https://bare.example", title="", relation="context")
    bare = ExportRecord(
        claim_id=10, claim_text="", state="new", article_title="", permalink="", quote=None
    )
    return [
        APPROVED,
        UNRATED,
        IN_REVIEW,
        bare,
        replace(bare, evidence=(bare_evidence,), quote=True, rating=0, verdict="Zero"),
        replace(
            APPROVED,
            claim_text=awkward,
            article_title=awkward,
            source_name=awkward,
            source_kind=None,
            cue=awkward,
            rationale=awkward,
            evidence=(replace(EVIDENCE, title=awkward, excerpt=awkward, publisher=None),),
        ),
        replace(APPROVED, source_name="", verdict="", rating=3, quote=None),
        replace(APPROVED, approved_at=datetime(2021, 9, 21, 14, 30, 5, 123, tzinfo=UTC)),
    ]


@pytest.mark.parametrize("record", _every_kind_of_record())
def test_record_json_is_what_the_encoder_writes_for_record_dict(record):
    assert record_json(record) == json.dumps(record_dict(record), ensure_ascii=False)


def test_json_and_json_lines_hold_the_encoded_objects():
    records = _every_kind_of_record()
    objects = [json.dumps(record_dict(record), ensure_ascii=False) for record in records]
    assert "".join(json_chunks(records)) == "[" + ",".join(objects) + "]"
    lines = []
    for line in objects:
        for char, escape in LINE_BREAK_ESCAPES.items():
            line = line.replace(char, escape)
        lines.append(line + "\n")
    assert list(jsonl_lines(records)) == lines


def test_csv_cells_of_every_kind_of_value():
    record = replace(
        APPROVED,
        rating=-1,
        article_url="=HYPERLINK()",
        cue="+x",
        proposer="@me",
        quote=True,
        publication=None,
        approved_at=None,
    )
    cells = dict(zip(CSV_HEADER, csv_row(record), strict=True))
    assert (cells["rating"], cells["article_url"]) == ("'-1", "'=HYPERLINK()")
    assert (cells["cue"], cells["proposer"]) == ("'+x", "'@me")
    assert (cells["publication"], cells["approved_at"]) == ("", "")
    assert cells["quote_or_paraphrase"] == "quote"
    assert (cells["claim_id"], cells["revisions"]) == ("7", "6")


def test_json_is_streamed_in_pieces():
    chunks = list(json_chunks([APPROVED, UNRATED]))
    assert chunks[0] == "["
    assert chunks[-1] == "]"
    assert len(chunks) == 4


def test_markup_quotes_and_unicode_round_trip_every_format():
    tricky = replace(
        APPROVED,
        claim_text=TRICKY,
        rationale=TRICKY,
        article_title=TRICKY,
        source_name=TRICKY,
        evidence=(replace(EVIDENCE, title=TRICKY, excerpt=TRICKY),),
    )
    cells = dict(zip(*_csv_rows([tricky]), strict=True))
    assert cells["claim"] == cells["rationale"] == cells["source"] == TRICKY
    parsed = json.loads("".join(json_chunks([tricky])))[0]
    assert parsed["text"] == parsed["evidence"][0]["excerpt"] == TRICKY
    lines = "".join(jsonl_lines([tricky, tricky])).splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1])["evidence"][0]["title"] == TRICKY
    review = json.loads("".join(claimreview_chunks([tricky], ORGANISATION)))[0]
    assert review["claimReviewed"] == TRICKY
    assert review["itemReviewed"]["appearance"]["headline"] == TRICKY
    assert json.loads(json_for_script(review)) == review


def test_json_for_script_cannot_end_the_script_element():
    obj = {"text": TRICKY, "</script>": ["<!--", "&amp;", "\u2028"]}
    embedded = json_for_script(obj)
    for char in "<>&\u2028\u2029":
        assert char not in embedded
    assert json.loads(embedded) == obj


def test_formats_name_media_types_and_extensions():
    assert set(FORMATS) == {"csv", "json", "jsonl", "claimreview"}
    assert FORMATS["csv"].media_type.startswith("text/csv")
    assert FORMATS["claimreview"].media_type == "application/ld+json"
    assert FORMATS["jsonl"].extension == "jsonl"


# --- ClaimReview -------------------------------------------------------------------------


def claimreview_schema(rated: bool) -> dict:
    """The required and recommended ClaimReview fields, as a JSON Schema (2020-12)."""
    thing = {"type": "object", "required": ["@type", "name"]}
    work = {
        "type": "object",
        "required": ["@type", "url", "headline"],
        "properties": {"@type": {"const": "CreativeWork"}},
    }
    rating_fields = ["ratingValue", "bestRating", "worstRating"]
    rating = {
        "type": "object",
        "required": ["@type", "alternateName"],
        "properties": {
            "@type": {"const": "Rating"},
            "alternateName": {"type": "string", "minLength": 1},
            "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
            "bestRating": {"const": 5},
            "worstRating": {"const": 1},
        },
    }
    if rated:
        rating["required"] = [*rating["required"], *rating_fields]
    else:
        rating["not"] = {"anyOf": [{"required": [name]} for name in rating_fields]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": [
            "@context",
            "@type",
            "claimReviewed",
            "reviewRating",
            "itemReviewed",
            "author",
            "datePublished",
            "url",
        ],
        "properties": {
            "@context": {"const": "https://schema.org"},
            "@type": {"const": "ClaimReview"},
            "claimReviewed": {"type": "string", "minLength": 1},
            "url": {"type": "string", "pattern": "^https?://"},
            "datePublished": {"type": "string", "format": "date"},
            "author": {
                "allOf": [thing],
                "properties": {"@type": {"const": "Organization"}},
            },
            "reviewRating": rating,
            "itemReviewed": {
                "type": "object",
                "required": ["@type", "author", "datePublished", "appearance", "firstAppearance"],
                "properties": {
                    "@type": {"const": "Claim"},
                    "author": {
                        "allOf": [thing],
                        "properties": {"@type": {"enum": ["Person", "Organization"]}},
                    },
                    "datePublished": {"type": "string", "format": "date"},
                    "appearance": work,
                    "firstAppearance": work,
                },
            },
        },
    }


@pytest.mark.parametrize(("record", "rated"), [(APPROVED, True), (UNRATED, False)])
def test_claimreview_validates_against_the_schema(record, rated):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(claimreview(record, ORGANISATION), claimreview_schema(rated))


def test_schema_refuses_a_rating_on_an_unrated_verdict():
    jsonschema = pytest.importorskip("jsonschema")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(claimreview(APPROVED, ORGANISATION), claimreview_schema(rated=False))


def test_claimreview_has_the_required_and_recommended_fields():
    review = claimreview(APPROVED, ORGANISATION)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == APPROVED.claim_text
    assert review["url"] == APPROVED.permalink
    assert review["datePublished"] == "2021-09-21"
    assert review["author"] == {"@type": "Organization", "name": ORGANISATION}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    appearance = {
        "@type": "CreativeWork",
        "url": APPROVED.article_url,
        "headline": APPROVED.article_title,
    }
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "the Taliban"},
        "datePublished": "2021-07-12",
        "appearance": appearance,
        "firstAppearance": appearance,
    }


def test_verdict_without_rating_has_only_its_name():
    rating = claimreview(UNRATED, ORGANISATION)["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unverifiable"}


@pytest.mark.parametrize(
    ("changes", "author"),
    [
        ({"source_kind": "person", "source_name": "Gen. Miller"}, {"@type": "Person"}),
        ({"source_kind": "organisation"}, {"@type": "Organization"}),
        (
            {"attribution_kind": "publication", "source_name": None, "source_kind": None},
            {"@type": "Organization", "name": "Daily Example"},
        ),
    ],
)
def test_claim_author_follows_the_attribution(changes, author):
    review = claimreview(replace(APPROVED, **changes), ORGANISATION)
    assert author.items() <= review["itemReviewed"]["author"].items()


def test_claim_without_known_author_or_date_leaves_them_out():
    anonymous = replace(
        APPROVED,
        attribution_kind="unnamed",
        source_name=None,
        source_kind=None,
        published=None,
        article_url=None,
    )
    item = claimreview(anonymous, ORGANISATION)["itemReviewed"]
    assert "author" not in item
    assert "datePublished" not in item
    assert item["appearance"] == {"@type": "CreativeWork", "headline": APPROVED.article_title}


def test_only_approved_claims_become_claimreviews():
    with pytest.raises(ValueError, match="no approved verdict"):
        claimreview(IN_REVIEW, ORGANISATION)
    reviews = json.loads("".join(claimreview_chunks([APPROVED, IN_REVIEW], ORGANISATION)))
    assert [review["url"] for review in reviews] == [APPROVED.permalink]
