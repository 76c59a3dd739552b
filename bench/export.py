"""Print time and peak memory of every export format over many approved claims (never asserts).

Seeds a private PostgreSQL schema (dropped at the end) with approved claims carrying what an
export reads, then streams each format to /dev/null in a fresh process of its own, so that
process's memory says what one export costs. Memory is shown two ways: the tracemalloc peak
of a second, traced pass, and the growth of the resident set (RSS, read from /proc/self/statm
every few milliseconds during the untraced, timed pass) over the RSS just before it.

Run: .venv/bin/python bench/export.py [--quick] [--claims N] [--batch-size N] [--profile FORMAT]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, text  # noqa: E402
from web_seed import DEMO_ARTICLE, PASSWORD, _sources, _spans, _varied_text  # noqa: E402

from claimcheck import create_app  # noqa: E402
from claimcheck.exports.formats import FORMATS, render  # noqa: E402
from claimcheck.exports.links import claim_permalinks  # noqa: E402
from claimcheck.extensions import db  # noqa: E402
from claimcheck.models import VerdictLabel  # noqa: E402
from claimcheck.models.evidence import RELATIONS  # noqa: E402
from claimcheck.roles import Role  # noqa: E402
from claimcheck.services.accounts import create_user  # noqa: E402
from claimcheck.services.exports import DEFAULT_BATCH, ExportScope, iter_records  # noqa: E402
from claimcheck.services.verdicts import ensure_default_labels  # noqa: E402
from tests.support.databases import DEFAULT_POSTGRES_URL, PostgresSchema  # noqa: E402

CLAIMS_PER_ARTICLE = 20
TARGET_SECONDS = 5.0
TARGET_GROWTH_MB = 100.0
TARGETED = ("csv", "jsonl")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MB = 1024 * 1024
CUES = ("said", "according to", "told", "wrote", "claimed")
PUBLISHERS = ("Reuters", "Ministry of Defence", "World Bank", "UNHCR", "Le Monde archive")
# Text that exercises the escaping paths: CSV quoting, formula defusing, line separators.
RATIONALES = (
    "Checked against the record.",
    'The figure matches the ministry\'s table, "row 4", to the unit.',
    "=The official count was revised twice; the second revision agrees.",
    "Two sources disagree, and neither publishes its method;\nwe could not settle it.",
    "Le chiffre cité est exact \u2028(rapport annuel, p. 12) — vérifié deux fois.",
)
_CLAIM_COLUMNS = (
    'id, article_id, start, "end", text, origin, state, score, kind, reasons, dates, '
    "suggested_attribution, accepted_at, accepted_by_id, attribution_kind, source_id, "
    "attribution_cue, attribution_quote, attribution_confirmed_at, assignee_id, assigned_at, "
    "verdict_id, rationale, verdict_evidence_ids, proposer_id, proposed_at, approver_id, "
    "approved_at, created_at, updated_at, version"
)
_EVIDENCE_COLUMNS = (
    "id, claim_id, url, title, publisher, published, accessed, excerpt, relation, archive_url, "
    "created_by_id, created_at, removed_at"
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH, help="rows per fetch from the database"
    )
    parser.add_argument("--quick", action="store_true", help="5,000 claims")
    parser.add_argument("--profile", choices=list(FORMATS), help="also profile this format")
    # Used by the parent to run one format in a fresh process.
    parser.add_argument("--measure", choices=list(FORMATS), help=argparse.SUPPRESS)
    parser.add_argument("--schema-url", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.quick:
        options.claims = 5_000
    return options


def _app(url: str):
    return create_app(
        "production", {"SECRET_KEY": secrets.token_urlsafe(48), "SQLALCHEMY_DATABASE_URI": url}
    )


def _people() -> tuple[list[int], list[int]]:
    """Fact-checkers who propose verdicts and editors who approve them."""
    checkers = [
        create_user(
            f"checker{n}@bench.example.org", f"Fact-checker {n}", Role.FACT_CHECKER, PASSWORD
        )
        for n in range(1, 7)
    ]
    editors = [
        create_user(f"editor{n}@bench.example.org", f"Editor {n}", Role.EDITOR, PASSWORD)
        for n in range(1, 4)
    ]
    db.session.flush()
    return [u.id for u in checkers], [u.id for u in editors]


def _claim_row(rng, cid, aid, span, body, created, people, verdicts, sources, evidence_ids):
    """One approved claim in _CLAIM_COLUMNS order, attribution confirmed for most."""
    checkers, editors = people
    checker = rng.choice(checkers)
    proposed = created + timedelta(hours=rng.randint(2, 48))
    approved = proposed + timedelta(hours=rng.randint(1, 24))
    roll = rng.random()
    kind = source = cue = quote = confirmed = None
    if roll < 0.75:
        confirmed, quote = proposed, rng.random() < 0.4
        if roll < 0.45:
            kind, source, cue = "named", rng.choice(sources), rng.choice(CUES)
        elif roll < 0.6:
            kind = "publication"
        else:
            kind, cue = "unnamed", rng.choice(CUES)
    suggestion = {"kind": kind or "publication", "source": None, "cue": cue, "quote": False}
    return (
        cid, aid, span[0], span[1], body[span[0]:span[1]], "extracted", "approved",
        round(rng.random(), 4), "statistic", '["contains a number"]', "[]",
        json.dumps(suggestion), created, checker, kind, source, cue, quote, confirmed, checker,
        created, rng.choice(verdicts), rng.choice(RATIONALES), json.dumps(evidence_ids), checker,
        proposed, rng.choice(editors), approved, created, approved, 4,
    )  # fmt: skip


def _evidence_row(rng, eid, cid, n, created, checker, removed):
    publisher = rng.choice(PUBLISHERS)
    day = date(2021, 1, 1) + timedelta(days=rng.randint(0, 240))
    return (
        eid, cid, f"https://records.example.org/{publisher.split()[0].lower()}/{cid}-{n}",
        f"{publisher} record {cid}.{n}", publisher, day, day + timedelta(days=30),
        "The table lists the total for the period." if rng.random() < 0.5 else None,
        rng.choice(RELATIONS),
        f"https://archive.example.org/{cid}-{n}" if rng.random() < 0.3 else None,
        checker, created, created if removed else None,
    )  # fmt: skip


def seed(n_claims: int, seed_value: int = 11) -> dict[str, int]:
    """Create the tables and COPY in approved claims with evidence and history."""
    rng = random.Random(seed_value)
    db.create_all()
    people = _people()
    ensure_default_labels()
    verdicts = list(db.session.scalars(select(VerdictLabel.id)))
    sources = _sources()
    db.session.commit()
    paragraphs = [p for p in DEMO_ARTICLE.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    n_articles = max(1, n_claims // CLAIMS_PER_ARTICLE)
    now = datetime.now(UTC)
    raw = db.session.connection().connection.driver_connection
    with raw.cursor() as cur:
        # Rows are consistent by construction; skipping per-row foreign key checks saves time.
        cur.execute("SET session_replication_role = replica")
        bodies: list[str] = []
        with cur.copy("COPY article (id, title, publication, url, published, language, text, "
                      "source_format, imported_by_id, created_at) FROM STDIN") as copy:  # fmt: skip
            for aid in range(1, n_articles + 1):
                body = _varied_text(rng, paragraphs, aid)
                bodies.append(body)
                created = now - timedelta(days=180 * (n_articles - aid) / n_articles, hours=6)
                copy.write_row(
                    (aid, body.split("\n", 1)[0], rng.choice(("Le Monde", "The Guardian")),
                     f"https://news.example.org/2021/dispatch-{aid}", created.date(), "en",
                     body, "paste", rng.choice(people[0]), created)
                )  # fmt: skip
        spans = [_spans(body) for body in bodies]
        evidence: list[tuple] = []
        revisions: list[tuple] = []
        with cur.copy(f"COPY claim ({_CLAIM_COLUMNS}) FROM STDIN") as copy:
            for cid in range(1, n_claims + 1):
                aid = (cid - 1) * n_articles // n_claims + 1
                own = spans[aid - 1]
                created = now - timedelta(days=180 * (n_articles - aid) / n_articles)
                items = [len(evidence) + 1 + k for k in range(rng.choice((1, 2, 2)))]
                row = _claim_row(rng, cid, aid, own[(cid - 1) % len(own)], bodies[aid - 1],
                                 created, people, verdicts, sources, items)  # fmt: skip
                copy.write_row(row)
                checker, approved = row[13], row[27]
                for n, eid in enumerate(items, 1):
                    removed = n == 2 and rng.random() < 0.05
                    evidence.append(_evidence_row(rng, eid, cid, n, created, checker, removed))
                revisions.append((cid, None, "extracted", "{}", created))
                if rng.random() < 0.6:
                    changes = json.dumps({"state": ["awaiting_approval", "approved"]})
                    revisions.append((cid, row[26], "approved", changes, approved))
        with cur.copy(f"COPY evidence ({_EVIDENCE_COLUMNS}) FROM STDIN") as copy:
            for item in evidence:
                copy.write_row(item)
        with cur.copy(
            "COPY claim_revision (claim_id, actor_id, action, changes, created_at) FROM STDIN"
        ) as copy:
            for revision in revisions:
                copy.write_row(revision)
        cur.execute("SET session_replication_role = DEFAULT")
        for table in ("article", "claim", "evidence"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    db.session.commit()
    connection = db.engine.raw_connection()
    try:
        # VACUUM cannot run in a transaction, so it gets a connection in autocommit mode.
        connection.driver_connection.autocommit = True
        connection.driver_connection.execute("VACUUM ANALYZE")
    finally:
        connection.close()
    tables = ("article", "claim", "evidence", "claim_revision", "source", "verdict_label")
    return {t: db.session.scalar(text(f"SELECT count(*) FROM {t}")) for t in tables}


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_BYTES


class _PeakRss:
    """Sample the resident set while a block runs and keep the highest value seen."""

    def __enter__(self) -> _PeakRss:
        self.peak = _rss()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._done.wait(0.005):
            self.peak = max(self.peak, _rss())

    def __exit__(self, *_exc) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


def _database_cpu() -> float:
    """CPU seconds the session's PostgreSQL backend has used; 0 when it runs on another host."""
    pid = db.session.scalar(text("SELECT pg_backend_pid()"))
    try:
        with open(f"/proc/{pid}/stat") as stat:
            line = stat.read()
    except OSError:
        return 0.0
    if "(postgres)" not in line:
        return 0.0
    fields = line.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime and stime


def _export(format_name: str, scope: ExportScope, batch_size: int, organisation: str) -> int:
    """Stream one export into /dev/null; return how many characters it wrote."""
    written = 0
    records = iter_records(scope, claim_permalinks(), batch_size)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for chunk in render(format_name, records, organisation):
            sink.write(chunk)
            written += len(chunk)
    return written


def measure(options: argparse.Namespace) -> dict:
    """Run one format twice in this process: timed with RSS sampling, then traced."""
    app = _app(options.schema_url)
    name, scope, batch = options.measure, ExportScope(), options.batch_size
    with app.app_context():
        organisation = app.config["ORGANISATION_NAME"]
        # A small export first, so connecting and compiling the queries are not counted.
        _export(name, ExportScope(article_ids=(1,)), batch, organisation)
        db.session.expunge_all()
        gc.collect()
        before, database_before = _rss(), _database_cpu()
        with _PeakRss() as peak:
            started, cpu_started = time.perf_counter(), time.process_time()
            written = _export(name, scope, batch, organisation)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu_started + _database_cpu() - database_before
        db.session.expunge_all()
        gc.collect()
        tracemalloc.start()
        tracemalloc.reset_peak()
        started = time.perf_counter()
        _export(name, scope, batch, organisation)
        traced_seconds = time.perf_counter() - started
        traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if options.profile == name:
            db.session.expunge_all()
            profiler = cProfile.Profile()
            profiler.runcall(_export, name, scope, batch, organisation)
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
            print(out.getvalue(), file=sys.stderr)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rss_growth": (peak.peak - before) / MB,
        "traced_peak": traced_peak / MB,
        "traced_seconds": traced_seconds,
        "output_mb": written / MB,
    }


def _report(claims: int, batch: int, results: dict[str, dict]) -> None:
    print(f"\n{batch} rows per fetch; output streamed to {os.devnull}")
    print(f"{'format':12s} {'claims':>8s} {'seconds':>8s} {'CPU s':>6s} {'claims/s':>9s} "
          f"{'traced MB':>10s} {'RSS +MB':>8s} {'out MB':>7s}  target")  # fmt: skip
    for name, r in results.items():
        target = ""
        if name in TARGETED:
            ok_time, ok_memory = r["seconds"] < TARGET_SECONDS, r["rss_growth"] < TARGET_GROWTH_MB
            ok_memory = ok_memory and r["traced_peak"] < TARGET_GROWTH_MB
            target = (
                f"<{TARGET_SECONDS:g} s {'met' if ok_time else 'MISSED'}, "
                f"<{TARGET_GROWTH_MB:g} MB {'met' if ok_memory else 'MISSED'}"
            )
        print(
            f"{name:12s} {claims:8,d} {r['seconds']:8.2f} {r['cpu_seconds']:6.2f} "
            f"{claims / r['seconds']:9,.0f} {r['traced_peak']:10.1f} {r['rss_growth']:8.1f} "
            f"{r['output_mb']:7.1f}  {target}"
        )
    print(
        "\nseconds and RSS +MB: untraced pass (RSS sampled every 5 ms, peak minus the RSS before "
        "it, each format in a fresh process);\nCPU s: processor time of that pass, in the export "
        "process and its PostgreSQL backend (when on this host): on an idle machine the seconds "
        "come close to it,\non a busy one it is the steadier figure;\n"
        "traced MB: tracemalloc peak of a second pass ("
        + ", ".join(f"{n} {r['traced_seconds']:.1f} s" for n, r in results.items())
        + " under tracing)."
    )


def run(options: argparse.Namespace) -> None:
    schema = PostgresSchema(options.database_url, prefix="ccexport").create()
    print(f"schema {schema.name} on {options.database_url}")
    try:
        app = _app(schema.url)
        started = time.perf_counter()
        with app.app_context():
            rows = seed(options.claims)
            db.engine.dispose()
        print(
            f"seeded in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{table} {n:,}" for table, n in rows.items())
        )
        results = {}
        for name in FORMATS:
            command = [sys.executable, __file__, "--measure", name, "--schema-url", schema.url]
            command += ["--batch-size", str(options.batch_size)]
            if options.profile:
                command += ["--profile", options.profile]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"{name} export failed:\n{done.stderr}")
            results[name] = json.loads(done.stdout.splitlines()[-1])
            if done.stderr.strip():
                print(f"\n{name} profile (top by own time):\n{done.stderr}")
        _report(rows["claim"], options.batch_size, results)
    finally:
        schema.drop()
        print(f"\nschema {schema.name} dropped")


def main() -> int:
    options = _arguments()
    if options.measure:
        print(json.dumps(measure(options)))
        return 0
    # A plain `kill` should clean up like Ctrl+C does: stop the child, drop the schema.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        run(options)
    except KeyboardInterrupt:
        print("interrupted; schema dropped")
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
