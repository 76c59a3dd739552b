"""Reading the claims queue's filters and paging from query parameters, noting what is refused."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from claimcheck.services.attribution import ATTRIBUTION_KINDS
from claimcheck.workflow import ClaimState

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
SORTS = {
    "score": "Highest score first",
    "age": "Oldest first",
    "newest": "Newest first",
}
DEFAULT_SORT = "score"
UNASSIGNED = "none"
# Ids and page numbers above this are refused: PostgreSQL integers stop there.
LARGEST_NUMBER = 2**31 - 1


@dataclass(frozen=True)
class Ignored:
    """A query parameter that was left out, with why, to be shown to the person."""

    name: str
    value: str
    reason: str


@dataclass(frozen=True)
class QueueFilters:
    """What the queue is narrowed to; every field left empty means "any"."""

    user_id: int
    states: tuple[ClaimState, ...] = ()
    verdict_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    article_id: int | None = None
    attribution: str | None = None
    source_id: int | None = None
    min_score: float | None = None
    since: date | None = None
    until: date | None = None
    mine: bool = False
    sort: str = DEFAULT_SORT
    ignored: tuple[Ignored, ...] = ()

    @property
    def is_filtered(self) -> bool:
        """Whether anything narrows the queue beyond the defaults."""
        return bool(self.to_query().keys() - {"sort"})

    def to_query(self) -> dict[str, str | list[str]]:
        """The filters as query parameters, leaving out what was ignored or is the default."""
        query: dict[str, str | list[str]] = {}
        if self.states:
            query["state"] = [state.value for state in self.states]
        for name, value in (
            ("verdict", self.verdict_id),
            ("assignee", UNASSIGNED if self.unassigned else self.assignee_id),
            ("article", self.article_id),
            ("attribution", self.attribution),
            ("source", self.source_id),
            ("min_score", self.min_score),
            ("since", self.since.isoformat() if self.since else None),
            ("until", self.until.isoformat() if self.until else None),
            ("mine", "1" if self.mine else None),
            ("sort", self.sort if self.sort != DEFAULT_SORT else None),
        ):
            if value is not None:
                query[name] = str(value)
        return query


@dataclass(frozen=True)
class Paging:
    """Which page was asked for, after bounds are applied."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    ignored: tuple[Ignored, ...] = ()


@dataclass
class _Reader:
    """Reads single and repeated values from a mapping, noting what it has to drop."""

    args: Mapping[str, str | list[str]]
    ignored: list[Ignored] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        raw = self.args.get(name)
        if raw is None:
            return []
        found = [raw] if isinstance(raw, str) else list(raw)
        # An empty field in a submitted GET form means "any", not a mistake.
        return [value.strip() for value in found if value and value.strip()]

    def one(self, name: str) -> str | None:
        found = self.values(name)
        for extra in found[1:]:
            if extra != found[0]:
                self.drop(name, extra, "only one value can be used")
        return found[0] if found else None

    def drop(self, name: str, value: str, reason: str) -> None:
        self.ignored.append(Ignored(name, value, reason))

    def identifier(self, name: str, what: str) -> int | None:
        value = self.one(name)
        if value is None:
            return None
        number = _positive(value)
        if number is None:
            self.drop(name, value, f"not {what} id")
        return number

    def day(self, name: str) -> date | None:
        value = self.one(name)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.drop(name, value, "not a date (use YYYY-MM-DD)")
            return None


def _positive(value: str) -> int | None:
    """A whole number from 1 to the largest id, or None."""
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(LARGEST_NUMBER)):
        return None
    number = int(value)
    return number if 1 <= number <= LARGEST_NUMBER else None


def parse_filters(args: Mapping[str, str | list[str]], user_id: int) -> QueueFilters:
    """Read the queue's filters from query parameters; bad values are dropped and listed."""
    reader = _Reader(args)
    states: list[ClaimState] = []
    for value in reader.values("state"):
        try:
            state = ClaimState(value)
        except ValueError:
            reader.drop("state", value, "not a claim state")
            continue
        if state not in states:
            states.append(state)

    verdict_id = reader.identifier("verdict", "a verdict")
    assignee_id, unassigned = None, False
    if (assignee := reader.one("assignee")) == UNASSIGNED:
        unassigned = True
    elif assignee is not None:
        assignee_id = reader.identifier("assignee", "a person's")
    article_id = reader.identifier("article", "an article")
    source_id = reader.identifier("source", "a source")

    attribution = reader.one("attribution")
    if attribution is not None and attribution not in ATTRIBUTION_KINDS:
        reader.drop("attribution", attribution, "not publication, named or unnamed")
        attribution = None

    min_score = None
    if (score := reader.one("min_score")) is not None:
        try:
            min_score = float(score)
        except ValueError:
            min_score = None
        if min_score is None or not 0 <= min_score <= 1:  # also refuses nan
            reader.drop("min_score", score, "not a score from 0 to 1")
            min_score = None

    since, until = reader.day("since"), reader.day("until")
    if since and until and until < since:
        reader.drop("until", until.isoformat(), "earlier than the “since” date")
        until = None

    mine = False
    if (wanted := reader.one("mine")) is not None:
        mine = wanted in {"1", "on", "true", "yes"}
        if not mine and wanted not in {"0", "off", "false", "no"}:
            reader.drop("mine", wanted, "use 1 for your own work")

    sort = reader.one("sort") or DEFAULT_SORT
    if sort not in SORTS:
        reader.drop("sort", sort, "not a sort order (score, age or newest)")
        sort = DEFAULT_SORT

    return QueueFilters(
        user_id=user_id,
        states=tuple(states),
        verdict_id=verdict_id,
        assignee_id=assignee_id,
        unassigned=unassigned,
        article_id=article_id,
        attribution=attribution,
        source_id=source_id,
        min_score=min_score,
        since=since,
        until=until,
        mine=mine,
        sort=sort,
        ignored=tuple(reader.ignored),
    )


def parse_paging(args: Mapping[str, str | list[str]]) -> Paging:
    """Read `page` and `per_page`, keeping them within bounds and noting what was changed."""
    reader = _Reader(args)
    page, per_page = 1, DEFAULT_PER_PAGE
    if (value := reader.one("page")) is not None:
        if (number := _positive(value)) is not None:
            page = number
        else:
            reader.drop("page", value, "not a page number")
    if (value := reader.one("per_page")) is not None:
        if (number := _positive(value)) is None:
            reader.drop("per_page", value, "not a number of claims per page")
        elif number > MAX_PER_PAGE:
            reader.drop("per_page", value, f"at most {MAX_PER_PAGE} claims per page are shown")
            per_page = MAX_PER_PAGE
        else:
            per_page = number
    return Paging(page, per_page, tuple(reader.ignored))
