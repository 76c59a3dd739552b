"""Print how fast the audit page's queries and the chain check are over a large log (never asserts).

Seeds a private PostgreSQL schema (dropped at the end) with a newsroom's two years of audit
events: the people are created through the accounts service, then the events are written
with COPY, each hashed in id order from the fields record() would store, so the chain is
valid. Then times page_of_events for every filter of the audit page (newest page, deep pages,
a cursor near the oldest end), the rendered page through the Flask test client, and
verify_log() over the whole log in a fresh process, whose peak memory is what a check costs.
Any page slower than the target gets its EXPLAIN (ANALYZE, BUFFERS) plan printed.

--try-trigram measures the fix the text filter needs before it is adopted: a pg_trgm GIN
index on lower(summary), created in the private schema only.

Run: .venv/bin/python bench/audit.py [--quick] [--events N] [--repeat N] [--try-trigram]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import secrets
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from sqlalchemy import event, func, select, text  # noqa: E402
from web_load import _HIDDEN, percentile  # noqa: E402
from web_seed import PASSWORD  # noqa: E402

from claimcheck import create_app  # noqa: E402
from claimcheck.audit_chain import event_hash  # noqa: E402
from claimcheck.extensions import db  # noqa: E402
from claimcheck.models import AuditEvent  # noqa: E402
from claimcheck.roles import Role  # noqa: E402
from claimcheck.services import audit_log  # noqa: E402
from claimcheck.services.accounts import create_user  # noqa: E402
from claimcheck.services.audit import CLAIM_PHRASES, _one_line, _stored_form  # noqa: E402
from claimcheck.services.audit_log import (  # noqa: E402
    AuditFilter,
    AuditPage,
    count_events,
    page_of_events,
    verify_log,
)
from tests.support.databases import DEFAULT_POSTGRES_URL, PostgresSchema  # noqa: E402

TARGET_P95_MS = 100
SPAN = timedelta(days=730)
EVENTS_PER_ARTICLE = 100  # 1,000,000 events: 10,000 articles of ~20 claims, ~200,000 claims
DEEP_PAGES = 200
TRACED_VERIFY_LIMIT = 200_000
MB = 1024 * 1024
_COLUMNS = (
    "id, created_at, actor_id, actor_name, ip_address, action, object_type, object_id, "
    "article_id, claim_id, revision_id, summary, before, after, previous_hash, hash"
)
PEOPLE: tuple[tuple[str, Role], ...] = (
    ("Helen Okafor", Role.LEAD),
    ("Tomás Ferreira", Role.LEAD),
    ("Ingrid Solberg", Role.LEAD),
    *(
        (name, Role.EDITOR)
        for name in (
            "Rahul Mehta", "Claire Dubois", "Kwame Mensah", "Sofia Lindqvist",
            "Daniel Cohen", "Mei Tanaka", "Olga Petrova",
        )
    ),
    *(
        (name, Role.FACT_CHECKER)
        for name in (
            "Amira Haddad", "Lucas Martin", "Nadia Rahman", "Pieter de Vries", "Grace Njoroge",
            "Mateo García", "Hannah Weber", "Yusuf Demir", "Aoife Byrne", "Chen Wei",
            "Laura Rossi", "Samuel Adeyemi", "Elena Popescu", "Jonas Berg", "Priya Nair",
            "Tomasz Nowak", "Isabel Costa", "Omar Farouk", "Zoe Papadopoulos", "Ravi Iyer",
        )
    ),
)  # fmt: skip
HEADLINES = (
    "Budget deficit widens as ministry revises forecasts",
    "Unemployment figures questioned after survey change",
    "Hospital waiting lists: what the numbers show",
    "Minister's claim on school funding under scrutiny",
    "Energy prices and the cost of the new subsidy",
    "Migration statistics cited in parliament debate",
    "Crime rates in the capital, a decade on",
    "Housing starts fall for a third quarter",
    "Election pledges on tax, checked",
    "Vaccination rates across the regions",
)
VERDICTS = ("True", "Mostly true", "Mixed", "Misleading", "Mostly false", "False", "Unverifiable")
COMMENTS = (
    "Can someone from the data desk look at the second table?",
    "The ministry press office has not answered yet.",
    "Source confirmed by phone.",
    "Checked the archive copy; the figure was changed after publication.",
    "Needs a second source before we propose a verdict.",
)
REASONS = (
    "the rationale does not explain the revision of the figure",
    "duplicate of another claim in the same article",
    "opinion, not a checkable claim",
    "the evidence link is dead; add the archived copy",
    "new figures were published",
)
PUBLISHERS = ("Office for National Statistics", "Eurostat", "World Bank", "OECD", "Reuters")
FORMATS = ("csv", "jsonl", "claimreview", "pdf")
# Share of the events that are not article imports (those come at a steady 1 in 100).
KINDS: dict[str, float] = {
    "claim": 0.855,
    "signed_in": 0.075,
    "signed_out": 0.03,
    "sign_in_failed": 0.006,
    "export": 0.008,
    "article_edited": 0.004,
    "article_reanalysed": 0.002,
    "account": 0.002,
    "token": 0.001,
    "verdict_label": 0.0002,
}
# A claim's usual path; side steps and returns happen along the way.
FLOW = (
    "accepted", "taken", "review_started", "evidence_added", "evidence_added",
    "verdict_proposed", "approved",
)  # fmt: skip
STATES = ("new", "new", "assigned", "in_review", "in_review", "in_review", "awaiting_approval")
DONE, DISMISSED = len(FLOW), 200
EARLY_ASIDES = ("comment", "edited", "attribution", "comment")
LATE_ASIDES = ("comment", "evidence_edited", "evidence_removed", "rationale", "attribution")
EDITOR_ACTIONS = frozenset(
    {"assigned", "approved", "returned", "dismissed", "reopened", "reinstated"}
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=100, help="timed runs of each page")
    parser.add_argument("--quick", action="store_true", help="50,000 events")
    parser.add_argument(
        "--try-trigram", action="store_true", help="add a trigram index on lower(summary) first"
    )
    # Used by the parent to check the chain in a fresh process.
    parser.add_argument("--verify", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--schema-url", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.quick:
        options.events = 50_000
    return options


def _app(url: str) -> Flask:
    return create_app(
        "production",
        {
            "SECRET_KEY": secrets.token_urlsafe(48),
            "SQLALCHEMY_DATABASE_URI": url,
            "SESSION_COOKIE_SECURE": False,
        },
    )


@dataclass(frozen=True)
class Person:
    """Someone who acts in the log, with the addresses they work from."""

    id: int
    name: str
    email: str
    role: Role
    addresses: tuple[str, str]


def _people(start: datetime) -> list[Person]:
    """Create everyone through the accounts service, as on the desk's first day.

    The audit writer's clock is held at `start` so that these first events precede the
    two years of seeded ones, as the chain requires (times never go back along it).
    """
    moments = (start + timedelta(minutes=k) for k in range(len(PEOPLE) + 1))
    people: list[Person] = []
    with mock.patch("claimcheck.services.audit.utcnow", side_effect=moments):
        first = None
        for n, (name, role) in enumerate(PEOPLE):
            email = name.lower().replace(" ", ".").replace("á", "a").replace("í", "i")
            user = create_user(f"{email}@newsroom.example.org", name, role, PASSWORD, first)
            first = first or user  # the first lead comes from the command line
            home = f"198.51.100.{10 + n}"
            people.append(Person(user.id, user.name, user.email, role, ("203.0.113.7", home)))
    return people


class Desk:
    """A newsroom's activity as the log records it, one event at a time, oldest first.

    Articles arrive at a steady pace; most events are review steps on the claims of the
    last few dozen articles, each claim moving along FLOW with side steps, so filters by
    article or claim find a realistic handful of events close together in time.
    """

    def __init__(self, rng: random.Random, people: list[Person], n_events: int) -> None:
        self.rng = rng
        self.checkers = [p for p in people if p.role is Role.FACT_CHECKER]
        self.reviewers = [p for p in people if p.role is not Role.FACT_CHECKER]
        self.leads = [p for p in people if p.role is Role.LEAD]
        self.people = people
        # Some people are far busier than others.
        self.checker_weights = _cumulative([rng.uniform(0.2, 1.5) for _ in self.checkers])
        self.reviewer_weights = _cumulative([rng.uniform(0.2, 1.5) for _ in self.reviewers])
        self.n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
        sizes = [rng.randint(8, 32) for _ in range(self.n_articles)]
        self.first_claim = [0, 1]
        for size in sizes:
            self.first_claim.append(self.first_claim[-1] + size)
        self.n_claims = self.first_claim[-1] - 1
        self.stage = bytearray(self.n_claims + 1)
        self.owner = bytearray(self.n_claims + 1)  # 1 + index into checkers; 0 for nobody
        self.verdict = bytearray(self.n_claims + 1)  # 1 + index into VERDICTS
        self.import_every = n_events / self.n_articles
        self.imported = self.revision = self.tokens = 0
        self.kinds = list(KINDS)
        self.kind_weights = _cumulative(list(KINDS.values()))

    def _checker(self) -> Person:
        return self.rng.choices(self.checkers, cum_weights=self.checker_weights)[0]

    def _reviewer(self) -> Person:
        return self.rng.choices(self.reviewers, cum_weights=self.reviewer_weights)[0]

    def _address(self, person: Person) -> str:
        return person.addresses[self.rng.random() < 0.3]

    def next(self, n: int, when: datetime) -> dict[str, Any]:
        """The content of event number `n` (from 0), written at `when`."""
        if self.imported < self.n_articles and n >= int(self.imported * self.import_every):
            values = self._imported()
        else:
            kind = self.rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
            values = getattr(self, f"_{kind}")(when)
        actor = values.pop("actor")
        values["created_at"] = when
        values["actor_id"] = actor.id if actor else None
        values["actor_name"] = actor.name if actor else None
        if "ip_address" not in values:
            values["ip_address"] = self._address(actor) if actor else None
        values["summary"] = _one_line(f"{actor.name if actor else 'Someone'} {values['summary']}")
        values["before"] = _stored_form(values.get("before"))
        values["after"] = _stored_form(values.get("after"))
        for name in ("object_id", "article_id", "claim_id", "revision_id"):
            values.setdefault(name, None)
        return values

    # Articles -----------------------------------------------------------------------

    def _imported(self) -> dict[str, Any]:
        self.imported += 1
        aid = self.imported
        found = self.first_claim[aid + 1] - self.first_claim[aid]
        self.revision += found  # the extracted claims' first revisions, not audited
        title = f"{self.rng.choice(HEADLINES)} ({aid})"
        return {
            "actor": self._checker() if self.rng.random() < 0.8 else self._reviewer(),
            "action": "article.imported", "object_type": "article", "object_id": aid,
            "article_id": aid,
            "summary": f"imported article #{aid} “{title}” with {found} claims",
            "after": {"title": title, "format": self.rng.choice(("url", "paste", "docx")),
                      "claims": found},
        }  # fmt: skip

    def _recent_article(self) -> int:
        return max(1, self.imported - int(self.rng.expovariate(0.15)))

    def _article_edited(self, _when: datetime) -> dict[str, Any]:
        aid = self._recent_article()
        return {
            "actor": self._checker(), "action": "article.edited", "object_type": "article",
            "object_id": aid, "article_id": aid,
            "summary": f"edited the details of article #{aid} (publication, published)",
            "before": {"publication": "The Herald", "published": None},
            "after": {"publication": "The Sunday Herald", "published": "2025-03-02"},
        }  # fmt: skip

    def _article_reanalysed(self, _when: datetime) -> dict[str, Any]:
        aid = self._recent_article()
        added, updated = self.rng.randint(0, 3), self.rng.randint(0, 5)
        kept = self.first_claim[aid + 1] - self.first_claim[aid]
        self.revision += added + updated
        return {
            "actor": self._checker(), "action": "article.reanalysed", "object_type": "article",
            "object_id": aid, "article_id": aid,
            "summary": f"ran the analysis of article #{aid} again: {added} claims added, "
                       f"{updated} updated, {kept} kept",
            "after": {"added": added, "updated": updated, "kept": kept},
        }  # fmt: skip

    # Claims -------------------------------------------------------------------------

    def _claim(self, when: datetime) -> dict[str, Any]:
        rng = self.rng
        aid = self._recent_article()
        first, end = self.first_claim[aid], self.first_claim[aid + 1]
        cid = first + rng.randrange(end - first)
        stage, roll = self.stage[cid], rng.random()
        if stage == DISMISSED:
            action = "reinstated" if roll < 0.1 else "comment"
        elif stage >= DONE:
            action = "reopened" if roll < 0.03 else rng.choice(LATE_ASIDES)
        elif stage > 0 and roll < 0.18:
            action = rng.choice(EARLY_ASIDES if stage < 3 else LATE_ASIDES)
        else:
            action = FLOW[stage]
            if action == "taken" and roll > 0.75:
                action = "dismissed" if roll > 0.95 else "assigned"
            elif action == "approved" and roll > 0.88:
                action = "returned"
        return self._claim_step(cid, aid, stage, action, when)

    def _claim_step(
        self, cid: int, aid: int, stage: int, action: str, when: datetime
    ) -> dict[str, Any]:
        """One revision of a claim as claim_changed() reports it, and where the claim goes."""
        rng = self.rng
        owner = self.checkers[self.owner[cid] - 1] if self.owner[cid] else None
        actor = self._reviewer() if action in EDITOR_ACTIONS else (owner or self._checker())
        if action == "comment" and rng.random() < 0.4:
            actor = self._reviewer()
        state = "dismissed" if stage == DISMISSED else STATES[min(stage, DONE - 1)]
        if stage >= DONE and stage != DISMISSED:
            state = "approved"
        verdict = VERDICTS[self.verdict[cid] - 1] if self.verdict[cid] else None
        at = when.isoformat()
        reason = None
        changes: dict[str, tuple[Any, Any]]
        if action == "accepted":
            changes, self.stage[cid] = {"accepted": (False, True)}, 1
        elif action in ("taken", "assigned"):
            assignee = self._checker() if action == "assigned" else actor
            self.owner[cid] = self.checkers.index(assignee) + 1
            changes = {"state": (state, "assigned"), "assigned_at": (None, at),
                       "assignee": (owner.name if owner else None, assignee.name)}  # fmt: skip
            self.stage[cid] = 2
        elif action == "review_started":
            changes, self.stage[cid] = {"state": (state, "in_review")}, 3
        elif action == "evidence_added":
            item = f"{rng.choice(PUBLISHERS)} record {cid}.{stage - 2}"
            changes, self.stage[cid] = {"evidence": (None, item)}, stage + 1
        elif action == "verdict_proposed":
            verdict_index = rng.randrange(len(VERDICTS))
            self.verdict[cid] = verdict_index + 1
            changes = {"state": (state, "awaiting_approval"), "verdict": (verdict,
                       VERDICTS[verdict_index]), "rationale": (None, "The figure matches the "
                       "published table."), "proposer": (None, actor.name), "proposed_at":
                       (None, at)}  # fmt: skip
            self.stage[cid] = 6
        elif action == "approved":
            changes = {"state": (state, "approved"), "approver": (None, actor.name),
                       "approved_at": (None, at)}  # fmt: skip
            self.stage[cid] = DONE
        elif action == "returned":
            reason = rng.choice(REASONS)
            changes, self.stage[cid] = {"state": (state, "returned")}, 3
        elif action == "dismissed":
            reason = rng.choice(REASONS)
            changes = {"state": (state, "dismissed"), "dismissed_reason": (None, reason)}
            self.stage[cid] = DISMISSED
        elif action == "reinstated":
            changes = {"state": ("dismissed", "new"), "dismissed_reason": (REASONS[1], None)}
            self.stage[cid] = 1
        elif action == "reopened":
            reason = rng.choice(REASONS)
            changes = {"state": ("approved", "reopened"), "approver": ("an editor", None),
                       "approved_at": (at, None)}  # fmt: skip
            self.stage[cid] = 3
        elif action == "comment":
            changes = {"comment": (None, rng.choice(COMMENTS))}
        elif action == "edited":
            changes = {"text": ("The deficit grew 12% in 2023.", "The deficit grew 12.4% in 2023.")}
        elif action == "attribution":
            source = rng.randint(1, 400)
            changes = {"attribution_kind": (None, "named"), "source_id": (None, source)}
        elif action == "rationale":
            changes = {"rationale": ("First draft.", "The figure matches the published table.")}
        else:  # evidence edited or removed
            item = f"{rng.choice(PUBLISHERS)} record {cid}.1"
            changes = {"evidence": (item, None if action == "evidence_removed" else item + " (v2)")}
        self.revision += 1
        if "verdict" in changes:
            verdict = changes["verdict"][1]
        summary = CLAIM_PHRASES[action].format(
            claim=f"claim #{cid}",
            assignee=changes.get("assignee", (None, None))[1] or "nobody",
            verdict=f"“{verdict}”" if verdict else "(none)",
        )
        return {
            "actor": actor, "action": f"claim.{action}", "object_type": "claim", "object_id": cid,
            "article_id": aid, "claim_id": cid, "revision_id": self.revision,
            "summary": summary + (f": {reason}" if reason else ""),
            "before": {name: pair[0] for name, pair in changes.items()},
            "after": {name: pair[1] for name, pair in changes.items()},
        }  # fmt: skip

    # People, tokens, exports, labels ----------------------------------------------

    def _signed_in(self, _when: datetime) -> dict[str, Any]:
        person = self.rng.choice(self.people)
        return {"actor": person, "action": "auth.signed_in", "object_type": "user",
                "object_id": person.id, "summary": "signed in"}  # fmt: skip

    def _signed_out(self, _when: datetime) -> dict[str, Any]:
        person = self.rng.choice(self.people)
        return {"actor": person, "action": "auth.signed_out", "object_type": "user",
                "object_id": person.id, "summary": "signed out"}  # fmt: skip

    def _sign_in_failed(self, _when: datetime) -> dict[str, Any]:
        person = self.rng.choice(self.people)
        typed = person.email if self.rng.random() < 0.8 else f"admin{self.rng.randint(1, 99)}@x.io"
        return {
            "actor": None, "ip_address": f"192.0.2.{self.rng.randint(1, 254)}",
            "action": "auth.sign_in_failed", "object_type": "user",
            "object_id": person.id if typed == person.email else None,
            "summary": f"failed to sign in as {typed} (wrong password)",
            "after": {"email": typed, "reason": "wrong password"},
        }  # fmt: skip

    def _export(self, _when: datetime) -> dict[str, Any]:
        chosen, claims = self.rng.choice(FORMATS), self.rng.randint(1, 5_000)
        return {
            "actor": self._reviewer(), "action": "export.created", "object_type": "export",
            "summary": f"exported {claims:,} approved claims as {chosen}",
            "after": {"format": chosen, "claims": claims, "state": "approved"},
        }  # fmt: skip

    def _account(self, _when: datetime) -> dict[str, Any]:
        lead, person = self.rng.choice(self.leads), self.rng.choice(self.people)
        action = self.rng.choice(
            ("password_set", "role_changed", "link_issued", "deactivated", "reactivated",
             "forced_sign_out")
        )  # fmt: skip
        before = after = None
        if action == "password_set":
            lead, summary = person, "set their own password"
        elif action == "role_changed":
            summary = f"changed the role of {person.name} from Fact-checker to Editor"
            before, after = {"role": "fact-checker"}, {"role": "editor"}
        elif action == "link_issued":
            summary = f"issued a set-password link for {person.name}"
        elif action == "forced_sign_out":
            summary = f"signed {person.name} out everywhere"
        else:
            summary = f"{action} the account of {person.name}"
        return {"actor": lead, "action": f"account.{action}", "object_type": "user",
                "object_id": person.id, "summary": summary, "before": before,
                "after": after}  # fmt: skip

    def _token(self, _when: datetime) -> dict[str, Any]:
        person = self.rng.choice(self.people)
        self.tokens += 1
        verb = "created" if self.rng.random() < 0.7 else "revoked"
        name = f"“newsroom CMS” (cc_{self.tokens:05d}…) of {person.name}"
        return {"actor": person, "action": f"token.{verb}", "object_type": "api_token",
                "object_id": self.tokens, "summary": f"{verb} the API token {name}"}  # fmt: skip

    def _verdict_label(self, _when: datetime) -> dict[str, Any]:
        return {
            "actor": self.rng.choice(self.leads), "action": "verdict_label.changed",
            "object_type": "verdict_label", "object_id": 5,
            "summary": "changed the verdict label “Mostly false”",
            "before": {"name": "Mostly false", "rating": 2},
            "after": {"name": "Mostly false", "rating": 2},
        }  # fmt: skip


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


@dataclass
class Seeded:
    """What the timings need to know about the seeded log."""

    people: list[Person]
    events: int = 0
    articles: int = 0
    claims: int = 0
    first_id: int = 0
    last_id: int = 0
    seconds: float = 0.0
    by_actor: Counter[int | None] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)


def _progress(done: int, total: int, started: float) -> None:
    rate = done / max(time.perf_counter() - started, 1e-9)
    line = f"  seeding {done / total:6.1%}  {done:>11,d} events  {rate:9,.0f} events/s"
    if sys.stdout.isatty():
        print("\r" + line, end="" if done < total else "\n", flush=True)
    elif done == total or done % max(1, total // 10) == 0:
        print(line, flush=True)


def seed(n_events: int, seed_value: int = 17) -> Seeded:
    """Create the tables, the people, and COPY in a valid chain of `n_events` events."""
    started = time.perf_counter()
    rng = random.Random(seed_value)
    db.create_all()
    now = datetime.now(UTC)
    people = _people(now - SPAN - timedelta(days=1))
    db.session.commit()
    print(f"  {len(people)} people created through the accounts service in "
          f"{time.perf_counter() - started:.1f} s (argon2 hashes their passwords)")  # fmt: skip
    copying = time.perf_counter()
    head = db.session.execute(
        select(AuditEvent.id, AuditEvent.hash, AuditEvent.created_at)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).one()
    seeded = Seeded(people, first_id=head.id + 1)
    desk = Desk(rng, people, n_events)
    first = head.created_at + timedelta(hours=1)
    span = (now - timedelta(hours=1) - first).total_seconds()
    previous, step = head.hash, max(1, n_events // 100)
    raw = db.session.connection().connection.driver_connection
    with raw.cursor() as cur:
        # The rows are consistent by construction; skip the per-row foreign key checks.
        cur.execute("SET session_replication_role = replica")
        # COPY FREEZE needs the table emptied in its own transaction; the people's events
        # go back in unchanged. Frozen rows are all-visible at once, as autovacuum leaves an
        # old table, so index-only scans work even while another session's long transaction
        # would hold VACUUM back.
        written = cur.execute(
            f"SELECT {_COLUMNS.replace('before, after', 'before::text, after::text')} "
            "FROM audit_event ORDER BY id"
        ).fetchall()
        cur.execute("TRUNCATE audit_event")
        with cur.copy(f"COPY audit_event ({_COLUMNS}) FROM STDIN (FREEZE)") as copy:
            for row in written:
                copy.write_row(row)
            for n in range(n_events):
                # Evenly spread with jitter below one step: times never go back.
                when = first + timedelta(seconds=span * (n + rng.random()) / n_events)
                fields = desk.next(n, when)
                digest = event_hash(fields, previous)
                before, after = fields["before"], fields["after"]
                copy.write_row(
                    (seeded.first_id + n, when, fields["actor_id"], fields["actor_name"],
                     fields["ip_address"], fields["action"], fields["object_type"],
                     fields["object_id"], fields["article_id"], fields["claim_id"],
                     fields["revision_id"], fields["summary"],
                     None if before is None else json.dumps(before),
                     None if after is None else json.dumps(after), previous, digest)
                )  # fmt: skip
                previous = digest
                seeded.by_actor[fields["actor_id"]] += 1
                seeded.by_action[fields["action"]] += 1
                if (n + 1) % step == 0 or n + 1 == n_events:
                    _progress(n + 1, n_events, copying)
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('audit_event', 'id'), "
            "(SELECT max(id) FROM audit_event))"
        )
    db.session.commit()
    analysed = time.perf_counter()
    connection = db.engine.raw_connection()
    try:
        # VACUUM cannot run in a transaction; it also sets the visibility map, as autovacuum
        # would have long done on a real two-year-old table.
        connection.driver_connection.autocommit = True
        connection.driver_connection.execute("VACUUM ANALYZE audit_event")
    finally:
        connection.close()
    seeded.events = count_events()
    seeded.last_id = seeded.first_id + n_events - 1
    seeded.articles, seeded.claims = desk.n_articles, desk.n_claims
    seeded.seconds = time.perf_counter() - started
    visible = db.session.scalar(
        text("SELECT relallvisible::float / greatest(relpages, 1) FROM pg_class "
             "WHERE oid = 'audit_event'::regclass")
    )  # fmt: skip
    print(
        f"  VACUUM ANALYZE took {time.perf_counter() - analysed:.1f} s; "
        f"{visible:.0%} of the table's pages are all-visible (index-only scans need that)"
    )
    return seeded


# Timing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One way the audit page is asked for; `call` for another query of the audit pages."""

    label: str
    chosen: AuditFilter = AuditFilter()
    before: int | None = None
    call: Callable[[], Any] | None = None

    def run(self) -> Any:
        return self.call() if self.call else page_of_events(self.chosen, self.before)


@dataclass
class Timing:
    """The samples (ms) of one case, and how many rows its answer had."""

    label: str
    samples: list[float]
    shown: int
    case: Case | None = None

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)


def _fresh() -> None:
    """End the read as a request would, so the next call loads everything again."""
    db.session.rollback()
    db.session.expunge_all()


def _timed(case: Case) -> tuple[float, Any]:
    started = time.perf_counter()
    result = case.run()
    took = (time.perf_counter() - started) * 1000
    _fresh()
    return took, result


def _time_case(case: Case, repeat: int) -> Timing:
    warm, result = _timed(case)
    # A page far over target is timed fewer times; its figure is clear long before 100 runs.
    runs = repeat if warm < 250 else max(20, repeat // 4)
    samples = [_timed(case)[0] for _ in range(runs)]
    shown = len(result.events) if isinstance(result, AuditPage) else len(result)
    return Timing(case.label, samples, shown, case)


def _walk(label: str, chosen: AuditFilter, pages: int) -> tuple[Timing, Case]:
    """Follow the Older link `pages` times; each page's time is a sample."""
    samples, before, shown = [], None, 0
    for _ in range(pages):
        took, page = _timed(Case("", chosen, before))
        samples.append(took)
        shown += len(page.events)
        if page.next_before is None:
            break
        before = page.next_before
    deepest = Case(f"{label}: page {len(samples) + 1} alone", chosen, before)
    return Timing(f"{label}: pages 1–{len(samples)} walked", samples, shown), deepest


def _middle_month(seeded: Seeded) -> tuple[date, date]:
    middle = db.session.scalar(
        select(AuditEvent.created_at).where(
            AuditEvent.id == (seeded.first_id + seeded.last_id) // 2
        )
    )
    since = middle.date().replace(day=1)
    until = (since + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return since, until


def _busy_claim(seeded: Seeded) -> int:
    """A claim in the middle of the log with several events, as someone would look one up."""
    middle = seeded.claims // 2
    return db.session.scalar(
        select(AuditEvent.claim_id)
        .where(AuditEvent.claim_id.between(middle, middle + 200))
        .group_by(AuditEvent.claim_id)
        .order_by(func.count().desc(), AuditEvent.claim_id)
        .limit(1)
    )


def _cases(
    seeded: Seeded,
) -> tuple[list[Case], list[tuple[str, AuditFilter]], dict[str, Any]]:
    """The audit page's filters, typical and worst, with the values they use."""
    checkers = [p for p in seeded.people if p.role is Role.FACT_CHECKER]
    leads = [p for p in seeded.people if p.role is Role.LEAD]
    busy = max(checkers, key=lambda p: seeded.by_actor[p.id])
    quiet = min(leads, key=lambda p: seeded.by_actor[p.id])
    since, until = _middle_month(seeded)
    article = seeded.articles // 2
    claim = _busy_claim(seeded)
    oldest = seeded.first_id + 1_000
    values = {"busy": busy, "quiet": quiet, "since": since, "until": until,
              "article": article, "claim": claim}  # fmt: skip
    cases = [
        Case("newest page, no filter", AuditFilter()),
        Case(f"person: busiest fact-checker ({seeded.by_actor[busy.id]:,} events)",
             AuditFilter(actor_id=busy.id)),
        Case(f"person: quietest lead ({seeded.by_actor[quiet.id]:,} events)",
             AuditFilter(actor_id=quiet.id)),
        Case("action: claim.approved", AuditFilter(action="claim.approved")),
        Case("action: account.role_changed (rare)", AuditFilter(action="account.role_changed")),
        Case("family: claim.", AuditFilter(action="claim.")),
        Case("family: account. (rare)", AuditFilter(action="account.")),
        Case("family: verdict_label. (rarest)", AuditFilter(action="verdict_label.")),
        Case(f"article #{article}", AuditFilter(article_id=article)),
        Case(f"claim #{claim}", AuditFilter(claim_id=claim)),
        Case(f"dates: {since:%B %Y}", AuditFilter(since=since, until=until)),
        Case("text: “approved” (common)", AuditFilter(text="approved")),
        Case(f"text: “{busy.name}” (a name)", AuditFilter(text=busy.name)),
        Case(f"text: “claim #{claim}” (rare)", AuditFilter(text=f"claim #{claim}")),
        Case("text: “no such words” (none)", AuditFilter(text="no such words")),
        Case(f"person + family claim. + {since:%b %Y}",
             AuditFilter(actor_id=busy.id, action="claim.", since=since, until=until)),
        Case("person + action never theirs (empty)",
             AuditFilter(actor_id=busy.id, action="claim.approved")),
        Case("family account. + text “role”", AuditFilter(action="account.", text="role")),
        Case(f"family account. + {since:%b %Y}",
             AuditFilter(action="account.", since=since, until=until)),
        Case(f"{since:%b %Y} + text “claim #{claim}”",
             AuditFilter(since=since, until=until, text=f"claim #{claim}")),
        Case("near oldest end: no filter", AuditFilter(), oldest),
        Case("near oldest end: person", AuditFilter(actor_id=busy.id), oldest),
        Case("near oldest end: family claim.", AuditFilter(action="claim."), oldest),
        Case("near oldest end: text “approved”", AuditFilter(text="approved"), oldest),
        Case("near oldest end: text “claim #…” (rare)",
             AuditFilter(text=f"claim #{claim}"), oldest),
    ]  # fmt: skip
    counts = getattr(audit_log, "action_counts", None)
    if counts is not None:
        cases.append(Case("person's page: action_counts (busiest)", call=lambda: counts(busy.id)))
    walks = [
        ("no filter", AuditFilter()),
        ("person", AuditFilter(actor_id=busy.id)),
        ("family claim.", AuditFilter(action="claim.")),
        ("action claim.approved", AuditFilter(action="claim.approved")),
        ("text “approved”", AuditFilter(text="approved")),
    ]
    return cases, walks, values


def _print_timings(title: str, timings: list[Timing]) -> None:
    print(f"\n{title}")
    print(f"  {'case':58s} {'events':>7s} {'runs':>5s} {'p50 ms':>8s} {'p95 ms':>8s} "
          f"{'max ms':>8s}  p95 target")  # fmt: skip
    for t in timings:
        verdict = "met" if t.p95 < TARGET_P95_MS else "MISSED"
        print(
            f"  {t.label[:58]:58s} {t.shown:7,d} {len(t.samples):5d} "
            f"{percentile(t.samples, 0.5):8.1f} {t.p95:8.1f} {max(t.samples):8.1f}  "
            f"<{TARGET_P95_MS} ms {verdict}"
        )


@contextmanager
def _statements() -> Iterator[list[tuple[float, str, Any]]]:
    """Collect (ms, SQL, parameters) of every statement run inside the block."""
    found: list[tuple[float, str, Any]] = []
    engine, started = db.engine, []

    def before(_conn, _cursor, _statement, *_args) -> None:
        started.append(time.perf_counter())

    def after(_conn, _cursor, statement, parameters, *_args) -> None:
        found.append(((time.perf_counter() - started.pop()) * 1000, statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def _explain(timing: Timing) -> None:
    """The plan of the slowest statement behind a page that missed its target."""
    case = timing.case
    with _statements() as found:
        case.run()
    _fresh()
    took, statement, parameters = max(found, key=lambda item: item[0])
    plan = db.session.connection().exec_driver_sql(
        "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters
    )
    print(f"\n--- {case.label} (p95 {timing.p95:.0f} ms; slowest statement {took:.0f} ms)")
    print("  " + " ".join(statement.split()).replace(" FROM ", "\n  FROM ", 1)[:900])
    print(f"  parameters: {parameters}")
    for (line,) in plan:
        print(f"    {line}")
    _fresh()


# The rendered page ----------------------------------------------------------------------


def _pages(app: Flask, seeded: Seeded, values: dict[str, Any], repeat: int) -> None:
    """The whole audit page through the Flask test client, signed in as a lead."""
    if "audit.index" not in app.view_functions:
        print("\nrendered page: skipped, the app has no audit.index endpoint yet")
        return
    lead = next(p for p in seeded.people if p.role is Role.LEAD)
    client = app.test_client()
    try:
        login = client.get("/login").get_data(as_text=True)
        csrf = dict(_HIDDEN.findall(login))["csrf_token"]
        answer = client.post(
            "/login", data={"csrf_token": csrf, "email": lead.email, "password": PASSWORD}
        )
    except Exception as error:  # the app is being built alongside; report, do not stop
        print(f"\nrendered page: skipped, signing in failed: {_first_line(error)}")
        return
    if answer.status_code != 302:
        print(f"\nrendered page: skipped, signing in as a lead answered {answer.status_code}")
        return
    busy, claim = values["busy"], values["claim"]
    month = {"since": values["since"].isoformat(), "until": values["until"].isoformat()}
    oldest = seeded.first_id + 1_000
    queries: list[tuple[str, str, dict[str, Any]]] = [
        ("/audit", "newest page", {}),
        ("/audit", "person", {"person": busy.id}),
        ("/audit", "action claim.approved", {"action": "claim.approved"}),
        ("/audit", "family claim.", {"action": "claim."}),
        ("/audit", "family account. (rare)", {"action": "account."}),
        ("/audit", "article", {"article": values["article"]}),
        ("/audit", "claim", {"claim": claim}),
        ("/audit", "dates: a month", month),
        ("/audit", "text “approved”", {"q": "approved"}),
        ("/audit", f"text “claim #{claim}” (rare)", {"q": f"claim #{claim}"}),
        ("/audit", "person + family + month", {"person": busy.id, "action": "claim.", **month}),
        ("/audit", "near oldest end", {"before": oldest}),
        ("/audit", "person, near oldest end", {"person": busy.id, "before": oldest}),
    ]
    if "audit.person" in app.view_functions:
        queries.append((f"/audit/people/{busy.id}", "person's page (busiest)", {}))
    timings, failures = [], []
    for path, label, query in queries:
        url = path + ("?" + urlencode(query) if query else "")
        try:
            first = client.get(url)
        except Exception as error:  # as above: one broken page must not hide the others
            failures.append(f"  {label}: GET {url} raised {_first_line(error)}")
            continue
        runs = repeat if first.status_code == 200 else 1
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        size = len(response.get_data())
        shown = f"{label} ({response.status_code}, {size // 1024} KB)"
        rows = response.get_data(as_text=True).count('<tr id="event-')
        timings.append(Timing(shown, samples, rows))
    if timings:
        _print_timings(f"rendered pages, GET through the test client as {lead.name} (lead):",
                       timings)  # fmt: skip
    print(
        "  events: event rows on the page; a page whose route answered other than 200 was "
        "timed once. The claim timeline is not timed: the claims themselves are not seeded."
    )
    if failures:
        print("pages that could not be rendered:\n" + "\n".join(failures))


def _first_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"


# Checking the chain -------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / MB


@contextmanager
def _highest_rss() -> Iterator[list[float]]:
    """Sample the resident set every 10 ms while the block runs; yields [highest seen].

    ru_maxrss cannot be used: importing the app already peaks above what a check needs.
    """
    highest, stop = [_rss_mb()], threading.Event()

    def sample() -> None:
        while not stop.wait(0.01):
            highest[0] = max(highest[0], _rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield highest
    finally:
        stop.set()
        sampler.join()
        highest[0] = max(highest[0], _rss_mb())


def verify_here(url: str) -> dict[str, Any]:
    """Check the whole chain in this fresh process; trace a second pass if it is small.

    Under tracemalloc the check runs about five times slower, so a million events are
    measured by RSS alone.
    """
    app = _app(url)
    traced_peak = traced_seconds = None
    with app.app_context():
        count_events()  # connect and load the mapper before the figures start
        before = _rss_mb()
        with _highest_rss() as highest:
            started = time.perf_counter()
            report = verify_log()
            seconds = time.perf_counter() - started
        _fresh()
        if report.checked <= TRACED_VERIFY_LIMIT:
            tracemalloc.start()
            started = time.perf_counter()
            verify_log()
            traced_seconds = time.perf_counter() - started
            traced_peak = tracemalloc.get_traced_memory()[1] / MB
            tracemalloc.stop()
    return {
        "checked": report.checked, "intact": report.intact, "problem": report.problem,
        "seconds": seconds, "rss_before": before, "rss_peak": highest[0],
        "traced_peak": traced_peak, "traced_seconds": traced_seconds,
    }  # fmt: skip


def _verify(url: str) -> None:
    done = subprocess.run(
        [sys.executable, __file__, "--verify", "--schema-url", url],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        print(f"\nverify_log() failed:\n{done.stderr}")
        return
    r = json.loads(done.stdout.splitlines()[-1])
    state = "intact" if r["intact"] else f"BROKEN: {r['problem']}"
    print(f"\nverify_log() over the whole log, in a fresh process: {state}")
    print(f"  {r['checked']:,} events in {r['seconds']:.1f} s = "
          f"{r['checked'] / r['seconds']:,.0f} events/s")  # fmt: skip
    print(f"  RSS +{r['rss_peak'] - r['rss_before']:.1f} MB during the check (highest "
          f"{r['rss_peak']:.0f} MB, sampled every 10 ms, over {r['rss_before']:.0f} MB "
          "just before it)")  # fmt: skip
    if r["traced_peak"] is None:
        print(f"  tracemalloc: skipped above {TRACED_VERIFY_LIMIT:,} events (about 5x slower)")
    else:
        print(f"  tracemalloc peak of a second pass: {r['traced_peak']:.1f} MB "
              f"({r['traced_seconds']:.1f} s under tracing)")  # fmt: skip


# Running ------------------------------------------------------------------------------


def _sizes() -> str:
    table, indexes = db.session.execute(
        text("SELECT pg_table_size('audit_event'), pg_indexes_size('audit_event')")
    ).one()
    return f"table {table / MB:,.0f} MB, indexes {indexes / MB:,.0f} MB"


def _try_trigram() -> None:
    """Add the index a substring search needs, where it is only measured, not adopted.

    pg_trgm lands in the private schema unless the database already has it elsewhere.
    Without a larger statistics target the planner guesses every needle rare and takes
    the index even for common words, which is slower than walking the newest rows.
    """
    started = time.perf_counter()
    home = db.session.scalar(
        text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm'"
        )
    )
    if home is None:
        db.session.execute(text("CREATE EXTENSION pg_trgm"))
        home = db.session.scalar(text("SELECT current_schema()"))
    db.session.execute(
        text(
            "CREATE INDEX ix_audit_event_summary_trgm ON audit_event "
            f'USING gin (lower(summary) "{home}".gin_trgm_ops)'
        )
    )
    db.session.execute(
        text("ALTER INDEX ix_audit_event_summary_trgm ALTER COLUMN 1 SET STATISTICS 1000")
    )
    db.session.execute(text("ANALYZE audit_event"))
    db.session.commit()
    size = db.session.scalar(text("SELECT pg_relation_size('ix_audit_event_summary_trgm')"))
    print(
        f"tried: GIN (lower(summary) gin_trgm_ops) from pg_trgm in schema {home}, statistics "
        f"1000, built and analysed in {time.perf_counter() - started:.1f} s, {size / MB:.0f} MB"
    )


def run(options: argparse.Namespace) -> None:
    schema = PostgresSchema(options.database_url, prefix="ccaudit").create()
    print(f"schema {schema.name} on {options.database_url}")
    try:
        app = _app(schema.url)
        with app.app_context():
            seeded = seed(options.events)
            families: Counter[str] = Counter()
            for action, n in seeded.by_action.items():
                families[action.split(".")[0]] += n
            print(
                f"seeded {seeded.events:,} events in {seeded.seconds:.1f} s "
                f"({options.events / seeded.seconds:,.0f} events/s including hashing, COPY "
                f"and VACUUM ANALYZE): {len(seeded.people)} people, {seeded.articles:,} "
                f"articles, {seeded.claims:,} claims; {_sizes()}"
            )
            print("  by family: " + ", ".join(f"{k} {v:,}" for k, v in families.most_common()))
            if options.try_trigram:
                _try_trigram()
            cases, walks, values = _cases(seeded)
            timings = [_time_case(case, options.repeat) for case in cases]
            _print_timings(
                f"page_of_events, {options.repeat} runs each after a warm-up (fewer when a "
                "page takes over 250 ms):",
                timings,
            )
            deep: list[Timing] = []
            for label, chosen in walks:
                _walk(label, chosen, DEEP_PAGES)  # warm-up
                walked, deepest = _walk(label, chosen, DEEP_PAGES)
                deep += [walked, _time_case(deepest, options.repeat)]
            _print_timings(
                f"deep pages: following the Older cursor {DEEP_PAGES} pages (each page a run), "
                "then the last cursor alone:",
                deep,
            )
            missed = [t for t in [*timings, *deep] if t.p95 >= TARGET_P95_MS and t.case]
            if missed:
                print("\nplans of the pages over target:")
                for timing in missed:
                    _explain(timing)
            else:
                print(f"\nevery page_of_events case met p95 < {TARGET_P95_MS} ms")
        _pages(app, seeded, values, options.repeat)
        with app.app_context():
            db.engine.dispose()
        _verify(schema.url)
    finally:
        schema.drop()
        print(f"\nschema {schema.name} dropped")


def main() -> int:
    options = _arguments()
    if options.verify:
        print(json.dumps(verify_here(options.schema_url)))
        return 0
    # A plain `kill` should clean up like Ctrl+C does: drop the schema.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        run(options)
    except KeyboardInterrupt:
        print("interrupted; schema dropped")
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
