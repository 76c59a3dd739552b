import pytest
from sqlalchemy import func, select

from claimcheck.extensions import db
from claimcheck.models import Article, User
from claimcheck.services import accounts
from claimcheck.services.demo import DEMO_ACCOUNTS, demo_article_text, load_demo

pytestmark = pytest.mark.usefixtures("app_context")


def test_demo_loads_one_account_per_role_and_the_example_article():
    result = load_demo()
    db.session.commit()
    assert {role for _, role, _ in result.new_accounts} == {role for *_, role in DEMO_ACCOUNTS}
    for email, _role, password in result.new_accounts:
        assert accounts.authenticate(email, password).user is not None
    article = result.article
    assert article.text == demo_article_text()
    assert "85% of Afghan territory" in article.text


def test_loading_twice_neither_duplicates_nor_resets():
    first = load_demo()
    db.session.commit()
    hashes = dict(db.session.execute(select(User.email, User.password_hash)).all())
    second = load_demo()
    db.session.commit()
    assert second.new_accounts == []
    assert not second.article_created
    assert dict(db.session.execute(select(User.email, User.password_hash)).all()) == hashes
    assert db.session.scalar(select(func.count()).select_from(Article)) == 1
    assert second.article.id == first.article.id
