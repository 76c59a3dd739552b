from claimcheck.revision_values import field_label, value_text

TITLES = {3: "Control map", 7: "Government statement"}


def test_states_attribution_kinds_and_flags_read_as_words():
    assert value_text("state", "awaiting_approval", TITLES) == "Awaiting approval"
    assert value_text("attribution_kind", "unnamed", TITLES) == "An unnamed or anonymous source"
    assert value_text("attribution_quote", False, TITLES) == "no"
    assert value_text("attribution_confirmed", True, TITLES) == "yes"


def test_timestamps_read_in_utc_to_the_second():
    at = "2026-11-26T16:28:05.703564+00:00"
    assert value_text("approved_at", at, TITLES) == "2026-11-26 16:28:05 UTC"
    assert (
        value_text("proposed_at", "2026-11-26T17:28:05+01:00", TITLES) == "2026-11-26 16:28:05 UTC"
    )
    assert value_text("approved_at", "not a time", TITLES) == "not a time"


def test_verdict_evidence_reads_as_titles_and_a_missing_item_by_number():
    assert value_text("verdict_evidence_ids", [3, 7], TITLES) == "Control map; Government statement"
    assert value_text("verdict_evidence_ids", [9], TITLES) == "evidence item 9"


def test_nothing_reads_as_none_so_the_page_shows_a_dash():
    for empty in (None, "", []):
        assert value_text("verdict_evidence_ids", empty, TITLES) is None
        assert value_text("rationale", empty, TITLES) is None


def test_evidence_summaries_and_lists_of_them():
    item = {"title": "Control map", "relation": "context", "url": "https://example.org/m"}
    assert value_text("evidence", item, TITLES) == "Control map (context)"
    assert value_text("evidence", [item, {"url": "https://example.org/x"}], TITLES) == (
        "Control map (context); https://example.org/x"
    )


def test_a_state_the_workflow_does_not_know_is_shown_as_stored():
    assert value_text("state", "archived", TITLES) == "archived"
    assert value_text("assignee", "Farah Checker", TITLES) == "Farah Checker"


def test_field_labels():
    assert field_label("verdict_evidence_ids") == "evidence the verdict rests on"
    assert field_label("attribution_cue") == "cue"
    assert field_label("approved_at") == "approved at"
    assert field_label("evidence.archive_url") == "evidence archive url"
