"""The committed migrations are the schema: one head, upgrade equals the models, downgrade works."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from claimcheck import create_app
from claimcheck.extensions import db
from claimcheck.search_index import is_search_structure
from tests.support.databases import PostgresSchema, backend


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """As migrations/env.py: the search indexes are not in the models."""
    return not (reflected and compare_to is None and is_search_structure(name))


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:
    """A database with no tables at all, of the backend under test."""
    if backend() != "postgresql":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    schema = PostgresSchema(prefix="ccmig").create()
    yield schema.url
    schema.drop()


@pytest.fixture
def migrating_app(empty_database_url):
    application = create_app("testing", {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


def _tables() -> set[str]:
    names = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not is_search_structure(name)}


def test_migrations_have_a_single_head(migrating_app):
    config = migrating_app.extensions["migrate"].migrate.get_config()
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_upgrade_from_empty_gives_exactly_the_models(migrating_app):
    upgrade()
    assert _tables() == set(db.metadata.tables)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def _where(clause) -> str | None:
    """A partial index's condition, written the same way whichever side it came from."""
    if clause is None:
        return None
    return " ".join(str(clause).replace("(", " ").replace(")", " ").split()).lower()


def test_upgrade_gives_the_models_partial_and_covering_indexes(migrating_app):
    # compare_metadata looks at index names and columns only, not WHERE or INCLUDE.
    upgrade()
    dialect = db.engine.dialect.name
    inspector = sa.inspect(db.engine)
    for table in db.metadata.tables.values():
        reflected = {index["name"]: index for index in inspector.get_indexes(table.name)}
        for index in table.indexes:
            found = reflected[index.name]
            options = found.get("dialect_options", {})
            assert _where(options.get(f"{dialect}_where")) == _where(
                index.dialect_options[dialect].get("where")
            ), index.name
            if dialect == "postgresql":
                wanted = index.dialect_options["postgresql"].get("include") or []
                assert found["include_columns"] == list(wanted), index.name


def test_downgrade_to_base_removes_every_table(migrating_app):
    upgrade()
    downgrade(revision="base")
    assert _tables() == set()
