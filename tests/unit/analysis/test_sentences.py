"""Sentence splitting and line kinds on news text."""

from __future__ import annotations

import pytest

from claimcheck.analysis.sentences import split_sentences


def texts(text: str) -> list[str]:
    """Return the sentence texts of text."""
    return [s.text for s in split_sentences(text)]


def test_abbreviation_gen_does_not_end_sentence() -> None:
    assert texts("Gen. Mark Milley spoke. He left.") == ["Gen. Mark Milley spoke.", "He left."]


def test_rank_lt_col_and_title_dr_do_not_end_sentence() -> None:
    text = "Lt. Col. Jones met Dr. Smith on Friday. They talked."
    assert texts(text) == ["Lt. Col. Jones met Dr. Smith on Friday.", "They talked."]


def test_country_abbreviations_stay_inside_sentence() -> None:
    text = "The U.S. Army and the U.N. mission left. Then it rained."
    assert texts(text) == ["The U.S. Army and the U.N. mission left.", "Then it rained."]


def test_abbreviation_at_end_of_sentence_splits_before_opener() -> None:
    assert texts("Troops returned to the U.S. The war ended.") == [
        "Troops returned to the U.S.",
        "The war ended.",
    ]


def test_month_abbreviation_before_day_does_not_end_sentence() -> None:
    assert texts("It happened on Sept. 11, 2001. Nobody forgot.") == [
        "It happened on Sept. 11, 2001.",
        "Nobody forgot.",
    ]


def test_decimals_and_percentages_do_not_split() -> None:
    assert texts("Inflation hit 3.5% in May. Growth was 0.4 percent.") == [
        "Inflation hit 3.5% in May.",
        "Growth was 0.4 percent.",
    ]


def test_initials_do_not_end_sentence() -> None:
    assert texts("J. R. R. Tolkien wrote it. It sold well.") == [
        "J. R. R. Tolkien wrote it.",
        "It sold well.",
    ]


def test_full_stops_inside_quotation_stay_in_one_sentence() -> None:
    text = 'He said: "We will win. We are ready." Then he left.'
    assert texts(text) == ['He said: "We will win. We are ready."', "Then he left."]


def test_curly_quotation_followed_by_speaker_is_one_sentence() -> None:
    text = "“Prices rose. Wages did not,” she said. Markets fell."
    assert texts(text) == ["“Prices rose. Wages did not,” she said.", "Markets fell."]


def test_ellipsis_splits_only_before_capital() -> None:
    assert texts("Prices rose... but not much. Then... Nothing.") == [
        "Prices rose... but not much.",
        "Then...",
        "Nothing.",
    ]


def test_dash_does_not_split() -> None:
    text = "The army – weakened – retreated. It lost."
    assert texts(text) == ["The army – weakened – retreated.", "It lost."]


def test_spans_are_exact_offsets_into_text() -> None:
    text = "  Dateline\n\nFirst one. Second  one!\nThird?  "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("September 19, 2021", "dateline"),
        ("19 September 2021", "dateline"),
        ("By Jane Doe", "byline"),
        ("Photo: Taliban fighters in Kabul.", "caption"),
        ("(AFP)", "caption"),
        ("Fighters patrol a street in Kabul on Monday. (AFP)", "caption"),
        ("Read more: Inflation rose in May", "related_link"),
        ("See also: The Taliban in Kabul", "related_link"),
        (">> To read: The Taliban claim to control 85% of Afghan territory", "related_link"),
    ],
)
def test_non_prose_line_kinds(line: str, kind: str) -> None:
    assert split_sentences(f"{line}\n\nThe army retreated on Monday.")[0].kind == kind


def test_short_unpunctuated_lines_are_headline_then_subheading() -> None:
    text = "Taliban advance\n\nThe army retreated.\n\nWhat comes next\n\nNobody knows."
    assert [s.kind for s in split_sentences(text)] == ["headline", "prose", "subheading", "prose"]


def test_wire_dateline_prefix_is_its_own_line() -> None:
    text = "KABUL, July 12 (Reuters) - The Taliban said they control 85% of the country."
    first, second = split_sentences(text)
    assert (first.kind, first.text) == ("dateline", "KABUL, July 12 (Reuters) -")
    assert second.kind == "prose"
    assert second.text.startswith("The Taliban said")


def test_related_link_body_excludes_marker() -> None:
    text = ">> To read: The Taliban claim to control 85% of Afghan territory"
    (sentence,) = split_sentences(text)
    assert sentence.text == "The Taliban claim to control 85% of Afghan territory"
    assert text[sentence.start : sentence.end] == sentence.text


def test_hard_wrapped_paragraph_is_joined() -> None:
    text = "The army retreated from the\nprovince on Monday. It lost."
    assert texts(text) == ["The army retreated from the\nprovince on Monday.", "It lost."]
