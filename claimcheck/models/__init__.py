"""Every model, imported so the metadata (and Alembic) sees all tables."""

from claimcheck.models.article import Article
from claimcheck.models.claim import Claim, ClaimRevision
from claimcheck.models.user import ApiToken, SetPasswordLink, User

__all__ = ["ApiToken", "Article", "Claim", "ClaimRevision", "SetPasswordLink", "User"]
