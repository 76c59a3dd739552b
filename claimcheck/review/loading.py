"""What a claim's page shows, loaded in a fixed number of statements.

Left to lazy loading, the page sends one statement per relationship it touches (article,
source, verdict, three people, evidence, comments, history), each a round trip to the
database on the app's most visited page.
"""

from __future__ import annotations

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from claimcheck.extensions import db
from claimcheck.models import Article, Claim, User
from claimcheck.services.errors import NotFound
from claimcheck.services.verdicts import active_labels

# Built once and reused: the claim with its article, source, verdict and people in one
# statement. Its evidence, comments and revisions then load on first use, one statement each
# with their people joined: for a single claim that costs SQLAlchemy less than select-in
# loading, and the count stays four whatever the claim's history.
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


def claim_for_page(claim_id: int) -> Claim:
    """A visible claim with everything its page shows, or NotFound."""
    claim = db.session.scalar(_CLAIM_PAGE, {"claim_id": claim_id})
    if claim is None or not claim.is_visible:
        raise NotFound("No such claim.")
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
