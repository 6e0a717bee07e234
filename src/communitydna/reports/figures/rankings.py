"""The qualitative rankings chart: the ten measures in the variant's order, with their ratings.

Each measure is a row; the length of its bar is its position on the scale (1–7), the
rating is written at the bar's end, and the four levels are drawn as labelled guide lines,
so the chart needs no colour to be read. "Not rated" is written in the row with an empty,
dashed outline where the bar would be.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.patches import Rectangle

from communitydna.framework import LEVELS
from communitydna.reports.figures._render import (
    FAINT,
    INK,
    LEVEL_COLOURS,
    MUTED,
    gid,
    new_figure,
    style,
    to_report_figure,
)
from communitydna.reports.model import Figure, RankingRow

__all__ = ["rankings_alt", "rankings_chart"]

_ROW = 0.28  # inches per measure


def rankings_alt(rows: Sequence[RankingRow]) -> str:
    """The text alternative of the chart: each measure with its rating, in order."""
    parts = []
    for row in rows:
        name = f"measure {row.number}, {row.measure.short.lower()}"
        if row.rating.rated:
            parts.append(f"{name}: {row.rating.words} (position {row.rating.position} of 7)")
        else:
            parts.append(f"{name}: not rated")
    return "Ratings of the ten measures: " + "; ".join(parts) + "."


def rankings_chart(
    rows: Sequence[RankingRow], *, figure_id: str = "rankings-chart", caption: str = ""
) -> Figure:
    """Draw the rankings chart.

    Parameters
    ----------
    rows : sequence of RankingRow
        The measures in the variant's order.
    figure_id : str, optional
        Row *n*'s bar is the SVG element ``<figure_id>-bar-<n>``.
    caption : str, optional

    Returns
    -------
    Figure
    """
    count = max(len(rows), 1)
    with style():
        fig = new_figure(6.3, 0.55 + _ROW * count)
        ax = fig.add_axes((0.31, 0.02, 0.67, 1 - 0.42 / (0.55 + _ROW * count)))
        ax.set_xlim(0, 8.6)
        ax.set_ylim(count + 0.5, 0.4)
        ax.set_axis_off()
        for i, level in enumerate(LEVELS):
            x = 2 * i + 1
            ax.plot([x, x], [0.5, count + 0.5], color=FAINT, linewidth=0.6, zorder=0)
            ax.text(x, 0.35, level, ha="center", va="bottom", fontsize=7.5, color=MUTED)
        for row in rows:
            y = row.number
            label = f"{row.number}. {row.measure.short}"
            ax.text(-0.2, y, label, ha="right", va="center", fontsize=8.5, color=INK)
            position = row.rating.position
            if position is not None:
                bar = Rectangle(
                    (0, y - 0.32),
                    position,
                    0.64,
                    facecolor=LEVEL_COLOURS[position - 1],
                    edgecolor=INK,
                    linewidth=0.6,
                    zorder=2,
                )
                text = f"{row.rating.title} ({position})"
                ax.text(position + 0.12, y, text, ha="left", va="center", fontsize=7.5, color=INK)
            else:
                bar = Rectangle(
                    (0, y - 0.32),
                    7,
                    0.64,
                    facecolor="none",
                    edgecolor=MUTED,
                    linewidth=0.6,
                    linestyle=(0, (2, 2)),
                    zorder=2,
                )
                ax.text(
                    0.15,
                    y,
                    "not rated",
                    ha="left",
                    va="center",
                    fontsize=7.5,
                    fontstyle="italic",
                    color=MUTED,
                )
            bar.set_gid(gid(f"bar-{row.number}"))
            ax.add_patch(bar)
        return to_report_figure(fig, figure_id, rankings_alt(rows), caption)
