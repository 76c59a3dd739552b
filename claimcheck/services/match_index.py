"""The reviewed claims of the whole team, held in memory for matching and kept current.

The matcher is lexical, re-ranked by sentence embeddings when the `semantic` extra is
installed (claimcheck.matching.semantic decides, and CLAIMCHECK_SEMANTIC=0 turns it off).

Matching compares each new claim with every claim already reviewed, too many to read from
the database per claim, so each process holds them in a `claimcheck.matching.ClaimIndex`.
Before each use it reads what changed since the last one: every change to a claim is
written as a revision, so the claims with a revision newer than the last one read are
looked at again. A revision's id is handed out before its transaction commits, so one may
become visible after a higher id was read; the scan therefore starts from the newest id
seen `RESCAN_SECONDS` ago (`BUILD_MARGIN` ids before the newest, just after the index is
built). Only the claims of revisions not read before are loaded again, and a claim is
indexed again only if its wording changed.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator

from flask import Flask, current_app
from sqlalchemy import func, select

from claimcheck.extensions import db
from claimcheck.matching import ClaimIndex, Match, MatchSettings
from claimcheck.matching.index import Reranker
from claimcheck.matching.semantic import default_reranker, semantic_off_reason
from claimcheck.models import Claim, ClaimRevision
from claimcheck.workflow import ClaimState

# Claims someone has reviewed or is reviewing: those a match can point to.
REVIEWED_STATES = frozenset(
    {
        ClaimState.IN_REVIEW,
        ClaimState.AWAITING_APPROVAL,
        ClaimState.RETURNED,
        ClaimState.APPROVED,
        ClaimState.REOPENED,
    }
)
# Longer than any transaction that changes a reviewed claim is expected to stay open.
RESCAN_SECONDS = 120.0
# Far more revisions than can be waiting to commit while the index is built.
BUILD_MARGIN = 1_000
_LOAD_BATCH = 5_000
_EXTENSION_KEY = "claimcheck.reviewed_claims"


class ReviewedClaimIndex:
    """Every visible claim in a reviewed state, searchable by what it says."""

    def __init__(
        self, settings: MatchSettings, reranker: Reranker | None = None, clock=time.monotonic
    ) -> None:
        self.settings = settings
        self.reranker = reranker
        self._clock = clock
        self._lock = threading.Lock()
        self._index: ClaimIndex | None = None
        self._wording: dict[int, str] = {}
        # (when, newest revision id then), oldest first: where a later scan starts.
        self._marks: deque[tuple[float, int]] = deque()
        # The revisions after the scan's start already applied, so each is read once.
        self._applied: set[int] = set()

    def __len__(self) -> int:
        return len(self._wording)

    def search(self, texts: Iterable[str], limit: int) -> list[list[Match]]:
        """The best reviewed claims for each text, after catching up with the database."""
        with self._lock:
            index = self._caught_up()
            return [index.search(text, limit=limit) for text in texts]

    def _caught_up(self) -> ClaimIndex:
        now = self._clock()
        if self._index is None:
            newest = db.session.scalar(select(func.max(ClaimRevision.id))) or 0
            since = max(0, newest - BUILD_MARGIN)
            # Revisions visible now are reflected in the claims read next.
            self._applied = set(_revisions_after(since))
            self._index = ClaimIndex(settings=self.settings, reranker=self.reranker)
            self._wording.clear()
            self._marks.clear()
            self._marks.append((now, since))
            try:
                self._apply(_reviewed_claims())
            except BaseException:
                self._index = None  # half-built: build again next time
                raise
            return self._index
        since = self._rescan_from(now)
        window = _revisions_after(since)
        fresh = {
            claim_id for revision_id, claim_id in window.items() if revision_id not in self._applied
        }
        self._applied = set(window)
        self._apply(_claims_by_id(sorted(fresh)))
        newest = max(window, default=since)
        if newest > self._marks[-1][1]:
            self._marks.append((now, newest))
        return self._index

    def _rescan_from(self, now: float) -> int:
        """The newest revision id seen at least RESCAN_SECONDS ago (or the oldest seen)."""
        marks = self._marks
        while len(marks) > 1 and marks[1][0] <= now - RESCAN_SECONDS:
            marks.popleft()
        return marks[0][1]

    def _apply(self, rows: Iterable[tuple[int, str, str, int | None]]) -> None:
        """Add, re-index or drop each claim by its current wording, state and merge."""
        index, wording = self._index, self._wording
        assert index is not None
        for claim_id, text, state, merged_into_id in rows:
            reviewed = state in REVIEWED_STATES and merged_into_id is None
            held = wording.get(claim_id)
            if reviewed and held == text:
                continue
            if held is not None:
                index.remove(str(claim_id))
                del wording[claim_id]
            if reviewed:
                index.add(str(claim_id), text)
                wording[claim_id] = text


_COLUMNS = (Claim.id, Claim.text, Claim.state, Claim.merged_into_id)


def _reviewed_claims() -> Iterator[tuple[int, str, str, int | None]]:
    """Every reviewed claim, streamed in batches so a large team's claims fit in memory."""
    statement = (
        select(*_COLUMNS)
        .where(Claim.state.in_([state.value for state in REVIEWED_STATES]))
        .where(Claim.merged_into_id.is_(None))
        .execution_options(yield_per=_LOAD_BATCH)
    )
    for row in db.session.execute(statement):
        yield tuple(row)


def _revisions_after(revision_id: int) -> dict[int, int]:
    """{revision id: claim id} of every revision newer than revision_id."""
    rows = db.session.execute(
        select(ClaimRevision.id, ClaimRevision.claim_id).where(ClaimRevision.id > revision_id)
    )
    return {revision_id: claim_id for revision_id, claim_id in rows}


def _claims_by_id(claim_ids: list[int]) -> Iterator[tuple[int, str, str, int | None]]:
    """These claims as they stand now."""
    for start in range(0, len(claim_ids), _LOAD_BATCH):
        batch = claim_ids[start : start + _LOAD_BATCH]
        for row in db.session.execute(select(*_COLUMNS).where(Claim.id.in_(batch))):
            yield tuple(row)


def warm_on_first_request(app: Flask) -> None:
    """Build the index in the background once the app serves, so no import waits long for it.

    Not at start-up: the same app object runs the command line (migrations among them).
    """
    started = threading.Event()

    @app.before_request
    def _start_building() -> None:
        if started.is_set():
            return
        started.set()
        threading.Thread(target=_build, args=(app,), name="reviewed-claims", daemon=True).start()


def _build(app: Flask) -> None:
    with app.app_context():
        try:
            reviewed_claim_index(app).search([], 0)
        except Exception:
            app.logger.exception("Building the index of reviewed claims failed; retried on use")
        finally:
            db.session.remove()


def reviewed_claim_index(app: Flask | None = None) -> ReviewedClaimIndex:
    """This process's index for the app, created on first use."""
    app = app or current_app._get_current_object()
    index = app.extensions.get(_EXTENSION_KEY)
    if index is None:
        # None: the default threshold of the matcher in use, lexical or semantic.
        threshold = app.config["MATCH_THRESHOLD"]
        settings = MatchSettings() if threshold is None else MatchSettings(threshold=threshold)
        reranker = default_reranker(threshold)
        app.logger.info(
            "Matching claims by words and rules%s",
            " with semantic re-ranking" if reranker else f" ({semantic_off_reason()})",
        )
        index = app.extensions.setdefault(_EXTENSION_KEY, ReviewedClaimIndex(settings, reranker))
    return index
