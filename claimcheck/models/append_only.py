"""Database triggers that make history tables append-only on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import DDL, Table, event


def sqlite_statements(table: str) -> list[str]:
    """Triggers that abort any UPDATE or DELETE on `table` in SQLite."""
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ]


POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION claimcheck_refuse_change() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; "
    "END $$"
)


def postgres_statements(table: str) -> list[str]:
    """A trigger that raises on any UPDATE or DELETE of a row of `table` in PostgreSQL."""
    return [
        POSTGRES_FUNCTION,
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION claimcheck_refuse_change()",
    ]


def make_append_only(table: Table) -> None:
    """Create the triggers whenever the table itself is created (tests, create_all)."""
    for statement in sqlite_statements(table.name):
        event.listen(table, "after_create", DDL(statement).execute_if(dialect="sqlite"))
    for statement in postgres_statements(table.name):
        # DDL() formats its text with %, and the function's message contains one.
        escaped = statement.replace("%", "%%")
        event.listen(table, "after_create", DDL(escaped).execute_if(dialect="postgresql"))
