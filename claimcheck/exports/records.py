"""What one exported claim holds, as plain data that outlives the database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from claimcheck.models import Claim, Evidence


# Records are read-only by convention rather than frozen: a frozen dataclass sets each field
# through object.__setattr__, which made building a large export's records ten times slower.
@dataclass(slots=True)
class ExportEvidence:
    """One evidence item of an exported claim."""

    url: str
    title: str
    relation: str
    publisher: str | None = None
    published: date | None = None
    accessed: date | None = None
    excerpt: str | None = None
    archive_url: str | None = None


@dataclass(slots=True)
class ExportRecord:
    """One claim with its article, attribution, verdict, evidence and sign-off."""

    claim_id: int
    claim_text: str
    state: str
    article_title: str
    permalink: str
    article_url: str | None = None
    publication: str | None = None
    published: date | None = None
    attribution_kind: str | None = None
    source_name: str | None = None
    source_kind: str | None = None
    cue: str | None = None
    # None until someone confirms the attribution; then True for a quote, False for paraphrase.
    quote: bool | None = None
    verdict: str | None = None
    rating: int | None = None
    rationale: str | None = None
    evidence: tuple[ExportEvidence, ...] = ()
    proposer: str | None = None
    approver: str | None = None
    approved_at: datetime | None = None
    revision_count: int = 0
    # The public fact-check page, when public pages are on and the claim is approved.
    public_url: str | None = None

    @property
    def is_approved(self) -> bool:
        """Whether the claim carries an approved verdict."""
        return self.state == "approved" and self.approved_at is not None and bool(self.verdict)


def confirmed_quote(confirmed: bool, quote: bool | None) -> bool | None:
    """Whether a claim is quoted, or None while nobody has confirmed its attribution."""
    return bool(quote) if confirmed else None


def evidence_from(item: Evidence) -> ExportEvidence:
    """An evidence item as plain data (its attached file stays out of exports)."""
    return ExportEvidence(
        url=item.url,
        title=item.title,
        relation=item.relation,
        publisher=item.publisher,
        published=item.published,
        accessed=item.accessed,
        excerpt=item.excerpt,
        archive_url=item.archive_url,
    )


def record_from_claim(
    claim: Claim, permalink: str, revision_count: int, public_url: str | None = None
) -> ExportRecord:
    """Copy what an export needs out of a loaded claim and its related rows."""
    article = claim.article
    source = claim.source
    verdict = claim.verdict
    return ExportRecord(
        claim_id=claim.id,
        claim_text=claim.text,
        state=claim.state,
        article_title=article.title,
        permalink=permalink,
        public_url=public_url,
        article_url=article.url,
        publication=article.publication,
        published=article.published,
        attribution_kind=claim.attribution_kind,
        source_name=source.name if source is not None else None,
        source_kind=source.kind if source is not None else None,
        cue=claim.attribution_cue,
        quote=confirmed_quote(claim.attribution_confirmed_at is not None, claim.attribution_quote),
        verdict=verdict.name if verdict is not None else None,
        rating=verdict.rating if verdict is not None else None,
        rationale=claim.rationale,
        # Removed items are kept only for the history; they no longer support the verdict.
        evidence=tuple(evidence_from(item) for item in claim.evidence if not item.is_removed),
        proposer=claim.proposer.name if claim.proposer is not None else None,
        approver=claim.approver.name if claim.approver is not None else None,
        approved_at=claim.approved_at,
        revision_count=revision_count,
    )
