"""Articles: the list, importing, and the review page with claims highlighted in place."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import ORMOption

from claimcheck.articles.forms import ArticleDetailsForm, ImportArticleForm
from claimcheck.articles.highlight import runs
from claimcheck.articles.importing import details_from_file, details_from_form, read_submission
from claimcheck.claims.forms import AddClaimForm, ClaimActionForms
from claimcheck.extensions import db
from claimcheck.importing import DocumentError
from claimcheck.models import Article, Claim
from claimcheck.permissions import can_review, require
from claimcheck.services import articles as article_service
from claimcheck.services import matching
from claimcheck.services.article_list import list_articles
from claimcheck.services.errors import ServiceError
from claimcheck.workflow import EDITABLE_STATES

bp = Blueprint("articles", __name__)


def _article(article_id: int, *options: ORMOption) -> Article:
    article = db.session.get(Article, article_id, options=options)
    if article is None:
        abort(404)
    return article


@bp.route("/")
@require(can_review)
def index():
    """Articles newest first, found by title, with how many claims await a decision."""
    search = request.args.get("q", "").strip()
    result = list_articles(search, request.args.get("page", 1, type=int))

    def page_url(number: int) -> str:
        return url_for("articles.index", q=search or None, page=number)

    return render_template("articles/index.html", result=result, search=search, page_url=page_url)


@bp.route("/articles/new", methods=["GET", "POST"])
@require(can_review)
def create():
    """Paste or upload an article; its claims are found as it is saved."""
    form = ImportArticleForm()
    if form.validate_on_submit():
        try:
            submission = read_submission(form, current_app.config)
            article = article_service.import_article(
                submission.text,
                details_from_form(form, submission),
                current_user,
                source_format=submission.source_format,
                max_chars=current_app.config["ARTICLE_MAX_CHARS"],
            )
        except (ServiceError, DocumentError) as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            message = f"Imported “{article.title}”: {len(article.claims)} claims found."
            from_file = details_from_file(form, submission)
            if from_file:
                message += (
                    f" Taken from the file: {', '.join(from_file)}; Edit details changes them."
                )
            flash(message, "success")
            return redirect(url_for("articles.detail", article_id=article.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("articles/new.html", form=form), status


@bp.route("/articles/<int:article_id>")
@require(can_review)
def detail(article_id: int):
    """The review page: the text with claims marked, the ranked list and the open claim."""
    # The claims with the sources their confirmed attributions name: one statement each.
    article = _article(article_id, selectinload(Article.claims).selectinload(Claim.source))
    claims = [c for c in article.claims if c.is_visible]
    selected = None
    if (wanted := request.args.get("claim", type=int)) is not None:
        selected = next((c for c in claims if c.id == wanted), None)
    ranked = sorted(claims, key=lambda c: (c.state == "dismissed", -c.score, c.start))
    return render_template(
        "articles/detail.html",
        article=article,
        runs=runs(article.text, [c for c in claims if c.state != "dismissed"]),
        ranked=ranked,
        selected=selected,
        forms=ClaimActionForms.for_claim(selected) if selected else None,
        editable=selected is not None and selected.state in EDITABLE_STATES,
        add_form=AddClaimForm(),
        details_form=ArticleDetailsForm(obj=article),
        rerun_form=ClaimActionForms.confirm(),
        earlier_checks=matching.best_checks_for_article(article),
    )


@bp.route("/articles/<int:article_id>/details", methods=["POST"])
@require(can_review)
def update_details(article_id: int):
    """Correct an article's title, publication, URL, byline, date or language."""
    article = _article(article_id)
    form = ArticleDetailsForm()
    try:
        if not form.validate():
            raise ServiceError("; ".join(e for errors in form.errors.values() for e in errors))
        article_service.update_details(article, details_from_form(form), current_user)
    except ServiceError as error:
        db.session.rollback()
        flash(f"Details not saved: {error}", "error")
    else:
        db.session.commit()
        flash("Details saved.", "success")
    return redirect(url_for("articles.detail", article_id=article.id))


@bp.route("/articles/<int:article_id>/reextract", methods=["POST"])
@require(can_review)
def reextract(article_id: int):
    """Run the analysis again without losing any reviewer's decision."""
    article = _article(article_id)
    result = article_service.rerun_extraction(article, current_user)
    db.session.commit()
    flash(
        f"Extraction run again: {result.added} new, {result.updated} updated, "
        f"{result.kept} kept as reviewers left them.",
        "success",
    )
    return redirect(url_for("articles.detail", article_id=article.id))
