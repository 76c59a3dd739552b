"""Every model, imported so the metadata (and Alembic) sees all tables."""

from claimcheck.models.article import Article
from claimcheck.models.audit import AuditEvent
from claimcheck.models.claim import Claim, ClaimRevision
from claimcheck.models.evidence import Comment, Evidence
from claimcheck.models.matching import ClaimMatch
from claimcheck.models.source import Source
from claimcheck.models.user import ApiToken, SetPasswordLink, User
from claimcheck.models.verdict import VerdictLabel
from claimcheck.search_index import attach as _attach_search_indexes

_attach_search_indexes(Article.metadata)

__all__ = [
    "ApiToken",
    "Article",
    "AuditEvent",
    "Claim",
    "ClaimMatch",
    "ClaimRevision",
    "Comment",
    "Evidence",
    "SetPasswordLink",
    "Source",
    "User",
    "VerdictLabel",
]
