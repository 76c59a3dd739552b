"""Chart geometry: bars in proportion, ticks that read well, stacked bars that fill their width."""

import math

import pytest

from claimcheck.charts import Part, Series, axis_ticks, bar_chart, column_chart, stacked_bar


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (4, [0, 1, 2, 3, 4]),
        (7, [0, 2, 4, 6, 8]),
        (10, [0, 5, 10]),
        (100, [0, 50, 100]),
        (101, [0, 50, 100, 150]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_ticks_start_at_zero_and_reach_the_maximum_in_round_steps(maximum, ticks):
    assert axis_ticks(maximum) == ticks


def test_column_heights_are_proportional_and_zero_weeks_get_zero_height_bars():
    chart = column_chart(
        ["6 Jan", "13 Jan", "20 Jan"],
        [Series("Approved", [2, 0, 4], "approved"), Series("Proposed", [1, 0, 3], "proposed")],
        width=600,
        height=200,
    )
    approved = [group.bars[0] for group in chart.groups]
    proposed = [group.bars[1] for group in chart.groups]
    assert [bar.value for bar in approved] == [2, 0, 4]
    assert approved[1].height == 0
    assert proposed[1].height == 0
    assert approved[1].y == chart.baseline  # an empty week sits on the axis, not above it
    assert approved[2].height == pytest.approx(2 * approved[0].height)
    assert proposed[2].height == pytest.approx(3 * proposed[0].height)
    for bar in approved + proposed:
        assert bar.y + bar.height == pytest.approx(chart.baseline)
    # Side by side within a week, and the weeks left to right.
    assert approved[0].x + approved[0].width <= proposed[0].x + 1e-9
    assert proposed[0].x + proposed[0].width <= approved[1].x


def test_the_axis_top_is_the_last_tick_and_ticks_climb_the_plot():
    chart = column_chart(["a", "b"], [Series("Approved", [7, 3], "approved")], height=260)
    assert [tick.value for tick in chart.ticks] == [0, 2, 4, 6, 8]
    assert chart.ticks[0].y == chart.baseline
    assert chart.ticks[-1].y == pytest.approx(chart.top)
    assert [tick.label for tick in chart.ticks] == ["0", "2", "4", "6", "8"]
    tallest = chart.groups[0].bars[0]
    assert tallest.height == pytest.approx((chart.baseline - chart.top) * 7 / 8)


def test_an_all_zero_chart_still_has_an_axis():
    chart = column_chart(["a", "b"], [Series("Approved", [0, 0], "approved")])
    assert [tick.value for tick in chart.ticks] == [0, 1]
    assert all(group.bars[0].height == 0 for group in chart.groups)


def test_crowded_week_labels_are_thinned_but_every_bar_keeps_its_label():
    weeks = [f"week {n}" for n in range(53)]
    chart = column_chart(weeks, [Series("Approved", [1] * 53, "approved")], max_labels=14)
    shown = [group.label for group in chart.groups if group.show_label]
    assert 1 < len(shown) <= 14
    assert shown[0] == "week 0"
    assert [group.bars[0].label for group in chart.groups] == weeks
    few = column_chart(weeks[:5], [Series("Approved", [1] * 5, "approved")])
    assert all(group.show_label for group in few.groups)


def test_labels_are_kept_exactly_as_given():
    label = '<script>alert(1)</script> & "Mostly false"'
    columns = column_chart([label], [Series("Approved", [1], "approved")])
    bars = bar_chart([Part(label, 3, "rating-2")])
    segments = stacked_bar([Part(label, 3, "rating-2")])
    assert columns.groups[0].label == columns.groups[0].bars[0].label == label
    assert bars.rows[0].bar.label == label
    assert segments[0].label == label


def test_horizontal_bars_are_proportional_to_the_largest():
    chart = bar_chart(
        [Part("False", 4, "rating-1"), Part("True", 2, "rating-5"), Part("Unverifiable", 0, "x")],
        width=500,
    )
    false, true, unverifiable = (row.bar for row in chart.rows)
    assert true.width == pytest.approx(false.width / 2)
    assert unverifiable.width == 0
    assert false.x == true.x  # one column of labels, bars start together
    assert [row.bar.tone for row in chart.rows] == ["rating-1", "rating-5", "x"]
    assert false.x + false.width < 500
    assert chart.height == 3 * (true.y - false.y)


def test_stacked_segments_fill_the_full_width_in_order():
    parts = [Part("False", 1, "rating-1"), Part("Mixed", 1, "rating-3"), Part("True", 1, "r5")]
    segments = stacked_bar(parts, width=100)
    assert [s.label for s in segments] == ["False", "Mixed", "True"]
    assert math.isclose(sum(s.width for s in segments), 100)
    assert segments[0].x == 0
    assert segments[-1].x + segments[-1].width == 100
    for before, after in zip(segments, segments[1:], strict=False):
        assert before.x + before.width == after.x  # no gap, no overlap
    assert [round(s.share, 4) for s in segments] == [0.3333] * 3


def test_empty_parts_get_no_segment_and_nothing_gives_no_bar():
    segments = stacked_bar([Part("False", 3, "a"), Part("Mixed", 0, "b"), Part("True", 1, "c")])
    assert [(s.label, s.value) for s in segments] == [("False", 3), ("True", 1)]
    assert segments[0].width == pytest.approx(75)
    assert stacked_bar([Part("False", 0, "a")]) == ()
    assert stacked_bar([]) == ()
