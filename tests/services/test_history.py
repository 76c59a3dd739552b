import pytest

from claimcheck.extensions import db
from claimcheck.roles import Role
from claimcheck.services import history
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.attribution import set_attribution
from claimcheck.services.claims import edit_wording
from claimcheck.services.errors import ServiceError

pytestmark = pytest.mark.usefixtures("app_context")


@pytest.fixture
def checker(make_user):
    return db.session.merge(make_user(Role.FACT_CHECKER))


@pytest.fixture
def claim(checker):
    article = import_article(
        "The Taliban claim to control 85% of Afghan territory.", ArticleDetails(title="T"), None
    )
    return article.claims[0]


def test_restore_brings_back_wording_and_attribution_as_a_new_revision(claim, checker):
    original = claim.text
    set_attribution(claim, checker, kind="named", source_name="the Taliban", cue="claim")
    after_attribution = claim.revisions[-1]
    edit_wording(claim, checker, "The Taliban control most of Afghanistan")
    set_attribution(claim, checker, kind="unnamed", source_name="officials", cue="said")
    db.session.flush()

    history.restore(claim, checker, after_attribution)
    assert claim.text == original
    assert claim.source.name == "the Taliban"
    assert claim.attribution_cue == "claim"
    restored = claim.revisions[-1]
    assert restored.action == "restored"
    assert restored.changes["text"] == ["The Taliban control most of Afghanistan", original]
    assert f"revision {after_attribution.id}" in restored.reason
    # Every earlier revision is still there, untouched.
    assert [r.action for r in claim.revisions] == [
        "extracted",
        "attribution",
        "edited",
        "attribution",
        "restored",
    ]


def test_restoring_the_current_version_changes_nothing(claim, checker):
    edit_wording(claim, checker, "Reworded")
    db.session.flush()
    with pytest.raises(ServiceError, match="already reads"):
        history.restore(claim, checker, claim.revisions[-1])


def test_values_at_the_first_revision_are_the_extracted_ones(claim, checker):
    first = claim.revisions[0]
    edit_wording(claim, checker, "Reworded")
    db.session.flush()
    assert history.values_at(claim, first)["text"] == claim.article.text.rstrip()
