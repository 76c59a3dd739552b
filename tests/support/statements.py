"""Counting the SQL a request sends, for tests that keep pages free of a query per row."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event

from claimcheck.extensions import db


def statements_for(app: Flask, client, url: str) -> tuple[object, list[str]]:
    """The response to a GET and every SQL statement it sent."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return response, statements
