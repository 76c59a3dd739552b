"""A secret key kept in instance/ for set-ups that do not provide SECRET_KEY."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask


def ensure_secret_key(app: Flask) -> None:
    """Use SECRET_KEY when given; otherwise read (or create once) instance/secret_key."""
    if app.config.get("SECRET_KEY"):
        return
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and linked into place, so two workers starting together
        # agree on one key and never read a half-written file.
        draft = path.with_name(f".secret_key.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(48))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    app.config["SECRET_KEY"] = path.read_text().strip()
