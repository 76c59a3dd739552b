import pytest

from claimcheck.extensions import db
from claimcheck.models import Claim
from claimcheck.services import verdicts
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.errors import NotFound, ServiceError

pytestmark = pytest.mark.usefixtures("app_context")


def test_defaults_with_their_ratings():
    labels = {label.name: label.rating for label in verdicts.active_labels()}
    assert labels == {
        "True": 5,
        "Mostly true": 4,
        "Mixed": 3,
        "Misleading": 2,
        "Mostly false": 2,
        "False": 1,
        "Unverifiable": None,
    }


def test_lead_renames_adds_and_retires_labels():
    label = verdicts.find_label("mixed")
    verdicts.update_label(label, "Half true", 3)
    added = verdicts.add_label("Satire", None)
    verdicts.retire_label(added)
    names = [label.name for label in verdicts.active_labels()]
    assert "Half true" in names
    assert "Mixed" not in names
    assert "Satire" not in names
    with pytest.raises(NotFound):
        verdicts.find_label("Satire")
    verdicts.restore_label(added)
    assert verdicts.find_label("satire").id == added.id


def test_duplicate_names_and_bad_ratings_are_refused():
    with pytest.raises(ServiceError, match="already"):
        verdicts.add_label("false", 1)
    with pytest.raises(ServiceError, match="rating"):
        verdicts.add_label("Wild", 9)


def test_a_label_in_use_cannot_be_deleted():
    article = import_article("Prices rose 5% in 2020.", ArticleDetails(title="T"), None)
    label = verdicts.find_label("False")
    claim = article.claims[0]
    claim.verdict_id = label.id
    db.session.flush()
    with pytest.raises(ServiceError, match="retire it instead"):
        verdicts.delete_label(label)
    unused = verdicts.add_label("Unused", None)
    verdicts.delete_label(unused)
    db.session.flush()
    assert db.session.get(Claim, claim.id).verdict_id == label.id


def test_a_name_taken_at_the_same_moment_gets_a_message(monkeypatch):
    # The check before writing passed for both leads; the database's unique rule decides.
    monkeypatch.setattr(verdicts, "_refuse_duplicate", lambda name, label_id=None: None)
    with pytest.raises(ServiceError, match="already a verdict"):
        verdicts.add_label("False", 1)
    assert verdicts.find_label("False").rating == 1
