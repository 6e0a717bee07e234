"""The DNA strip: a place's ten ratings as one compact band.

Each measure is a column in the variant's order; its position on the scale (1–7) is the
height of the filled bar and is also written above it, so the strip reads the same in
greyscale or for a reader who cannot tell its colours apart. Every strip has the same size
and geometry whatever the ratings, so strips of different places or rounds line up when
set one above another. "Not rated" is an empty, hatched column marked with a dash.

:func:`dna_strip` returns bare SVG for any page that shows strips (the web dashboard, a
comparison of rounds); :func:`dna_strip_figure` wraps the same drawing as a report figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Rectangle

from communitydna.framework import LEVELS, MEASURES
from communitydna.reports.figures._render import (
    FAINT,
    INK,
    LEVEL_COLOURS,
    MUTED,
    PAPER,
    gid,
    new_figure,
    normalised_svg,
    style,
    to_report_figure,
)
from communitydna.reports.model import Figure, RatingView

__all__ = ["STRIP_BAR_UNIT", "dna_strip", "dna_strip_alt", "dna_strip_figure"]

Positions = Sequence[tuple[str, int | None]]

STRIP_BAR_UNIT = 1.0
"""Height of one scale step in the strip's data units; a bar for position p is p units tall."""

_COLUMN = 1.0
_BAR = 0.72
_GROUP_GAP = 0.45


def _column_x(positions: Positions) -> list[float]:
    """Column centres, with a small gap wherever the measure group changes."""
    xs, x, previous = [], 0.0, None
    for key, _ in positions:
        group = MEASURES[key].group if key in MEASURES else None
        if previous is not None and group != previous:
            x += _GROUP_GAP
        xs.append(x)
        x += _COLUMN
        previous = group
    return xs


def _valid(position: int | None) -> int | None:
    return position if position is not None and 1 <= position <= 7 else None


def _draw(positions: Positions, numbers: Sequence[str] | None) -> MplFigure:
    labels = list(numbers) if numbers is not None else [str(i) for i in range(1, 11)]
    xs = _column_x(positions)
    right = (xs[-1] if xs else 0.0) + _COLUMN / 2
    fig = new_figure(4.6, 1.35)
    ax = fig.add_axes((0.2, 0.0, 0.78, 1.0))
    ax.set_xlim(-_COLUMN / 2 - 0.05, max(right, 9.5) + 0.05)
    ax.set_ylim(-1.35, 8.7)
    ax.set_axis_off()
    for level_index, level in enumerate(LEVELS):
        y = (2 * level_index + 1) * STRIP_BAR_UNIT
        ax.plot([-_COLUMN / 2, right], [y, y], color=FAINT, linewidth=0.5, zorder=0)
        ax.text(-_COLUMN / 2 - 0.15, y, level, ha="right", va="center", fontsize=6.5, color=MUTED)
    ax.plot([-_COLUMN / 2, right], [0, 0], color=INK, linewidth=0.8, zorder=3)
    for index, ((key, raw), x) in enumerate(zip(positions, xs, strict=True)):
        position = _valid(raw)
        frame = Rectangle(
            (x - _BAR / 2, 0),
            _BAR,
            7 * STRIP_BAR_UNIT,
            facecolor="none" if position else PAPER,
            edgecolor=FAINT if position else MUTED,
            linewidth=0.5,
            linestyle="-" if position else (0, (2, 2)),
            hatch=None if position else "////",
            zorder=1,
        )
        frame.set_gid(gid(f"frame-{index + 1}"))
        ax.add_patch(frame)
        if position is not None:
            bar = Rectangle(
                (x - _BAR / 2, 0),
                _BAR,
                position * STRIP_BAR_UNIT,
                facecolor=LEVEL_COLOURS[position - 1],
                edgecolor=INK,
                linewidth=0.6,
                zorder=2,
            )
            bar.set_gid(gid(f"bar-{index + 1}"))
            ax.add_patch(bar)
            mark = str(position)
            top = position * STRIP_BAR_UNIT
        else:
            mark = "–"
            top = 7 * STRIP_BAR_UNIT
        value = ax.text(
            x,
            top + 0.25,
            mark,
            ha="center",
            va="bottom",
            fontsize=7.5,
            fontweight="bold",
            color=INK if position else MUTED,
            zorder=3,
        )
        value.set_gid(gid(f"value-{index + 1}"))
        label = ax.text(
            x,
            -0.35,
            labels[index] if index < len(labels) else key,
            ha="center",
            va="top",
            fontsize=7,
            color=INK,
        )
        label.set_gid(gid(f"label-{index + 1}"))
    return fig


def dna_strip_alt(positions: Positions) -> str:
    """The text alternative of a strip: every measure with its position, in order.

    Examples
    --------
    >>> dna_strip_alt([("social", 6), ("public", None)])
    'Ratings of the measures in order: 1 social sector 6 of 7 (stable–resilient); 2 public sector not rated.'
    """  # noqa: E501
    parts = []
    for number, (key, raw) in enumerate(positions, 1):
        name = MEASURES[key].short.lower() if key in MEASURES else key
        rating = RatingView.of(_valid(raw))
        if rating.rated:
            parts.append(f"{number} {name} {rating.position} of 7 ({rating.label})")
        else:
            parts.append(f"{number} {name} not rated")
    return "Ratings of the measures in order: " + "; ".join(parts) + "."


def dna_strip(
    positions: Positions, *, svg_id: str = "dna-strip", numbers: Sequence[str] | None = None
) -> str:
    """Draw the DNA strip of a place as one ``<svg>`` element.

    Parameters
    ----------
    positions : sequence of (str, int or None)
        ``(measure key, position 1–7 or None)`` for each measure, in the variant's order.
    svg_id : str, optional
        Prefix of the ids inside the SVG; give each strip on a page its own.
    numbers : sequence of str, optional
        The label under each column; ``1`` to ``10`` by default.

    Returns
    -------
    str
        The SVG markup. Column *i*'s bar is the element ``<svg_id>-bar-<i>`` (none when not
        rated), its frame ``<svg_id>-frame-<i>``, its written position ``<svg_id>-value-<i>``
        and its label ``<svg_id>-label-<i>``.

    Examples
    --------
    >>> svg = dna_strip([("social", 6), ("public", None), ("commercial", 3)])
    >>> svg.startswith("<svg"), 'id="dna-strip-bar-1"' in svg, 'id="dna-strip-bar-2"' in svg
    (True, True, False)
    """
    with style():
        return normalised_svg(_draw(positions, numbers), svg_id)


def dna_strip_figure(
    positions: Positions,
    *,
    figure_id: str = "dna-strip",
    caption: str = "",
    numbers: Sequence[str] | None = None,
) -> Figure:
    """The DNA strip as a report :class:`Figure`, with its text alternative.

    Parameters
    ----------
    positions : sequence of (str, int or None)
        As for :func:`dna_strip`.
    figure_id : str, optional
    caption : str, optional
    numbers : sequence of str, optional

    Returns
    -------
    Figure
    """
    with style():
        fig = _draw(positions, numbers)
        return to_report_figure(fig, figure_id, dna_strip_alt(positions), caption)
