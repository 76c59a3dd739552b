"""The full-text indexes behind search: SQLite FTS5 tables, PostgreSQL tsvector columns.

Both live in the database itself and are kept current by it (FTS5 triggers, a generated
column), so every write path updates them in its own transaction. They are not part
of the models: migration 0006 creates them, and `attach` creates them with the tables
in tests.
"""

from __future__ import annotations

from sqlalchemy import DDL, MetaData, event

# What each kind of record is searched by, most telling field first (it weighs most).
SEARCHED_FIELDS: dict[str, tuple[str, ...]] = {
    "claim": ("text",),
    "article": ("title", "publication", "byline", "text"),
    "source": ("name", "description"),
    "evidence": ("title", "publisher", "excerpt", "url"),
}
PREFIX = "search_"
POSTGRES_COLUMN = "search_vector"
_WEIGHTS = "ABCD"


def fts_table(table: str) -> str:
    return f"{PREFIX}{table}"


def sqlite_statements(table: str) -> list[str]:
    """An external-content FTS5 table and the triggers that keep it in step with `table`."""
    fields = SEARCHED_FIELDS[table]
    fts = fts_table(table)
    names = ", ".join(f'"{name}"' for name in fields)
    new = ", ".join(f'new."{name}"' for name in fields)
    old = ", ".join(f'old."{name}"' for name in fields)
    remove = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN {remove} {add} END",
    ]


def postgres_statements(table: str) -> list[str]:
    """A stored, weighted tsvector column and its GIN index."""
    vector = " || ".join(
        f"setweight(to_tsvector('english', coalesce(\"{name}\", '')), '{_WEIGHTS[index]}')"
        for index, name in enumerate(SEARCHED_FIELDS[table])
    )
    return [
        f"ALTER TABLE {table} ADD COLUMN {POSTGRES_COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX ix_{table}_{POSTGRES_COLUMN} ON {table} USING gin ({POSTGRES_COLUMN})",
    ]


def is_search_structure(name: str | None) -> bool:
    """Whether a table, column or index belongs to search (and not to the models)."""
    return bool(name) and (name.startswith(PREFIX) or name.endswith(POSTGRES_COLUMN))


def attach(metadata: MetaData) -> None:
    """Create the indexes whenever their tables are created (tests, create_all)."""
    for table_name in SEARCHED_FIELDS:
        table = metadata.tables[table_name]
        for statement in sqlite_statements(table_name):
            event.listen(table, "after_create", DDL(statement).execute_if(dialect="sqlite"))
        for statement in postgres_statements(table_name):
            event.listen(table, "after_create", DDL(statement).execute_if(dialect="postgresql"))
