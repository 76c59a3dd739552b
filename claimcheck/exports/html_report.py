"""The printable report, grouped by article, as a page or as one self-contained HTML file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from importlib.resources import files
from itertools import groupby

from flask import render_template
from markupsafe import Markup

from claimcheck.exports.records import ExportRecord

ArticleGroup = tuple[str, list[ExportRecord]]


def by_article(records: Iterable[ExportRecord]) -> list[ArticleGroup]:
    """Records grouped per article title, articles and claims in a stable order.

    The whole report is held at once; very large scopes belong in CSV or JSON Lines.
    """
    ordered = sorted(records, key=lambda r: (r.article_title.casefold(), r.claim_id))
    return [
        (title, list(group)) for title, group in groupby(ordered, key=lambda r: r.article_title)
    ]


def html_report(records: Iterable[ExportRecord], organisation: str, generated_at: datetime) -> str:
    """The report as an HTML document that opens anywhere, offline."""
    articles = by_article(records)
    css = files("claimcheck").joinpath("static/css/report.css").read_text(encoding="utf-8")
    return render_template(
        "reports/report_file.html",
        articles=articles,
        total=sum(len(group) for _, group in articles),
        organisation=organisation,
        generated_at=generated_at,
        # Our own stylesheet, not user text; marked safe so quotes in it stay as written.
        report_css=Markup(css),
    )
