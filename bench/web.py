"""Print throughput and latency figures for ClaimCheck's pages under load (never asserts).

Seeds a private PostgreSQL schema (dropped at the end), serves the app with gunicorn on
127.0.0.1, drives a mix of queue pages, claim pages, saves and workflow steps with signed-in
clients, then serves a bare Flask route with the same settings as the ceiling. Between the two it
times the lightest signed-in request the app has (GET /api/v1/me: the session, the account
look-up every route needs, a small JSON answer), the floor under every page of the mix.

Run: .venv/bin/python bench/web.py [--quick] [--articles N --claims N --seconds S --clients C]
     [--workers W --threads T] [--profile DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import secrets
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from web_load import (  # noqa: E402
    Client,
    Mix,
    ServerSettings,
    Tally,
    cpu_seconds,
    cpu_used,
    drive,
    gunicorn,
    percentile,
    process_tree,
)
from web_profile import profile_pages  # noqa: E402
from web_queries import statements_per_page  # noqa: E402
from web_seed import PASSWORD, counts, editable_states, seed  # noqa: E402

from claimcheck import create_app  # noqa: E402
from claimcheck.extensions import db  # noqa: E402
from tests.support.databases import DEFAULT_POSTGRES_URL, PostgresSchema  # noqa: E402

TARGET_P95_MS = 100
TARGET_SHARE_OF_BARE = 0.40
# Marks the served app's database connections, to tell their PostgreSQL backends apart.
APPLICATION_NAME = "claimcheck-web-bench"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    # One worker per core: more processes on the same cores spent more CPU per request.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--floor-seconds", type=float, default=20, help="how long to time GET /api/v1/me"
    )
    parser.add_argument("--quick", action="store_true", help="200 articles, 20,000 claims, 15 s")
    parser.add_argument(
        "--profile", type=Path, metavar="DIR", help="also profile each GET page in-process into DIR"
    )
    options = parser.parse_args()
    if options.quick:
        options.articles, options.claims, options.seconds = 200, 20_000, 15
        options.floor_seconds = min(options.floor_seconds, 5)
    return options


Timings = tuple[int, float, list[float]]
"""Requests answered, wall seconds, and each request's milliseconds."""


def _timed_get(path: str, into: list[float]) -> Callable[[int, Client], None]:
    """Return a load step that GETs path, adds its milliseconds to into and expects 200."""

    def step(_index: int, client: Client) -> None:
        started = time.perf_counter()
        status, _ = client.send("GET", path)
        into.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")

    return step


def _timings_row(label: str, timings: Timings) -> str:
    total, wall, ms = timings
    return (
        f"{label:32s} {total:8d} {total / wall:7.1f} {percentile(ms, 0.50):7.1f} "
        f"{percentile(ms, 0.95):7.1f} {percentile(ms, 0.99):7.1f}"
    )


def _report(tally: Tally, wall: float, cpu: float, floor: Timings, bare: Timings) -> None:
    print(f"\n{'page':32s} {'requests':>8s} {'req/s':>7s} {'p50':>7s} {'p95':>7s} {'p99':>7s}"
          f" {'errors':>6s} {'409/422':>7s}  p95 target")  # fmt: skip
    total = 0
    for kind in sorted(tally.latencies):
        values = tally.latencies[kind]
        total += len(values)
        p95 = percentile(values, 0.95)
        verdict = "met" if p95 < TARGET_P95_MS else "MISSED"
        print(
            f"{kind:32s} {len(values):8d} {len(values) / wall:7.1f} "
            f"{percentile(values, 0.50):7.1f} {p95:7.1f} {percentile(values, 0.99):7.1f} "
            f"{tally.errors[kind]:6d} {tally.races[kind]:7d}  <{TARGET_P95_MS} ms {verdict}"
        )
    app_rate, bare_rate = total / wall, bare[0] / bare[1]
    print(
        f"{'all app pages':32s} {total:8d} {app_rate:7.1f}   (client process CPU {cpu:.1f} s "
        f"in {wall:.0f} s)"
    )
    print(_timings_row("floor: GET /api/v1/me", floor))
    print(_timings_row("bare Flask route", bare))
    share = app_rate / bare_rate if bare_rate else math.nan
    floor_share = floor[0] / floor[1] / bare_rate if bare_rate else math.nan
    print(
        f"\nthroughput: {share:.1%} of the bare route (target ≥{TARGET_SHARE_OF_BARE:.0%}: "
        f"{'met' if share >= TARGET_SHARE_OF_BARE else 'MISSED'}); errors: "
        f"{sum(tally.errors.values())} (target 0)"
    )
    print(
        f"floor: the lightest signed-in request reaches {floor_share:.1%} of the bare route "
        "(no page can do better than the session and account look-up it is built on)"
    )
    for kind, example in sorted(tally.examples.items()):
        print(f"  first error on {kind}: {example}")
    if any(tally.races.values()):
        print(
            "  409/422 are refusals the app gives on purpose when a claim changed since it was "
            "read (stale version) or its state no longer allows the step; counted apart."
        )


def _load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


def _server_cpu(master: int) -> dict[int, float]:
    return cpu_seconds(process_tree(master))


def _database_cpu(options: argparse.Namespace) -> dict[int, float]:
    """CPU seconds so far of the PostgreSQL backends that serve the app under load."""
    engine = create_engine(options.database_url)
    try:
        with engine.connect() as connection:
            pids = connection.scalars(
                text("SELECT pid FROM pg_stat_activity WHERE application_name = :name"),
                {"name": APPLICATION_NAME},
            ).all()
    finally:
        engine.dispose()
    return cpu_seconds(list(pids))


def run(options: argparse.Namespace) -> None:
    schema = PostgresSchema(options.database_url, prefix="ccbench").create()
    print(f"schema {schema.name} on {options.database_url}")
    try:
        env = {
            "CLAIMCHECK_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "CLAIMCHECK_DATABASE_URL": f"{schema.url}&application_name={APPLICATION_NAME}",
            "CLAIMCHECK_SECURE_COOKIES": "false",
            "CLAIMCHECK_LOGIN_RATE_LIMIT": "100000 per minute",
            # No page of the mix uses the index of reviewed claims, and each server process
            # would spend about a minute of CPU building it at a million claims during the
            # run; bench/matching_app.py measures that build on its own.
            "CLAIMCHECK_MATCHING_WARM_UP": "false",
        }
        overrides = {
            "SECRET_KEY": env["SECRET_KEY"],
            "SQLALCHEMY_DATABASE_URI": schema.url,
            "SESSION_COOKIE_SECURE": False,
            "LOGIN_RATE_LIMIT": env["CLAIMCHECK_LOGIN_RATE_LIMIT"],
            # The in-process measurements below would otherwise share the CPU with a
            # background build of that index.
            "MATCHING_WARM_UP": False,
        }
        app = create_app("production", overrides)
        with app.app_context():
            seeded = seed(options.articles, options.claims)
            rows = counts()
        print(
            f"seeded in {seeded.seconds:.1f} s: "
            + ", ".join(f"{table} {n:,}" for table, n in rows.items())
            + f" ({seeded.claims / seeded.seconds:,.0f} claims/s including indexes and ANALYZE)"
        )
        checker = next(a for a in seeded.accounts if a[1] == "fact-checker")
        probes = [seeded.new_claim_ids.pop(), seeded.new_claim_ids.pop()]
        print("\nstatements per request (in-process, one request each):")
        random_claim = [random.Random(1).randint(1, seeded.claims)]
        print(f"  {'page':36s} {'SQL':>4s} {'total ms':>8s} {'SQL ms':>7s} {'bytes':>8s}  slowest")
        for label, n, took, sql_ms, size, ms, sql in statements_per_page(
            app, checker[0], PASSWORD, checker[2], random_claim, probes
        ):
            print(f"  {label:36s} {n:4d} {took:8.1f} {sql_ms:7.1f} {size:8,d}  {ms:.1f} ms {sql}")
        if options.profile:
            print(f"\nprofiles in {options.profile} (in-process; CPU per request unprofiled):")
            for label, cpu_ms, report in profile_pages(
                app, checker[0], PASSWORD, seeded.claims, options.profile
            ):
                print(f"  {label:36s} {cpu_ms:6.1f} ms  {report.name}")
        with app.app_context():
            db.engine.dispose()

        settings = ServerSettings(options.workers, options.threads)
        print(f"\nload average before the run: {_load_average()} on {os.cpu_count()} cores")
        print(
            f"\nserver: {settings.describe()}; {options.clients} clients for {options.seconds:g} s"
            "; matching index not warmed (its build: bench/matching_app.py)"
        )
        tally = Tally()
        with gunicorn("wsgi:app", settings, env, ROOT, "/login") as (port, server):
            reviewers = [a for a in seeded.accounts if a[1] in ("fact-checker", "editor")]
            clients = [
                Client(port, reviewers[i % len(reviewers)][2]) for i in range(options.clients)
            ]
            for i, client in enumerate(clients):
                client.sign_in(reviewers[i % len(reviewers)][0], PASSWORD)
            share = len(seeded.new_claim_ids) // len(clients)
            mixes = [
                Mix(
                    seeded.claims,
                    tally,
                    editable_states(),
                    seeded.new_claim_ids[i * share : (i + 1) * share],
                    random.Random(100 + i),
                )
                for i in range(len(clients))
            ]
            server_before, database_before = _server_cpu(server), _database_cpu(options)
            wall, cpu = drive(clients, lambda i, c: mixes[i].step(c), options.seconds)
            server_cpu = cpu_used(server_before, _server_cpu(server))
            database_cpu = cpu_used(database_before, _database_cpu(options))
            # Other work on the same cores (tests, browsers) skews every figure of the run.
            print(f"load average after the run: {_load_average()} on {os.cpu_count()} cores")
            print(
                f"CPU used in the run: app server {server_cpu:.1f} s, PostgreSQL serving it "
                f"{database_cpu:.1f} s, of {os.cpu_count() or 1} cores x {wall:.0f} s"
            )
            floor_ms: list[float] = []
            floor_wall, _ = drive(
                clients, _timed_get("/api/v1/me", floor_ms), options.floor_seconds
            )
            for client in clients:
                client.close()

        bare_ms: list[float] = []
        with gunicorn("bare_app:app", settings, {}, ROOT / "bench", "/") as (port, _):
            bare_clients = [Client(port) for _ in range(options.clients)]
            bare_wall, _ = drive(bare_clients, _timed_get("/", bare_ms), options.seconds)
            for client in bare_clients:
                client.close()
        _report(
            tally,
            wall,
            cpu,
            (len(floor_ms), floor_wall, floor_ms),
            (len(bare_ms), bare_wall, bare_ms),
        )
    finally:
        schema.drop()
        print(f"\nschema {schema.name} dropped")


def main() -> int:
    options = _arguments()
    # A plain `kill` should clean up like Ctrl+C does: stop gunicorn, drop the schema.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        run(options)
    except KeyboardInterrupt:
        print("interrupted; gunicorn stopped and schema dropped")
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
