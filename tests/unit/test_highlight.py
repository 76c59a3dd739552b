from types import SimpleNamespace

from claimcheck.articles.highlight import runs


def claim(id, start, end):
    return SimpleNamespace(id=id, start=start, end=end)


def test_runs_cover_the_whole_text_in_order():
    text = "One. Two three. Four."
    result = runs(text, [claim(1, 0, 4), claim(2, 5, 15)])
    assert "".join(r.text for r in result) == text
    assert [(r.start, r.end, r.claim_ids) for r in result] == [
        (0, 4, (1,)),
        (4, 5, ()),
        (5, 15, (2,)),
        (15, 21, ()),
    ]


def test_nested_claims_list_the_shortest_first():
    text = "abcdefghij"
    result = runs(text, [claim(1, 0, 10), claim(2, 3, 5)])
    assert [(r.text, r.claim_ids) for r in result] == [
        ("abc", (1,)),
        ("de", (2, 1)),
        ("fghij", (1,)),
    ]


def test_no_claims_is_one_plain_run():
    assert [(r.text, r.claim_ids) for r in runs("plain", [])] == [("plain", ())]
