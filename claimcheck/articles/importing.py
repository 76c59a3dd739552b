"""Between the import form and the document readers: which text, which details."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimcheck.articles.forms import ArticleDetailsForm, ImportArticleForm
from claimcheck.importing import ImportedDocument, ImportLimits, read_document, read_pasted_text
from claimcheck.services.articles import ArticleDetails
from claimcheck.services.errors import ServiceError


@dataclass(frozen=True)
class Submission:
    """The text to import, where it came from, and any details the file carried."""

    text: str
    source_format: str
    document: ImportedDocument | None
    filename: str | None


def limits_from(config: Any) -> ImportLimits:
    """The import limits set in the app's configuration."""
    return ImportLimits(
        max_upload_bytes=config["ARTICLE_MAX_UPLOAD_BYTES"],
        max_text_chars=config["ARTICLE_MAX_CHARS"],
    )


def read_submission(form: ImportArticleForm, config: Any) -> Submission:
    """Read the uploaded file or the pasted text (not both, not neither)."""
    upload = form.document.data
    pasted = form.text.data or ""
    has_file = upload is not None and getattr(upload, "filename", "")
    if has_file and pasted.strip():
        raise ServiceError("Paste the text or upload a file, not both.")
    if has_file:
        # Read one byte past the limit: enough to know it is too large, never more.
        data = upload.stream.read(config["ARTICLE_MAX_UPLOAD_BYTES"] + 1)
        document = read_document(upload.filename, data, limits_from(config))
        return Submission(document.text, document.source_format, document, upload.filename)
    if not pasted.strip():
        raise ServiceError("Paste the article's text or choose a file to upload.")
    document = read_pasted_text(pasted, limits_from(config))
    return Submission(document.text, "paste", None, None)


DETAIL_NAMES = ("title", "publication", "url", "byline", "published", "language")
# How each detail is named when telling the person which ones came from their file.
DETAIL_LABELS = {"published": "published date", "url": "URL"}


def details_from_form(
    form: ArticleDetailsForm, submission: Submission | None = None
) -> ArticleDetails:
    """The form's details, with empty fields filled from the file where it had them."""
    return details_from_values(_typed(form), submission)


def details_from_file(form: ArticleDetailsForm, submission: Submission) -> list[str]:
    """The details left empty on the form that the file filled in, named for a reader."""
    document, typed = submission.document, _typed(form)
    if document is None:
        return []
    return [
        DETAIL_LABELS.get(name, name)
        for name in DETAIL_NAMES
        if not _given(typed.get(name)) and getattr(document, name, None)
    ]


def _typed(form: ArticleDetailsForm) -> dict[str, Any]:
    return {name: getattr(form, name).data for name in DETAIL_NAMES}


def _given(value: Any) -> bool:
    return bool(value.strip() if isinstance(value, str) else value)


def details_from_values(
    typed: dict[str, Any], submission: Submission | None = None
) -> ArticleDetails:
    """Typed details first, then what the file carried, then a title from the text."""
    document = submission.document if submission else None

    def pick(name: str) -> Any:
        value = typed.get(name)
        if isinstance(value, str):
            value = value.strip()
        return value or (getattr(document, name, None) if document else None)

    return ArticleDetails(
        title=pick("title") or _fallback_title(submission) or "",
        publication=pick("publication"),
        url=pick("url"),
        byline=pick("byline"),
        published=pick("published"),
        language=pick("language") or "en",
    )


def _fallback_title(submission: Submission | None) -> str | None:
    """The first line of the text, or the file's name, when nothing gives a title."""
    if submission is None:
        return None
    for line in submission.text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return submission.filename
