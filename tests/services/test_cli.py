"""The stable `flask --app wsgi …` commands."""

from sqlalchemy import func, select

from claimcheck.extensions import db
from claimcheck.models import Article, Claim, User
from claimcheck.roles import Role
from claimcheck.services import accounts, tokens


def test_users_create_reads_the_password_from_stdin(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "First.Lead@Example.org", "--role", "lead", "--password-stdin"],
        input="  a passphrase with spaces  \n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = accounts.find_user_by_email("first.lead@example.org")
        assert user.role is Role.LEAD
        assert accounts.authenticate(user.email, "  a passphrase with spaces  ").user is user


def test_users_create_refuses_a_weak_password_and_creates_nothing(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "x@example.org", "--role", "editor", "--password-stdin"],
        input="password1234\n",
    )
    assert result.exit_code != 0
    assert "too common" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_tokens_create_prints_a_working_token_once(app, make_user):
    user = make_user(Role.EDITOR)
    result = app.test_cli_runner().invoke(args=["tokens", "create", user.email, "--name", "cron"])
    assert result.exit_code == 0
    raw = result.output.strip()
    with app.app_context():
        assert tokens.user_for_token(raw).id == user.id


def test_demo_load_twice_prints_passwords_only_the_first_time(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    second = runner.invoke(args=["demo", "load"])
    assert first.exit_code == second.exit_code == 0
    assert first.output.count("password:") == 3
    assert "password:" not in second.output
    assert "already" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Article)) == 1
        assert db.session.scalar(select(func.count()).select_from(Claim)) > 5


def test_articles_import_prints_id_and_claim_count_per_file(app, tmp_path):
    good = tmp_path / "budget.txt"
    good.write_text("Budget\n\nThe deficit grew 12% in 2023, the ministry said.", encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_text("   ", encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=[
            "articles",
            "import",
            str(good),
            str(bad),
            "--published",
            "2024-01-05",
            "--url",
            "https://news.example/budget",
        ]
    )
    assert result.exit_code == 1
    assert f"{good}\tarticle 1\t1 claims" in result.output
    assert f"{bad}\tfailed:" in result.output
    with app.app_context():
        article = db.session.get(Article, 1)
        assert article.title == "Budget"
        assert article.published.isoformat() == "2024-01-05"
        assert db.session.scalar(select(func.count()).select_from(Article)) == 1


def test_demo_load_is_refused_in_production(app):
    app.config["DEMO_ENABLED"] = False
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "production refuses" in result.output
