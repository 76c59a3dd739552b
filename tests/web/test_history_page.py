import re

from claimcheck.extensions import db
from claimcheck.models import Claim, User
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article
from claimcheck.services.evidence import EvidenceInput
from tests.support.journeys import approve_claim


def test_history_page_shows_word_differences_escaped_and_restores(app, client, login):
    login(Role.FACT_CHECKER)
    with app.app_context():
        article = import_article(
            "Unemployment fell to 4% in 2023.", ArticleDetails(title="T"), None
        )
        db.session.commit()
        claim_id = article.claims[0].id
    client.post(f"/claims/add/{article.id}", data={"start": 0, "end": 5})  # unrelated noise
    client.post(
        f"/claims/{claim_id}/wording", data={"text": "Unemployment fell to <b>3%</b> in 2023."}
    )
    page = client.get(f"/claims/{claim_id}/history").get_data(as_text=True)
    assert "fell to <del>4</del><ins>&lt;b&gt;3</ins>%<ins>&lt;/b&gt;</ins> in 2023." in page
    first = re.findall(r"/claims/\d+/history/(\d+)/restore", page)[-1]
    assert client.post(f"/claims/{claim_id}/history/{first}/restore").status_code == 302
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        assert claim.text == "Unemployment fell to 4% in 2023."
        assert claim.revisions[-1].action == "restored"


def test_history_and_lead_timeline_read_in_words(app, client, login, make_user):
    checker = make_user(Role.FACT_CHECKER, name="Farah Checker")
    editor = make_user(Role.EDITOR, name="Eddie Editor")
    with app.app_context():
        article = import_article(
            "Unemployment fell to 4% in 2023.", ArticleDetails(title="T"), None
        )
        claim = article.claims[0]
        approve_claim(
            claim,
            db.session.get(User, checker.id),
            db.session.get(User, editor.id),
            evidence=EvidenceInput(
                url="https://example.org/jobs", title="Jobs <report>", relation="supports"
            ),
            verdict="True",
            rationale="The bureau's figure is 4%.",
        )
        db.session.commit()
        claim_id = claim.id
    login(Role.LEAD)
    for path in (f"/claims/{claim_id}/history", f"/audit/claims/{claim_id}"):
        page = client.get(path).get_data(as_text=True)
        assert "<td>Awaiting approval</td><td>Approved</td>" in page
        assert "evidence the verdict rests on" in page
        assert "<td>Jobs &lt;report&gt;</td>" in page  # the title, escaped, not the id
        assert re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC</td>", page)
        assert "awaiting_approval" not in page.split('<ol class="timeline')[1]
