"""Indicators: bar charts comparing areas, and an indicator's values over its periods.

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

__all__ = ["AreaValue", "area_comparison", "indicator_trend"]

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


_TARGET = "#D55E00"


def indicator_trend(
    name: str,
    unit: str,
    periods: Sequence[str],
    *,
    actuals: Sequence[float | None],
    targets: Sequence[float | None],
    baseline: float | None,
    texts: Sequence[str],
    target_texts: Sequence[str],
    baseline_text: str,
    figure_id: str,
    better: str = "",
) -> Figure | None:
    """An indicator over its periods: actual values joined by a line, targets as open
    diamonds, the baseline as a dashed line.

    A value that is not known ("to be determined") is not drawn: the line breaks there and
    the text alternative says so. Values with a qualifier are drawn at their number.

    Returns
    -------
    Figure or None
        ``None`` when no actual value or target is known.
    """
    known = [v for v in (*actuals, *targets) if v is not None]
    if not known:
        return None
    values = [*known, *([baseline] if baseline is not None else [])]
    low, high = min([*values, 0.0]), max(values)
    span = (high - low) or 1.0
    n = len(periods)
    with style():
        fig = new_figure(6.3, 2.6)
        ax = fig.add_axes((0.1, 0.22, 0.86, 0.64))
        ax.set_xlim(-0.5, n - 0.5)
        ax.set_ylim(low, high + span * 0.18)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(INK)
            ax.spines[side].set_linewidth(0.6)
        ax.set_xticks(range(n))
        ax.set_xticklabels(list(periods), fontsize=7, color=INK, rotation=30 if n > 6 else 0)
        ax.tick_params(axis="y", labelsize=7, colors=INK, width=0.6)
        ax.tick_params(axis="x", width=0.6, colors=INK)
        if baseline is not None:
            ax.axhline(baseline, color=MUTED, linewidth=0.9, linestyle=(0, (4, 3)))
            ax.text(
                n - 0.5,
                baseline,
                f" baseline {baseline_text}",
                fontsize=6.5,
                color=MUTED,
                va="bottom",
                ha="right",
            )
        drawn_targets = [(i, v) for i, v in enumerate(targets) if v is not None]
        if drawn_targets:
            marks = ax.plot(
                [i for i, _ in drawn_targets],
                [v for _, v in drawn_targets],
                linestyle="none",
                marker="D",
                markersize=5,
                markerfacecolor=PAPER,
                markeredgecolor=_TARGET,
                markeredgewidth=1.2,
            )
            marks[0].set_gid(gid("targets"))
        line = ax.plot(
            range(n),
            [float("nan") if v is None else v for v in actuals],
            color=_BAR,
            linewidth=1.6,
            marker="o",
            markersize=4,
        )
        line[0].set_gid(gid("actuals"))
        for i, v in enumerate(actuals):
            if v is not None:
                ax.text(i, v + span * 0.05, texts[i], fontsize=6.5, color=INK, ha="center")
        heading = unit or ""
        if better:
            heading += (", " if heading else "") + f"{better} is better"
        heading += ("; " if heading else "") + "line: actual, diamonds: target"
        fig.text(0.1, 0.93, heading, fontsize=7, color=MUTED, ha="left")
        parts = []
        for i, period in enumerate(periods):
            said = [f"actual {texts[i]}"]
            if target_texts[i]:
                said.append(f"target {target_texts[i]}")
            parts.append(f"{period}: " + ", ".join(said))
        alt = (
            f"{name} over time"
            + (f" ({unit})" if unit else "")
            + (f"; baseline {baseline_text}" if baseline_text else "")
            + ". "
            + "; ".join(parts)
            + "."
        )
        if better:
            alt += f" A {better} value is better."
        return to_report_figure(
            fig, figure_id, alt, f"{name}: actual values and targets by period."
        )
