import pytest

from claimcheck.importing import DocumentError, ImportLimits, read_document, read_pasted_text


def test_upload_over_the_byte_limit_is_refused_naming_the_limit():
    limits = ImportLimits(max_upload_bytes=2 * 1024 * 1024)

    with pytest.raises(DocumentError, match=r"3 MB; the largest file we accept is 2 MB"):
        read_document("big.txt", b"a" * (3 * 1024 * 1024), limits)


def test_size_is_checked_before_the_format():
    limits = ImportLimits(max_upload_bytes=10)

    with pytest.raises(DocumentError, match="largest file"):
        read_document("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, limits)


def test_upload_at_the_byte_limit_is_accepted():
    limits = ImportLimits(max_upload_bytes=100)

    assert read_document("a.txt", b"x" * 100, limits).text == "x" * 100


def test_text_over_the_length_limit_is_refused_with_both_numbers():
    limits = ImportLimits(max_text_chars=1_000)

    with pytest.raises(DocumentError, match=r"1,001 characters long; the limit is 1,000"):
        read_document("long.txt", b"y" * 1_001, limits)


def test_length_is_counted_after_line_breaks_are_normalised():
    limits = ImportLimits(max_text_chars=5)

    assert read_document("a.txt", b"a\r\nb\r\nc", limits).text == "a\nb\nc"


def test_pasted_text_over_the_length_limit_is_refused():
    with pytest.raises(DocumentError, match="the limit is 10 characters"):
        read_pasted_text("z" * 11, ImportLimits(max_text_chars=10))


@pytest.mark.parametrize(
    ("upload_bytes", "allowed"),
    [
        (10_000, 4 * 1024 * 1024),
        (1024 * 1024, 20 * 1024 * 1024),
        (9 * 1024 * 1024, 100 * 1024 * 1024),
    ],
    ids=["small-file-allowance", "ratio", "absolute-cap"],
)
def test_docx_may_unpack_to_the_smaller_of_ratio_and_cap(upload_bytes, allowed):
    assert ImportLimits().allowed_docx_uncompressed_bytes(upload_bytes) == allowed
