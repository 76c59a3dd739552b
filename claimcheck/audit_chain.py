"""The audit log's hash chain: what an event's hash covers, and checking a whole log.

Each event's hash is SHA-256 over its canonical content and the previous event's hash,
so changing any stored value breaks that event's hash, and removing an event breaks
the link of the one after it. Plain Python: no Flask, no database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64

# Everything an event says, in the order it is hashed (the order does not matter to the
# hash, which sorts keys, but a fixed list keeps stored and hashed content the same).
HASHED_FIELDS = (
    "created_at",
    "actor_id",
    "actor_name",
    "ip_address",
    "action",
    "object_type",
    "object_id",
    "article_id",
    "claim_id",
    "revision_id",
    "summary",
    "before",
    "after",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def canonical(fields: Mapping[str, Any], previous_hash: str) -> bytes:
    """The exact bytes an event's hash covers: its content and the hash before it."""
    content = {name: _plain(fields.get(name)) for name in HASHED_FIELDS}
    content["previous_hash"] = previous_hash
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def event_hash(fields: Mapping[str, Any], previous_hash: str) -> str:
    """The SHA-256 hex digest that chains an event to the one before it."""
    return hashlib.sha256(canonical(fields, previous_hash)).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking a log: how many events were read and where it broke."""

    checked: int
    head_hash: str
    broken_at: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(events: Iterable[Mapping[str, Any]]) -> ChainReport:
    """Check events given in id order; stop at the first that does not match."""
    expected_previous = GENESIS_HASH
    checked = 0
    previous_id: int | None = None
    for event in events:
        checked += 1
        if event["previous_hash"] != expected_previous:
            after = f"event {previous_id}" if previous_id is not None else "the start of the log"
            return ChainReport(
                checked,
                expected_previous,
                event["id"],
                f"event {event['id']} does not follow {after}: "
                "an event between them was removed or changed",
            )
        if event_hash(event, event["previous_hash"]) != event["hash"]:
            return ChainReport(
                checked,
                expected_previous,
                event["id"],
                f"event {event['id']} does not match its hash: its content was changed",
            )
        expected_previous = event["hash"]
        previous_id = event["id"]
    return ChainReport(checked, expected_previous)
