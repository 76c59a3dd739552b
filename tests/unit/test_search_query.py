"""Reading typed search queries: the same meaning for FTS5 and PostgreSQL, never an error."""

import pytest

from claimcheck.search_query import MAX_TERMS, parse, to_fts5, to_websearch


def test_words_must_all_appear():
    query = parse("Taliban territory")
    assert to_fts5(query) == '"taliban" AND "territory"'
    assert to_websearch(query) == "taliban territory"


def test_phrases_exclusions_and_alternatives():
    query = parse('"Afghan territory" -control taliban OR insurgents')
    assert to_fts5(query) == '"afghan territory" AND ("taliban" OR "insurgents") NOT "control"'
    assert to_websearch(query) == '"afghan territory" -control taliban or insurgents'


def test_common_words_are_left_out_except_inside_phrases():
    assert parse("the").is_empty
    assert to_fts5(parse("not the truth")) == '"truth"'
    assert to_fts5(parse('"not the truth"')) == '"not the truth"'


def test_a_hyphenated_word_stays_one_term():
    assert to_fts5(parse("covid-19 deaths")) == '"covid 19" AND "deaths"'


@pytest.mark.parametrize(
    "hostile",
    [
        '"unbalanced',
        "((taliban",
        "NEAR(a b, 3)",
        "*",
        "tal*",
        "a AND OR NOT",
        "'; DROP TABLE claim; --",
        'x" OR 1=1 --',
        "^taliban",
        "col:taliban",
        "\x00\u202e",
        "OR",
        "-",
        "- - -",
    ],
)
def test_no_input_gives_an_expression_with_operators_of_its_own(hostile):
    expression = to_fts5(parse(hostile))
    # Every word is inside quotes; what is outside is only AND, OR, NOT and brackets.
    outside = "".join(part for index, part in enumerate(expression.split('"')) if index % 2 == 0)
    assert set(outside.replace("AND", "").replace("OR", "").replace("NOT", "")) <= set(" ()")


def test_only_exclusions_or_nothing_means_no_search():
    assert parse("-taliban").is_empty
    assert parse("").is_empty
    assert parse("   ").is_empty


def test_very_long_input_is_cut_to_a_few_terms():
    query = parse(" ".join(f"word{n}" for n in range(500)))
    assert len(query.terms) <= MAX_TERMS
