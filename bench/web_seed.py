"""Fill a private PostgreSQL schema with a newsroom-sized ClaimCheck database, in bulk.

Accounts, verdict labels and tokens go through the app's services; articles, claims and
revisions are written with COPY, which takes minutes where the ORM would take hours.
"""

from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text

from claimcheck.extensions import db
from claimcheck.models import Source, VerdictLabel
from claimcheck.roles import Role
from claimcheck.services.accounts import create_user
from claimcheck.services.tokens import create_token
from claimcheck.services.verdicts import ensure_default_labels
from claimcheck.workflow import EDITABLE_STATES, ClaimState

ROOT = Path(__file__).resolve().parents[1]
DEMO_ARTICLE = ROOT / "claimcheck" / "demo" / "afghanistan-withdrawal-2021.txt"
PASSWORD = "Bench-quiet-harbour-7316"
PEOPLE = (
    (Role.FACT_CHECKER, 6),
    (Role.EDITOR, 3),
    (Role.LEAD, 2),
)
# Roughly how a busy desk's claims are spread over the workflow.
STATE_WEIGHTS = {
    ClaimState.NEW: 40,
    ClaimState.ASSIGNED: 14,
    ClaimState.IN_REVIEW: 10,
    ClaimState.AWAITING_APPROVAL: 8,
    ClaimState.APPROVED: 12,
    ClaimState.RETURNED: 3,
    ClaimState.DISMISSED: 10,
    ClaimState.REOPENED: 3,
}
KINDS = ("statistic", "comparison", "causal", "prediction", "quote", "event", "other")
REASONS = (
    ["contains a number"],
    ["contains a number", "names an official source"],
    ["compares quantities"],
    ["states a cause"],
    ["reported speech"],
    [],
)
DATES = ([], ["2021-07-12"], ["2021-08-31", "2001-10-07"], ["2021-05-01"])
ATTRIBUTIONS = (
    {"kind": "publication", "source": None, "cue": None, "quote": False},
    {"kind": "named", "source": "General Austin Scott Miller", "cue": "said", "quote": True},
    {"kind": "named", "source": "Agence France-Presse", "cue": "according to", "quote": False},
    {"kind": "unnamed", "source": "a local official", "cue": "told", "quote": False},
)
_CLAIM_COLUMNS = (
    'id, article_id, start, "end", text, origin, state, score, kind, reasons, dates, '
    "suggested_attribution, accepted_at, accepted_by_id, dismissed_reason, attribution_kind, "
    "source_id, attribution_cue, attribution_quote, attribution_confirmed_at, assignee_id, "
    "assigned_at, verdict_id, rationale, verdict_evidence_ids, proposer_id, proposed_at, "
    "approver_id, approved_at, created_at, updated_at, version"
)
_SENTENCE = re.compile(r"[A-Z][^.!?\n]{20,}[.!?]")


@dataclass
class Seeded:
    """What the load needs to know about the seeded data."""

    articles: int = 0
    claims: int = 0
    revisions: int = 0
    seconds: float = 0.0
    # (email, role, API token) of every account; all share PASSWORD.
    accounts: list[tuple[str, str, str]] = field(default_factory=list)
    # Claims left in the "new" state with nobody assigned: safe targets for "take".
    new_claim_ids: list[int] = field(default_factory=list)


def _varied_text(rng: random.Random, paragraphs: list[str], number: int) -> str:
    """An article of 3–6 KB: the demo's paragraphs shuffled, with the numbers changed."""
    target = rng.randint(3000, 6000)
    parts = [f"Dispatch {number}: the withdrawal, week {rng.randint(1, 52)}"]
    size = len(parts[0])
    while size < target:
        paragraph = re.sub(
            r"\d+",
            lambda m: str(max(1, int(m.group()) + rng.randint(-9, 9))),
            rng.choice(paragraphs),
        )
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)


def _spans(article_text: str) -> list[tuple[int, int]]:
    """Sentences, and the clauses inside them, as (start, end) offsets."""
    spans = []
    for match in _SENTENCE.finditer(article_text):
        spans.append(match.span())
        offset = match.start()
        for clause in match.group().split(", "):
            if len(clause) > 30:
                spans.append((offset, offset + len(clause)))
            offset += len(clause) + 2
    return spans


def _accounts(seeded: Seeded) -> tuple[dict[Role, list[int]], dict[int, str]]:
    """Create the people through the accounts service, each with an API token."""
    ids: dict[Role, list[int]] = {}
    names: dict[int, str] = {}
    for role, count in PEOPLE:
        for n in range(1, count + 1):
            slug = role.value.replace("-", "")
            user = create_user(f"{slug}{n}@bench.example.org", f"{role.label} {n}", role, PASSWORD)
            _, raw = create_token(user, "bench")
            seeded.accounts.append((user.email, role.value, raw))
            ids.setdefault(role, []).append(user.id)
            names[user.id] = user.name
    return ids, names


def _sources() -> list[int]:
    names = [f"Spokesperson {n} of the Ministry of Defence" for n in range(1, 151)]
    names += [f"Agency {n}" for n in range(1, 51)]
    db.session.add_all(
        Source(
            name=name,
            name_key=name.casefold(),
            kind="person" if "Spokes" in name else "organisation",
        )
        for name in names
    )
    db.session.flush()
    return list(db.session.scalars(select(Source.id)))


def _claim_row(rng, cid, article_id, span, article_text, created, people, verdicts, sources):
    """One claim row in _CLAIM_COLUMNS order, with the fields its state implies."""
    state = rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]
    checkers, editors = people[Role.FACT_CHECKER], people[Role.EDITOR]
    start, end = span
    row = dict.fromkeys(
        ("accepted_at", "accepted_by_id", "dismissed_reason", "attribution_kind", "source_id",
         "attribution_cue", "attribution_quote", "attribution_confirmed_at", "assignee_id",
         "assigned_at", "verdict_id", "rationale", "proposer_id", "proposed_at", "approver_id",
         "approved_at")
    )  # fmt: skip
    later = created + timedelta(hours=rng.randint(1, 72))
    if state is not ClaimState.NEW and state is not ClaimState.DISMISSED:
        row.update(accepted_at=later, accepted_by_id=rng.choice(checkers))
        row.update(assignee_id=rng.choice(checkers), assigned_at=later)
    if state in (
        ClaimState.AWAITING_APPROVAL,
        ClaimState.APPROVED,
        ClaimState.RETURNED,
        ClaimState.REOPENED,
    ):
        row.update(verdict_id=rng.choice(verdicts), rationale="Checked against the record.")
        row.update(proposer_id=row["assignee_id"], proposed_at=later + timedelta(hours=2))
    if state is ClaimState.APPROVED:
        row.update(approver_id=rng.choice(editors), approved_at=later + timedelta(hours=5))
    if state is ClaimState.DISMISSED:
        row["dismissed_reason"] = "Not a claim"
    if rng.random() < 0.3:
        kind = rng.choice(("publication", "named", "named", "unnamed"))
        row.update(attribution_kind=kind, attribution_cue="said", attribution_quote=False)
        row.update(attribution_confirmed_at=later)
        if kind == "named":
            row["source_id"] = rng.choice(sources)
    updated = row["approved_at"] or row["proposed_at"] or row["assigned_at"] or created
    version = 1 + sum(row[k] is not None for k in ("assigned_at", "proposed_at", "approved_at"))
    values = (
        cid, article_id, start, end, article_text[start:end], "extracted", state.value,
        round(rng.random(), 4), rng.choice(KINDS), json.dumps(rng.choice(REASONS)),
        json.dumps(rng.choice(DATES)), json.dumps(rng.choice(ATTRIBUTIONS)),
        row["accepted_at"], row["accepted_by_id"], row["dismissed_reason"],
        row["attribution_kind"], row["source_id"], row["attribution_cue"],
        row["attribution_quote"], row["attribution_confirmed_at"], row["assignee_id"],
        row["assigned_at"], row["verdict_id"], row["rationale"], "[]", row["proposer_id"],
        row["proposed_at"], row["approver_id"], row["approved_at"], created, updated, version,
    )  # fmt: skip
    return values, state, row["assignee_id"]


def _bulk(seeded, n_articles, n_claims, people, names, verdicts, sources, rng) -> None:
    """COPY the articles, claims and revisions, then rebuild the indexes and analyse."""
    paragraphs = [p for p in DEMO_ARTICLE.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    now = datetime.now(UTC)
    raw = db.session.connection().connection.driver_connection
    with raw.cursor() as cur:
        # Foreign keys are satisfied by construction; skipping their per-row checks and
        # building the indexes once at the end is what makes this minutes, not hours.
        cur.execute("SET session_replication_role = replica")
        cur.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relnamespace = current_schema()::regnamespace "
            "AND t.relname IN ('article', 'claim', 'claim_revision') "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
        )
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        texts: list[str] = []
        with cur.copy("COPY article (id, title, publication, language, text, source_format, "
                      "imported_by_id, created_at) FROM STDIN") as copy:  # fmt: skip
            for aid in range(1, n_articles + 1):
                body = _varied_text(rng, paragraphs, aid)
                texts.append(body)
                created = now - timedelta(days=180 * (n_articles - aid) / n_articles, minutes=5)
                copy.write_row(
                    (aid, body.split("\n", 1)[0], "Le Monde", "en", body, "paste",
                     rng.choice(people[Role.FACT_CHECKER]), created)
                )  # fmt: skip
        seeded.articles = n_articles
        spans = [_spans(body) for body in texts]
        revisions: list[tuple] = []
        with cur.copy(f"COPY claim ({_CLAIM_COLUMNS}) FROM STDIN") as copy:
            for cid in range(1, n_claims + 1):
                aid = (cid - 1) * n_articles // n_claims + 1
                body, own = texts[aid - 1], spans[aid - 1]
                span = own[(cid - 1) % len(own)]
                created = now - timedelta(days=180 * (n_articles - aid) / n_articles)
                values, state, assignee = _claim_row(
                    rng, cid, aid, span, body, created, people, verdicts, sources
                )
                copy.write_row(values)
                if state is ClaimState.NEW:
                    seeded.new_claim_ids.append(cid)
                extracted = json.dumps({"start": [None, span[0]], "end": [None, span[1]]})
                revisions.append((cid, None, "extracted", extracted, created))
                if assignee is not None:
                    changes = {"state": ["new", "assigned"], "assignee": [None, names[assignee]]}
                    revisions.append(
                        (cid, assignee, "taken", json.dumps(changes), created + timedelta(hours=1))
                    )
        seeded.claims = n_claims
        with cur.copy(
            "COPY claim_revision (claim_id, actor_id, action, changes, created_at) FROM STDIN"
        ) as copy:
            for revision in revisions:
                copy.write_row(revision)
        seeded.revisions = len(revisions)
        cur.execute("SET session_replication_role = DEFAULT")
        for table in ("article", "claim"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        for _, definition in indexes:
            cur.execute(definition)


def seed(n_articles: int, n_claims: int, seed_value: int = 7) -> Seeded:
    """Create the tables with the app's own create_all, then fill them; call in an app context."""
    started = time.perf_counter()
    rng = random.Random(seed_value)
    seeded = Seeded()
    db.create_all()
    people, names = _accounts(seeded)
    ensure_default_labels()
    verdicts = list(db.session.scalars(select(VerdictLabel.id)))
    sources = _sources()
    db.session.commit()
    _bulk(seeded, n_articles, n_claims, people, names, verdicts, sources, rng)
    db.session.commit()
    connection = db.engine.raw_connection()
    try:
        # VACUUM cannot run in a transaction, so it gets a connection in autocommit mode.
        connection.driver_connection.autocommit = True
        connection.driver_connection.execute("VACUUM ANALYZE")
    finally:
        # Back to the pool as it came, or later sessions would run outside transactions.
        connection.driver_connection.autocommit = False
        connection.close()
    rng.shuffle(seeded.new_claim_ids)
    seeded.seconds = time.perf_counter() - started
    return seeded


def editable_states() -> frozenset[str]:
    """States whose claims a save may change."""
    return frozenset(state.value for state in EDITABLE_STATES)


def counts() -> dict[str, int]:
    """Rows per table, as the database sees them now."""
    tables = ("user_account", "article", "claim", "claim_revision", "source", "verdict_label")
    return {t: db.session.scalar(text(f"SELECT count(*) FROM {t}")) for t in tables}
