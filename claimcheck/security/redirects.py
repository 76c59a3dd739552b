"""Redirect targets taken from requests must stay on this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(target: str | None, fallback: str) -> str:
    """Return `target` if it is a local path, otherwise `fallback`."""
    if not target or len(target) > 2000:
        return fallback
    # Browsers treat backslashes as slashes and ignore control characters,
    # so "/\\evil.example" and "/\t/evil.example" leave the site.
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target
