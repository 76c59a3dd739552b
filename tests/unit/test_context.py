from claimcheck.review.context import context_around
from claimcheck.services.demo import demo_article_text


def test_context_is_the_sentence_before_and_after():
    text = demo_article_text()
    start = text.index("According to a local correspondent")
    end = text.index("ground there.") + len("ground there.")
    context = context_around(text, start, end)
    assert context.before.startswith("The head of US and NATO forces")
    assert context.passage == text[start:end]
    assert context.after.startswith("During a ceremony")


def test_context_at_the_edges_of_the_article():
    text = "Only one sentence here."
    context = context_around(text, 0, len(text))
    assert (context.before, context.after) == ("", "")


def test_neighbours_from_other_paragraphs_are_flagged_apart():
    text = demo_article_text()
    start = text.index("According to a local correspondent")
    end = text.index("ground there.") + len("ground there.")
    context = context_around(text, start, end)
    assert (context.before_apart, context.after_apart) == (False, True)

    start = text.index("The head of US and NATO forces")
    end = text.index("from the country.") + len("from the country.")
    context = context_around(text, start, end)
    assert context.before.startswith("Afghanistan: the head of the American troops")
    assert (context.before_apart, context.after_apart) == (True, False)
