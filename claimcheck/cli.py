"""The `flask --app wsgi …` commands: people, tokens and the demo."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from claimcheck.extensions import db
from claimcheck.roles import Role
from claimcheck.security.passwords import PasswordPolicyError
from claimcheck.services import accounts, tokens
from claimcheck.services.demo import load_demo
from claimcheck.services.errors import ServiceError

users_cli = AppGroup("users", help="Manage accounts.")
tokens_cli = AppGroup("tokens", help="Manage personal API tokens.")
demo_cli = AppGroup("demo", help="The demo article and accounts.")
articles_cli = AppGroup("articles", help="Bring articles in.")
audit_cli = AppGroup("audit", help="The audit log.")

ROLE_CHOICE = click.Choice([role.value for role in Role])


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # Exactly as typed: only the line ending that a pipe or heredoc adds is removed.
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _fail(message: str) -> None:
    db.session.rollback()
    raise click.ClickException(message)


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--name", default="", help="Display name (defaults to the email's local part).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Create an account with a password (the first lead comes from here)."""
    password = _read_password(password_stdin)
    try:
        user = accounts.create_user(email, name, Role(role), password=password)
    except (ServiceError, PasswordPolicyError) as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"Created {user.role.value} account {user.email} (id {user.id}).")


@users_cli.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def set_user_password(email: str, password_stdin: bool) -> None:
    """Set a person's password (ends their sessions)."""
    user = accounts.find_user_by_email(email)
    if user is None:
        _fail(f"No account for {email}.")
    try:
        accounts.set_password(user, _read_password(password_stdin))
    except PasswordPolicyError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"Password set for {user.email}.")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", default="", help="What the token is for.")
def create_token(email: str, name: str) -> None:
    """Create a personal API token and print it once."""
    user = accounts.find_user_by_email(email)
    if user is None or not user.is_active_account:
        _fail(f"No active account for {email}.")
    try:
        _, raw = tokens.create_token(user, name)
    except ServiceError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(raw)


@demo_cli.command("load")
def demo_load() -> None:
    """Load the example article and one account per role (safe to run again)."""
    from flask import current_app

    if not current_app.config["DEMO_ENABLED"]:
        raise click.ClickException("The demo has default accounts, so production refuses it.")
    result = load_demo()
    db.session.commit()
    if result.article_created:
        click.echo(f"Loaded the demo article (id {result.article.id}).")
    else:
        click.echo(f"The demo article is already loaded (id {result.article.id}).")
    if result.new_accounts:
        click.echo("Demo accounts created. Passwords are shown only this once:")
        for email, role, password in result.new_accounts:
            click.echo(f"  {role.value:<13} {email:<26} password: {password}")
    if result.existing_accounts:
        click.echo("Demo accounts already exist (their passwords were printed when created):")
        for email, role in result.existing_accounts:
            click.echo(f"  {role.value:<13} {email}")
        click.echo("  Lost one? flask --app wsgi users set-password EMAIL")


@articles_cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--title", default="", help="Title (otherwise taken from each file).")
@click.option("--url", default="", help="Where it was published (kept, never fetched).")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Publication date, YYYY-MM-DD.",
)
def import_articles(paths: tuple[str, ...], title: str, url: str, published) -> None:
    """Import files (.txt, .html, .docx, .pdf); each is its own transaction."""
    from flask import current_app

    from claimcheck.articles.importing import Submission, details_from_values, limits_from
    from claimcheck.importing import DocumentError, read_document
    from claimcheck.services.articles import import_article

    limits = limits_from(current_app.config)
    failures = 0
    with click.progressbar(
        paths, label="Importing", file=sys.stderr, show_pos=True, item_show_func=lambda p: p or ""
    ) as bar:
        for path in bar:
            try:
                with open(path, "rb") as handle:
                    data = handle.read(limits.max_upload_bytes + 1)
                document = read_document(path, data, limits)
                submission = Submission(document.text, document.source_format, document, path)
                details = details_from_values(
                    {
                        "title": title,
                        "url": url,
                        "published": published.date() if published else None,
                    },
                    submission,
                )
                article = import_article(
                    submission.text,
                    details,
                    None,
                    source_format=submission.source_format,
                    max_chars=limits.max_text_chars,
                )
            except (OSError, DocumentError, ServiceError) as error:
                db.session.rollback()
                failures += 1
                click.echo(f"{path}\tfailed: {error}")
                continue
            db.session.commit()
            click.echo(f"{path}\tarticle {article.id}\t{len(article.claims)} claims")
    if failures:
        raise click.ClickException(f"{failures} of {len(paths)} files could not be imported.")


def _write_report(format_name: str, records, organisation: str, output: str | None) -> None:
    """The printable report as HTML or PDF, to a file or to standard output."""
    from claimcheck.clock import utcnow
    from claimcheck.exports.html_report import html_report
    from claimcheck.exports.pdf_report import pdf_report

    if format_name == "html":
        body = html_report(records, organisation, utcnow()).encode()
    else:
        body = pdf_report(
            records, title="Verified claims", organisation=organisation, generated_at=utcnow()
        )
    if output is None:
        sys.stdout.buffer.write(body)
    else:
        with open(output, "wb") as handle:
            handle.write(body)


def _counted(items, step):
    """Pass items through, reporting each one (for a progress bar)."""
    for item in items:
        step(1)
        yield item


@click.command("export")
@with_appcontext
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["csv", "json", "jsonl", "claimreview", "html", "pdf"]),
    default="json",
    show_default=True,
)
@click.option("--article", "articles", type=int, multiple=True, help="Article id; repeatable.")
@click.option("--state", "states", multiple=True, help="Claim state (default: approved).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="File to write (standard output without it).",
)
def export_claims(format_name, articles, states, since, until, output) -> None:
    """Export verified claims, streamed: there is no row cap."""
    from flask import current_app

    from claimcheck.exports.formats import render
    from claimcheck.exports.links import linked_records
    from claimcheck.services.exports import ExportScope, count_matching, record_export

    scope = ExportScope(
        article_ids=articles,
        states=states or ("approved",),
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    try:
        total = count_matching(scope)
    except ServiceError as error:
        _fail(str(error))
    record_export(None, scope, format_name, total)
    db.session.commit()
    records = linked_records(scope)
    organisation = current_app.config["ORGANISATION_NAME"]
    if format_name in ("html", "pdf"):
        _write_report(format_name, records, organisation, output)
        return
    if output is None:
        for chunk in render(format_name, records, organisation):
            sys.stdout.write(chunk)
        return
    with (
        open(output, "w", encoding="utf-8", newline="") as handle,
        click.progressbar(length=total, label="Exporting", file=sys.stderr) as bar,
    ):
        for chunk in render(format_name, _counted(records, bar.update), organisation):
            handle.write(chunk)
    click.echo(f"Wrote {total} claims to {output}.", err=True)


@audit_cli.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; exit 1 naming the first event that does not match."""
    from claimcheck.services.audit_log import count_events, verify_log

    total = count_events()
    with click.progressbar(length=total, label="Checking", file=sys.stderr) as bar:
        report = verify_log(progress=bar.update)
    if not report.intact:
        click.echo(f"Checked {report.checked} events: the chain is broken.", err=True)
        raise click.ClickException(f"{report.problem}.")
    click.echo(f"Checked {report.checked} events: the chain is intact.")
    click.echo(f"Latest hash: {report.head_hash}")


def init_commands(app: Flask) -> None:
    """Register the command groups on an app."""
    app.cli.add_command(export_claims)
    app.cli.add_command(articles_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(tokens_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(audit_cli)
