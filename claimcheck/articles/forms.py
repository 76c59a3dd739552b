"""Forms for bringing an article in and editing its details."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from claimcheck.services.articles import FIELD_LIMITS


class ArticleDetailsForm(FlaskForm):
    """An article's metadata; the URL is kept as information and never fetched."""

    title = StringField("Title", validators=[Length(max=FIELD_LIMITS["title"])])
    publication = StringField("Publication", validators=[Length(max=FIELD_LIMITS["publication"])])
    url = StringField(
        "URL",
        validators=[Optional(), Length(max=FIELD_LIMITS["url"])],
        description="Where it was published. ClaimCheck never visits it.",
    )
    byline = StringField("Byline", validators=[Length(max=FIELD_LIMITS["byline"])])
    published = DateField("Published on", validators=[Optional()])
    language = StringField(
        "Language", default="en", validators=[Length(max=FIELD_LIMITS["language"])]
    )
    submit = SubmitField("Save details")


class ImportArticleForm(ArticleDetailsForm):
    """Pasted text or an uploaded file, with optional metadata that overrides the file's."""

    text = TextAreaField("Paste the article text", render_kw={"rows": 12})
    document = FileField(
        "…or upload a file",
        description=".txt, .html, .docx or .pdf (with a text layer). Details found in the "
        "file fill the fields you leave empty.",
        render_kw={"accept": ".txt,.text,.html,.htm,.docx,.pdf"},
    )
    # Empty by default, unlike the details form's, so a file's own language can fill it.
    language = StringField(
        "Language",
        validators=[Length(max=FIELD_LIMITS["language"])],
        description="Left empty: the file's language, else English (en).",
        render_kw={"placeholder": "en"},
    )
    submit = SubmitField("Import and find claims")
