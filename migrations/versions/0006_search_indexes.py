"""search indexes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 07:50:00

Full-text search lives in the database and is kept current by it: FTS5 tables with
triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("claim", "article", "source", "evidence")

CREATE = {
    "sqlite": [
        'CREATE VIRTUAL TABLE search_claim USING fts5("text", content=\'claim\', content_rowid=\'id\', tokenize=\'porter unicode61 remove_diacritics 2\')',
        'CREATE TRIGGER search_claim_insert AFTER INSERT ON claim BEGIN INSERT INTO search_claim(rowid, "text") VALUES (new.id, new."text"); END',
        'CREATE TRIGGER search_claim_delete AFTER DELETE ON claim BEGIN INSERT INTO search_claim(search_claim, rowid, "text") VALUES (\'delete\', old.id, old."text"); END',
        'CREATE TRIGGER search_claim_update AFTER UPDATE OF "text" ON claim BEGIN INSERT INTO search_claim(search_claim, rowid, "text") VALUES (\'delete\', old.id, old."text"); INSERT INTO search_claim(rowid, "text") VALUES (new.id, new."text"); END',
        'CREATE VIRTUAL TABLE search_article USING fts5("title", "publication", "byline", "text", content=\'article\', content_rowid=\'id\', tokenize=\'porter unicode61 remove_diacritics 2\')',
        'CREATE TRIGGER search_article_insert AFTER INSERT ON article BEGIN INSERT INTO search_article(rowid, "title", "publication", "byline", "text") VALUES (new.id, new."title", new."publication", new."byline", new."text"); END',
        'CREATE TRIGGER search_article_delete AFTER DELETE ON article BEGIN INSERT INTO search_article(search_article, rowid, "title", "publication", "byline", "text") VALUES (\'delete\', old.id, old."title", old."publication", old."byline", old."text"); END',
        'CREATE TRIGGER search_article_update AFTER UPDATE OF "title", "publication", "byline", "text" ON article BEGIN INSERT INTO search_article(search_article, rowid, "title", "publication", "byline", "text") VALUES (\'delete\', old.id, old."title", old."publication", old."byline", old."text"); INSERT INTO search_article(rowid, "title", "publication", "byline", "text") VALUES (new.id, new."title", new."publication", new."byline", new."text"); END',
        'CREATE VIRTUAL TABLE search_source USING fts5("name", "description", content=\'source\', content_rowid=\'id\', tokenize=\'porter unicode61 remove_diacritics 2\')',
        'CREATE TRIGGER search_source_insert AFTER INSERT ON source BEGIN INSERT INTO search_source(rowid, "name", "description") VALUES (new.id, new."name", new."description"); END',
        'CREATE TRIGGER search_source_delete AFTER DELETE ON source BEGIN INSERT INTO search_source(search_source, rowid, "name", "description") VALUES (\'delete\', old.id, old."name", old."description"); END',
        'CREATE TRIGGER search_source_update AFTER UPDATE OF "name", "description" ON source BEGIN INSERT INTO search_source(search_source, rowid, "name", "description") VALUES (\'delete\', old.id, old."name", old."description"); INSERT INTO search_source(rowid, "name", "description") VALUES (new.id, new."name", new."description"); END',
        'CREATE VIRTUAL TABLE search_evidence USING fts5("title", "publisher", "excerpt", "url", content=\'evidence\', content_rowid=\'id\', tokenize=\'porter unicode61 remove_diacritics 2\')',
        'CREATE TRIGGER search_evidence_insert AFTER INSERT ON evidence BEGIN INSERT INTO search_evidence(rowid, "title", "publisher", "excerpt", "url") VALUES (new.id, new."title", new."publisher", new."excerpt", new."url"); END',
        'CREATE TRIGGER search_evidence_delete AFTER DELETE ON evidence BEGIN INSERT INTO search_evidence(search_evidence, rowid, "title", "publisher", "excerpt", "url") VALUES (\'delete\', old.id, old."title", old."publisher", old."excerpt", old."url"); END',
        'CREATE TRIGGER search_evidence_update AFTER UPDATE OF "title", "publisher", "excerpt", "url" ON evidence BEGIN INSERT INTO search_evidence(search_evidence, rowid, "title", "publisher", "excerpt", "url") VALUES (\'delete\', old.id, old."title", old."publisher", old."excerpt", old."url"); INSERT INTO search_evidence(rowid, "title", "publisher", "excerpt", "url") VALUES (new.id, new."title", new."publisher", new."excerpt", new."url"); END',
    ],
    "postgresql": [
        'ALTER TABLE claim ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (setweight(to_tsvector(\'english\', coalesce("text", \'\')), \'A\')) STORED',
        'CREATE INDEX ix_claim_search_vector ON claim USING gin (search_vector)',
        'ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (setweight(to_tsvector(\'english\', coalesce("title", \'\')), \'A\') || setweight(to_tsvector(\'english\', coalesce("publication", \'\')), \'B\') || setweight(to_tsvector(\'english\', coalesce("byline", \'\')), \'C\') || setweight(to_tsvector(\'english\', coalesce("text", \'\')), \'D\')) STORED',
        'CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)',
        'ALTER TABLE source ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (setweight(to_tsvector(\'english\', coalesce("name", \'\')), \'A\') || setweight(to_tsvector(\'english\', coalesce("description", \'\')), \'B\')) STORED',
        'CREATE INDEX ix_source_search_vector ON source USING gin (search_vector)',
        'ALTER TABLE evidence ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (setweight(to_tsvector(\'english\', coalesce("title", \'\')), \'A\') || setweight(to_tsvector(\'english\', coalesce("publisher", \'\')), \'B\') || setweight(to_tsvector(\'english\', coalesce("excerpt", \'\')), \'C\') || setweight(to_tsvector(\'english\', coalesce("url", \'\')), \'D\')) STORED',
        'CREATE INDEX ix_evidence_search_vector ON evidence USING gin (search_vector)',
    ],
}
DROP = {
    "sqlite": [
        statement
        for table in TABLES
        for statement in (
            f"DROP TRIGGER IF EXISTS search_{table}_insert",
            f"DROP TRIGGER IF EXISTS search_{table}_delete",
            f"DROP TRIGGER IF EXISTS search_{table}_update",
            f"DROP TABLE IF EXISTS search_{table}",
        )
    ],
    "postgresql": [
        statement
        for table in TABLES
        for statement in (
            f"DROP INDEX IF EXISTS ix_{table}_search_vector",
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
        )
    ],
}


def upgrade():
    dialect = op.get_bind().dialect.name
    for statement in CREATE[dialect]:
        op.execute(statement)
    if dialect == "sqlite":
        # Index what is already there; the triggers keep it current from now on.
        for table in TABLES:
            op.execute(f"INSERT INTO search_{table}(search_{table}) VALUES ('rebuild')")


def downgrade():
    for statement in DROP[op.get_bind().dialect.name]:
        op.execute(statement)
