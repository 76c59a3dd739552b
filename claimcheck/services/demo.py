"""The demo: the example article and one account per role, loaded idempotently."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

from sqlalchemy import select

from claimcheck.extensions import db
from claimcheck.models import Article
from claimcheck.roles import Role
from claimcheck.services.accounts import create_user, find_user_by_email
from claimcheck.services.articles import ArticleDetails, import_article

DEMO_ACCOUNTS = (
    ("factchecker@example.org", "Demo Fact-checker", Role.FACT_CHECKER),
    ("editor@example.org", "Demo Editor", Role.EDITOR),
    ("lead@example.org", "Demo Lead", Role.LEAD),
)
DEMO_ARTICLE_KEY = "afghanistan-withdrawal-2021"
DEMO_ARTICLE_TITLE = (
    "Afghanistan: the head of the American troops withdraws, the Taliban continue their advance"
)


@dataclass
class DemoResult:
    """What a demo load added; passwords are only known for accounts it created."""

    new_accounts: list[tuple[str, Role, str]] = field(default_factory=list)
    existing_accounts: list[tuple[str, Role]] = field(default_factory=list)
    article: Article | None = None
    article_created: bool = False


def demo_article_text() -> str:
    """The example article exactly as shipped with the project."""
    source = resources.files("claimcheck.demo").joinpath(f"{DEMO_ARTICLE_KEY}.txt")
    return source.read_text(encoding="utf-8")


def load_demo() -> DemoResult:
    """Add the demo accounts and article where missing; never reset what exists."""
    result = DemoResult()
    for email, name, role in DEMO_ACCOUNTS:
        if find_user_by_email(email) is not None:
            result.existing_accounts.append((email, role))
            continue
        password = secrets.token_urlsafe(12)
        create_user(email, name, role, password=password)
        result.new_accounts.append((email, role, password))

    article = db.session.scalar(select(Article).where(Article.demo_key == DEMO_ARTICLE_KEY))
    if article is None:
        details = ArticleDetails(title=DEMO_ARTICLE_TITLE, published=date(2021, 9, 19))
        article = import_article(
            demo_article_text(), details, actor=None, source_format="txt", demo_key=DEMO_ARTICLE_KEY
        )
        result.article_created = True
    result.article = article
    return result
