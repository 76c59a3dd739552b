"""Chart geometry for server-drawn SVG: numbers in, rectangles, ticks and labels out.

Plain Python with no Flask and no database. A template draws the <svg> from these shapes,
so every label reaches the page through Jinja's auto-escaping and no script is needed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# Roughly how wide one character of a 13px label is, in viewBox units.
LABEL_CHAR_WIDTH = 7.0


@dataclass(frozen=True)
class Series:
    """One set of values drawn across the categories, in one colour (`tone`, a CSS class)."""

    name: str
    values: Sequence[int]
    tone: str


@dataclass(frozen=True)
class Part:
    """One labelled value of a horizontal bar chart or a stacked bar."""

    label: str
    value: int
    tone: str


@dataclass(frozen=True)
class Tick:
    """A value on the vertical axis and the height at which its gridline sits."""

    value: int
    y: float
    label: str


@dataclass(frozen=True)
class Rect:
    """A bar: where it sits, how big it is, and what it stands for."""

    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    tone: str


@dataclass(frozen=True)
class ColumnGroup:
    """The bars of one category side by side, and where its label goes (if shown)."""

    label: str
    label_x: float
    show_label: bool
    bars: tuple[Rect, ...]


@dataclass(frozen=True)
class ColumnChart:
    """Grouped vertical bars over categories, with a value axis on the left."""

    width: float
    height: float
    left: float
    top: float
    baseline: float
    right: float
    label_y: float
    ticks: tuple[Tick, ...]
    groups: tuple[ColumnGroup, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class BarRow:
    """One row of a horizontal bar chart: the bar, its label on the left, its value after it."""

    bar: Rect
    label_x: float
    value_x: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one row per part, lengths proportional to the largest value."""

    width: float
    height: float
    rows: tuple[BarRow, ...]


@dataclass(frozen=True)
class Segment:
    """One piece of a 100%-stacked bar: its span and its share of the whole."""

    x: float
    width: float
    share: float
    label: str
    value: int
    tone: str


def _nice_steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 50, … : steps whose tick labels read as round numbers."""
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            yield multiple * magnitude
        magnitude *= 10


def axis_ticks(maximum: int, most_intervals: int = 4) -> list[int]:
    """Round tick values from 0 to at least `maximum`, at most `most_intervals` apart.

    Counts are whole numbers, so ticks are too; an all-zero chart still gets a 0–1 axis.
    """
    step = next(s for s in _nice_steps() if math.ceil(maximum / s) <= most_intervals)
    top = max(1, math.ceil(maximum / step)) * step
    return list(range(0, top + 1, step))


def column_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: float = 720,
    height: float = 260,
    max_labels: int = 14,
) -> ColumnChart:
    """Grouped columns, one group per category, heights proportional to the values.

    When there are more categories than `max_labels`, only every n-th label is shown so
    they do not overlap; every bar keeps its own label for its tooltip.
    """
    left, right, top, bottom = 44.0, 8.0, 10.0, 28.0
    baseline = height - bottom
    plot_width = width - left - right
    plot_height = baseline - top
    largest = max((value for s in series for value in s.values), default=0)
    tick_values = axis_ticks(largest)
    scale_top = tick_values[-1]
    ticks = tuple(
        Tick(value, baseline - value / scale_top * plot_height, f"{value:,}")
        for value in tick_values
    )
    slot = plot_width / len(categories) if categories else 0.0
    bar_width = slot * 0.8 / len(series) if series else 0.0
    label_every = max(1, math.ceil(len(categories) / max_labels))
    groups = []
    for index, category in enumerate(categories):
        start = left + index * slot + slot * 0.1
        bars = []
        for number, one in enumerate(series):
            value = one.values[index]
            bar_height = value / scale_top * plot_height
            bars.append(
                Rect(
                    x=start + number * bar_width,
                    y=baseline - bar_height,
                    width=bar_width,
                    height=bar_height,
                    value=value,
                    label=category,
                    tone=one.tone,
                )
            )
        groups.append(
            ColumnGroup(
                label=category,
                label_x=left + (index + 0.5) * slot,
                show_label=index % label_every == 0,
                bars=tuple(bars),
            )
        )
    return ColumnChart(
        width=width,
        height=height,
        left=left,
        top=top,
        baseline=baseline,
        right=width - right,
        label_y=baseline + 18,
        ticks=ticks,
        groups=tuple(groups),
        series=tuple(series),
    )


def bar_chart(
    parts: Sequence[Part], *, width: float = 640, row_height: float = 28, gap: float = 6
) -> BarChart:
    """Horizontal bars with their labels in a left column sized to the longest label."""
    longest = max((len(part.label) for part in parts), default=0)
    label_width = min(max(longest * LABEL_CHAR_WIDTH + 12, 80.0), width * 0.45)
    value_width = 56.0
    bar_space = width - label_width - value_width
    largest = max((part.value for part in parts), default=0)
    rows = []
    for index, part in enumerate(parts):
        y = index * row_height
        length = part.value / largest * bar_space if largest else 0.0
        bar = Rect(
            x=label_width,
            y=y + gap / 2,
            width=length,
            height=row_height - gap,
            value=part.value,
            label=part.label,
            tone=part.tone,
        )
        rows.append(
            BarRow(
                bar=bar,
                label_x=label_width - 8,
                value_x=label_width + length + 6,
                text_y=y + row_height / 2,
            )
        )
    return BarChart(width=width, height=len(parts) * row_height, rows=tuple(rows))


def stacked_bar(parts: Sequence[Part], *, width: float = 100) -> tuple[Segment, ...]:
    """Split `width` among the parts by their share; the segments always fill it exactly.

    Each segment ends where the running total puts it and the last ends at `width` itself,
    so rounding never leaves a gap or an overhang. Empty parts get no segment.
    """
    total = sum(part.value for part in parts)
    if total <= 0:
        return ()
    shown = [part for part in parts if part.value > 0]
    segments = []
    start = 0.0
    running = 0
    for index, part in enumerate(shown):
        running += part.value
        end = width if index == len(shown) - 1 else width * running / total
        segments.append(
            Segment(
                x=start,
                width=end - start,
                share=part.value / total,
                label=part.label,
                value=part.value,
                tone=part.tone,
            )
        )
        start = end
    return tuple(segments)
