"""Print what matching costs the app over many claims on PostgreSQL (never asserts).

Seeds a private PostgreSQL schema (dropped at the end) with the web benchmark's articles and
claims (bench/web_seed.py: about a third of them in a reviewed state), then measures:
- building this process's index of reviewed claims from the database: time and memory;
- matching claims against it: the example article's claims (each repeated by thousands of
  seeded claims, the hardest case) and claims that match nothing;
- importing the example article with matching and without it;
- catching up after reviewers change claims.
The seeded claims are the example article's sentences with their numbers changed, so every
word is common: a harder index than a newsroom's varied claims.

Run: .venv/bin/python bench/matching_app.py [--quick] [--articles N --claims N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask import current_app  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402
from web_seed import DEMO_ARTICLE, counts, seed  # noqa: E402

from claimcheck import create_app  # noqa: E402
from claimcheck.analysis.extraction import extract_claims  # noqa: E402
from claimcheck.extensions import db  # noqa: E402
from claimcheck.models import Claim, ClaimMatch, ClaimRevision  # noqa: E402
from claimcheck.services.articles import ArticleDetails, import_article  # noqa: E402
from claimcheck.services.match_index import REVIEWED_STATES, reviewed_claim_index  # noqa: E402
from tests.support.databases import DEFAULT_POSTGRES_URL, PostgresSchema  # noqa: E402

UNRELATED = [
    "Unemployment fell to 5.1% in March, according to the statistics office.",
    "The new bridge over the Danube will cost 2.3 billion euros, the ministry said.",
    "Vaccination rates among children rose by 12 percent last year.",
    "The central bank raised its main rate to 4.5% on Thursday.",
]
CHANGES = 1_000


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="200 articles, 20,000 claims")
    options = parser.parse_args()
    if options.quick:
        options.articles, options.claims = 200, 20_000
    return options


def _rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / (1024 * 1024)


def _per_second(texts: list[str], rounds: int = 3) -> tuple[float, float, int]:
    """(queries/s, p95 ms per query, matches found per round) over texts, warm."""
    index = reviewed_claim_index()
    timings, found = [], 0
    for _ in range(rounds):
        for query in texts:
            started = time.perf_counter()
            (matches,) = index.search([query], 5)
            timings.append(time.perf_counter() - started)
            found += len(matches)
        db.session.rollback()
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return len(timings) / sum(timings), p95 * 1000, found // rounds


def _import_seconds(article_text: str, matching: bool, rounds: int = 3) -> tuple[float, int]:
    """Median seconds to import the article (rolled back each time) and matches found."""
    config = current_app.config
    config["MATCHING_ENABLED"] = matching
    timings, matched = [], 0
    for number in range(rounds):
        started = time.perf_counter()
        import_article(article_text, ArticleDetails(title=f"Bench {number}"), None)
        db.session.flush()
        timings.append(time.perf_counter() - started)
        matched = db.session.scalar(select(func.count(ClaimMatch.id)))
        db.session.rollback()
    config["MATCHING_ENABLED"] = True
    return statistics.median(timings), matched


def _catch_up_seconds() -> float:
    """Put CHANGES new claims into review, as reviewers would, and time the next search."""
    reviewed = [state.value for state in REVIEWED_STATES]
    ids = list(
        db.session.scalars(
            select(Claim.id).where(Claim.state == "assigned").order_by(Claim.id).limit(CHANGES)
        )
    )
    db.session.execute(
        text("UPDATE claim SET state = :state WHERE id = ANY(:ids)"),
        {"state": reviewed[0], "ids": ids},
    )
    db.session.add_all(ClaimRevision(claim_id=i, action="review_started") for i in ids)
    db.session.commit()
    started = time.perf_counter()
    reviewed_claim_index().search(["anything at all"], 1)
    elapsed = time.perf_counter() - started
    db.session.rollback()
    return elapsed


def main() -> None:
    options = _arguments()
    schema = PostgresSchema(options.database_url, prefix="ccmatch").create()
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": schema.url})
    try:
        with app.app_context():
            print(f"Seeding {options.articles:,} articles and {options.claims:,} claims…")
            seeded = seed(options.articles, options.claims)
            print(f"seeded in {seeded.seconds:.0f} s: {counts()}")
            article_text = DEMO_ARTICLE.read_text(encoding="utf-8")
            demo_claims = [c.text for c in extract_claims(article_text, None)]

            before = _rss_mib()
            started = time.perf_counter()
            index = reviewed_claim_index()
            index.search(["warm up"], 1)
            build = time.perf_counter() - started
            db.session.rollback()
            print(
                f"\nindex of {len(index):,} reviewed claims built from PostgreSQL in "
                f"{build:.1f} s; resident memory grew {_rss_mib() - before:.0f} MiB"
            )

            print(f"\n{'matching':44s} {'queries/s':>10s} {'p95 ms':>8s} {'matches':>8s}")
            for label, texts in (
                (f"example article's {len(demo_claims)} claims (all repeated)", demo_claims),
                (f"{len(UNRELATED)} claims that match nothing", UNRELATED),
            ):
                rate, p95, found = _per_second(texts)
                print(f"{label:44s} {rate:10.1f} {p95:8.1f} {found:8d}")

            print(f"\n{'importing the example article':44s} {'seconds':>10s} {'matches':>8s}")
            for label, matching in (("with matching", True), ("without matching", False)):
                seconds, matched = _import_seconds(article_text, matching)
                print(f"{label:44s} {seconds:10.3f} {matched:8d}")

            print(
                f"\ncatching up after {CHANGES:,} claims entered review: "
                f"{_catch_up_seconds() * 1000:.0f} ms"
            )
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        schema.drop()


if __name__ == "__main__":
    main()
