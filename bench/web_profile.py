"""Profile the page types of bench/web.py in-process, to see where a request's time goes."""

from __future__ import annotations

import cProfile
import io
import pstats
import random
import re
import time
from pathlib import Path

from flask import Flask
from web_queries import signed_in_client

# The GET pages of the load, each at a fixed depth so runs can be compared, and the floor.
PAGES = (
    ("queue: first page", "/claims"),
    ("queue: state=new by score p100", "/claims?state=new&sort=score&page=100"),
    ("queue: unassigned p100", "/claims?assignee=none&page=100"),
    ("queue: min_score by age p100", "/claims?min_score=0.8&sort=age&page=100"),
    ("claim page", "/claims/{claim_id}"),
    ("floor: GET /api/v1/me", "/api/v1/me"),
)


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def profile_pages(
    app: Flask, email: str, password: str, claims: int, out: Path, requests: int = 50
) -> list[tuple[str, float, Path]]:
    """Time, then profile, `requests` GETs of each page type.

    Returns, per page type, its label, the CPU ms a request took without the profiler, and
    the report: the 40 most expensive calls by cumulative time, with the .pstats file beside
    it for any pstats viewer. Claim pages are picked at random.
    """
    out.mkdir(parents=True, exist_ok=True)
    client = signed_in_client(app, email, password)
    rng = random.Random(11)
    found = []
    for label, pattern in PAGES:
        paths = [pattern.format(claim_id=rng.randint(1, claims)) for _ in range(requests + 5)]
        for path in paths[:5]:  # warm the caches and the connection pool first
            client.get(path)
        started = time.process_time()
        for path in paths[5:]:
            client.get(path)
        cpu_ms = (time.process_time() - started) * 1000 / requests
        profiler = cProfile.Profile()
        profiler.enable()
        for path in paths[5:]:
            client.get(path)
        profiler.disable()
        report = out / f"{_slug(label)}.txt"
        profiler.dump_stats(report.with_suffix(".pstats"))
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
        report.write_text(text.getvalue(), encoding="utf-8")
        found.append((label, cpu_ms, report))
    return found
