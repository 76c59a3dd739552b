"""Checking a file attached to an evidence item: PDF or image only, typed by its content."""

import re
import unicodedata

ALLOWED = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}

_DESCRIPTIONS = {
    "application/pdf": "a PDF",
    "image/png": "a PNG image",
    "image/jpeg": "a JPEG image",
    "image/gif": "a GIF image",
    "image/webp": "a WebP image",
}

# Every extension people commonly give each type; a name ending in one of them claims that type.
_EXTENSIONS = {
    "application/pdf": {".pdf"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
}

# Extensions that name some other kind of file. Anything else after a dot ("Scan 2024.03") is
# treated as part of the name rather than as a claim about the content.
_OTHER_EXTENSIONS = {
    ".svg", ".svgz", ".html", ".htm", ".xhtml", ".xml", ".js", ".txt", ".doc", ".docx",
    ".odt", ".rtf", ".zip", ".exe", ".heic", ".tif", ".tiff", ".bmp",
}  # fmt: skip
_KNOWN_EXTENSIONS = _OTHER_EXTENSIONS.union(*_EXTENSIONS.values())

# Browsers and old plug-ins sniff the start of a file for markup, so an image whose first
# kilobyte carries a script could run as a page if it were ever served with the wrong type.
_SNIFF_WINDOW = 1024
_MARKUP = (b"<script", b"<html", b"<!doctype html", b"<body", b"<iframe", b"<svg", b"<head")

_MEGABYTE = 1024 * 1024
_MAX_STEM = 80
_FALLBACK_STEM = "evidence"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class EvidenceFileError(ValueError):
    """An attachment that can't be accepted; the message is written to be shown to the person."""


def _media_type(data: bytes) -> str | None:
    """The allowed media type `data` starts like, or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _split_name(filename: str) -> tuple[str, str]:
    """(stem, known lower-case extension or "") of the last path part, whichever slash was used."""
    base = re.split(r"[/\\]", filename or "")[-1]
    stem, dot, extension = base.rpartition(".")
    extension = dot + extension.lower()
    return (stem, extension) if extension in _KNOWN_EXTENSIONS else (base, "")


def _clean(text: str, limit: int) -> str:
    """Keep ASCII letters, digits and -_. (spaces become -), trimmed of edge punctuation."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("", re.sub(r"\s+", "-", ascii_text.strip()))
    # Leading dots would make a hidden file or a relative path; edge dashes just look broken.
    return cleaned[:limit].strip("-._")


def safe_download_name(filename: str, media_type: str) -> str:
    """A download name built from the original stem and the extension for `media_type`."""
    stem, _ = _split_name(filename)
    return (_clean(stem, _MAX_STEM) or _FALLBACK_STEM) + ALLOWED[media_type]


def _shown(filename: str) -> str:
    """The uploaded name reduced to harmless characters, quoted, for use in messages."""
    stem, extension = _split_name(filename)
    cleaned = _clean(stem, _MAX_STEM)
    return f"“{cleaned}{extension}”" if cleaned else "This file"


def _format_megabytes(size: int) -> str:
    """'10 MB', '2.5 MB'."""
    return f"{size / _MEGABYTE:.1f}".removesuffix(".0") + " MB"


def check_evidence_file(filename: str, data: bytes, max_bytes: int) -> tuple[str, str]:
    """Return (media_type, safe_download_name) for an acceptable file, else raise."""
    shown = _shown(filename)
    if not data:
        raise EvidenceFileError(f"{shown} is empty.")
    if len(data) > max_bytes:
        raise EvidenceFileError(
            f"{shown} is larger than the {_format_megabytes(max_bytes)} limit for evidence files."
        )

    media_type = _media_type(data)
    head = data[:_SNIFF_WINDOW].lower()
    if media_type is None:
        if b"<svg" in head and b"<html" not in head:
            raise EvidenceFileError(
                f"{shown} is an SVG drawing, which can carry scripts; "
                "please attach it as a PNG or PDF instead."
            )
        if any(marker in head for marker in _MARKUP):
            raise EvidenceFileError(
                f"{shown} is a web page, not a PDF or an image; save it as a PDF to attach it."
            )
        raise EvidenceFileError(f"{shown} is not a PDF or an image (PNG, JPEG, GIF, WebP).")

    if any(marker in head for marker in _MARKUP):
        raise EvidenceFileError(
            f"{shown} contains web-page code hidden in the file, so it can't be attached."
        )

    _, extension = _split_name(filename)
    if extension and extension not in _EXTENSIONS[media_type]:
        raise EvidenceFileError(
            f"{shown} ends in {extension} but is actually "
            f"{_DESCRIPTIONS[media_type]}; rename it or attach the right file."
        )
    return media_type, safe_download_name(filename, media_type)
