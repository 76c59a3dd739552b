"""The people and organisations claims are attributed to, kept once and reused."""

from __future__ import annotations

from sqlalchemy import select

from claimcheck.extensions import db
from claimcheck.models import Source
from claimcheck.models.source import SOURCE_KINDS, source_key
from claimcheck.services.errors import ServiceError

MAX_NAME = 200


def find_or_create_source(name: str, kind: str = "organisation") -> Source:
    """The source with this name (case and spacing aside), created on first use."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ServiceError("Name the source the claim is attributed to.")
    if len(cleaned) > MAX_NAME:
        raise ServiceError(f"Keep the source's name under {MAX_NAME} characters.")
    if kind not in SOURCE_KINDS:
        raise ServiceError("A source is a person or an organisation.")
    key = source_key(cleaned)
    source = db.session.scalar(select(Source).where(Source.name_key == key))
    if source is None:
        source = Source(name=cleaned, name_key=key, kind=kind)
        db.session.add(source)
        db.session.flush()
    return source


def suggest_sources(prefix: str, limit: int = 10) -> list[Source]:
    """Existing sources whose name contains the typed text, shortest names first."""
    typed = source_key(prefix or "")
    if not typed:
        return []
    pattern = "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(
        db.session.scalars(
            select(Source)
            .where(Source.name_key.like(pattern, escape="\\"))
            .order_by(db.func.length(Source.name), Source.name)
            .limit(limit)
        )
    )
