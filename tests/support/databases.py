"""Test databases: a fresh SQLite file per test, or a private PostgreSQL schema per run."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import sqlalchemy as sa

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def backend() -> str:
    """Which database the suite runs on: "sqlite" (default) or "postgresql"."""
    return os.environ.get("CLAIMCHECK_TEST_BACKEND", "sqlite").lower()


def postgres_url() -> str:
    """The server the PostgreSQL pass uses."""
    return os.environ.get("CLAIMCHECK_TEST_DATABASE_URL", DEFAULT_POSTGRES_URL)


def postgres_reachable(url: str | None = None) -> str | None:
    """None when PostgreSQL answers, otherwise the reason it does not."""
    engine = sa.create_engine(url or postgres_url(), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
    except Exception as error:  # any failure means "not usable", with its reason
        return str(error).splitlines()[0]
    finally:
        engine.dispose()
    return None


class PostgresSchema:
    """A schema of its own, so concurrent runs never see each other's tables."""

    def __init__(self, base_url: str | None = None, prefix: str = "cctest") -> None:
        self.base_url = base_url or postgres_url()
        self.name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self._admin = sa.create_engine(self.base_url)

    @property
    def url(self) -> str:
        """A URL whose connections use only this schema."""
        separator = "&" if "?" in self.base_url else "?"
        return f"{self.base_url}{separator}options={quote(f'-csearch_path={self.name}')}"

    def create(self) -> PostgresSchema:
        with self._admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{self.name}"'))
        return self

    def drop(self) -> None:
        with self._admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE'))
        self._admin.dispose()


def main() -> int:
    """Exit 0 when the PostgreSQL pass can run, 1 (with the reason) when it cannot."""
    reason = postgres_reachable()
    if reason is None:
        return 0
    print(f"PostgreSQL at {postgres_url()} is not reachable: {reason}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
