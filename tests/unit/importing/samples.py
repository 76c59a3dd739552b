"""Documents built in memory for the importing tests: no binary fixtures are stored."""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
from pypdf import PdfReader, PdfWriter

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Jobless figure questioned | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:url" content="https://ledger.example/news/jobless-figure">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<script>var tracking = "SCRIPT-IN-HEAD";</script>
<style>p { color: red; } /* STYLE-TEXT */</style>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Jobless figure questioned</h1>
<p>The minister said unemployment fell by 40 per cent last year, a figure the
statistics office disputes.</p>
<p>Official figures show a fall of 4 per cent. The office published the numbers on
Tuesday and said they were final.</p>
<script>document.write("SCRIPT-IN-BODY");</script>
<p>Economists said the claim was misleading because it compared different quarters of
different years.</p>
</article>
<footer>Copyright The Daily Ledger</footer>
</body>
</html>
"""

# No element trafilatura treats as an article: a notice in a bare div beside scripts.
NOTICE_HTML = """<html><head><title>Notice</title></head><body>
<div>Office closed today.<br>Back on Monday.</div>
<script>var hidden = "SCRIPT-TEXT";</script><style>.x { color: blue; }</style>
<div><span>Call 555-0100.</span></div>
</body></html>
"""


def make_docx(
    paragraphs: list[str],
    *,
    title: str | None = None,
    author: str | None = None,
    heading: str | None = None,
    created: datetime.datetime | None = None,
) -> bytes:
    """Return a .docx holding the paragraphs, with the given core properties."""
    document = docx.Document()
    properties = document.core_properties
    properties.title = title or ""
    properties.author = author or ""
    # python-docx's template says 2013 for both dates; tests choose their own.
    properties.created = created or datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)
    properties.modified = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)
    if heading is not None:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip_bomb(unpacked_bytes: int, chunk_bytes: int = 1024 * 1024) -> bytes:
    """Return a zip shaped like a .docx whose document part is unpacked_bytes of spaces.

    The part is written in chunks, so building it never holds the unpacked text in memory.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        chunk = b" " * chunk_bytes
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(unpacked_bytes // chunk_bytes):
                part.write(chunk)
    return buffer.getvalue()


def _pdf_string(text: str) -> str:
    """Return text as a PDF literal string."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})"


def make_pdf(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """Return a PDF whose pages show the given lines in Helvetica; an empty page is blank."""
    objects: list[str] = []

    def add(body: str) -> int:
        objects.append(body)
        return len(objects)

    catalog = add("")  # filled in once the page tree's number is known
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    page_numbers = []
    tree = len(objects) + 1 + 2 * len(pages)
    for lines in pages:
        operators = ["BT", "/F1 12 Tf", "72 720 Td", "16 TL"]
        operators += [f"{_pdf_string(line)} Tj T*" for line in lines]
        operators.append("ET")
        stream = "\n".join(operators) if lines else "0.5 g 72 72 200 200 re f"
        contents = add(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        page_numbers.append(
            add(
                f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {contents} 0 R >>"
            )
        )
    kids = " ".join(f"{number} 0 R" for number in page_numbers)
    assert add(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>") == tree
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R /Lang (en-GB) >>"
    trailer_info = ""
    if info:
        entries = " ".join(f"/{key} {_pdf_string(value)}" for key, value in info.items())
        trailer_info = f" /Info {add(f'<< {entries} >>')} 0 R"

    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref_at = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{trailer_info} >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(output)


def encrypt_pdf(data: bytes, user_password: str) -> bytes:
    """Return the PDF encrypted so that it opens with user_password."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password="owner-secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
