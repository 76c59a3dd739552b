"""Evidence on a claim and its discussion: added, edited and removed with a revision each."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from claimcheck.clock import utcnow
from claimcheck.evidence_files import EvidenceFileError, check_evidence_file
from claimcheck.extensions import db
from claimcheck.models import Claim, Comment, Evidence, User
from claimcheck.models.evidence import RELATIONS
from claimcheck.services import revisions
from claimcheck.services.errors import NotFound, ServiceError
from claimcheck.services.guards import require_unlocked
from claimcheck.services.urls import check_web_url

LIMITS = {"title": 500, "publisher": 200, "excerpt": 10_000}
MAX_COMMENT = 5_000
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class EvidenceInput:
    """What a person says about one piece of evidence."""

    url: str
    title: str
    relation: str
    publisher: str | None = None
    published: date | None = None
    accessed: date | None = None
    excerpt: str | None = None
    archive_url: str | None = None


def _clean(data: EvidenceInput) -> dict[str, Any]:
    values = {
        "url": check_web_url(data.url, "evidence URL", required=True),
        "archive_url": check_web_url(data.archive_url, "archive URL"),
        "published": data.published,
        "accessed": data.accessed,
    }
    for name, limit in LIMITS.items():
        value = (getattr(data, name) or "").strip() or None
        if value is not None and len(value) > limit:
            raise ServiceError(f"The {name} is too long (at most {limit:,} characters).")
        values[name] = value
    if not values["title"]:
        raise ServiceError("Give the evidence a title, e.g. the page's headline.")
    if data.relation not in RELATIONS:
        raise ServiceError("Say whether the evidence supports, refutes or gives context.")
    values["relation"] = data.relation
    if data.published and data.accessed and data.accessed < data.published:
        raise ServiceError("The date accessed cannot be before the date published.")
    return values


def summary(evidence: Evidence) -> dict[str, Any]:
    """How an evidence item appears in a claim's history."""
    return {
        "id": evidence.id,
        "title": evidence.title,
        "url": evidence.url,
        "relation": evidence.relation,
    }


def add_evidence(
    claim: Claim,
    actor: User,
    data: EvidenceInput,
    file: tuple[str, bytes] | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Evidence:
    """Attach an evidence item (and optionally a PDF or image) to a claim."""
    require_unlocked(claim)
    evidence = Evidence(claim_id=claim.id, created_by_id=actor.id, **_clean(data))
    if file is not None:
        filename, content = file
        try:
            media_type, download_name = check_evidence_file(filename, content, max_file_bytes)
        except EvidenceFileError as error:
            raise ServiceError(str(error)) from error
        evidence.file_name, evidence.file_type = download_name, media_type
        evidence.file_size, evidence.file_data = len(content), content
    db.session.add(evidence)
    db.session.flush()
    revisions.record(claim, actor, "evidence_added", {"evidence": (None, summary(evidence))})
    return evidence


def get_evidence(claim: Claim, evidence_id: int) -> Evidence:
    """An evidence item of this claim, or NotFound."""
    evidence = db.session.get(Evidence, evidence_id)
    if evidence is None or evidence.claim_id != claim.id:
        raise NotFound("No such evidence on this claim.")
    return evidence


def edit_evidence(claim: Claim, evidence: Evidence, actor: User, data: EvidenceInput) -> bool:
    """Correct an evidence item; the history keeps each field's old value.

    Returns whether anything changed (an unchanged form records nothing).
    """
    require_unlocked(claim)
    if evidence.is_removed:
        raise ServiceError("This evidence was removed; add it again instead.")
    changes = revisions.apply_changes(evidence, _clean(data))
    if changes:
        changes = {f"evidence.{name}": change for name, change in changes.items()}
        revisions.record(
            claim,
            actor,
            "evidence_edited",
            changes,
            reason=f"Evidence {evidence.id}: {evidence.title}",
        )
    return bool(changes)


def remove_evidence(claim: Claim, evidence: Evidence, actor: User, reason: str | None) -> None:
    """Take an evidence item off the claim (it stays in the history)."""
    require_unlocked(claim)
    if evidence.is_removed:
        return
    evidence.removed_at = utcnow()
    revisions.record(
        claim,
        actor,
        "evidence_removed",
        {"evidence": (summary(evidence), None)},
        reason=(reason or "").strip() or None,
    )


def live_evidence(claim: Claim) -> list[Evidence]:
    """The claim's evidence that has not been removed."""
    return [item for item in claim.evidence if not item.is_removed]


def add_comment(claim: Claim, actor: User, body: str) -> Comment:
    """Add a message to the claim's discussion thread."""
    text = (body or "").strip()
    if not text:
        raise ServiceError("Write something before posting.")
    if len(text) > MAX_COMMENT:
        raise ServiceError(f"Keep a comment under {MAX_COMMENT:,} characters.")
    comment = Comment(claim_id=claim.id, author_id=actor.id, body=text)
    db.session.add(comment)
    db.session.flush()
    revisions.record(claim, actor, "comment", {"comment": (None, text)})
    return comment


EVIDENCE_FIELDS = tuple(f.name for f in fields(EvidenceInput))
