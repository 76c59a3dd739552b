"""Count the SQL statements each page type sends, and time the slowest, inside the app."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from web_load import _HIDDEN

from claimcheck.extensions import db


@dataclass
class Statements:
    """The statements one request sent, with each one's duration in ms."""

    timings: list[tuple[float, str]] = field(default_factory=list)

    @property
    def slowest(self) -> tuple[float, str]:
        return max(self.timings, default=(0.0, ""))


@contextmanager
def counted(app: Flask) -> Iterator[Statements]:
    """Record every statement the app's engine runs inside the block."""
    found = Statements()
    with app.app_context():
        engine = db.engine
    started: list[float] = []

    def before(*_args) -> None:
        started.append(time.perf_counter())

    def after(_conn, _cursor, statement, *_args) -> None:
        found.timings.append(((time.perf_counter() - started.pop()) * 1000, statement))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def signed_in_client(app: Flask, email: str, password: str) -> FlaskClient:
    """A test client that has signed in through the login form."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    csrf = dict(_HIDDEN.findall(page))["csrf_token"]
    client.post("/login", data={"csrf_token": csrf, "email": email, "password": password})
    return client


def statements_per_page(
    app: Flask, email: str, password: str, token: str, claim_ids: list[int], new_ids: list[int]
) -> list[tuple[str, int, float, float, int, float, str]]:
    """Per page type: label, statements, request ms, SQL ms, bytes, slowest ms, slowest SQL."""
    client = signed_in_client(app, email, password)
    bearer = {"Authorization": f"Bearer {token}"}
    wanted = [
        ("queue: first page", lambda: client.get("/claims")),
        ("queue: state=new by score p200", lambda: client.get("/claims?state=new&page=200")),
        ("queue: unassigned p50", lambda: client.get("/claims?assignee=none&page=50")),
        (
            "queue: min_score by age p200",
            lambda: client.get("/claims?min_score=0.8&sort=age&page=200"),
        ),
        ("claim page", lambda: client.get(f"/claims/{claim_ids[0]}")),
        # Not in the load mix, but the first page after signing in.
        ("article list p4", lambda: client.get("/?page=4")),
        (
            "save: API PATCH",
            lambda: client.patch(
                f"/api/v1/claims/{new_ids[0]}",
                json={"version": 1, "text": "Reworded."},
                headers=bearer,
            ),
        ),
        (
            "transition: take",
            lambda: client.post(
                f"/api/v1/claims/{new_ids[1]}/transitions", json={"action": "take"}, headers=bearer
            ),
        ),
    ]
    rows = []
    for name, call in wanted:
        started = time.perf_counter()
        with counted(app) as found:
            response = call()
        took = (time.perf_counter() - started) * 1000
        ms, sql = found.slowest
        label = f"{name} ({response.status_code})"
        sql_ms = sum(t for t, _ in found.timings)
        size = len(response.get_data())
        rows.append((label, len(found.timings), took, sql_ms, size, ms, " ".join(sql.split())[:90]))
    return rows
