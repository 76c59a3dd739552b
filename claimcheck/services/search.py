"""One search over claims, articles, sources and evidence, on SQLite FTS5 or PostgreSQL.

Both databases get the same parsed query (claimcheck.search_query) and answer with
the same shape: ranked hits per kind, matching words marked, a capped count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from markupsafe import Markup, escape
from sqlalchemy import bindparam, text

from claimcheck.extensions import db
from claimcheck.models.types import UTCDateTime
from claimcheck.search_index import POSTGRES_COLUMN, SEARCHED_FIELDS, fts_table
from claimcheck.search_query import SearchQuery, parse, to_fts5, to_websearch

KINDS = {"claim": "Claims", "article": "Articles", "source": "Sources", "evidence": "Evidence"}
DEFAULT_LIMIT = 10
COUNT_CAP = 1000
# When more records match than this, the newest of them are ranked: ranking every
# match of a very common word would cost more than a person waits for a search.
RANKED_POOL = 1000
# Markers the database puts around matching words; escaped text can never contain them
# as markup, so they are swapped for <mark> only after escaping.
_OPEN, _CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search: kinds to search, and for claims their state and verdict."""

    kinds: tuple[str, ...] = tuple(KINDS)
    state: str | None = None
    verdict_id: int | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class Hit:
    """One thing found, with its matching words marked."""

    kind: str
    id: int
    heading: Markup
    snippet: Markup | None = None
    context: str | None = None
    state: str | None = None
    verdict: str | None = None
    article_id: int | None = None
    claim_id: int | None = None


@dataclass
class SearchResults:
    """Hits per kind, best first, and how many there are (up to COUNT_CAP)."""

    query: SearchQuery
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class _Kind:
    """How one kind of record is searched and shown (SQL fragments, no user input)."""

    table: str
    heading: str
    snippet: str | None
    joins: str
    columns: str
    visible: str


_ALIAS = "r"
_SPECS = {
    "claim": _Kind(
        "claim",
        "text",
        None,
        "JOIN article a ON a.id = r.article_id LEFT JOIN verdict_label v ON v.id = r.verdict_id",
        "a.title AS context, r.state AS state, v.name AS verdict, r.article_id AS article_id, "
        "r.id AS claim_id",
        "r.merged_into_id IS NULL",
    ),
    "article": _Kind(
        "article",
        "title",
        "text",
        "",
        "r.publication AS context, NULL AS state, NULL AS verdict, r.id AS article_id, "
        "NULL AS claim_id",
        "1 = 1",
    ),
    "source": _Kind(
        "source",
        "name",
        "description",
        "",
        "r.kind AS context, NULL AS state, NULL AS verdict, NULL AS article_id, NULL AS claim_id",
        "1 = 1",
    ),
    "evidence": _Kind(
        "evidence",
        "title",
        "excerpt",
        "JOIN claim c ON c.id = r.claim_id",
        "r.publisher AS context, NULL AS state, r.relation AS verdict, c.article_id AS article_id, "
        "r.claim_id AS claim_id",
        "r.removed_at IS NULL AND c.merged_into_id IS NULL",
    ),
}


def marked(raw: str | None) -> Markup | None:
    """Escape text from the database and turn its match markers into <mark>."""
    if raw is None:
        return None
    safe = str(escape(raw))
    return Markup(safe.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _filters_sql(kind: str, filters: SearchFilters) -> tuple[str, dict]:
    clauses, params = [], {}
    if kind == "claim" and filters.state:
        clauses.append("r.state = :state")
        params["state"] = filters.state
    if kind == "claim" and filters.verdict_id is not None:
        clauses.append("r.verdict_id = :verdict_id")
        params["verdict_id"] = filters.verdict_id
    if filters.since is not None:
        clauses.append("r.created_at >= :since")
        params["since"] = _start_of(filters.since)
    if filters.until is not None:
        clauses.append("r.created_at < :until")
        params["until"] = _start_of(filters.until + timedelta(days=1))
    return "".join(f" AND {clause}" for clause in clauses), params


def _sqlite_sql(spec: _Kind, where: str) -> tuple[str, str]:
    fts = fts_table(spec.table)
    fields = SEARCHED_FIELDS[spec.table]
    heading = f"highlight({fts}, {fields.index(spec.heading)}, '{_OPEN}', '{_CLOSE}')"
    snippet = (
        f"snippet({fts}, {fields.index(spec.snippet)}, '{_OPEN}', '{_CLOSE}', ' … ', 24)"
        if spec.snippet
        else "NULL"
    )
    matching = (
        f"FROM {fts} JOIN {spec.table} {_ALIAS} ON {_ALIAS}.id = {fts}.rowid {spec.joins} "
        f"WHERE {fts} MATCH :match AND {spec.visible}{where}"
    )
    pool = f"SELECT {_ALIAS}.id {matching} ORDER BY {_ALIAS}.id DESC LIMIT {RANKED_POOL}"
    hits = (
        f"SELECT {_ALIAS}.id AS id, {heading} AS heading, {snippet} AS snippet, {spec.columns} "
        f"{matching} AND {_ALIAS}.id IN ({pool}) ORDER BY bm25({fts}), {_ALIAS}.id LIMIT :limit"
    )
    return hits, f"SELECT count(*) FROM (SELECT 1 {matching} LIMIT {COUNT_CAP})"


def _postgres_sql(spec: _Kind, where: str) -> tuple[str, str]:
    options = f"StartSel={_OPEN}, StopSel={_CLOSE}"
    heading = (
        f"ts_headline('english', coalesce(r.{spec.heading}, ''), q, '{options}, HighlightAll=true')"
    )
    snippet = (
        f"ts_headline('english', coalesce(r.{spec.snippet}, ''), q, "
        f"'{options}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"')"
        if spec.snippet
        else "NULL"
    )
    matching = (
        f"FROM {spec.table} {_ALIAS} {spec.joins}, websearch_to_tsquery('english', :websearch) q "
        f"WHERE {_ALIAS}.{POSTGRES_COLUMN} @@ q AND {spec.visible}{where}"
    )
    pool = f"SELECT {_ALIAS}.id {matching} ORDER BY {_ALIAS}.id DESC LIMIT {RANKED_POOL}"
    # Rank and cut first; only the rows shown get the (costly) headlines.
    hits = (
        f"SELECT {_ALIAS}.id AS id, {heading} AS heading, {snippet} AS snippet, {spec.columns} "
        f"FROM (SELECT {_ALIAS}.id, ts_rank_cd({_ALIAS}.{POSTGRES_COLUMN}, q) AS rank "
        f"FROM ({pool}) pool JOIN {spec.table} {_ALIAS} ON {_ALIAS}.id = pool.id, "
        "websearch_to_tsquery('english', :websearch) q "
        f"ORDER BY rank DESC, {_ALIAS}.id LIMIT :limit) best "
        f"JOIN {spec.table} {_ALIAS} ON {_ALIAS}.id = best.id {spec.joins}, "
        "websearch_to_tsquery('english', :websearch) q "
        f"ORDER BY best.rank DESC, {_ALIAS}.id"
    )
    return hits, f"SELECT count(*) FROM (SELECT 1 {matching} LIMIT {COUNT_CAP}) capped"


def _typed(sql: str, params: dict):
    statement = text(sql)
    for name in ("since", "until"):
        if name in params:
            statement = statement.bindparams(bindparam(name, type_=UTCDateTime()))
    return statement


def search(
    typed: str, filters: SearchFilters | None = None, limit: int = DEFAULT_LIMIT
) -> SearchResults:
    """The best hits of each kind for what was typed; never fails on odd input."""
    filters = filters or SearchFilters()
    query = parse(typed)
    results = SearchResults(query)
    if query.is_empty:
        return results
    postgres = db.session.get_bind().dialect.name == "postgresql"
    base = {"match": to_fts5(query), "websearch": to_websearch(query), "limit": limit}
    for kind in filters.kinds:
        spec = _SPECS[kind]
        where, params = _filters_sql(kind, filters)
        params |= base
        hits_sql, count_sql = (_postgres_sql if postgres else _sqlite_sql)(spec, where)
        rows = db.session.execute(_typed(hits_sql, params), params).mappings().all()
        results.hits[kind] = [
            Hit(
                kind=kind,
                id=row["id"],
                heading=marked(row["heading"]),
                snippet=marked(row["snippet"]) if row["snippet"] else None,
                context=row["context"],
                state=row["state"],
                verdict=row["verdict"],
                article_id=row["article_id"],
                claim_id=row["claim_id"],
            )
            for row in rows
        ]
        if len(rows) < min(limit, RANKED_POOL):  # fewer than asked: that is all of them
            results.counts[kind] = len(rows)
        else:
            results.counts[kind] = db.session.scalar(_typed(count_sql, params), params) or 0
    return results


def filters_from_args(args) -> tuple[SearchFilters, list[str]]:
    """Search filters from a query string, and a message for each value left out."""
    from claimcheck.workflow import ClaimState

    ignored: list[str] = []
    kind = (args.get("type") or "").strip()
    if kind and kind not in KINDS:
        ignored.append(f"There is nothing of type “{kind[:40]}” to search.")
        kind = ""
    state = (args.get("state") or "").strip() or None
    if state and state not in {item.value for item in ClaimState}:
        ignored.append(f"There is no claim state “{state[:40]}”.")
        state = None
    verdict = (args.get("verdict") or "").strip()
    if verdict and not (verdict.isdigit() and len(verdict) < 10):
        ignored.append("Verdict must be chosen from the list.")
        verdict = ""

    def day(name: str, label: str) -> date | None:
        raw = (args.get(name) or "").strip()
        try:
            return date.fromisoformat(raw) if raw else None
        except ValueError:
            ignored.append(f"{label} must be a date as YYYY-MM-DD.")
            return None

    filters = SearchFilters(
        kinds=(kind,) if kind else tuple(KINDS),
        state=state,
        verdict_id=int(verdict) if verdict else None,
        since=day("since", "From"),
        until=day("until", "To"),
    )
    return filters, ignored
