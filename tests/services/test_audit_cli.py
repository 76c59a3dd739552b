"""The command-line tools that change things write their audit events, with no person as actor."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from claimcheck import create_app
from claimcheck.extensions import db
from claimcheck.models import Article, AuditEvent, User
from claimcheck.roles import Role
from claimcheck.services import accounts
from claimcheck.services.audit import COMMAND_LINE
from claimcheck.services.demo import DEMO_ACCOUNTS, DEMO_ARTICLE_KEY

NEW_PASSWORD = "violet harbour lantern seventy"
ARTICLE = "Budget\n\nThe deficit grew 12% in 2023, the ministry said."

# Commands that only read: checking the chain, and exports (audited by their own tests).
READ_ONLY = {"audit verify", "export"}


def _commands(app: Flask) -> set[str]:
    """Every command of the app's own groups, as "group command"; Flask-Migrate's left out."""
    names = set()
    for name, command in app.cli.commands.items():
        if name == "db":
            continue
        children = getattr(command, "commands", None)
        if children:
            names.update(f"{name} {child}" for child in children)
        else:
            names.add(name)
    return names


@dataclass(frozen=True)
class Invocation:
    args: list[str]
    input: str | None = None


@dataclass(frozen=True)
class CliCase:
    command: str
    expected: Counter[str]
    prepare: Callable[[Flask, Callable[..., User], Path], Invocation]


def _users_create(app, make_user, tmp_path) -> Invocation:
    return Invocation(
        ["users", "create", "first.lead@newsroom.example", "--role", "lead", "--password-stdin"],
        NEW_PASSWORD + "\n",
    )


def _users_set_password(app, make_user, tmp_path) -> Invocation:
    person = make_user(Role.EDITOR, email="editor@newsroom.example")
    return Invocation(
        ["users", "set-password", person.email, "--password-stdin"], NEW_PASSWORD + "\n"
    )


def _tokens_create(app, make_user, tmp_path) -> Invocation:
    person = make_user(Role.EDITOR, email="editor@newsroom.example")
    return Invocation(["tokens", "create", person.email, "--name", "cron"])


def _articles_import(app, make_user, tmp_path) -> Invocation:
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return Invocation(["articles", "import", str(path)])


def _demo_load(app, make_user, tmp_path) -> Invocation:
    return Invocation(["demo", "load"])


CLI_CASES = [
    CliCase("users create", Counter({"account.created": 1}), _users_create),
    CliCase("users set-password", Counter({"account.password_set": 1}), _users_set_password),
    CliCase("tokens create", Counter({"token.created": 1}), _tokens_create),
    CliCase("articles import", Counter({"article.imported": 1}), _articles_import),
    CliCase(
        "demo load",
        Counter({"article.imported": 1, "account.created": len(DEMO_ACCOUNTS)}),
        _demo_load,
    ),
]


def test_every_command_that_changes_things_has_a_case():
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert {case.command for case in CLI_CASES} == _commands(app) - READ_ONLY


def _last_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(AuditEvent.id))) or 0


def _events_after(app: Flask, last: int) -> list[AuditEvent]:
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id)
        ).all()
        db.session.expunge_all()
        return list(events)


@pytest.mark.parametrize("case", CLI_CASES, ids=[case.command for case in CLI_CASES])
def test_the_command_writes_its_events(app, make_user, tmp_path, case):
    invocation = case.prepare(app, make_user, tmp_path)
    last = _last_id(app)

    result = app.test_cli_runner().invoke(args=invocation.args, input=invocation.input)

    assert result.exit_code == 0, result.output
    events = _events_after(app, last)
    assert Counter(event.action for event in events) == case.expected
    for event in events:
        assert event.ip_address is None
        assert event.summary.strip()
        assert "\n" not in event.summary
        assert event.claim_id is None


# The token command acts for the account it makes the token for: checked on its own below.
ANONYMOUS = [case for case in CLI_CASES if case.command != "tokens create"]


@pytest.mark.parametrize("case", ANONYMOUS, ids=[case.command for case in ANONYMOUS])
def test_the_command_line_is_named_as_the_actor(app, make_user, tmp_path, case):
    invocation = case.prepare(app, make_user, tmp_path)
    last = _last_id(app)
    assert app.test_cli_runner().invoke(args=invocation.args, input=invocation.input).exit_code == 0
    events = _events_after(app, last)
    assert events
    for event in events:
        assert event.actor_id is None
        assert event.actor_name is None
        assert event.summary.startswith(COMMAND_LINE.capitalize() + " ")


def test_a_token_made_on_the_command_line_is_not_put_on_its_owner(app, make_user, tmp_path):
    invocation = _tokens_create(app, make_user, tmp_path)
    last = _last_id(app)
    assert app.test_cli_runner().invoke(args=invocation.args).exit_code == 0
    [event] = _events_after(app, last)
    assert event.actor_id is None
    assert event.summary.startswith(COMMAND_LINE.capitalize() + " ")


def test_the_events_point_at_what_changed(app, make_user, tmp_path):
    runner = app.test_cli_runner()
    person = make_user(Role.EDITOR, email="editor@newsroom.example")
    last = _last_id(app)
    runner.invoke(
        args=["users", "set-password", person.email, "--password-stdin"], input=NEW_PASSWORD + "\n"
    )
    runner.invoke(args=["tokens", "create", person.email])
    runner.invoke(args=["demo", "load"])
    events = _events_after(app, last)
    with app.app_context():
        demo = db.session.scalar(select(Article).where(Article.demo_key == DEMO_ARTICLE_KEY))
        demo_people = {
            accounts.find_user_by_email(email).id: email for email, _, _ in DEMO_ACCOUNTS
        }
    assert events[0].action == "account.password_set"
    assert (events[0].object_type, events[0].object_id) == ("user", person.id)
    assert events[1].action == "token.created"
    assert events[1].object_type == "api_token"
    created = [e for e in events if e.action == "account.created"]
    assert {e.object_id for e in created} == set(demo_people)
    [imported] = [e for e in events if e.action == "article.imported"]
    assert imported.article_id == imported.object_id == demo.id


def test_loading_the_demo_again_writes_nothing(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    last = _last_id(app)
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert _events_after(app, last) == []


def test_a_file_that_fails_to_import_writes_nothing(app, tmp_path):
    good = tmp_path / "budget.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    last = _last_id(app)
    result = app.test_cli_runner().invoke(args=["articles", "import", str(good), str(empty)])
    assert result.exit_code == 1
    assert [e.action for e in _events_after(app, last)] == ["article.imported"]


def test_a_refused_command_writes_nothing(app):
    last = _last_id(app)
    result = app.test_cli_runner().invoke(
        args=["users", "create", "x@newsroom.example", "--role", "editor", "--password-stdin"],
        input="password1234\n",
    )
    assert result.exit_code != 0
    assert _events_after(app, last) == []
