"""Configuration classes: constants read from the environment, nothing computed at import."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_float(name: str) -> float | None:
    value = os.environ.get(name)
    return float(value) if value else None


class Config:
    """Settings shared by every environment; each is documented in README.md."""

    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "CLAIMCHECK_DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'claimcheck.db'}"
    )
    # Pre-ping so a restarted PostgreSQL does not hand out dead pooled connections.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = _env_int("CLAIMCHECK_SQLITE_BUSY_TIMEOUT_MS", 30_000)

    SESSION_COOKIE_NAME = "claimcheck_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("CLAIMCHECK_SECURE_COOKIES", False)
    # Absolute lifetime of a sign-in; the idle limit ends it sooner when unused.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=_env_int("CLAIMCHECK_SESSION_HOURS", 12))
    SESSION_IDLE_MINUTES = _env_int("CLAIMCHECK_SESSION_IDLE_MINUTES", 240)
    # Send the cookie only when the session changed. Rewritten on every response, a slow
    # request (a source look-up while the person saves) could put back the cookie as it was
    # before the save, losing its message or a new CSRF token. The limits above are kept in
    # the session itself (claimcheck/security/sessions.py), not in the cookie's expiry.
    SESSION_REFRESH_EACH_REQUEST = False
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)

    # A form must survive a long review, so its token lives as long as the sign-in.
    WTF_CSRF_TIME_LIMIT = _env_int("CLAIMCHECK_SESSION_HOURS", 12) * 3600
    # CSRF is enforced by one hook that knows about API tokens (claimcheck/security/csrf.py).
    WTF_CSRF_CHECK_DEFAULT = False
    WTF_CSRF_SSL_STRICT = True

    RATELIMIT_STORAGE_URI = os.environ.get("CLAIMCHECK_REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("CLAIMCHECK_LOGIN_RATE_LIMIT", "10 per minute")
    # Failures before an account starts to be slowed down, then the delay doubles each time.
    LOGIN_FREE_FAILURES = _env_int("CLAIMCHECK_LOGIN_FREE_FAILURES", 5)
    LOGIN_MAX_DELAY_SECONDS = _env_int("CLAIMCHECK_LOGIN_MAX_DELAY_SECONDS", 900)

    PASSWORD_MIN_LENGTH = 12
    PASSWORD_MAX_LENGTH = 256
    SET_PASSWORD_LINK_HOURS = _env_int("CLAIMCHECK_SET_PASSWORD_LINK_HOURS", 72)

    ARTICLE_MAX_UPLOAD_BYTES = _env_int("CLAIMCHECK_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
    ARTICLE_MAX_CHARS = _env_int("CLAIMCHECK_MAX_ARTICLE_CHARS", 200_000)
    EVIDENCE_MAX_FILE_BYTES = _env_int("CLAIMCHECK_MAX_EVIDENCE_FILE_BYTES", 5 * 1024 * 1024)
    # Room above the upload limit for the form's other fields, so an over-large file
    # gets a message on the form (with the typed details kept) rather than a bare 413.
    MAX_CONTENT_LENGTH = ARTICLE_MAX_UPLOAD_BYTES + 1024 * 1024
    ORGANISATION_NAME = os.environ.get("CLAIMCHECK_ORGANISATION", "ClaimCheck newsroom")
    # Where people reach this installation; exports made outside a request link to it.
    BASE_URL = os.environ.get("CLAIMCHECK_BASE_URL", "http://127.0.0.1:5000")
    # Read-only public pages for approved claims; reviewer names only when asked for.
    PUBLIC_FACT_CHECKS = _env_bool("CLAIMCHECK_PUBLIC_FACT_CHECKS", False)
    PUBLIC_SHOW_REVIEWERS = _env_bool("CLAIMCHECK_PUBLIC_SHOW_REVIEWERS", False)
    # Claims checked before: a new claim is matched against reviewed ones when extracted,
    # and matches scoring below the threshold (0-1) are not shown. Unset, the threshold
    # is the matcher's own: 0.6 lexical, 0.7 with the semantic extra.
    MATCHING_ENABLED = _env_bool("CLAIMCHECK_MATCHING", True)
    MATCH_THRESHOLD = _env_float("CLAIMCHECK_MATCH_THRESHOLD")
    # Build the in-memory index of reviewed claims when the first request arrives, so the
    # first import after a restart does not wait for it. Each server process builds its
    # own (about a minute of CPU at a million claims); off, the first import builds it.
    MATCHING_WARM_UP = _env_bool("CLAIMCHECK_MATCHING_WARM_UP", True)
    # Blend check-worthiness with sentence embeddings when the semantic extra is installed
    # (CLAIMCHECK_SEMANTIC=0 turns it off with the rest of the extra).
    SEMANTIC_CHECKWORTHINESS = True
    DEMO_ENABLED = True
    DEBUG = False
    TESTING = False


class DevelopmentConfig(Config):
    """The embedded set-up that `make run` serves on the loopback address."""

    # Without SECRET_KEY a key is generated once and kept in instance/, so a restart
    # does not sign everyone out.


class TestConfig(Config):
    """Settings for the test suite; the fixtures set the database URL."""

    TESTING = True
    MATCHING_WARM_UP = False
    SEMANTIC_CHECKWORTHINESS = False
    SECRET_KEY = "test-secret-key-not-for-production"
    LOGIN_RATE_LIMIT = "1000 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    SQLITE_BUSY_TIMEOUT_MS = 30_000


class ProductionConfig(Config):
    """Production: refuses to start without a real database URL and secret key."""

    SQLALCHEMY_DATABASE_URI = os.environ.get("CLAIMCHECK_DATABASE_URL")
    SESSION_COOKIE_SECURE = _env_bool("CLAIMCHECK_SECURE_COOKIES", True)
    DEMO_ENABLED = False

    @staticmethod
    def check(settings: dict, debug: bool) -> None:
        """Fail fast on a set-up that must never serve real users."""
        missing = [
            name
            for name, key in (
                ("SECRET_KEY", "SECRET_KEY"),
                ("CLAIMCHECK_DATABASE_URL", "SQLALCHEMY_DATABASE_URI"),
            )
            if not settings.get(key)
        ]
        if missing:
            raise RuntimeError(f"Production needs these settings: {', '.join(missing)}")
        if debug:
            raise RuntimeError("Production refuses to start with debug on (unset FLASK_DEBUG).")
        if len(settings["SECRET_KEY"]) < 32:
            raise RuntimeError("SECRET_KEY must be at least 32 characters in production.")


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None) -> type[Config]:
    """Return the config class named by CLAIMCHECK_ENV (development by default)."""
    key = (name or os.environ.get("CLAIMCHECK_ENV") or "development").lower()
    if key not in CONFIGS:
        raise RuntimeError(f"Unknown CLAIMCHECK_ENV {key!r}; use one of {', '.join(CONFIGS)}")
    return CONFIGS[key]
