"""Web addresses people type: kept as information, shown as links, never fetched."""

from __future__ import annotations

from urllib.parse import urlsplit

from claimcheck.services.errors import ServiceError

MAX_URL = 2000


def check_web_url(value: str | None, label: str = "URL", required: bool = False) -> str | None:
    """Return a trimmed http(s) address, None when empty and optional, or raise ServiceError."""
    url = (value or "").strip()
    if not url:
        if required:
            raise ServiceError(f"The {label} is required.")
        return None
    if len(url) > MAX_URL:
        raise ServiceError(f"The {label} is too long (at most {MAX_URL} characters).")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise ServiceError(f"The {label} must not contain spaces.")
    parts = urlsplit(url)
    # Only http and https: "javascript:" or "data:" links would run in a reader's browser.
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise ServiceError(f"The {label} must start with http:// or https://.")
    return url
