"""Bringing articles in: validation, storage and claim extraction in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from claimcheck.analysis.records import ClaimCandidate
from claimcheck.extensions import db
from claimcheck.models import Article, Claim, User
from claimcheck.services import audit, matching, revisions
from claimcheck.services.claim_detection import extract_claims
from claimcheck.services.errors import ServiceError
from claimcheck.services.urls import check_web_url

MAX_TEXT_CHARS = 200_000
FIELD_LIMITS = {"title": 500, "publication": 200, "url": 2000, "byline": 300, "language": 16}


@dataclass(frozen=True)
class ArticleDetails:
    """The metadata a person can edit; all optional but the title."""

    title: str
    publication: str | None = None
    url: str | None = None
    byline: str | None = None
    published: date | None = None
    language: str | None = "en"


def clean_details(details: ArticleDetails) -> ArticleDetails:
    """Trim the fields and check their limits; the URL is metadata and never fetched."""
    values = {}
    for name in ("title", "publication", "url", "byline", "language"):
        value = (getattr(details, name) or "").strip() or None
        if value is not None and len(value) > FIELD_LIMITS[name]:
            raise ServiceError(f"The {name} is too long (at most {FIELD_LIMITS[name]} characters).")
        values[name] = value
    if not values["title"]:
        raise ServiceError("Give the article a title.")
    values["url"] = check_web_url(values["url"])
    return ArticleDetails(published=details.published, **values)


def check_text(text: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Normalise line endings and refuse empty or over-long text."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    if not normalised.strip():
        raise ServiceError("The article has no text.")
    if len(normalised) > max_chars:
        raise ServiceError(
            f"The article is {len(normalised):,} characters long; the limit is {max_chars:,}."
        )
    return normalised


def import_article(
    text: str,
    details: ArticleDetails,
    actor: User | None,
    *,
    source_format: str = "paste",
    max_chars: int = MAX_TEXT_CHARS,
    demo_key: str | None = None,
) -> Article:
    """Store an article exactly as given and the claims the analysis finds in it."""
    cleaned = clean_details(details)
    article = Article(
        text=check_text(text, max_chars),
        title=cleaned.title,
        publication=cleaned.publication,
        url=cleaned.url,
        byline=cleaned.byline,
        published=cleaned.published,
        language=cleaned.language or "en",
        source_format=source_format,
        imported_by_id=actor.id if actor is not None else None,
        demo_key=demo_key,
    )
    db.session.add(article)
    db.session.flush()
    found = [
        add_candidate(article, candidate, actor, origin="extracted")
        for candidate in extract_claims(article.text, article.published)
    ]
    matched = matching.find_matches(found)
    audit.record(
        "article.imported",
        actor,
        f"imported article #{article.id} “{article.title}” with {len(found)} claims"
        + (f" and {matched} matches with claims checked before" if matched else ""),
        object_type="article",
        object_id=article.id,
        article_id=article.id,
        after={
            "title": article.title,
            "format": source_format,
            "claims": len(found),
            "matches": matched,
        },
    )
    return article


def add_candidate(
    article: Article, candidate: ClaimCandidate, actor: User | None, origin: str
) -> Claim:
    """Create a claim from an analysis result and record its creation."""
    claim = Claim(
        article=article,
        start=candidate.start,
        end=candidate.end,
        text=candidate.text,
        origin=origin,
        **analysis_fields(candidate),
    )
    db.session.add(claim)
    revisions.record(
        claim,
        actor,
        origin,
        {"text": (None, claim.text), "start": (None, claim.start), "end": (None, claim.end)},
        audited=False,  # part of the import or re-analysis, which is audited as one event
    )
    return claim


def analysis_fields(candidate: ClaimCandidate) -> dict:
    """The claim fields that come from the analysis of its text."""
    return {
        "score": round(candidate.score, 4),
        "kind": candidate.kind,
        "reasons": list(candidate.reasons),
        "dates": list(candidate.dates),
        "suggested_attribution": candidate.attribution.to_dict(),
    }


def update_details(article: Article, details: ArticleDetails, actor: User | None) -> None:
    """Change an article's metadata (its text never changes)."""
    cleaned = clean_details(details)
    values = {name: getattr(cleaned, name) for name in ("title", "publication", "url", "byline")}
    values["published"] = cleaned.published
    values["language"] = cleaned.language or "en"
    changed = {
        name: (getattr(article, name), value)
        for name, value in values.items()
        if getattr(article, name) != value
    }
    if not changed:
        return
    for name, (_, value) in changed.items():
        setattr(article, name, value)
    audit.record(
        "article.edited",
        actor,
        f"edited the details of article #{article.id} ({', '.join(changed)})",
        object_type="article",
        object_id=article.id,
        article_id=article.id,
        before={name: old for name, (old, _) in changed.items()},
        after={name: new for name, (_, new) in changed.items()},
    )


@dataclass(frozen=True)
class RerunResult:
    """What a fresh extraction changed."""

    added: int
    updated: int
    kept: int


def rerun_extraction(article: Article, actor: User | None) -> RerunResult:
    """Analyse the article again, keeping every decision a reviewer made.

    Untouched candidates get the new analysis; new candidates are added unless they
    overlap a claim that already exists (accepted, dismissed, edited, split or merged).
    """
    claims = [c for c in article.claims if c.is_visible]
    by_span = {(c.start, c.end): c for c in claims}
    added = updated = kept = 0
    new_claims = []
    for candidate in extract_claims(article.text, article.published):
        existing = by_span.get((candidate.start, candidate.end))
        if existing is not None:
            if _untouched(existing):
                changes = revisions.apply_changes(existing, analysis_fields(candidate))
                if changes:
                    revisions.record(existing, actor, "reanalysed", changes, audited=False)
                    updated += 1
            kept += 1
            continue
        if any(c.start < candidate.end and candidate.start < c.end for c in claims):
            kept += 1
            continue
        new_claims.append(add_candidate(article, candidate, actor, origin="extracted"))
        claims.append(new_claims[-1])
        added += 1
    matching.find_matches(new_claims)
    result = RerunResult(added=added, updated=updated, kept=kept)
    audit.record(
        "article.reanalysed",
        actor,
        f"ran the analysis of article #{article.id} again: {added} claims added, "
        f"{updated} updated, {kept} kept",
        object_type="article",
        object_id=article.id,
        article_id=article.id,
        after={"added": added, "updated": updated, "kept": kept},
    )
    return result


def _untouched(claim: Claim) -> bool:
    return (
        claim.origin == "extracted"
        and not claim.is_accepted
        and claim.state == "new"
        and not claim.is_edited
    )
