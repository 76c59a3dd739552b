"""What the matcher finds: same claims in other words, and not look-alikes that differ."""

from __future__ import annotations

import pytest

from claimcheck.matching import DEFAULT_THRESHOLD, ClaimIndex, Match, MatchSettings

CLAIMS = [
    {
        "id": "taliban-85",
        "text": "The Taliban control 85% of Afghan territory.",
        "title": "Do the Taliban Control 85% of Afghanistan?",
    },
    {"id": "unemployment", "text": "Unemployment fell to 3.5% in 2019, the lowest in fifty years."},
    {"id": "merkel", "text": "Angela Merkel said Germany would take in one million refugees."},
    {
        "id": "troops",
        "text": "The United States will withdraw all troops from Afghanistan by 2021.",
    },
    {"id": "climate", "text": "The United Nations declared a climate emergency on July 12, 2019."},
    {"id": "polio", "text": "The CDC removed pages linking polio vaccines to cancer."},
    {
        "id": "oreo",
        "text": "Nabisco moved all production of Oreo cookies to Mexico.",
        "title": "Are Oreo Cookies Now Produced in Mexico?",
    },
    {
        "id": "food-stamps",
        "text": "Republicans in Alabama filed a bill which would prohibit people who owned cars "
        "from receiving food stamps.",
        "title": "Will Alabama Take Away Your Food Stamps If You Own a Car?",
    },
    {
        "id": "coach",
        "text": "Bernie Sanders flies coach while traveling for his presidential campaign.",
        "title": "Bernie Sanders Flies Coach?",
    },
    {"id": "bridge", "text": "A bridge in Genoa collapsed in August 2018, killing 43 people."},
    {"id": "wall", "text": "Mexico agreed to pay for the border wall."},
]


@pytest.fixture(scope="module")
def index() -> ClaimIndex:
    return ClaimIndex(CLAIMS)


def best(index: ClaimIndex, text: str) -> str | None:
    """Return the id of the best claim above the threshold, if any."""
    found = index.search(text)
    return found[0].id if found else None


def ranked_score(index: ClaimIndex, text: str, claim_id: str) -> float:
    """Return the claim's score with no threshold (0 when not ranked)."""
    return next((m.score for m in index.search(text, 5, 0.0) if m.id == claim_id), 0.0)


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban control 85 percent of Afghan territory",
        "the taliban control 85 per cent of afghan territory",
        "Taliban control eighty-five per cent of Afghan territory",
    ],
)
def test_percentages_in_words_match_digits(index: ClaimIndex, text: str) -> None:
    assert best(index, text) == "taliban-85"


def test_a_different_percentage_is_not_a_match(index: ClaimIndex) -> None:
    text = "The Taliban control 58% of Afghan territory"
    assert best(index, text) is None
    assert 0 < ranked_score(index, text, "taliban-85") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban do not control 85% of Afghan territory",
        "The Taliban don't control 85% of Afghan territory",
        "The Taliban never controlled 85% of Afghan territory",
    ],
)
def test_a_negated_claim_is_pushed_below_the_threshold(index: ClaimIndex, text: str) -> None:
    assert best(index, text) is None
    assert 0 < ranked_score(index, text, "taliban-85") < DEFAULT_THRESHOLD


def test_negation_on_both_sides_still_matches() -> None:
    claims = [{"id": "a", "text": "The Taliban do not control 85% of Afghan territory."}]
    assert best(ClaimIndex(claims), "Taliban don't control 85 percent of Afghan territory") == "a"


@pytest.mark.parametrize(
    "text",
    [
        "The UN declared a climate emergency on 12 July 2019",
        "The U.N. declared a climate emergency on the 12th of July, 2019",
    ],
)
def test_dates_written_differently_match(index: ClaimIndex, text: str) -> None:
    assert best(index, text) == "climate"


@pytest.mark.parametrize(
    "text",
    [
        "The UN declared a climate emergency on July 13, 2019",
        "The UN declared a climate emergency on July 12, 2017",
    ],
)
def test_another_day_or_year_is_not_a_match(index: ClaimIndex, text: str) -> None:
    assert best(index, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "US will withdraw all troops from Afghanistan by 2021",
        "U.S. to withdraw all its troops from Afghanistan by 2021",
        "America will withdraw all troops from Afghanistan by 2021",
    ],
)
def test_short_forms_of_a_country_match(index: ClaimIndex, text: str) -> None:
    assert best(index, text) == "troops"


def test_acronym_matches_its_long_form(index: ClaimIndex) -> None:
    text = "Centers for Disease Control removed pages linking polio vaccines to cancer"
    assert best(index, text) == "polio"


def test_a_surname_alone_matches_the_full_name(index: ClaimIndex) -> None:
    with_surname = ranked_score(
        index, "Merkel said Germany would take in a million refugees", "merkel"
    )
    assert with_surname >= DEFAULT_THRESHOLD
    other_number = "Merkel said Germany would take in two million refugees"
    assert best(index, other_number) is None


def test_a_full_name_matches_a_claim_naming_the_surname_only() -> None:
    claims = [
        *CLAIMS[1:],
        {"id": "surname", "text": "Merkel said Germany would welcome refugees from Syria."},
    ]
    text = "Chancellor Angela Merkel said Germany would welcome refugees from Syria"
    assert best(ClaimIndex(claims), text) == "surname"


def test_a_count_that_differs_is_not_a_match(index: ClaimIndex) -> None:
    assert best(index, "A bridge collapsed in Genoa killing 43") == "bridge"
    assert best(index, "A bridge collapsed in Genoa killing 34") is None


@pytest.mark.parametrize(
    ("text", "claim_id"),
    [
        ("Oreo cookies are now made in Mexico", "oreo"),
        ("Alabama Republicans want to deny food stamps to people who own a car", "food-stamps"),
        ("Bernie Sanders is flying coach on the campaign trail", "coach"),
    ],
)
def test_paraphrases_match(index: ClaimIndex, text: str, claim_id: str) -> None:
    assert best(index, text) == claim_id


def test_tweet_noise_does_not_stop_a_match(index: ClaimIndex) -> None:
    tweet = (
        "In Alabama you won't be able to own a car & get food stamps. "
        "https://t.co/MpkbqrEdsn pic.twitter.com/x1y2z3 — Amy Jo Cousins (@_AJCousins) "
        "March 18, 2016"
    )
    assert best(index, tweet) == "food-stamps"


def test_a_signature_alone_does_not_make_a_match(index: ClaimIndex) -> None:
    tweet = "Great game tonight! pic.twitter.com/abc — Bernie Sanders (@BernieSanders) May 26, 2016"
    assert index.search(tweet) == []


def test_unrelated_text_finds_nothing(index: ClaimIndex) -> None:
    assert index.search("The moon is made of green cheese") == []
    assert index.search("") == []
    assert index.search("the of and") == []


def test_nothing_below_the_threshold_is_returned(index: ClaimIndex) -> None:
    texts = [
        "Taliban territory",
        "Mexico",
        "Oreo cookies are now made in Mexico",
        "Germany refugees",
        "climate emergency",
    ]
    for threshold in (0.2, DEFAULT_THRESHOLD, 0.9):
        for text in texts:
            found = index.search(text, 5, threshold)
            assert all(m.score >= threshold for m in found)
            unfiltered = [m for m in index.search(text, 5, 0.0) if m.score >= threshold]
            assert found == unfiltered


def test_the_threshold_setting_is_the_default_floor() -> None:
    text = "Taliban territory"
    loose = ClaimIndex(CLAIMS, MatchSettings(threshold=0.0))
    strict = ClaimIndex(CLAIMS, MatchSettings(threshold=0.99))
    assert loose.search(text)
    assert strict.search(text) == []


def test_results_are_best_first_scored_0_to_1_and_limited(index: ClaimIndex) -> None:
    found = index.search("Mexico Oreo wall Taliban Afghanistan", 3, 0.0)
    assert len(found) == 3
    assert all(isinstance(m, Match) and 0.0 <= m.score <= 1.0 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert index.search("Oreo", 0, 0.0) == []


def test_claims_can_be_added_and_removed() -> None:
    index = ClaimIndex()
    assert len(index) == 0
    assert index.search("Oreo cookies are now made in Mexico") == []
    for claim in CLAIMS:
        index.add(claim["id"], claim["text"], claim.get("title", ""))
    assert "oreo" in index
    assert best(index, "Oreo cookies are now made in Mexico") == "oreo"
    assert index.remove("oreo")
    assert not index.remove("oreo")
    assert best(index, "Oreo cookies are now made in Mexico") is None
    index.add("oreo-again", "Nabisco moved all production of Oreo cookies to Mexico.")
    assert best(index, "Oreo cookies are now made in Mexico") == "oreo-again"


def test_adding_an_id_twice_is_an_error(index: ClaimIndex) -> None:
    with pytest.raises(ValueError, match="already"):
        index.add("oreo", "Something else")


def test_common_words_are_read_only_up_to_the_postings_limit() -> None:
    settings = MatchSettings(postings_limit=8, threshold=0.0)
    filler = [{"id": f"f{n}", "text": f"Officials said the report {n} was long"} for n in range(40)]
    claims = [*filler, {"id": "short", "text": "Officials report"}]
    index = ClaimIndex(claims, settings)
    found = index.search("officials report", 50)
    # Only the claims whose postings were kept can come back; the shortest is among them.
    assert found[0].id == "short"
    assert len(found) <= 2 * settings.postings_limit
