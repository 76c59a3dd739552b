import pytest

from claimcheck.evidence_files import ALLOWED, EvidenceFileError, check_evidence_file

MB = 1024 * 1024
LIMIT = 5 * MB

# Smallest headers each format is recognised by, padded with filler bytes.
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20


def check(filename, data, max_bytes=LIMIT):
    return check_evidence_file(filename, data, max_bytes)


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("report.pdf", PDF, ("application/pdf", "report.pdf")),
        ("chart.png", PNG, ("image/png", "chart.png")),
        ("photo.jpg", JPEG, ("image/jpeg", "photo.jpg")),
        ("photo.JPEG", JPEG, ("image/jpeg", "photo.jpg")),
        ("animation.gif", GIF, ("image/gif", "animation.gif")),
        ("screenshot.webp", WEBP, ("image/webp", "screenshot.webp")),
    ],
)
def test_pdfs_and_images_are_accepted_and_typed_by_content(filename, data, expected):
    assert check(filename, data) == expected


def test_every_allowed_type_is_recognised_and_named_with_its_extension():
    for data in (PDF, PNG, JPEG, GIF, WEBP):
        media_type, name = check("evidence", data)
        assert name == "evidence" + ALLOWED[media_type]
    assert {check("x", data)[0] for data in (PDF, PNG, JPEG, GIF, WEBP)} == set(ALLOWED)


def test_a_name_without_extension_gets_the_one_for_its_content():
    assert check("scan", PDF) == ("application/pdf", "scan.pdf")


def test_dots_that_are_not_a_known_extension_stay_in_the_name():
    assert check("Scan 2024.03", PDF) == ("application/pdf", "Scan-2024.03.pdf")


def test_empty_file_is_refused():
    with pytest.raises(EvidenceFileError, match="“report.pdf” is empty."):
        check("report.pdf", b"")


def test_oversize_file_is_refused_and_the_message_names_the_limit():
    with pytest.raises(EvidenceFileError, match="larger than the 5 MB limit"):
        check("big.pdf", PDF + b"\x00" * LIMIT)


def test_file_exactly_at_the_limit_is_accepted():
    assert check("edge.pdf", PDF, max_bytes=len(PDF))[0] == "application/pdf"


def test_fractional_limits_are_shown_with_one_decimal():
    with pytest.raises(EvidenceFileError, match="2.5 MB limit"):
        check("big.png", PNG + b"\x00" * (3 * MB), max_bytes=int(2.5 * MB))


@pytest.mark.parametrize(
    ("filename", "data"),
    [("archive.zip", ZIP), ("report.pdf", ZIP), ("notes.txt", b"Just some notes.\n")],
)
def test_unknown_content_is_refused(filename, data):
    message = r"is not a PDF or an image \(PNG, JPEG, GIF, WebP\)\.$"
    with pytest.raises(EvidenceFileError, match=message):
        check(filename, data)


@pytest.mark.parametrize("filename", ["logo.svg", "logo.png", "logo"])
def test_svg_is_refused_whatever_its_name(filename):
    with pytest.raises(EvidenceFileError, match="SVG drawing, which can carry scripts"):
        check(filename, SVG)


@pytest.mark.parametrize("filename", ["photo.png", "photo.jpg", "page.pdf"])
def test_html_disguised_as_an_image_or_pdf_is_refused(filename):
    with pytest.raises(EvidenceFileError, match="is a web page, not a PDF or an image"):
        check(filename, b"\n  " + HTML)


def test_an_image_with_a_script_in_its_header_is_refused():
    polyglot = b"GIF89a/*" + b"\x00" * 10 + b"*/=1;<script>alert(1)</script>"
    with pytest.raises(EvidenceFileError, match="web-page code"):
        check("funny.gif", polyglot)


def test_markup_after_the_sniffed_start_of_an_image_does_not_matter():
    assert check("big.png", PNG + b"\x00" * 2048 + b"<script>")[0] == "image/png"


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("report.pdf", PNG, "“report.pdf” ends in .pdf but is actually a PNG image"),
        ("photo.jpg", PDF, "“photo.jpg” ends in .jpg but is actually a PDF"),
        ("chart.png", JPEG, "ends in .png but is actually a JPEG image"),
        ("drawing.svg", PNG, "ends in .svg but is actually a PNG image"),
        ("page.html", PDF, "ends in .html but is actually a PDF"),
    ],
)
def test_content_that_contradicts_the_extension_is_refused(filename, data, message):
    with pytest.raises(EvidenceFileError, match=message):
        check(filename, data)


@pytest.mark.parametrize(
    ("filename", "data", "safe_name"),
    [
        ("../../etc/passwd.pdf", PDF, "passwd.pdf"),
        ("C:\\Users\\ana\\Desktop\\minutes.pdf", PDF, "minutes.pdf"),
        ('"><script>.png', PNG, "script.png"),
        ('"><script>alert(1)</script>.png', PNG, "script.png"),
        ("report.final.v2.pdf", PDF, "report.final.v2.pdf"),
        (".pdf", PDF, "evidence.pdf"),
        ("Déclaration du ministre.pdf", PDF, "Declaration-du-ministre.pdf"),
        ("Ｒｅｐｏｒｔ　２０２４.pdf", PDF, "Report-2024.pdf"),
        ("报告.pdf", PDF, "evidence.pdf"),
        (".hidden.png", PNG, "hidden.png"),
        ("..", PNG, "evidence.png"),
        ("", JPEG, "evidence.jpg"),
        ("a;b|c&d$e.gif", GIF, "abcde.gif"),
        ("x" * 200 + ".pdf", PDF, "x" * 80 + ".pdf"),
    ],
)
def test_download_names_are_safe_ascii_with_the_detected_extension(filename, data, safe_name):
    assert check(filename, data)[1] == safe_name


def test_messages_quote_only_the_cleaned_name():
    with pytest.raises(EvidenceFileError) as caught:
        check('"><img src=x onerror=alert(1)>.pdf', b"")
    assert "<" not in str(caught.value)
    assert '"' not in str(caught.value)


def test_evidence_file_error_is_a_value_error():
    assert issubclass(EvidenceFileError, ValueError)
