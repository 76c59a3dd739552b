import re

from claimcheck.extensions import db
from claimcheck.models import Claim
from claimcheck.roles import Role
from claimcheck.services.articles import ArticleDetails, import_article


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
