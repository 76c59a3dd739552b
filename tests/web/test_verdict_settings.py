import re

import pytest
from sqlalchemy import event, select

from claimcheck.extensions import db
from claimcheck.models import VerdictLabel
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article

PAGE = "/settings/verdicts"


def _label(app, name):
    with app.app_context():
        label = db.session.scalar(select(VerdictLabel).where(VerdictLabel.name == name))
        if label is not None:
            db.session.expunge(label)
        return label


def _names(app):
    with app.app_context():
        return list(
            db.session.scalars(
                select(VerdictLabel.name).order_by(VerdictLabel.position, VerdictLabel.id)
            )
        )


def _edit(client, label_id, name, rating):
    """Post one label's edit form, whose fields carry the label's prefix."""
    prefix = f"label-{label_id}-"
    data = {f"{prefix}name": name, f"{prefix}rating": rating}
    data[f"{prefix}csrf_token"] = client.csrf_token()
    return client.post(f"{PAGE}/{label_id}", data=data)


def _give_claim_the_verdict(app, name):
    with app.app_context():
        article = import_article("Prices rose 5% in 2020.", ArticleDetails(title="T"), None)
        label = db.session.scalar(select(VerdictLabel).where(VerdictLabel.name == name))
        article.claims[0].verdict_id = label.id
        db.session.commit()


def test_lead_sees_every_label_with_its_rating_and_use(app, client, login):
    _give_claim_the_verdict(app, "False")
    login(Role.LEAD)
    response = client.get(PAGE)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "5 means true" in body
    for name in ("True", "Mostly true", "Mixed", "Misleading", "False", "Unverifiable"):
        assert f"<td>{name}</td>" in body
    assert body.index("<td>True</td>") < body.index("<td>Unverifiable</td>")
    assert "<td>no rating</td>" in body
    assert "<td>1 — false</td>\n      <td>1</td>" in body


def test_each_rows_buttons_name_their_label_for_screen_readers(app, client, login):
    _give_claim_the_verdict(app, "False")
    login(Role.LEAD)
    body = client.get(PAGE).get_data(as_text=True)
    hidden = '<span class="visually-hidden"> {}</span>'
    assert "Retire" + hidden.format("Mostly true") in body
    assert "Delete" + hidden.format("Mostly true") in body
    # A label in use offers no delete button at all.
    assert "Retire" + hidden.format("False") in body
    assert "Delete" + hidden.format("False") not in body


def test_claims_are_counted_in_one_query_for_all_labels(app, client, login):
    _give_claim_the_verdict(app, "False")
    login(Role.LEAD)
    with app.app_context():
        engine = db.engine
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(PAGE).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len([s for s in statements if "FROM claim" in s]) == 1


def test_lead_renames_and_rerates_a_label(app, client, login):
    mixed = _label(app, "Mixed")
    login(Role.LEAD)
    response = _edit(client, mixed.id, "Half true", "4")
    assert response.status_code == 302
    assert response.headers["Location"] == PAGE
    changed = _label(app, "Half true")
    assert (changed.id, changed.rating) == (mixed.id, 4)
    assert "“Half true” is saved." in client.get(PAGE).get_data(as_text=True)


def test_lead_removes_a_rating(app, client, login):
    true = _label(app, "True")
    login(Role.LEAD)
    assert _edit(client, true.id, "True", "").status_code == 302
    assert _label(app, "True").rating is None


def test_lead_adds_a_label_at_the_end(app, client, login):
    login(Role.LEAD)
    response = client.post(PAGE, data={"name": "  Satire ", "rating": ""})
    assert response.status_code == 302
    assert _names(app)[-1] == "Satire"
    assert _label(app, "Satire").rating is None
    assert "“Satire” is added" in client.get(PAGE).get_data(as_text=True)


def test_lead_retires_and_brings_back_a_label(app, client, login):
    misleading = _label(app, "Misleading")
    login(Role.LEAD)
    assert client.post(f"{PAGE}/{misleading.id}/retire").status_code == 302
    assert _label(app, "Misleading").is_retired
    body = client.get(PAGE).get_data(as_text=True)
    assert "is retired" in body
    assert f'action="{PAGE}/{misleading.id}/restore"' in body
    assert client.post(f"{PAGE}/{misleading.id}/restore").status_code == 302
    assert not _label(app, "Misleading").is_retired


def test_lead_deletes_a_label_no_claim_has(app, client, login):
    mostly_false = _label(app, "Mostly false")
    login(Role.LEAD)
    assert f'action="{PAGE}/{mostly_false.id}/delete"' in client.get(PAGE).get_data(as_text=True)
    response = client.post(f"{PAGE}/{mostly_false.id}/delete", follow_redirects=True)
    assert "“Mostly false” is deleted." in response.get_data(as_text=True)
    assert "Mostly false" not in _names(app)


def test_a_label_in_use_cannot_be_deleted(app, client, login):
    _give_claim_the_verdict(app, "False")
    false = _label(app, "False")
    login(Role.LEAD)
    assert f'action="{PAGE}/{false.id}/delete"' not in client.get(PAGE).get_data(as_text=True)
    response = client.post(f"{PAGE}/{false.id}/delete", follow_redirects=True)
    assert response.status_code == 200
    assert "retire it instead" in response.get_data(as_text=True)
    assert "False" in _names(app)


def test_duplicate_new_label_is_refused_with_the_typed_input_kept(app, client, login):
    login(Role.LEAD)
    response = client.post(PAGE, data={"name": "mostly TRUE", "rating": "3"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "There is already a verdict called “Mostly true”." in body
    assert 'value="mostly TRUE"' in body
    assert '<option selected value="3">' in body
    assert _names(app).count("Mostly true") == 1


def test_duplicate_rename_is_refused_with_the_typed_input_kept(app, client, login):
    mixed = _label(app, "Mixed")
    login(Role.LEAD)
    response = _edit(client, mixed.id, "false", "2")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "There is already a verdict called “False”." in body
    assert re.search(rf'<input [^>]*id="label-{mixed.id}-name"[^>]*value="false"', body)
    select_ = re.search(rf'<select id="label-{mixed.id}-rating".*?</select>', body, re.S)
    assert '<option selected value="2">' in select_.group(0)
    assert '<details class="details-editor" open>' in body
    assert _label(app, "Mixed").rating == 3


@pytest.mark.parametrize("rating", ["9", "true"])
def test_a_rating_off_the_scale_is_refused(app, client, login, rating):
    login(Role.LEAD)
    response = client.post(PAGE, data={"name": "Wild", "rating": rating})
    assert response.status_code == 422
    assert "Choose a rating from 1 to 5, or no rating." in response.get_data(as_text=True)
    assert "Wild" not in _names(app)


def test_an_empty_name_is_refused(app, client, login):
    login(Role.LEAD)
    response = client.post(PAGE, data={"name": "   ", "rating": "1"})
    assert response.status_code == 422
    assert len(_names(app)) == 7


def test_an_unknown_label_is_not_found(client, login):
    login(Role.LEAD)
    assert client.post(f"{PAGE}/999/retire").status_code == 404


@pytest.mark.parametrize("role", [Role.FACT_CHECKER, Role.EDITOR])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", ""),
        ("POST", ""),
        ("POST", "/{id}"),
        ("POST", "/{id}/retire"),
        ("POST", "/{id}/restore"),
        ("POST", "/{id}/delete"),
    ],
)
def test_only_leads_may_change_verdict_labels(app, client, login, role, method, path):
    false = _label(app, "False")
    login(role)
    url = PAGE + path.format(id=false.id)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"name": "Hijacked", "rating": "5"})
    assert response.status_code == 403
    assert _names(app).count("Hijacked") == 0
    assert not _label(app, "False").is_retired


def test_label_names_are_escaped(app, client, login):
    login(Role.LEAD)
    client.post(PAGE, data={"name": "<script>alert(1)</script>", "rating": ""})
    body = client.get(PAGE).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
