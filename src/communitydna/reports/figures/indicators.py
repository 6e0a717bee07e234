"""Context indicators compared between areas: one small bar chart per indicator.

Each area is a row; the bar's length is the value and the value is written beside it, so
the chart needs no colour. The whole place, when it has a value, is drawn hatched and
named first. Values with a qualifier ("less than 7%") are drawn at their number and written
with the qualifier.
"""

from __future__ import annotations

from collections.abc import Sequence

from communitydna.reports.figures._render import (
    INK,
    MUTED,
    PAPER,
    gid,
    new_figure,
    style,
    to_report_figure,
)
from communitydna.reports.figures.data import AreaValue
from communitydna.reports.model import Figure

__all__ = ["AreaValue", "area_comparison"]

_BAR = "#0072B2"


def area_comparison(
    name: str,
    unit: str,
    period: str,
    values: Sequence[AreaValue],
    *,
    figure_id: str,
    better: str = "",
) -> Figure | None:
    """A bar chart comparing an indicator's values between areas.

    Parameters
    ----------
    name : str
        The indicator, e.g. ``"Residents claiming out-of-work benefits"``.
    unit : str
        E.g. ``"% of residents aged 16–64"``.
    period : str
        The period the values are for.
    values : sequence of AreaValue
        The areas in the order to draw them (top first).
    figure_id : str
    better : str, optional
        ``"higher"`` or ``"lower"`` when the indicator says which is better.

    Returns
    -------
    Figure or None
        ``None`` with fewer than two areas or no positive scale.
    """
    if len(values) < 2:
        return None
    top = max(max(v.value for v in values), 0.0)
    low = min(min(v.value for v in values), 0.0)
    if top == low:
        return None
    with style():
        fig = new_figure(6.3, 0.45 + 0.24 * len(values))
        ax = fig.add_axes((0.28, 0.04, 0.6, 1 - 0.34 / (0.45 + 0.24 * len(values))))
        ax.set_xlim(low, top * 1.02)
        ax.set_ylim(len(values) - 0.4, -0.6)
        ax.set_axis_off()
        ax.plot([0, 0], [-0.45, len(values) - 0.55], color=INK, linewidth=0.6)
        for row, item in enumerate(values):
            bar = ax.barh(
                row,
                item.value,
                height=0.62,
                color=PAPER if item.whole_place else _BAR,
                edgecolor=INK,
                linewidth=0.6,
                hatch="////" if item.whole_place else None,
            )
            bar.patches[0].set_gid(gid(f"bar-{row + 1}"))
            ax.text(
                item.value + (top - low) * 0.015,
                row,
                item.text,
                va="center",
                ha="left",
                fontsize=7.5,
                color=INK,
            )
            ax.text(
                low - (top - low) * 0.02,
                row,
                item.area + (" (whole place)" if item.whole_place else ""),
                va="center",
                ha="right",
                fontsize=8,
                color=INK,
                fontweight="bold" if item.whole_place else "normal",
            )
        heading = f"{unit}, {period}" if unit else period
        if better:
            heading += f" ({better} is better)"
        ax.text(low, -0.75, heading, ha="left", va="bottom", fontsize=7.5, color=MUTED)
        alt = (
            f"{name}, {period}, by area"
            + (f" ({unit})" if unit else "")
            + ": "
            + "; ".join(f"{v.area} {v.text}" for v in values)
            + "."
        )
        if better:
            alt += f" A {better} value is better."
        return to_report_figure(fig, figure_id, alt, f"{name} by area, {period}.")
