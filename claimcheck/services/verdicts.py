"""Verdict labels: the defaults, and a lead's renaming, adding and retiring."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from claimcheck.clock import utcnow
from claimcheck.extensions import db
from claimcheck.models import Claim, User, VerdictLabel
from claimcheck.models.verdict import DEFAULT_VERDICTS
from claimcheck.services import audit
from claimcheck.services.errors import NotFound, ServiceError

MAX_NAME = 60


def ensure_default_labels() -> None:
    """Add the default labels to a database that has none (migrations do this too)."""
    if db.session.scalar(select(func.count()).select_from(VerdictLabel)):
        return
    for position, (name, rating) in enumerate(DEFAULT_VERDICTS):
        db.session.add(VerdictLabel(name=name, rating=rating, position=position))
    db.session.flush()


def active_labels() -> list[VerdictLabel]:
    """Labels that can be given to a claim now, in their display order."""
    return list(
        db.session.scalars(
            select(VerdictLabel)
            .where(VerdictLabel.retired_at.is_(None))
            .order_by(VerdictLabel.position, VerdictLabel.id)
        )
    )


def all_labels() -> list[VerdictLabel]:
    """Every label, retired ones included."""
    return list(
        db.session.scalars(select(VerdictLabel).order_by(VerdictLabel.position, VerdictLabel.id))
    )


def find_label(name_or_id: str | int) -> VerdictLabel:
    """An active label by id or by (case-insensitive) name."""
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        label = db.session.get(VerdictLabel, int(name_or_id))
    else:
        label = db.session.scalar(
            select(VerdictLabel).where(func.lower(VerdictLabel.name) == str(name_or_id).lower())
        )
    if label is None or label.is_retired:
        raise NotFound(f"There is no verdict called {name_or_id!r}.")
    return label


def _clean(name: str, rating: int | None) -> tuple[str, int | None]:
    cleaned = " ".join((name or "").split())
    if not cleaned or len(cleaned) > MAX_NAME:
        raise ServiceError(f"A verdict needs a name of 1 to {MAX_NAME} characters.")
    if rating is not None and not 1 <= rating <= 5:
        raise ServiceError("The rating must be from 1 (false) to 5 (true), or none.")
    return cleaned, rating


def _refuse_duplicate(name: str, label_id: int | None = None) -> None:
    clash = db.session.scalar(
        select(VerdictLabel).where(func.lower(VerdictLabel.name) == name.lower())
    )
    if clash is not None and clash.id != label_id:
        raise ServiceError(f"There is already a verdict called “{clash.name}”.")


def add_label(name: str, rating: int | None, actor: User | None = None) -> VerdictLabel:
    """Add a verdict label at the end of the list."""
    name, rating = _clean(name, rating)
    _refuse_duplicate(name)
    last = db.session.scalar(select(func.max(VerdictLabel.position))) or 0
    label = VerdictLabel(name=name, rating=rating, position=last + 1)
    _flush_unique(label, name)
    _audit(label, actor, "added", after={"name": name, "rating": rating})
    return label


def _flush_unique(label: VerdictLabel, name: str) -> None:
    """Write the label; another lead saving the same name just before gets a message."""
    try:
        with db.session.begin_nested():
            db.session.add(label)
            db.session.flush()
    except IntegrityError:
        raise ServiceError(f"There is already a verdict called “{name}”.") from None


def _audit(
    label: VerdictLabel,
    actor: User | None,
    verb: str,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    audit.record(
        f"verdict_label.{verb}",
        actor,
        f"{verb} the verdict label “{label.name}”",
        object_type="verdict_label",
        object_id=label.id,
        before=before,
        after=after,
    )


def update_label(
    label: VerdictLabel, name: str, rating: int | None, actor: User | None = None
) -> None:
    """Rename a label or move it on the rating scale; claims keep pointing at it."""
    name, rating = _clean(name, rating)
    _refuse_duplicate(name, label.id)
    before = {"name": label.name, "rating": label.rating}
    if before == {"name": name, "rating": rating}:
        return
    label.name, label.rating = name, rating
    _flush_unique(label, name)
    _audit(label, actor, "changed", before=before, after={"name": name, "rating": rating})


def retire_label(label: VerdictLabel, actor: User | None = None) -> None:
    """Stop offering a label; claims that have it keep it."""
    if label.retired_at is None:
        label.retired_at = utcnow()
        _audit(label, actor, "retired")


def restore_label(label: VerdictLabel, actor: User | None = None) -> None:
    """Offer a retired label again."""
    if label.retired_at is not None:
        label.retired_at = None
        _audit(label, actor, "restored")


def delete_label(label: VerdictLabel, actor: User | None = None) -> None:
    """Delete a label no claim uses (one in use can only be retired)."""
    used = db.session.scalar(
        select(func.count()).select_from(Claim).where(Claim.verdict_id == label.id)
    )
    if used:
        raise ServiceError(f"“{label.name}” is the verdict of {used} claims; retire it instead.")
    _audit(label, actor, "deleted", before={"name": label.name, "rating": label.rating})
    db.session.delete(label)
