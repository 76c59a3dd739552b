"""A claim's own page: attribution, workflow and verdict, evidence, discussion."""

from __future__ import annotations

from io import BytesIO

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from claimcheck.extensions import db
from claimcheck.models import Claim, User
from claimcheck.permissions import can_review, require
from claimcheck.review.context import context_around
from claimcheck.review.forms import (
    AttributionForm,
    CommentForm,
    EvidenceForm,
    EvidenceItemForm,
    WorkflowForm,
)
from claimcheck.review.loading import assignable_people, claim_for_page, verdict_choices
from claimcheck.services import matching, queue, review
from claimcheck.services.attribution import ATTRIBUTION_KINDS, set_attribution
from claimcheck.services.claims import get_claim
from claimcheck.services.errors import NotFound, ServiceError
from claimcheck.services.evidence import (
    EvidenceInput,
    add_comment,
    add_evidence,
    edit_evidence,
    get_evidence,
    remove_evidence,
)
from claimcheck.services.guards import StaleVersion
from claimcheck.services.verdicts import find_label
from claimcheck.workflow import Action, is_locked

bp = Blueprint("review", __name__, url_prefix="/claims")


def _claim(claim_id: int) -> Claim:
    try:
        return get_claim(claim_id)
    except NotFound:
        abort(404)


def _attribution_form(claim: Claim) -> AttributionForm:
    """The confirmed attribution, or the analysis suggestion until someone confirms one."""
    suggestion = claim.suggested_attribution or {}
    confirmed = claim.attribution_confirmed_at is not None
    source = claim.source
    return AttributionForm(
        kind=claim.attribution_kind if confirmed else suggestion.get("kind", "publication"),
        source=source.name
        if confirmed and source
        else ("" if confirmed else suggestion.get("source") or ""),
        source_kind=source.kind if confirmed and source else "organisation",
        cue=claim.attribution_cue if confirmed else suggestion.get("cue") or "",
        quote="quote"
        if (claim.attribution_quote if confirmed else suggestion.get("quote"))
        else "paraphrase",
        version=claim.version,
    )


def _workflow_form(
    claim: Claim,
    actions: list[Action],
    form: WorkflowForm | None = None,
    reused_verdict_id: int | None = None,
) -> WorkflowForm:
    """The workflow fields, with people and verdicts looked up only for actions shown.

    A claim that reused an earlier check starts its proposal from that check's verdict.
    """
    form = form or WorkflowForm(
        version=claim.version,
        verdict=claim.verdict_id or reused_verdict_id or 0,
        rationale=claim.rationale or "",
    )
    # A blank first choice, so nobody assigns or proposes by leaving the first name or label
    # the browser happened to select; sending it blank gets the service's clear refusal.
    people = assignable_people() if Action.ASSIGN in actions else []
    form.assignee.choices = [SelectChoice(value=0, label="Choose a person…")] + [
        SelectChoice(value=key, label=name) for key, name in people
    ]
    verdicts = verdict_choices() if Action.PROPOSE in actions else []
    form.verdict.choices = [SelectChoice(value=0, label="Choose a verdict…")] + [
        SelectChoice(value=key, label=name) for key, name in verdicts
    ]
    return form


def _evidence_prefix(evidence_id: int) -> str:
    """Each evidence item's edit form names its fields apart from the others on the page."""
    return f"evidence-{evidence_id}-"


def _evidence_edit_forms(
    claim: Claim, editing: int | None, failed: tuple[int, EvidenceItemForm] | None
) -> dict[int, EvidenceItemForm]:
    """The edit form of the evidence item being corrected, if any, by its id.

    Only the item whose Edit was chosen gets a form, filled from the item: forms for every
    item would cost more than the rest of the page. A refused correction keeps its form as
    sent, with the reason, even where no edit is offered any more (the item was removed or
    the claim approved meanwhile).
    """
    if failed is not None:
        return {failed[0]: failed[1]}
    if editing is None or is_locked(claim.state):
        return {}
    item = next((e for e in claim.evidence if e.id == editing and not e.is_removed), None)
    if item is None:
        return {}
    return {item.id: EvidenceItemForm(formdata=None, obj=item, prefix=_evidence_prefix(item.id))}


def _page(claim: Claim, status: int = 200, **forms):
    """Render the claim page, with any submitted forms kept as the person left them."""
    actions = review.actions_for(claim, current_user)
    earlier_checks = matching.checks_for_claim(claim)
    workflow_form = _workflow_form(
        claim,
        actions,
        forms.get("workflow_form"),
        reused_verdict_id=matching.reused_verdict_id(earlier_checks),
    )
    return render_template(
        "review/claim.html",
        claim=claim,
        article=claim.article,
        context=context_around(claim.article.text, claim.start, claim.end),
        actions=actions,
        attribution_form=forms.get("attribution_form") or _attribution_form(claim),
        workflow_form=workflow_form,
        earlier_checks=earlier_checks,
        evidence_form=forms.get("evidence_form") or EvidenceForm(),
        evidence_edit_forms=_evidence_edit_forms(
            claim, request.args.get("edit_evidence", type=int), forms.get("evidence_edit")
        ),
        comment_form=forms.get("comment_form") or CommentForm(),
        failed_action=forms.get("failed_action"),
        verdict_evidence=set(claim.verdict_evidence_ids or []),
        locked=is_locked(claim.state),
        next_claim_id=queue.next_in_my_work(current_user.id, claim),
        stored_attribution=_stored_attribution(claim),
    ), status


def _saved(claim: Claim, message: str, anchor: str = ""):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("review.detail", claim_id=claim.id) + anchor)


def _version(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@bp.route("/<int:claim_id>")
@require(can_review)
def detail(claim_id: int):
    """Everything about one claim on one page."""
    try:
        claim = claim_for_page(claim_id)
    except NotFound:
        abort(404)
    return _page(claim)


@bp.route("/<int:claim_id>/attribution", methods=["POST"])
@require(can_review)
def attribution(claim_id: int):
    """Confirm or correct who the claim is attributed to."""
    claim = _claim(claim_id)
    form = AttributionForm()
    try:
        if not form.validate():
            raise ServiceError("Check the attribution fields.")
        set_attribution(
            claim,
            current_user,
            kind=form.kind.data,
            source_name=form.source.data,
            source_kind=form.source_kind.data,
            cue=form.cue.data,
            quote=form.quote.data == "quote",
            expected_version=_version(form.version.data),
        )
    except StaleVersion:
        db.session.rollback()
        return conflict_page(
            claim,
            stored=_stored_attribution(claim),
            mine=_submitted_attribution(form),
            resubmit_url=url_for("review.attribution", claim_id=claim.id),
            hidden=[
                (name, getattr(form, name).data or "")
                for name in ("kind", "source", "source_kind", "cue", "quote")
            ],
            discard_url=url_for("review.detail", claim_id=claim.id) + "#attribution",
        )
    except ServiceError as error:
        db.session.rollback()
        form.form_errors.append(str(error))
        return _page(claim, 422, attribution_form=form)
    return _saved(claim, "Attribution saved.", "#attribution")


def conflict_page(claim: Claim, **parts):
    """409: the stored claim beside the person's unsaved input, to keep one or the other."""
    return render_template("review/conflict.html", claim=claim, **parts), 409


def _stored_attribution(claim: Claim) -> dict[str, str]:
    return {
        "Whose voice": ATTRIBUTION_KINDS.get(claim.attribution_kind or "", "—"),
        "Attributed to": claim.source.name if claim.source else "—",
        "Cue": claim.attribution_cue or "—",
        "Form": "Direct quotation" if claim.attribution_quote else "Paraphrase",
    }


def _submitted_attribution(form: AttributionForm) -> dict[str, str]:
    """What the person typed, as the conflict page shows it beside the stored claim."""
    return {
        "Whose voice": ATTRIBUTION_KINDS.get(form.kind.data, form.kind.data or "—"),
        "Attributed to": form.source.data or "—",
        "Cue": form.cue.data or "—",
        "Form": "Direct quotation" if form.quote.data == "quote" else "Paraphrase",
    }


@bp.route("/<int:claim_id>/workflow/<action>", methods=["POST"])
@require(can_review)
def workflow(claim_id: int, action: str):
    """Take one workflow step: assign, take, start, propose, approve, return, dismiss…"""
    claim = _claim(claim_id)
    try:
        chosen = Action(action)
    except ValueError:
        abort(404)
    form = WorkflowForm()
    try:
        assignee = db.session.get(User, form.assignee.data) if chosen is Action.ASSIGN else None
        verdict = (
            find_label(form.verdict.data)
            if chosen is Action.PROPOSE and form.verdict.data
            else None
        )
        review.transition(
            claim,
            current_user,
            chosen,
            reason=form.reason.data,
            assignee=assignee,
            verdict=verdict,
            rationale=form.rationale.data,
            expected_version=_version(form.version.data),
        )
    except StaleVersion:
        db.session.rollback()
        form.form_errors.append(
            "Someone changed this claim while you were working on it. "
            "Your input is kept below; check the claim and send it again."
        )
        form.version.data = str(claim.version)
        return _page(claim, 409, workflow_form=form, failed_action=chosen)
    except ServiceError as error:
        db.session.rollback()
        form.form_errors.append(str(error))
        return _page(claim, 422, workflow_form=form, failed_action=chosen)
    return _saved(claim, f"{chosen.label}: done.", "#workflow")


@bp.route("/<int:claim_id>/evidence", methods=["POST"])
@require(can_review)
def evidence(claim_id: int):
    """Attach an evidence item, optionally with a PDF or image."""
    claim = _claim(claim_id)
    form = EvidenceForm()
    try:
        if not form.validate():
            raise ServiceError("Check the evidence fields marked below.")
        upload = form.document.data
        file = None
        if upload is not None and getattr(upload, "filename", ""):
            limit = current_app.config["EVIDENCE_MAX_FILE_BYTES"]
            file = (upload.filename, upload.stream.read(limit + 1))
        add_evidence(
            claim,
            current_user,
            _evidence_input(form),
            file=file,
            max_file_bytes=current_app.config["EVIDENCE_MAX_FILE_BYTES"],
        )
    except ServiceError as error:
        db.session.rollback()
        form.form_errors.append(str(error))
        return _page(claim, 422, evidence_form=form)
    return _saved(claim, "Evidence added.", "#evidence")


@bp.route("/<int:claim_id>/evidence/<int:evidence_id>", methods=["POST"])
@require(can_review)
def correct_evidence(claim_id: int, evidence_id: int):
    """Correct an evidence item's details (the history keeps the old ones)."""
    claim = _claim(claim_id)
    try:
        item = get_evidence(claim, evidence_id)
    except NotFound:
        abort(404)
    form = EvidenceItemForm(prefix=_evidence_prefix(item.id))
    try:
        if not form.validate():
            raise ServiceError("Check the evidence fields marked below.")
        changed = edit_evidence(claim, item, current_user, _evidence_input(form))
    except ServiceError as error:
        db.session.rollback()
        form.form_errors.append(str(error))
        return _page(claim, 422, evidence_edit=(evidence_id, form))
    return _saved(claim, "Evidence updated." if changed else "Nothing to change.", "#evidence")


def _evidence_input(form: EvidenceItemForm) -> EvidenceInput:
    return EvidenceInput(
        url=form.url.data,
        title=form.title.data,
        relation=form.relation.data,
        publisher=form.publisher.data,
        published=form.published.data,
        accessed=form.accessed.data,
        excerpt=form.excerpt.data,
        archive_url=form.archive_url.data,
    )


@bp.route("/<int:claim_id>/evidence/<int:evidence_id>/remove", methods=["POST"])
@require(can_review)
def remove(claim_id: int, evidence_id: int):
    """Take an evidence item off the claim (the history keeps it)."""
    claim = _claim(claim_id)
    try:
        remove_evidence(claim, get_evidence(claim, evidence_id), current_user, None)
    except NotFound:
        abort(404)
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("review.detail", claim_id=claim.id) + "#evidence")
    return _saved(claim, "Evidence removed.", "#evidence")


@bp.route("/<int:claim_id>/evidence/<int:evidence_id>/file")
@require(can_review)
def evidence_file(claim_id: int, evidence_id: int):
    """Download an attached file, always as an attachment of its checked type."""
    claim = _claim(claim_id)
    try:
        item = get_evidence(claim, evidence_id)
    except NotFound:
        abort(404)
    if not item.file_data:
        abort(404)
    return send_file(
        BytesIO(item.file_data),
        mimetype=item.file_type,
        as_attachment=True,
        download_name=item.file_name or "evidence",
    )


@bp.route("/<int:claim_id>/comments", methods=["POST"])
@require(can_review)
def comment(claim_id: int):
    """Post to the claim's discussion."""
    claim = _claim(claim_id)
    form = CommentForm()
    try:
        add_comment(claim, current_user, form.body.data or "")
    except ServiceError as error:
        db.session.rollback()
        form.body.errors = [str(error)]
        return _page(claim, 422, comment_form=form)
    return _saved(claim, "Comment posted.", "#discussion")
