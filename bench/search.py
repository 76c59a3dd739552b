"""Print the latency of typical searches over many claims on PostgreSQL (never asserts).

Seeds a private PostgreSQL schema (dropped at the end) with the web benchmark's articles and
claims (bench/web_seed.py, whose tables carry the search index the migrations create), then
times the search service and the search page for a set of typical queries.

Run: .venv/bin/python bench/search.py [--quick] [--articles N --claims N --repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from web_seed import counts, seed  # noqa: E402

from claimcheck import create_app  # noqa: E402
from claimcheck.extensions import db  # noqa: E402
from claimcheck.services.search import SearchFilters, search  # noqa: E402
from tests.support.databases import DEFAULT_POSTGRES_URL, PostgresSchema  # noqa: E402

# What people type: common and rare words, several words, a phrase, an exclusion,
# an alternative, and a filter.
QUERIES: list[tuple[str, str, SearchFilters]] = [
    ("common word", "taliban", SearchFilters()),
    ("rarer word", "Kandahar", SearchFilters()),
    ("two words", "Taliban territory", SearchFilters()),
    ("number and word", "85% territory", SearchFilters()),
    ("phrase", '"Afghan territory"', SearchFilters()),
    ("exclusion", "taliban -control", SearchFilters()),
    ("alternative", "Kabul OR Kandahar", SearchFilters()),
    ("claims only, approved", "taliban", SearchFilters(kinds=("claim",), state="approved")),
    ("no hit", "zzyzx quokka", SearchFilters()),
]
TARGET_P95_MS = 100


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="200 articles, 20,000 claims")
    options = parser.parse_args()
    if options.quick:
        options.articles, options.claims = 200, 20_000
    return options


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time(call, repeat: int) -> list[float]:
    call()  # warm the caches once, as a busy server would have them
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _line(label: str, timings: list[float], found: str) -> None:
    p95 = _percentile(timings, 0.95)
    print(
        f"{label:28s} {statistics.median(timings):8.1f} {p95:8.1f}  {found:>30s}  "
        f"{'met' if p95 < TARGET_P95_MS else 'MISSED'}"
    )


def main() -> None:
    options = _arguments()
    schema = PostgresSchema(options.database_url, prefix="ccsearch").create()
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": schema.url, "WTF_CSRF_ENABLED": False})
    try:
        with app.app_context():
            print(f"Seeding {options.articles:,} articles and {options.claims:,} claims…")
            seeded = seed(options.articles, options.claims)
            print(f"seeded in {seeded.seconds:.0f} s: {counts()}")
            header = f"{'p50 ms':>8s} {'p95 ms':>8s}  {'hits (capped count)':>30s}"
            print(f"\n{'search service':28s} {header}")
            for label, typed, filters in QUERIES:
                results = search(typed, filters)
                found = ", ".join(f"{kind} {count}" for kind, count in results.counts.items())
                _line(label, _time(lambda t=typed, f=filters: search(t, f), options.repeat), found)
                db.session.rollback()
            token = seeded.accounts[0][2]
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}

        def request(typed: str) -> None:
            response = client.get("/api/v1/search", query_string={"q": typed}, headers=headers)
            assert response.status_code == 200, response.status_code  # a broken run, not a figure

        print(f"\n{'GET /api/v1/search':28s} {'p50 ms':>8s} {'p95 ms':>8s}")
        for label, typed, _ in QUERIES:
            _line(label, _time(lambda t=typed: request(t), options.repeat), "")
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        schema.drop()


if __name__ == "__main__":
    main()
