"""How texts become terms: numbers, dates, short forms, negation, names and tweet noise."""

from __future__ import annotations

import pytest

from claimcheck.matching.cleanup import clean_text, split_signature
from claimcheck.matching.stemming import stem
from claimcheck.matching.terms import analyse, base_term


def plain(text: str) -> list[str]:
    """Return the terms of a text without their marks."""
    return [base_term(t) for t in analyse(text)]


@pytest.mark.parametrize(
    "text",
    ["85%", "85 percent", "85 per cent", "eighty-five per cent", "eighty five percent", "85 pct"],
)
def test_percentages_written_any_way_become_one_term(text: str) -> None:
    assert plain(f"The Taliban control {text} of the country") == [
        "taliban",
        "control",
        "85%",
        "countri",
    ]


def test_different_percentages_stay_different() -> None:
    assert "85%" in plain("85% of the land")
    assert "58%" in plain("58% of the land")
    assert "85%" not in plain("58% of the land")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("1,200 jobs", "1200"),
        ("1.5 million people", "1500000"),
        ("two hundred and fifty people", "250"),
        ("a million refugees", "1000000"),
        ("$100 coupon", "$100"),
        ("100 dollars", "$100"),
        ("10k runners", "10000"),
        ("in the 1990s", "1990s"),
    ],
)
def test_numbers_and_units_are_normalised(text: str, term: str) -> None:
    assert term in plain(text)


def test_one_as_a_pronoun_is_not_a_number() -> None:
    assert plain("one of the senators") == ["senator"]


@pytest.mark.parametrize(
    "text", ["July 12", "12 July", "12th of July", "Jul. 12", "july 12th", "12 july"]
)
def test_day_and_month_in_either_order_give_one_date(text: str) -> None:
    assert plain(f"The poll was on {text}") == ["poll", "jul", "jul12"]


def test_dates_keep_their_year_and_differ_by_day() -> None:
    assert plain("on July 12, 2016") == ["jul", "jul12", "2016"]
    assert "jul13" in plain("on July 13, 2016")


def test_may_and_march_are_months_only_beside_a_number() -> None:
    assert plain("Rents may jump in May 2020") == ["rent", "jump", "may", "2020"]
    assert "mar" not in plain("Thousands march for peace")


@pytest.mark.parametrize(
    "text", ["US", "U.S.", "USA", "U.S.A.", "United States", "United States of America"]
)
def test_short_forms_of_the_united_states_meet(text: str) -> None:
    assert plain(f"the {text} army") == ["usa", "armi"]


def test_us_the_pronoun_is_not_the_country() -> None:
    assert plain("they warned us today") == ["warn", "todai"]


@pytest.mark.parametrize(("text", "term"), [("UN", "unitednations"), ("U.K.", "uk")])
def test_other_short_forms_meet_their_long_forms(text: str, term: str) -> None:
    long_forms = {"unitednations": "United Nations", "uk": "United Kingdom"}
    assert (
        plain(f"the {text} report") == plain(f"the {long_forms[term]} report") == [term, "report"]
    )


def test_a_capitalised_phrase_gives_its_acronym() -> None:
    terms = analyse("The Centers for Disease Control removed the page")
    assert "^cdc" in terms
    assert "cdc" in plain("The CDC removed the page")


def test_negation_marks_the_next_content_word() -> None:
    assert analyse("The Taliban do not control 85% of Afghanistan") == (
        "taliban",
        "!control",
        "85%",
        "afghanistan",
    )
    assert "!control" in analyse("The Taliban don't control the north")
    assert "!control" in analyse("The Taliban never controlled the north")


def test_negation_ends_at_punctuation() -> None:
    assert analyse("Not now, control it") == ("!now", "control")


def test_given_names_are_marked_so_a_surname_alone_can_match() -> None:
    assert analyse("Angela Merkel said so") == ("~angela", "merkel")


def test_stemming_merges_inflections() -> None:
    assert stem("banned") == stem("bans") == stem("ban")
    assert stem("controlled") == stem("control")
    assert stem("cities") == stem("city")
    assert stem("news") != stem("new")
    assert stem("died") == stem("dead") == stem("death") == stem("dies")
    assert stem("children") == stem("child")


def test_tweet_signature_links_and_pictures_are_removed() -> None:
    tweet = (
        "Illinois GOP bill attacks single moms https://t.co/wDGczl94dF "
        "pic.twitter.com/abc123 — Morgan Fairchild (@morgfair) February 25, 2016"
    )
    body, author = split_signature(tweet)
    assert author == "Morgan Fairchild"
    assert "t.co" not in clean_text(body)
    assert "pic.twitter" not in clean_text(body)
    terms = analyse(tweet)
    assert [t for t in terms if not t.startswith("@")] == [
        "illinois",
        "republican",
        "bill",
        "attack",
        "singl",
        "mom",
    ]
    # The signature's date is not a date of the claim; its name is kept, marked.
    assert "feb25" not in plain(tweet)
    assert {"@morgan", "@fairchild"} <= set(terms)


def test_handles_and_hashtags_are_split_into_words() -> None:
    assert plain(".@BernieSanders wins #NevadaCaucus") == [
        "berni",
        "sander",
        "win",
        "nevada",
        "caucus",
    ]
    assert plain("@CNN@HillaryClinton sick?")[:4] == ["cnn", "hillari", "clinton", "sick"]


def test_a_signature_alone_gives_no_terms() -> None:
    assert analyse("— Bernie Sanders (@BernieSanders) May 26, 2016") == ()
