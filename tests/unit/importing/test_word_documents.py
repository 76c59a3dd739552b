import datetime

import docx
import pytest

from claimcheck.importing import DocumentError, ImportLimits, read_document
from tests.unit.importing.samples import make_docx, make_zip_bomb

LIMITS = ImportLimits()
PARAGRAPHS = ["The minister said crime fell by half.", "Police figures show a 5% fall."]


def test_docx_paragraphs_are_separated_by_a_blank_line():
    document = read_document("story.docx", make_docx(PARAGRAPHS), LIMITS)

    assert document.text == "\n\n".join(PARAGRAPHS)
    assert document.source_format == "docx"


def test_docx_core_properties_give_title_and_byline():
    data = make_docx(PARAGRAPHS, title="Crime claim", author="Sam Writer")

    document = read_document("story.docx", data, LIMITS)

    assert (document.title, document.byline) == ("Crime claim", "Sam Writer")


def test_docx_without_title_property_takes_the_first_top_heading():
    document = read_document("story.docx", make_docx(PARAGRAPHS, heading="Crime claim"), LIMITS)

    assert document.title == "Crime claim"
    assert document.text.startswith("Crime claim\n\n")


def test_docx_plausible_creation_date_becomes_the_publication_date():
    created = datetime.datetime(2024, 2, 1, 9, 30, tzinfo=datetime.UTC)

    document = read_document("story.docx", make_docx(PARAGRAPHS, created=created), LIMITS)

    assert document.published == datetime.date(2024, 2, 1)


@pytest.mark.parametrize(
    "created",
    [datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC), datetime.datetime(2999, 1, 1)],
    ids=["before-1990", "future"],
)
def test_docx_implausible_dates_are_not_used(created):
    document = read_document("story.docx", make_docx(PARAGRAPHS, created=created), LIMITS)

    assert document.published is None


def test_docx_table_rows_are_kept_as_paragraphs():
    word = docx.Document()
    word.add_paragraph("Before the table.")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Year"
    table.rows[0].cells[1].text = "Rate"
    data = _save(word)

    assert read_document("t.docx", data, LIMITS).text == "Before the table.\n\nYear\tRate"


def test_truncated_docx_is_refused_as_damaged():
    data = make_docx(PARAGRAPHS)

    with pytest.raises(DocumentError, match="damaged"):
        read_document("story.docx", data[: len(data) // 2], LIMITS)


def test_docx_missing_its_parts_is_refused_as_damaged():
    data = make_zip_bomb(1024 * 1024, chunk_bytes=1024)

    with pytest.raises(DocumentError, match="damaged"):
        read_document("story.docx", data, LIMITS)


def test_zip_bomb_docx_is_refused_before_it_is_parsed(monkeypatch):
    def fail_if_parsed(*args, **kwargs):
        pytest.fail("the document was parsed")

    monkeypatch.setattr(docx, "Document", fail_if_parsed)
    bomb = make_zip_bomb(200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024

    with pytest.raises(DocumentError, match=r"would unpack to 200\.0 MB"):
        read_document("story.docx", bomb, LIMITS)


def test_docx_far_beyond_its_ratio_is_refused_under_the_absolute_cap():
    bomb = make_zip_bomb(8 * 1024 * 1024)

    with pytest.raises(DocumentError, match="would unpack"):
        read_document("story.docx", bomb, LIMITS)


def _save(word) -> bytes:
    """Return a python-docx document saved to bytes."""
    import io

    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
