import pytest

from claimcheck.diffs import has_changes, word_diff


def rebuild(segments, side):
    keep = {"old": ("equal", "delete"), "new": ("equal", "insert")}[side]
    return "".join(text for op, text in segments if op in keep)


EXAMPLES = [
    ("The quick brown fox.", "The slow red fox."),
    (
        "Unemployment fell to 4.2%, the minister said.",
        "Unemployment fell to 4.5% the minister said!",
    ),
    ("the the the cat", "the cat the the"),
    ("a b a b a b", "b a b a"),
    ("Café prices rose 10 % in Zürich", "Café prices rose 12 % in Genève — officially"),
    ("数字は増えた", "数字は減った"),
    ("line one\n\nline two  ", "line one\nline two"),
    ("", "Something new"),
    ("Something old", ""),
    ("", ""),
    ("same text", "same text"),
    ("  leading and trailing  ", "leading and trailing"),
    (" ".join(["word"] * 300) + " end", " ".join(["word"] * 300) + " finish"),
]


@pytest.mark.parametrize(("old", "new"), EXAMPLES)
def test_equal_and_deleted_segments_rebuild_the_old_text_exactly(old, new):
    assert rebuild(word_diff(old, new), "old") == old


@pytest.mark.parametrize(("old", "new"), EXAMPLES)
def test_equal_and_inserted_segments_rebuild_the_new_text_exactly(old, new):
    assert rebuild(word_diff(old, new), "new") == new


@pytest.mark.parametrize(("old", "new"), EXAMPLES)
def test_segments_are_never_empty_and_neighbours_never_share_an_op(old, new):
    segments = word_diff(old, new)
    assert all(text for _, text in segments)
    assert all(a[0] != b[0] for a, b in zip(segments, segments[1:], strict=False))
    assert {op for op, _ in segments} <= {"equal", "delete", "insert"}


def test_a_changed_word_is_deleted_then_inserted_whole():
    assert word_diff("The claim is false.", "The claim is true.") == [
        ("equal", "The claim is "),
        ("delete", "false"),
        ("insert", "true"),
        ("equal", "."),
    ]


def test_neighbouring_changed_words_form_one_change():
    assert word_diff("The quick brown fox", "The slow red fox") == [
        ("equal", "The "),
        ("delete", "quick brown"),
        ("insert", "slow red"),
        ("equal", " fox"),
    ]


def test_punctuation_changes_alone_leave_the_words_equal():
    assert word_diff("rose 4.2%, officials said", "rose 4.2% officials said") == [
        ("equal", "rose 4.2%"),
        ("delete", ","),
        ("equal", " officials said"),
    ]


def test_an_inserted_word_is_only_an_insertion():
    assert word_diff("prices rose", "prices sharply rose") == [
        ("equal", "prices "),
        ("insert", "sharply "),
        ("equal", "rose"),
    ]


def test_words_differ_as_whole_words_not_letters():
    assert word_diff("unclear", "nuclear") == [("delete", "unclear"), ("insert", "nuclear")]


def test_unchanged_text_is_one_equal_segment():
    assert word_diff("Nothing changed here.", "Nothing changed here.") == [
        ("equal", "Nothing changed here.")
    ]


def test_none_counts_as_empty():
    assert word_diff(None, None) == []
    assert word_diff(None, "New claim") == [("insert", "New claim")]
    assert word_diff("Old claim", None) == [("delete", "Old claim")]


def test_has_changes_compares_exactly():
    assert not has_changes("same", "same")
    assert has_changes("same", "same ")
    assert has_changes("Same", "same")


def test_has_changes_treats_none_as_empty():
    assert not has_changes(None, "")
    assert not has_changes(None, None)
    assert has_changes(None, "x")
