"""The sliding scale: one measure's rating, and the overall assessment among the ten.

The scale is drawn as four level blocks (brittle, vulnerable, stable, resilient) with the
three in-between positions in the gaps between them, so a rating between two levels is
drawn between two blocks. The rating is marked by a black pointer and a bar across the
track at its position, with the rating written beside it: position and words carry the
meaning, colour only repeats it. "Not rated" is drawn as an empty, hatched track with no
pointer.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.patches import Polygon, Rectangle

from communitydna.framework import LEVELS
from communitydna.reports.figures._render import (
    INK,
    LEVEL_COLOURS,
    MUTED,
    PAPER,
    gid,
    new_figure,
    style,
    text_colour_on,
    to_report_figure,
)
from communitydna.reports.model import Figure, RatingView

__all__ = ["overall_figure", "rating_alt", "sliding_scale"]

_WIDTH = 6.3
_TRACK_HEIGHT = 0.5
_BLOCK_HALF = 0.72


def rating_alt(what: str, rating: RatingView) -> str:
    """``"Social sector rating: between stable and resilient (position 6 of 7)"``.

    Examples
    --------
    >>> rating_alt("Rating", RatingView.of(6))
    'Rating: between stable and resilient (position 6 of 7)'
    >>> rating_alt("Rating", RatingView.of(None))
    'Rating: not rated'
    """
    if not rating.rated:
        return f"{what}: not rated"
    return f"{what}: {rating.words} (position {rating.position} of 7)"


def _track(ax: Axes, rated: bool) -> None:
    """The four level blocks, the in-between positions, and a mark at every position."""
    ax.plot(
        [1 - _BLOCK_HALF, 7 + _BLOCK_HALF],
        [_TRACK_HEIGHT / 2] * 2,
        color=MUTED,
        linewidth=1.0,
        zorder=1,
    )
    for i, level in enumerate(LEVELS):
        position = 2 * i + 1
        colour = LEVEL_COLOURS[position - 1] if rated else PAPER
        block = Rectangle(
            (position - _BLOCK_HALF, 0),
            2 * _BLOCK_HALF,
            _TRACK_HEIGHT,
            facecolor=colour,
            edgecolor=INK if rated else MUTED,
            linewidth=0.8,
            hatch=None if rated else "//",
            zorder=2,
        )
        block.set_gid(gid(f"level-{level}"))
        ax.add_patch(block)
        ax.text(
            position,
            _TRACK_HEIGHT / 2,
            level,
            ha="center",
            va="center",
            fontsize=8.5,
            color=text_colour_on(position) if rated else MUTED,
            zorder=3,
            bbox={"facecolor": PAPER, "edgecolor": "none", "pad": 1.0} if not rated else None,
        )
    for position in range(1, 8):
        if position % 2:
            (mark,) = ax.plot(
                [position, position],
                [0, -0.08],
                color=INK if rated else MUTED,
                linewidth=0.8,
                zorder=2,
            )
        else:
            (mark,) = ax.plot(
                [position],
                [_TRACK_HEIGHT / 2],
                marker="D",
                markersize=4.5,
                markerfacecolor=PAPER,
                markeredgecolor=INK if rated else MUTED,
                markeredgewidth=0.8,
                linestyle="none",
                zorder=3,
            )
        mark.set_gid(gid(f"position-{position}"))


def _pointer(ax: Axes, position: int, *, up: bool, size: float = 0.26) -> None:
    """A black pointer at ``position``: above the track pointing down, or below pointing up.

    A level is also outlined in black; a position between two levels gets a black bar across
    the track in the gap between their blocks.
    """
    if position % 2:
        highlight = Rectangle(
            (position - _BLOCK_HALF, 0),
            2 * _BLOCK_HALF,
            _TRACK_HEIGHT,
            facecolor="none",
            edgecolor=INK,
            linewidth=2.6,
            zorder=4,
        )
    else:
        highlight = Rectangle(
            (position - 0.06, -0.06),
            0.12,
            _TRACK_HEIGHT + 0.12,
            facecolor=INK,
            edgecolor=PAPER,
            linewidth=0.8,
            zorder=4,
        )
    highlight.set_gid(gid("marker-highlight"))
    ax.add_patch(highlight)
    if up:
        tip, base = -0.1, -0.1 - size * 1.3
    else:
        tip, base = _TRACK_HEIGHT + 0.1, _TRACK_HEIGHT + 0.1 + size * 1.3
    pointer = Polygon(
        [(position, tip), (position - size, base), (position + size, base)],
        closed=True,
        facecolor=INK,
        edgecolor=INK,
        zorder=4,
    )
    pointer.set_gid(gid("marker"))
    ax.add_patch(pointer)


def _label_x(position: int) -> tuple[float, str]:
    """Where the words of a rating go so they stay inside the figure."""
    if position == 1:
        return 1 - _BLOCK_HALF, "left"
    if position == 7:
        return 7 + _BLOCK_HALF, "right"
    return float(position), "center"


def _axes(ax: Axes, bottom: float, top: float) -> None:
    ax.set_xlim(0.1, 7.9)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()


def sliding_scale(
    rating: RatingView, *, figure_id: str, what: str = "Rating", caption: str = ""
) -> Figure:
    """The sliding-scale figure of one rating.

    Parameters
    ----------
    rating : RatingView
        The rating; "not rated" is drawn as an empty, hatched track.
    figure_id : str
        E.g. ``"scale-social"``; the pointer is the SVG element ``<figure_id>-marker`` and
        each position's mark ``<figure_id>-position-<n>``.
    what : str
        What is rated, for the text alternative (``"Social sector rating"``).
    caption : str, optional

    Returns
    -------
    Figure

    Examples
    --------
    >>> f = sliding_scale(RatingView.of(4), figure_id="scale-health")
    >>> f.alt
    'Rating: between vulnerable and stable (position 4 of 7)'
    >>> 'id="scale-health-marker"' in f.svg
    True
    """
    with style():
        fig = new_figure(_WIDTH, 1.15)
        ax = fig.add_axes((0, 0, 1, 1))
        _axes(ax, -0.3, 1.55)
        _track(ax, rating.rated)
        if rating.position is not None:
            _pointer(ax, rating.position, up=False)
            x, ha = _label_x(rating.position)
            ax.text(
                x,
                _TRACK_HEIGHT + 0.52,
                f"{rating.title}  ({rating.position} of 7)",
                ha=ha,
                va="bottom",
                fontsize=9.5,
                fontweight="bold",
                color=INK,
            )
        else:
            marker = ax.text(
                4,
                _TRACK_HEIGHT + 0.35,
                "Not rated",
                ha="center",
                va="bottom",
                fontsize=9.5,
                fontweight="bold",
                fontstyle="italic",
                color=MUTED,
            )
            marker.set_gid(gid("not-rated"))
        return to_report_figure(fig, figure_id, rating_alt(what, rating), caption)


def _stack_positions(
    measures: Sequence[tuple[int, RatingView]],
) -> list[tuple[int, int, int]]:
    """(measure number, position, height in its stack) for each rated measure."""
    heights: dict[int, int] = {}
    placed = []
    for number, rating in measures:
        if rating.position is None:
            continue
        level = heights.get(rating.position, 0)
        heights[rating.position] = level + 1
        placed.append((number, rating.position, level))
    return placed


def overall_alt(overall: RatingView, measures: Sequence[tuple[int, RatingView]]) -> str:
    """The text alternative of the overall figure: the overall rating and where each measure sits.

    Examples
    --------
    >>> overall_alt(RatingView.of(4), [(1, RatingView.of(6)), (2, RatingView.of(None))])
    'Overall rating: between vulnerable and stable (position 4 of 7). Measure 1 is at position 6 (stable–resilient). Not rated: measure 2.'
    """  # noqa: E501
    parts = [rating_alt("Overall rating", overall) + "."]
    rated = [f"measure {n} is at position {r.position} ({r.label})" for n, r in measures if r.rated]
    if rated:
        text = "; ".join(rated)
        parts.append(text[:1].upper() + text[1:] + ".")
    unrated = [f"measure {n}" for n, r in measures if not r.rated]
    if unrated:
        parts.append("Not rated: " + ", ".join(unrated) + ".")
    return " ".join(parts)


def overall_figure(
    overall: RatingView,
    measures: Sequence[tuple[int, RatingView]],
    *,
    figure_id: str = "overall",
    caption: str = "",
) -> Figure:
    """The overall assessment on the scale, with the ten measures' positions above it.

    Parameters
    ----------
    overall : RatingView
        The overall rating, marked by a pointer below the track.
    measures : sequence of (int, RatingView)
        Each measure's number in the study's variant with its rating; rated measures are
        drawn as numbered discs stacked over their position.
    figure_id : str, optional
    caption : str, optional

    Returns
    -------
    Figure
    """
    placed = _stack_positions(measures)
    tallest = max((level + 1 for _, _, level in placed), default=0)
    disc = 0.34
    top = _TRACK_HEIGHT + 0.25 + max(tallest, 1) * disc + 0.1
    with style():
        fig = new_figure(_WIDTH, 0.62 * (top + 0.9))
        ax = fig.add_axes((0, 0, 1, 1))
        _axes(ax, -0.9, top)
        _track(ax, overall.rated)
        for number, position, level in placed:
            y = _TRACK_HEIGHT + 0.25 + disc * (level + 0.5)
            (dot,) = ax.plot(
                [position],
                [y],
                marker="o",
                markersize=11,
                markerfacecolor=PAPER,
                markeredgecolor=INK,
                markeredgewidth=0.8,
                linestyle="none",
                zorder=3,
            )
            dot.set_gid(gid(f"measure-{number}"))
            ax.text(position, y, str(number), ha="center", va="center", fontsize=7, color=INK)
        if overall.position is not None:
            _pointer(ax, overall.position, up=True, size=0.22)
            x, ha = _label_x(overall.position)
            ax.text(
                x,
                -0.5,
                f"Overall: {overall.title}  ({overall.position} of 7)",
                ha=ha,
                va="top",
                fontsize=9.5,
                fontweight="bold",
                color=INK,
            )
        else:
            note = ax.text(
                4,
                -0.2,
                "Overall: not rated",
                ha="center",
                va="top",
                fontsize=9.5,
                fontstyle="italic",
                color=MUTED,
            )
            note.set_gid(gid("not-rated"))
        return to_report_figure(fig, figure_id, overall_alt(overall, measures), caption)
