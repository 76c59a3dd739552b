"""Taking a claim through the workflow in one call, for tests that need an approved claim."""

from __future__ import annotations

from claimcheck.models import Claim, User
from claimcheck.services import review
from claimcheck.services.evidence import EvidenceInput, add_evidence
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action


def approve_claim(
    claim: Claim,
    checker: User,
    editor: User,
    *,
    evidence: EvidenceInput,
    verdict: str,
    rationale: str,
) -> None:
    """The checker takes the claim, adds evidence and proposes; the editor approves."""
    review.transition(claim, checker, Action.TAKE)
    review.transition(claim, checker, Action.START)
    add_evidence(claim, checker, evidence)
    review.transition(
        claim, checker, Action.PROPOSE, verdict=find_label(verdict), rationale=rationale
    )
    review.transition(claim, editor, Action.APPROVE)
