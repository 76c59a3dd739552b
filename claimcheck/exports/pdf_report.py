"""The verified-claims report as a printable A4 PDF, grouped by article.

The whole document is built in memory, which suits a report a person will read or print.
Very large scopes belong in the CSV or JSON Lines exports, which stream record by record.

Text is set in Source Sans Pro, shipped by the ``font-source-sans-pro`` package (SIL Open
Font License 1.1), so the report looks the same on every machine and needs no system fonts.
It covers Latin, Greek and Cyrillic with typographic quotes and dashes. A character the font
cannot draw, such as an emoji, is printed as its code point, e.g. ``[U+1F642]``, so nothing
in a claim silently disappears.

Everything that comes from users is drawn as plain text: no markdown, no HTML.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime
from importlib.resources import as_file, files

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from claimcheck.exports.formats import BEST_RATING
from claimcheck.exports.records import ExportEvidence, ExportRecord

Colour = tuple[int, int, int]

FONT_FAMILY = "SourceSans"
FONT_FILES = {
    "": "SourceSansPro-Regular.ttf",
    "B": "SourceSansPro-Bold.ttf",
    "I": "SourceSansPro-It.ttf",
}
FONT_DIRECTORY = ("font_source_sans_pro", "files")
# fpdf2 swaps this marker for the page count in any text. The private-use character can never
# reach the page from user text (the font has no glyph for it, so it is printed as a code),
# which keeps a claim quoting "{nb}", fpdf2's default marker, intact.
TOTAL_PAGES = "\ue000nb\ue000"
# Invisible joiners and emoji presentation selectors: dropped, as they draw nothing alone.
INVISIBLE = {"\u200d", "\ufe0e", "\ufe0f"}
MARGIN = 18.0
LINE = 5.0
LABEL_INDENT = 5.0
TEXT_COLOUR: Colour = (33, 37, 41)
MUTED_COLOUR = (108, 117, 125)
RULE_COLOUR = (206, 212, 218)
NO_RATING_COLOUR = (84, 110, 122)
# Dark enough for white text; 1 is the worst rating (false), BEST_RATING the best (true).
RATING_COLOURS = {
    1: (176, 0, 32),
    2: (191, 54, 12),
    3: (130, 90, 0),
    4: (46, 125, 50),
    5: (27, 94, 32),
}


def _utc(moment: datetime) -> str:
    # The app stores aware UTC datetimes; a naive one is taken to be UTC already.
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class _Report(FPDF):
    """An A4 document with the report's fonts, running header and page footer."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report_title = title
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.alias_nb_pages(TOTAL_PAGES)
        self.set_title(title)
        self.set_creator("ClaimCheck")
        self.glyphs: set[int] = set()

    def load_fonts(self, stack: ExitStack) -> None:
        """Register the bundled font in each style the report uses."""
        directory = files(FONT_DIRECTORY[0]).joinpath(FONT_DIRECTORY[1])
        for style, name in FONT_FILES.items():
            path = stack.enter_context(as_file(directory.joinpath(name)))
            self.add_font(FONT_FAMILY, style, path)
        self.set_font(FONT_FAMILY, "", 10)
        # Bold and italic share the regular face's coverage in this family.
        self.glyphs = set(self.current_font.cmap)

    def printable(self, text: str) -> str:
        """Text with every character the font cannot draw written as its code point."""
        text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
        return "".join(self._printable_char(char) for char in text.replace("\t", "    "))

    def _printable_char(self, char: str) -> str:
        if char == "\n" or (ord(char) in self.glyphs and unicodedata.category(char) != "Cc"):
            return char
        if char in INVISIBLE:
            return ""
        return f"[U+{ord(char):04X}]"

    def style(self, emphasis: str = "", size: float = 10, colour: Colour = TEXT_COLOUR) -> None:
        self.set_font(FONT_FAMILY, emphasis, size)
        self.set_text_color(*colour)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.style("", 8, MUTED_COLOUR)
        self.multi_cell(
            0, LINE, self.printable(self.report_title), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-MARGIN + 6)
        self.style("", 8, MUTED_COLOUR)
        self.cell(0, LINE, f"Page {self.page_no()} of {TOTAL_PAGES}", align="C")

    def paragraph(
        self, text: str, emphasis: str = "", size: float = 10, colour: Colour = TEXT_COLOUR
    ) -> None:
        """A block of wrapped text across the width between the margins."""
        self.style(emphasis, size, colour)
        self.multi_cell(
            0, size * 0.5, self.printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def field(self, label: str, value: str, size: float = 10) -> None:
        """A "Label: value" line that wraps back to the current left margin."""
        self.style("B", size)
        self.write(size * 0.5, f"{self.printable(label)}: ")
        self.style("", size)
        self.write(size * 0.5, self.printable(value))
        self.ln(size * 0.5)

    def rule(self) -> None:
        self.set_draw_color(*RULE_COLOUR)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())

    @contextmanager
    def indented(self, by: float) -> Iterator[None]:
        """Move the left margin in for the lines written inside the block."""
        self.set_left_margin(self.l_margin + by)
        self.set_x(self.l_margin)
        try:
            yield
        finally:
            self.set_left_margin(self.l_margin - by)
            self.set_x(self.l_margin)


def _group_by_article(records: Iterable[ExportRecord]) -> dict[tuple, list[ExportRecord]]:
    """Records per article, articles in first-seen order, claims in their given order."""
    groups: dict[tuple, list[ExportRecord]] = {}
    for record in records:
        key = (record.article_title, record.article_url, record.publication, record.published)
        groups.setdefault(key, []).append(record)
    return groups


def _title_block(pdf: _Report, organisation: str, generated_at: datetime, count: int) -> None:
    pdf.paragraph(pdf.report_title, "B", 20)
    pdf.ln(1)
    pdf.paragraph(organisation, "", 12)
    pdf.paragraph(
        f"Generated {_utc(generated_at)} · {_plural(count, 'claim')}", "", 10, MUTED_COLOUR
    )
    pdf.ln(3)
    pdf.rule()
    pdf.ln(4)
    if count == 0:
        pdf.paragraph("There are no claims in this report.", "I", 11)


def _article_heading(pdf: _Report, record: ExportRecord) -> None:
    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.paragraph(record.article_title, "B", 14)
    details = [part for part in (record.publication, _day(record.published)) if part]
    if details:
        pdf.paragraph(" · ".join(details), "", 10, MUTED_COLOUR)
    if record.article_url:
        pdf.paragraph(record.article_url, "", 9, MUTED_COLOUR)
    pdf.ln(3)


def _verdict_badge(pdf: _Report, record: ExportRecord) -> None:
    label = pdf.printable(record.verdict or "No verdict")
    rating = f"Rating {record.rating}/{BEST_RATING}" if record.rating is not None else "No rating"
    pdf.set_fill_color(*RATING_COLOURS.get(record.rating, NO_RATING_COLOUR))
    pdf.style("B", 10, (255, 255, 255))
    rating_text = f"  {rating}"
    width = pdf.get_string_width(label) + 6
    fits = width + pdf.get_string_width(rating_text) + 2 <= pdf.epw
    if fits:
        pdf.cell(width, 7, label, fill=True, align="C", new_x=XPos.RIGHT, new_y=YPos.TOP)
    else:
        # A label too long for one line wraps inside its own coloured box.
        pdf.multi_cell(0, 6, label, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.style("", 10)
    pdf.cell(0, 7, rating_text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _quote_or_paraphrase(quote: bool | None) -> str:
    if quote is None:
        return "not confirmed"
    return "quote" if quote else "paraphrase"


def _attribution(pdf: _Report, record: ExportRecord) -> None:
    source = record.source_name or "none"
    if record.source_name and record.source_kind:
        source = f"{record.source_name} ({record.source_kind})"
    pdf.field("Attribution", record.attribution_kind or "not set")
    pdf.field("Source", source)
    if record.cue:
        pdf.field("Cue", record.cue)
    pdf.field("Quote or paraphrase", _quote_or_paraphrase(record.quote))


def _evidence_item(pdf: _Report, item: ExportEvidence) -> None:
    pdf.field(item.relation.capitalize() or "Evidence", item.title)
    with pdf.indented(LABEL_INDENT):
        details = [part for part in (item.publisher, _day(item.published)) if part]
        if details:
            pdf.paragraph(" · ".join(details), "", 9, MUTED_COLOUR)
        pdf.paragraph(item.url, "", 9, MUTED_COLOUR)
    pdf.ln(1)


def _sign_off(pdf: _Report, record: ExportRecord) -> None:
    pdf.field("Proposed by", record.proposer or "unknown", 9)
    if record.approver and record.approved_at is not None:
        pdf.field("Approved by", f"{record.approver}, {_utc(record.approved_at)}", 9)
    else:
        pdf.field("Approved by", f"not approved (state: {record.state})", 9)


def _claim(pdf: _Report, record: ExportRecord) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.paragraph(f"Claim #{record.claim_id}", "B", 9, MUTED_COLOUR)
    pdf.paragraph(record.claim_text, "", 11)
    pdf.ln(2)
    _verdict_badge(pdf, record)
    _attribution(pdf, record)
    pdf.ln(2)
    pdf.paragraph("Rationale", "B", 10)
    pdf.paragraph(record.rationale or "No rationale recorded.", "", 10)
    pdf.ln(2)
    pdf.paragraph(f"Evidence ({len(record.evidence)})", "B", 10)
    if not record.evidence:
        pdf.paragraph("No evidence attached.", "I", 10)
    for item in record.evidence:
        _evidence_item(pdf, item)
    pdf.ln(1)
    _sign_off(pdf, record)
    pdf.ln(3)
    pdf.rule()
    pdf.ln(4)


def pdf_report(
    records: Iterable[ExportRecord], *, title: str, organisation: str, generated_at: datetime
) -> bytes:
    """The claims as an A4 PDF: a title block, then each article with its claims in order."""
    groups = _group_by_article(records)
    pdf = _Report(title)
    with ExitStack() as stack:
        pdf.load_fonts(stack)
        pdf.add_page()
        _title_block(pdf, organisation, generated_at, sum(map(len, groups.values())))
        for claims in groups.values():
            _article_heading(pdf, claims[0])
            for record in claims:
                _claim(pdf, record)
        return bytes(pdf.output())
