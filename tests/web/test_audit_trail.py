"""Every mutating route writes its audit event, and only one.

The write routes come from the URL map, as in test_route_walk.py: a new route without a
case in CASES fails the suite until someone says which event it writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest.mock import ANY

import pytest
from flask import Flask
from sqlalchemy import func, select

from claimcheck import create_app
from claimcheck.api.openapi import document
from claimcheck.claims.forms import split_choices
from claimcheck.extensions import db
from claimcheck.models import AuditEvent, Claim, ClaimMatch, ClaimRevision, User, VerdictLabel
from claimcheck.roles import Role
from claimcheck.services import accounts, matching, review, tokens, verdicts
from claimcheck.services import claims as claim_service
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.evidence import EvidenceInput, add_evidence
from claimcheck.workflow import Action
from tests.conftest import PASSWORD, CsrfClient, sign_in
from tests.support.journeys import approve_claim
from tests.web.routes import UNSAFE_METHODS, app_routes

_APP = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
WRITE_ROUTES = app_routes(_APP, UNSAFE_METHODS)

# Three claims are found in the first three sentences; the fourth is left for adding one.
ARTICLE_TEXT = (
    "The deficit grew 12% in 2023, the ministry said. "
    "Unemployment fell to 5.1% in March, according to the statistics office. "
    "Exports rose by 8% last year, the minister claimed. "
    "The weather was pleasant."
)
NEW_PASSWORD = "violet harbour lantern seventy"
EVIDENCE = {
    "url": "https://www.example.org/budget-report",
    "title": "Budget report 2023",
    "relation": "refutes",
}
EVIDENCE_INPUT = EvidenceInput(**EVIDENCE)


@dataclass
class Sent:
    """A request ready to go, and what its one audit event must say."""

    send: Callable[[], Any]
    status: int
    actor: User | None
    claim_id: int | None = None
    article_id: int | None = None
    # ANY: the object is created by the request itself, so its id is not known before.
    object_id: Any = field(default_factory=lambda: ANY)


@dataclass
class World:
    """People, an article and its claims, set up through the services before the request."""

    app: Flask
    client: CsrfClient
    make_user: Callable[..., User]
    login: Callable[..., User]

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One transaction of setup; create people before opening it."""
        with self.app.app_context():
            yield
            db.session.commit()

    def article(self) -> tuple[int, list[int]]:
        """The article's id and its claims' ids in text order."""
        with self.writing():
            article = import_article(ARTICLE_TEXT, ArticleDetails(title="Economy"), None)
            db.session.flush()
            ids = (article.id, [c.id for c in sorted(article.claims, key=lambda c: c.start)])
        assert len(ids[1]) == 3, "the example article should give three claims"
        return ids

    def claim(self) -> tuple[int, int]:
        """(article id, claim id) of a fresh, untouched claim."""
        article_id, claim_ids = self.article()
        return article_id, claim_ids[0]

    def bearer(self, user: User) -> dict[str, str]:
        with self.writing():
            _, raw = tokens.create_token(db.session.get(User, user.id), "audit test")
        return {"Authorization": f"Bearer {raw}"}

    def version(self, claim_id: int) -> int:
        with self.app.app_context():
            return db.session.get(Claim, claim_id).version

    def label_id(self, name: str) -> int:
        with self.app.app_context():
            return verdicts.find_label(name).id


def _get(model, ident):
    return db.session.get(model, ident)


# --- Sign-in, account and tokens -------------------------------------------------------


def login_ok(w: World) -> Sent:
    person = w.make_user(Role.FACT_CHECKER)
    return Sent(lambda: sign_in(w.client, person.email), 302, person, object_id=person.id)


def login_failed(w: World) -> Sent:
    person = w.make_user(Role.FACT_CHECKER)
    return Sent(
        lambda: sign_in(w.client, person.email, "not the password at all"),
        200,
        None,
        object_id=person.id,
    )


def logout(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    return Sent(lambda: w.client.post("/logout"), 302, person, object_id=person.id)


def change_password(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    data = {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    return Sent(
        lambda: w.client.post("/account/password", data=data), 302, person, object_id=person.id
    )


def set_password(w: World) -> Sent:
    lead = w.make_user(Role.LEAD)
    person = w.make_user(Role.FACT_CHECKER)
    with w.writing():
        raw = accounts.new_set_password_link(_get(User, lead.id), _get(User, person.id))
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    return Sent(
        lambda: w.client.post(f"/set-password/{raw}", data=data), 302, person, object_id=person.id
    )


def create_token(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    return Sent(lambda: w.client.post("/account/tokens", data={"name": "nightly"}), 201, person)


def revoke_token(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    with w.writing():
        token, _ = tokens.create_token(_get(User, person.id), "old script")
        db.session.flush()
        token_id = token.id
    return Sent(
        lambda: w.client.post(f"/account/tokens/{token_id}/revoke"),
        302,
        person,
        object_id=token_id,
    )


# --- People --------------------------------------------------------------------------


def _lead_and_person(w: World) -> tuple[User, User]:
    person = w.make_user(Role.FACT_CHECKER)
    return w.login(Role.LEAD), person


def people_create(w: World) -> Sent:
    lead = w.login(Role.LEAD)
    data = {"email": "reporter@newsroom.example", "name": "Reporter", "role": "editor"}
    return Sent(lambda: w.client.post("/people/new", data=data), 201, lead)


def people_change_role(w: World) -> Sent:
    lead, person = _lead_and_person(w)
    return Sent(
        lambda: w.client.post(f"/people/{person.id}/role", data={"role": "editor"}),
        302,
        lead,
        object_id=person.id,
    )


def _people_button(path: str) -> Callable[[World], Sent]:
    def scenario(w: World) -> Sent:
        lead, person = _lead_and_person(w)
        return Sent(
            lambda: w.client.post(f"/people/{person.id}/{path}"), 302, lead, object_id=person.id
        )

    return scenario


def people_reactivate(w: World) -> Sent:
    lead, person = _lead_and_person(w)
    with w.writing():
        accounts.deactivate(_get(User, lead.id), _get(User, person.id))
    return Sent(
        lambda: w.client.post(f"/people/{person.id}/reactivate"), 302, lead, object_id=person.id
    )


def people_password_link(w: World) -> Sent:
    lead, person = _lead_and_person(w)
    return Sent(
        lambda: w.client.post(f"/people/{person.id}/password-link"),
        201,
        lead,
        object_id=person.id,
    )


# --- Verdict labels ------------------------------------------------------------------


def add_verdict(w: World) -> Sent:
    lead = w.login(Role.LEAD)
    data = {"name": "Satire", "rating": ""}
    return Sent(lambda: w.client.post("/settings/verdicts", data=data), 302, lead)


def update_verdict(w: World) -> Sent:
    lead = w.login(Role.LEAD)
    label = w.label_id("False")
    data = {f"label-{label}-name": "Plainly false", f"label-{label}-rating": "1"}
    return Sent(
        lambda: w.client.post(f"/settings/verdicts/{label}", data=data),
        302,
        lead,
        object_id=label,
    )


def _verdict_button(path: str, retired_first: bool = False) -> Callable[[World], Sent]:
    def scenario(w: World) -> Sent:
        lead = w.login(Role.LEAD)
        label = w.label_id("Mixed")
        if retired_first:
            with w.writing():
                verdicts.retire_label(_get(VerdictLabel, label), _get(User, lead.id))
        return Sent(
            lambda: w.client.post(f"/settings/verdicts/{label}/{path}"),
            302,
            lead,
            object_id=label,
        )

    return scenario


# --- Articles ------------------------------------------------------------------------


def articles_create(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    data = {"text": ARTICLE_TEXT, "title": "Economy", "language": "en"}
    return Sent(lambda: w.client.post("/articles/new", data=data), 302, person, article_id=ANY)


def articles_update_details(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    article_id, _ = w.article()
    data = {"title": "Economy, revised", "language": "en"}
    return Sent(
        lambda: w.client.post(f"/articles/{article_id}/details", data=data),
        302,
        person,
        article_id=article_id,
        object_id=article_id,
    )


def articles_reextract(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    article_id, _ = w.article()
    return Sent(
        lambda: w.client.post(f"/articles/{article_id}/reextract"),
        302,
        person,
        article_id=article_id,
        object_id=article_id,
    )


def api_create_article(w: World) -> Sent:
    person = w.make_user(Role.FACT_CHECKER)
    headers = w.bearer(person)
    body = {"text": ARTICLE_TEXT, "title": "Economy"}
    return Sent(
        lambda: w.client.post("/api/v1/articles", headers=headers, json=body),
        201,
        person,
        article_id=ANY,
    )


# --- A reviewer's claim actions ------------------------------------------------------


def _claim_post(
    role: Role,
    path: str,
    data: Callable[[World, int], dict] | None = None,
    prepare: Callable[[User, int], None] | None = None,
) -> Callable[[World], Sent]:
    """POST /claims/<id>/<path> as `role`, after `prepare(actor, claim_id)` in a transaction."""

    def scenario(w: World) -> Sent:
        person = w.login(role)
        article_id, claim_id = w.claim()
        if prepare is not None:
            with w.writing():
                prepare(_get(User, person.id), claim_id)
        form = data(w, claim_id) if data is not None else {}
        return Sent(
            lambda: w.client.post(f"/claims/{claim_id}/{path}", data=form),
            302,
            person,
            claim_id=claim_id,
            article_id=article_id,
            object_id=claim_id,
        )

    return scenario


def _dismissed(actor: User, claim_id: int) -> None:
    claim_service.dismiss(_get(Claim, claim_id), actor, "Opinion")


def _split_at(w: World, claim_id: int) -> dict:
    with w.app.app_context():
        return {"at": split_choices(_get(Claim, claim_id))[0].value}


def _with_evidence(actor: User, claim_id: int) -> None:
    add_evidence(_get(Claim, claim_id), actor, EVIDENCE_INPUT)


def claims_add(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    article_id, _ = w.article()
    start = ARTICLE_TEXT.index("The weather")
    data = {"start": start, "end": len(ARTICLE_TEXT)}
    return Sent(
        lambda: w.client.post(f"/claims/add/{article_id}", data=data),
        302,
        person,
        claim_id=ANY,
        article_id=article_id,
    )


def history_restore(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    article_id, claim_id = w.claim()
    with w.writing():
        claim = _get(Claim, claim_id)
        first = claim.revisions[0].id
        claim_service.edit_wording(claim, _get(User, person.id), "The deficit grew a lot.")
    return Sent(
        lambda: w.client.post(f"/claims/{claim_id}/history/{first}/restore"),
        302,
        person,
        claim_id=claim_id,
        article_id=article_id,
        object_id=claim_id,
    )


def _evidence_on_a_claim(w: World, person) -> tuple[int, int, int]:
    """(article id, claim id, evidence id) of a claim with one evidence item."""
    article_id, claim_id = w.claim()
    with w.writing():
        evidence = add_evidence(_get(Claim, claim_id), _get(User, person.id), EVIDENCE_INPUT)
        db.session.flush()
        evidence_id = evidence.id
    return article_id, claim_id, evidence_id


def review_correct_evidence(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    article_id, claim_id, evidence_id = _evidence_on_a_claim(w, person)
    sent = {f"evidence-{evidence_id}-{k}": v for k, v in EVIDENCE.items()}
    sent[f"evidence-{evidence_id}-title"] = "Budget report 2023, revised"
    return Sent(
        lambda: w.client.post(f"/claims/{claim_id}/evidence/{evidence_id}", data=sent),
        302,
        person,
        claim_id=claim_id,
        article_id=article_id,
        object_id=claim_id,
    )


def review_remove(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    article_id, claim_id, evidence_id = _evidence_on_a_claim(w, person)
    return Sent(
        lambda: w.client.post(f"/claims/{claim_id}/evidence/{evidence_id}/remove"),
        302,
        person,
        claim_id=claim_id,
        article_id=article_id,
        object_id=claim_id,
    )


# --- The workflow, on the page and through the API -----------------------------------


@dataclass(frozen=True)
class Step:
    """One workflow action: who takes it, from which state, with which input."""

    actor: Role  # the checker is always a fact-checker; this is who acts
    before: tuple[str, ...]  # how the claim gets to its starting point (see _bring)
    form: Callable[[World, dict[str, User]], dict]
    api: Callable[[World, dict[str, User]], dict]


def _bring(claim: Claim, checker: User, editor: User, steps: tuple[str, ...]) -> None:
    for step in steps:
        if step == "taken":
            review.transition(claim, checker, Action.TAKE)
        elif step == "started":
            review.transition(claim, checker, Action.START)
        elif step == "evidence":
            add_evidence(claim, checker, EVIDENCE_INPUT)
        elif step == "proposed":
            review.transition(
                claim,
                checker,
                Action.PROPOSE,
                verdict=verdicts.find_label("False"),
                rationale="The report says otherwise.",
            )
        elif step == "approved":
            approve_claim(
                claim,
                checker,
                editor,
                evidence=EVIDENCE_INPUT,
                verdict="False",
                rationale="The report says otherwise.",
            )
        elif step == "dismissed":
            review.transition(claim, checker, Action.DISMISS, reason="Opinion")
        else:
            raise AssertionError(f"unknown step {step}")


def _none(w: World, people: dict[str, User]) -> dict:
    return {}


def _reason(w: World, people: dict[str, User]) -> dict:
    return {"reason": "Needs another source"}


STEPS: dict[Action, Step] = {
    Action.ASSIGN: Step(
        Role.EDITOR,
        (),
        lambda w, p: {"assignee": p["checker"].id},
        lambda w, p: {"assignee": p["checker"].email},
    ),
    Action.TAKE: Step(Role.FACT_CHECKER, (), _none, _none),
    Action.START: Step(Role.FACT_CHECKER, ("taken",), _none, _none),
    Action.PROPOSE: Step(
        Role.FACT_CHECKER,
        ("taken", "started", "evidence"),
        lambda w, p: {"verdict": w.label_id("Mostly false"), "rationale": "Report says 9%."},
        lambda w, p: {"verdict": "Mostly false", "rationale": "Report says 9%."},
    ),
    Action.APPROVE: Step(Role.EDITOR, ("taken", "started", "evidence", "proposed"), _none, _none),
    Action.RETURN: Step(
        Role.EDITOR, ("taken", "started", "evidence", "proposed"), _reason, _reason
    ),
    Action.DISMISS: Step(Role.FACT_CHECKER, (), _reason, _reason),
    Action.REOPEN: Step(Role.EDITOR, ("approved",), _reason, _reason),
    Action.REINSTATE: Step(Role.FACT_CHECKER, ("dismissed",), _none, _none),
}


def _workflow(action: Action, over_api: bool) -> Callable[[World], Sent]:
    step = STEPS[action]

    def scenario(w: World) -> Sent:
        checker = w.make_user(Role.FACT_CHECKER)
        editor = w.make_user(Role.EDITOR)
        people = {"checker": checker, "editor": editor}
        actor = checker if step.actor is Role.FACT_CHECKER else editor
        headers = w.bearer(actor) if over_api else None
        if not over_api:
            assert sign_in(w.client, actor.email).status_code == 302
        article_id, claim_id = w.claim()
        with w.writing():
            _bring(
                _get(Claim, claim_id), _get(User, checker.id), _get(User, editor.id), step.before
            )
        if over_api:
            body = {"action": action.value, **step.api(w, people)}
            send = lambda: w.client.post(  # noqa: E731
                f"/api/v1/claims/{claim_id}/transitions", headers=headers, json=body
            )
            status = 200
        else:
            form = step.form(w, people)
            send = lambda: w.client.post(  # noqa: E731
                f"/claims/{claim_id}/workflow/{action.value}", data=form
            )
            status = 302
        return Sent(
            send, status, actor, claim_id=claim_id, article_id=article_id, object_id=claim_id
        )

    return scenario


# --- Claims checked before -----------------------------------------------------------


def _match_post(path: str, confirmed: bool = False) -> Callable[[World], Sent]:
    """POST a decision on a match between a new claim and an approved one."""

    def scenario(w: World) -> Sent:
        checker = w.make_user(Role.FACT_CHECKER)
        editor = w.make_user(Role.EDITOR)
        _, claim_ids = w.article()
        with w.writing():
            approve_claim(
                _get(Claim, claim_ids[0]),
                _get(User, checker.id),
                _get(User, editor.id),
                evidence=EVIDENCE_INPUT,
                verdict="False",
                rationale="The report says otherwise.",
            )
        with w.writing():
            later = import_article(
                "The deficit grew 12% in 2023, the minister said.",
                ArticleDetails(title="Later"),
                None,
            )
            match = db.session.scalars(
                select(ClaimMatch).where(ClaimMatch.claim_id.in_([c.id for c in later.claims]))
            ).one()
            if confirmed:
                matching.decide(match, _get(User, checker.id), same=True)
            article_id, claim_id, match_id = later.id, match.claim_id, match.id
        assert sign_in(w.client, checker.email).status_code == 302
        return Sent(
            lambda: w.client.post(f"/claims/{claim_id}/matches/{match_id}/{path}"),
            302,
            checker,
            claim_id=claim_id,
            article_id=article_id,
            object_id=claim_id,
        )

    return scenario


def _look_again(w: World) -> Sent:
    person = w.login(Role.FACT_CHECKER)
    article_id, claim_id = w.claim()
    return Sent(
        lambda: w.client.post(f"/claims/{claim_id}/matches/search"),
        302,
        person,
        claim_id=claim_id,
        article_id=article_id,
        object_id=claim_id,
    )


# --- The claims API ------------------------------------------------------------------

PATCHES: dict[str, tuple[str, Any]] = {
    "text": ("claim.edited", "The deficit grew by 12 percent in 2023."),
    "attribution": (
        "claim.attribution",
        {"kind": "named", "source": "the ministry", "cue": "said", "quote": False},
    ),
    "rationale": ("claim.rationale", "A draft: the ministry's own report says 9%."),
}


def _api_patch(name: str) -> Callable[[World], Sent]:
    def scenario(w: World) -> Sent:
        person = w.make_user(Role.FACT_CHECKER)
        headers = w.bearer(person)
        article_id, claim_id = w.claim()
        body = {"version": w.version(claim_id), name: PATCHES[name][1]}
        return Sent(
            lambda: w.client.patch(f"/api/v1/claims/{claim_id}", headers=headers, json=body),
            200,
            person,
            claim_id=claim_id,
            article_id=article_id,
            object_id=claim_id,
        )

    return scenario


def api_patch_evidence(w: World) -> Sent:
    person = w.make_user(Role.FACT_CHECKER)
    headers = w.bearer(person)
    article_id, claim_id, evidence_id = _evidence_on_a_claim(w, person)
    return Sent(
        lambda: w.client.patch(
            f"/api/v1/claims/{claim_id}/evidence/{evidence_id}",
            headers=headers,
            json={"title": "Budget report 2023, revised"},
        ),
        200,
        person,
        claim_id=claim_id,
        article_id=article_id,
        object_id=claim_id,
    )


def api_post_evidence(w: World) -> Sent:
    person = w.make_user(Role.FACT_CHECKER)
    headers = w.bearer(person)
    article_id, claim_id = w.claim()
    return Sent(
        lambda: w.client.post(
            f"/api/v1/claims/{claim_id}/evidence", headers=headers, json=EVIDENCE
        ),
        201,
        person,
        claim_id=claim_id,
        article_id=article_id,
        object_id=claim_id,
    )


# --- The table -----------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    endpoint: str
    method: str
    variant: str
    action: str
    scenario: Callable[[World], Sent]
    xfail: str | None = None

    @property
    def id(self) -> str:
        return f"{self.endpoint}[{self.variant}]" if self.variant else self.endpoint


CASES: list[Case] = [
    Case("auth.login", "POST", "signed in", "auth.signed_in", login_ok),
    Case("auth.login", "POST", "wrong password", "auth.sign_in_failed", login_failed),
    Case("auth.logout", "POST", "", "auth.signed_out", logout),
    Case("auth.change_password", "POST", "", "account.password_set", change_password),
    Case("auth.set_password", "POST", "", "account.password_set", set_password),
    Case("auth.create_token", "POST", "", "token.created", create_token),
    Case("auth.revoke_token", "POST", "", "token.revoked", revoke_token),
    Case("people.create", "POST", "", "account.created", people_create),
    Case("people.change_role", "POST", "", "account.role_changed", people_change_role),
    Case("people.deactivate", "POST", "", "account.deactivated", _people_button("deactivate")),
    Case("people.reactivate", "POST", "", "account.reactivated", people_reactivate),
    Case(
        "people.force_sign_out",
        "POST",
        "",
        "account.forced_sign_out",
        _people_button("sign-out"),
    ),
    Case("people.password_link", "POST", "", "account.link_issued", people_password_link),
    Case("settings.add_verdict", "POST", "", "verdict_label.added", add_verdict),
    Case("settings.update_verdict", "POST", "", "verdict_label.changed", update_verdict),
    Case("settings.retire_verdict", "POST", "", "verdict_label.retired", _verdict_button("retire")),
    Case(
        "settings.restore_verdict",
        "POST",
        "",
        "verdict_label.restored",
        _verdict_button("restore", retired_first=True),
    ),
    Case("settings.delete_verdict", "POST", "", "verdict_label.deleted", _verdict_button("delete")),
    Case("articles.create", "POST", "", "article.imported", articles_create),
    Case("articles.update_details", "POST", "", "article.edited", articles_update_details),
    Case("articles.reextract", "POST", "", "article.reanalysed", articles_reextract),
    Case("api.create_article", "POST", "", "article.imported", api_create_article),
    Case("claims.accept", "POST", "", "claim.accepted", _claim_post(Role.FACT_CHECKER, "accept")),
    Case(
        "claims.dismiss",
        "POST",
        "",
        "claim.dismissed",
        _claim_post(Role.FACT_CHECKER, "dismiss", lambda w, c: {"reason": "Opinion"}),
    ),
    Case(
        "claims.reinstate",
        "POST",
        "",
        "claim.reinstated",
        _claim_post(Role.FACT_CHECKER, "reinstate", prepare=_dismissed),
    ),
    Case(
        "claims.edit_wording",
        "POST",
        "",
        "claim.edited",
        _claim_post(
            Role.FACT_CHECKER,
            "wording",
            lambda w, c: {"text": "The deficit grew 12 percent.", "version": w.version(c)},
        ),
    ),
    Case(
        "claims.split",
        "POST",
        "",
        "claim.split",
        _claim_post(Role.FACT_CHECKER, "split", _split_at),
    ),
    Case("claims.merge", "POST", "", "claim.merged", _claim_post(Role.FACT_CHECKER, "merge")),
    Case("claims.add", "POST", "", "claim.added", claims_add),
    Case("history.restore", "POST", "", "claim.restored", history_restore),
    Case("matches.look_again", "POST", "", "claim.matched_again", _look_again),
    Case("matches.confirm", "POST", "", "claim.match_confirmed", _match_post("confirm")),
    Case("matches.dismiss", "POST", "", "claim.match_dismissed", _match_post("dismiss")),
    Case("matches.reuse", "POST", "", "claim.match_reused", _match_post("reuse", confirmed=True)),
    Case(
        "review.attribution",
        "POST",
        "",
        "claim.attribution",
        _claim_post(
            Role.FACT_CHECKER,
            "attribution",
            lambda w, c: {
                "kind": "named",
                "source": "the ministry",
                "source_kind": "organisation",
                "cue": "said",
                "quote": "paraphrase",
                "version": w.version(c),
            },
        ),
    ),
    Case(
        "review.comment",
        "POST",
        "",
        "claim.comment",
        _claim_post(Role.FACT_CHECKER, "comments", lambda w, c: {"body": "Who said 12%?"}),
    ),
    Case(
        "review.evidence",
        "POST",
        "",
        "claim.evidence_added",
        _claim_post(Role.FACT_CHECKER, "evidence", lambda w, c: dict(EVIDENCE)),
    ),
    Case(
        "review.correct_evidence",
        "POST",
        "",
        "claim.evidence_edited",
        review_correct_evidence,
    ),
    Case("review.remove", "POST", "", "claim.evidence_removed", review_remove),
    *(
        Case(
            "review.workflow",
            "POST",
            action.value,
            f"claim.{review.RECORDED_AS[action]}",
            _workflow(action, over_api=False),
        )
        for action in Action
    ),
    *(
        Case(
            "api_claims.post_transition",
            "POST",
            action.value,
            f"claim.{review.RECORDED_AS[action]}",
            _workflow(action, over_api=True),
        )
        for action in Action
    ),
    *(
        Case("api_claims.patch", "PATCH", field, expected, _api_patch(field))
        for field, (expected, _) in PATCHES.items()
    ),
    Case("api_claims.post_evidence", "POST", "", "claim.evidence_added", api_post_evidence),
    Case("api_claims.patch_evidence", "PATCH", "", "claim.evidence_edited", api_patch_evidence),
]


def test_every_write_route_has_an_audit_case():
    in_map = {(endpoint, method) for endpoint, method, _ in WRITE_ROUTES}
    covered = {(case.endpoint, case.method) for case in CASES}
    assert in_map - covered == set(), "write routes with no audit case"
    assert covered - in_map == set(), "audit cases for routes that no longer exist"


def test_every_workflow_action_has_a_case_on_the_page_and_in_the_api():
    every = {action.value for action in Action}
    for endpoint in ("review.workflow", "api_claims.post_transition"):
        assert {c.variant for c in CASES if c.endpoint == endpoint} == every, endpoint


def test_every_field_the_api_patch_accepts_has_a_case():
    patch = document()["paths"]["/api/v1/claims/{id}"]["patch"]
    schema = patch["requestBody"]["content"]["application/json"]["schema"]
    accepted = set(schema["properties"]) - {"version"}
    assert {c.variant for c in CASES if c.endpoint == "api_claims.patch"} == accepted


def test_case_ids_are_unique():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.fixture
def world(app, client, make_user, login) -> World:
    return World(app, client, make_user, login)


def _head(app: Flask) -> tuple[int, int]:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(AuditEvent))
        last = db.session.scalar(select(func.max(AuditEvent.id))) or 0
        return count, last


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [],
        )
        for case in CASES
    ],
)
def test_the_route_writes_exactly_its_audit_event(app, world, case):
    sent = case.scenario(world)
    count_before, last_before = _head(app)

    response = sent.send()

    assert response.status_code == sent.status, response.get_data(as_text=True)[:2000]
    with app.app_context():
        new = db.session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_before).order_by(AuditEvent.id)
        ).all()
        count_after = db.session.scalar(select(func.count()).select_from(AuditEvent))
        assert [e.action for e in new] == [case.action]
        assert count_after == count_before + 1
        event = new[0]
        if sent.actor is None:
            assert event.actor_id is None
            assert event.actor_name is None
        else:
            assert event.actor_id == sent.actor.id
            assert event.actor_name == sent.actor.name
        assert event.ip_address == "127.0.0.1"
        assert event.summary.strip()
        assert "\n" not in event.summary
        assert event.summary.startswith(sent.actor.name if sent.actor else "Someone")
        assert event.object_id == sent.object_id
        if case.action.startswith("claim."):
            assert event.object_type == "claim"
            assert event.claim_id is not None
            assert event.claim_id == sent.claim_id
            assert event.article_id is not None
            assert event.article_id == sent.article_id
            claim = db.session.get(Claim, event.claim_id)
            assert claim.article_id == event.article_id
            revision = db.session.get(ClaimRevision, event.revision_id)
            assert revision is not None
            assert revision.claim_id == event.claim_id
            assert f"claim.{revision.action}" == case.action
            assert revision.actor_id == event.actor_id
        elif case.action.startswith("article."):
            assert event.article_id is not None
            assert event.article_id == sent.article_id
            assert event.object_id == event.article_id
            assert event.claim_id is None
        else:
            assert event.claim_id is None
            assert event.article_id is None
