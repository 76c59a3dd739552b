"""Revisions cannot be changed or removed, whatever code (or person) tries."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from claimcheck.extensions import db
from claimcheck.services.articles import ArticleDetails, import_article

pytestmark = pytest.mark.usefixtures("app_context")


@pytest.fixture
def revision_id() -> int:
    article = import_article("Unemployment fell to 4% in 2023.", ArticleDetails(title="T"), None)
    db.session.commit()
    return article.claims[0].revisions[0].id


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE claim_revision SET action = 'forged' WHERE id = :id",
        "UPDATE claim_revision SET reason = 'rewritten' WHERE id = :id",
        "DELETE FROM claim_revision WHERE id = :id",
    ],
)
def test_the_database_refuses_to_change_a_revision(revision_id, statement):
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(statement), {"id": revision_id})
    db.session.rollback()
    assert (
        db.session.execute(
            text("SELECT action FROM claim_revision WHERE id = :id"), {"id": revision_id}
        ).scalar_one()
        == "extracted"
    )
