"""Fixtures: an app on a fresh database per test, web clients that carry CSRF tokens, people."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient

from claimcheck import create_app
from claimcheck.extensions import db
from claimcheck.models import Article, User
from claimcheck.roles import Role
from claimcheck.security import passwords
from claimcheck.services import accounts
from claimcheck.services.verdicts import ensure_default_labels
from tests.support.databases import PostgresSchema, backend, postgres_reachable, postgres_url

PASSWORD = "correct horse battery staple"
_CSRF_INPUT = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def pytest_report_header(config) -> str:
    return f"claimcheck database backend: {backend()}"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    # Still argon2id, with test-sized costs: the suite hashes hundreds of passwords.
    original = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords._hasher = original


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[PostgresSchema | None]:
    """One schema for the whole PostgreSQL run, dropped at the end."""
    if backend() != "postgresql":
        yield None
        return
    reason = postgres_reachable()
    if reason is not None:
        pytest.exit(f"PostgreSQL at {postgres_url()} is not reachable: {reason}", returncode=1)
    schema = PostgresSchema().create()
    yield schema
    schema.drop()


@pytest.fixture
def database_url(tmp_path, postgres_schema) -> str:
    """A URL for an empty database that only this test uses."""
    if postgres_schema is None:
        return f"sqlite:///{tmp_path / 'claimcheck-test.db'}"
    return postgres_schema.url


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """The app on an empty database with every table created."""
    application = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url})
    application.test_client_class = CsrfClient
    with application.app_context():
        db.create_all()
        ensure_default_labels()  # what the migrations seed
        db.session.commit()
    yield application
    with application.app_context():
        db.session.remove()
        if backend() == "postgresql":
            _empty_tables()
        db.engine.dispose()


def _empty_tables() -> None:
    names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    with db.engine.begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture
def app_context(app: Flask) -> Iterator[None]:
    """Run a test inside the app context (for service tests)."""
    with app.app_context():
        yield


class CsrfClient(FlaskClient):
    """A test client whose form posts carry a valid CSRF token, as a browser's would."""

    def csrf_token(self) -> str:
        """Fetch a page and read the token its forms carry."""
        page = self.get("/login")
        if page.status_code == 302:
            page = self.get("/account")
        match = _CSRF_INPUT.search(page.get_data(as_text=True))
        assert match, "no CSRF token on the page"
        return match.group(1)

    def post(self, *args, csrf: bool = True, **kwargs):
        token_request = "Authorization" in (kwargs.get("headers") or {})
        raw_body = isinstance(kwargs.get("data"), str | bytes)
        if csrf and "json" not in kwargs and not token_request and not raw_body:
            data = dict(kwargs.pop("data", None) or {})
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return super().post(*args, **kwargs)


@pytest.fixture
def client(app: Flask) -> CsrfClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask):
    """Create an account with a known password; returns its id and email."""
    counter = iter(range(1, 10_000))

    def _make(
        role: Role = Role.FACT_CHECKER,
        email: str | None = None,
        password: str = PASSWORD,
        name: str | None = None,
    ) -> User:
        with app.app_context():
            number = next(counter)
            user = accounts.create_user(
                email or f"{role.value.replace('-', '')}{number}@newsroom.example",
                name or f"{role.label} {number}",
                role,
                password=password,
            )
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return _make


@pytest.fixture
def make_articles(app: Flask):
    """Add bare articles (no claims) by title, oldest first; returns their ids."""

    def _make(titles: list[str]) -> list[int]:
        with app.app_context():
            rows = [Article(title=title, text=f"The text of {title}.") for title in titles]
            db.session.add_all(rows)
            db.session.commit()
            return [row.id for row in rows]

    return _make


def sign_in(client: CsrfClient, email: str, password: str = PASSWORD):
    """Post the login form."""
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def login(client: CsrfClient, make_user):
    """Create an account of a role and sign the client in as it."""

    def _login(role: Role = Role.FACT_CHECKER) -> User:
        user = make_user(role)
        response = sign_in(client, user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return _login
