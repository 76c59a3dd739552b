"""Every model, imported so the metadata (and Alembic) sees all tables."""

from claimcheck.models.article import Article
from claimcheck.models.user import ApiToken, SetPasswordLink, User

__all__ = ["ApiToken", "Article", "SetPasswordLink", "User"]
