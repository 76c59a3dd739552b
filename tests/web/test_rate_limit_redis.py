"""Sign-in rate limits shared through Redis, as several workers would share them."""

import uuid

import pytest

from claimcheck import create_app
from claimcheck.extensions import db
from tests.conftest import CsrfClient, sign_in

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def test_two_workers_share_one_redis_limit(database_url, make_user, app):
    if not _redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    user = make_user()
    settings = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        # A prefix of its own, so parallel runs never count each other's attempts.
        "RATELIMIT_KEY_PREFIX": f"cctest-{uuid.uuid4().hex}",
        "LOGIN_RATE_LIMIT": "3 per minute",
    }
    workers = [create_app("testing", settings) for _ in range(2)]
    clients = []
    for worker in workers:
        worker.test_client_class = CsrfClient
        clients.append(worker.test_client())
    codes = [
        sign_in(clients[i % 2], user.email, "wrong password here").status_code for i in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    for worker in workers:
        with worker.app_context():
            db.engine.dispose()
