"""The verified-claims PDF report, read back with pypdf."""

import io
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime

from pypdf import PdfReader

from claimcheck.exports.pdf_report import pdf_report
from claimcheck.exports.records import ExportEvidence, ExportRecord

GENERATED_AT = datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
EVIDENCE = ExportEvidence(
    url="https://www.example.org/report",
    title="UN monitoring report",
    relation="refutes",
    publisher="UN",
    published=date(2021, 7, 1),
)
RECORD = ExportRecord(
    claim_id=7,
    claim_text="The Taliban control most of the country",
    state="approved",
    article_title="Fighting spreads north",
    permalink="https://claimcheck.example/claims/7",
    article_url="https://news.example/fighting",
    publication="Daily Example",
    published=date(2021, 7, 2),
    attribution_kind="source",
    source_name="Zabihullah Mujahid",
    source_kind="person",
    cue="said",
    quote=True,
    verdict="Mostly false",
    rating=2,
    rationale="Independent monitors count far fewer districts.",
    evidence=(EVIDENCE,),
    proposer="Ana Checker",
    approver="Ben Editor",
    approved_at=datetime(2021, 8, 1, 12, 0, tzinfo=UTC),
)


def render(records: Iterable[ExportRecord], title: str = "Verified claims") -> bytes:
    return pdf_report(
        records, title=title, organisation="Example Fact Desk", generated_at=GENERATED_AT
    )


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page, with runs of whitespace (line wraps too) made single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_report_is_a_complete_pdf_document():
    pdf = render([RECORD])

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip(b"\r\n").endswith(b"%%EOF")


def test_report_shows_claim_verdict_attribution_rationale_and_evidence():
    text = " ".join(pages_text(render([RECORD])))

    for expected in (
        "Verified claims",
        "Example Fact Desk",
        "Generated 2024-03-05 09:30 UTC",
        "1 claim",
        "Fighting spreads north",
        "Daily Example",
        "https://news.example/fighting",
        "The Taliban control most of the country",
        "Mostly false",
        "Rating 2/5",
        "Zabihullah Mujahid (person)",
        "Quote or paraphrase: quote",
        "Independent monitors count far fewer districts.",
        "Refutes: UN monitoring report",
        "https://www.example.org/report",
        "Proposed by: Ana Checker",
        "Approved by: Ben Editor, 2021-08-01 12:00 UTC",
    ):
        assert expected in text


def test_claim_without_rating_or_approval_says_so():
    pending = replace(RECORD, verdict=None, rating=None, approver=None, approved_at=None)
    pending = replace(pending, state="in_review", quote=None, evidence=())

    text = " ".join(pages_text(render([pending])))

    assert "No verdict No rating" in text
    assert "Quote or paraphrase: not confirmed" in text
    assert "No evidence attached." in text
    assert "Approved by: not approved (state: in_review)" in text


def test_claims_are_grouped_by_article_in_first_seen_order():
    other = replace(
        RECORD, article_title="Aid convoy delayed", article_url="https://news.example/aid"
    )
    records = [
        replace(RECORD, claim_id=1, claim_text="First claim of the fighting story"),
        replace(other, claim_id=2, claim_text="Only claim of the aid story"),
        replace(RECORD, claim_id=3, claim_text="Second claim of the fighting story"),
    ]

    text = " ".join(pages_text(render(records)))

    assert text.count("Fighting spreads north") == 1
    order = [
        "Fighting spreads north",
        "First claim of the fighting story",
        "Second claim of the fighting story",
        "Aid convoy delayed",
        "Only claim of the aid story",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_long_rationale_wraps_onto_numbered_pages():
    long_record = replace(RECORD, rationale="Monitors disagree on the district count. " * 125)
    assert len(long_record.rationale) >= 5_000

    pages = pages_text(render([long_record]))

    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_user_text_is_printed_literally_never_as_markup():
    hostile = "</script> **bold** <b>x</b> “curly” ‘single’ – 85% café {nb}"
    record = replace(RECORD, claim_text=hostile, rationale="__under__ *star* [link](x)")

    text = " ".join(pages_text(render([record], title="**Title** {nb}")))

    assert hostile in text
    assert "__under__ *star* [link](x)" in text
    assert "**Title** {nb}" in text


def test_characters_the_font_cannot_draw_are_printed_as_code_points():
    record = replace(RECORD, claim_text="Prices rose 🙂 thumbs 👍🏽 up")

    text = " ".join(pages_text(render([record])))

    assert "Prices rose [U+1F642] thumbs [U+1F44D][U+1F3FD] up" in text


def test_long_unbroken_url_wraps_within_the_page():
    url = "https://www.example.org/" + "segment-" * 60
    record = replace(RECORD, evidence=(replace(EVIDENCE, url=url),))

    text = "".join(pages_text(render([record])))

    assert url in text.replace(" ", "")


def test_no_records_gives_one_page_saying_there_are_no_claims():
    pages = pages_text(render([]))

    assert len(pages) == 1
    assert "0 claims" in pages[0]
    assert "There are no claims in this report." in pages[0]
    assert "Page 1 of 1" in pages[0]


def test_records_may_arrive_as_a_one_shot_iterator():
    pdf = render(iter([RECORD]))

    assert "The Taliban control most of the country" in " ".join(pages_text(pdf))
