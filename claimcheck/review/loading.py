"""What a claim's page shows, loaded in a fixed number of statements.

Left to lazy loading, the page sends one statement per relationship it touches (article,
source, verdict, three people, evidence, comments, history), each a round trip to the
database on the app's most visited page.
"""

from __future__ import annotations

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from claimcheck.extensions import db
from claimcheck.models import Article, Claim, ClaimRevision, Comment, Evidence, User
from claimcheck.services.errors import NotFound
from claimcheck.services.verdicts import active_labels

# Built once and reused: the claim with its article, source, verdict and people in one
# statement. Its evidence, comments and revisions follow, one statement each with their
# people joined, so the count stays four whatever the claim's history.
_CLAIM_PAGE: Select = (
    select(Claim)
    .where(Claim.id == bindparam("claim_id"))
    .options(
        joinedload(Claim.article).load_only(Article.id, Article.title, Article.text),
        joinedload(Claim.source),
        joinedload(Claim.verdict),
        # Only their names are shown.
        joinedload(Claim.assignee).load_only(User.id, User.name),
        joinedload(Claim.proposer).load_only(User.id, User.name),
        joinedload(Claim.approver).load_only(User.id, User.name),
    )
)

# The claim's collections, each in its relationship's order. Left to lazy loading, each
# statement would be built afresh and carry the six options above, whose cache key cost
# SQLAlchemy more CPU than the page's SQL costs PostgreSQL; built once, their keys are kept.
_COLLECTIONS: dict[str, Select] = {
    "evidence": select(Evidence)
    .where(Evidence.claim_id == bindparam("claim_id"))
    .order_by(Evidence.id),
    "comments": select(Comment)
    .where(Comment.claim_id == bindparam("claim_id"))
    .order_by(Comment.id),
    "revisions": select(ClaimRevision)
    .where(ClaimRevision.claim_id == bindparam("claim_id"))
    .order_by(ClaimRevision.id),
}


def claim_for_page(claim_id: int) -> Claim:
    """A visible claim with everything its page shows, or NotFound."""
    claim = db.session.scalar(_CLAIM_PAGE, {"claim_id": claim_id})
    if claim is None or not claim.is_visible:
        raise NotFound("No such claim.")
    for name, statement in _COLLECTIONS.items():
        # As loaded from the database: the session sees no change to flush.
        set_committed_value(
            claim, name, list(db.session.scalars(statement, {"claim_id": claim.id}))
        )
    return claim


def assignable_people() -> list[tuple[int, str]]:
    """(id, "Name (Role)") of everyone a claim can be assigned to, by name."""
    people = db.session.execute(
        select(User.id, User.name, User.role)
        .where(User.is_active_account.is_(True))
        .order_by(User.name)
    )
    return [(user_id, f"{name} ({role.label})") for user_id, name, role in people]


def verdict_choices() -> list[tuple[int, str]]:
    """(id, name) of the verdicts that can be proposed now, in their display order."""
    return [(label.id, label.name) for label in active_labels()]
