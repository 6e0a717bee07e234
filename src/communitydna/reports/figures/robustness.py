"""Robustness curves: what is left of the network as organisations close.

Two panels. On the left, the share of organisations still in the largest connected group
as more and more close, under each closure order (random, most connected first, most
between first…). On the right, for random closures, the share of each sector pair's
organisations still connected across the pair. Every curve has its own line style and
marker shape as well as colour, and its robustness figure R (the area under the curve) is
written in the legend.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes

from communitydna.reports.figures._render import INK, gid, new_figure, style, to_report_figure
from communitydna.reports.figures.data import ShockCurve
from communitydna.reports.model import Figure

__all__ = ["ShockCurve", "robustness_curves"]

# Okabe–Ito, with a line style and a marker each so no curve depends on its colour.
_LOOKS: tuple[tuple[str, object, str], ...] = (
    ("#000000", "-", "o"),
    ("#E69F00", (0, (5, 2)), "s"),
    ("#0072B2", (0, (1, 1.5)), "^"),
    ("#009E73", (0, (6, 2, 1, 2)), "D"),
    ("#D55E00", (0, (3, 1, 1, 1, 1, 1)), "v"),
    ("#CC79A7", (0, (8, 3)), "P"),
    ("#56B4E9", (0, (2, 3)), "X"),
)


def _plot(
    ax: Axes, xs: Sequence[float], ys: Sequence[float | None], look: int, label: str, name: str
) -> None:
    points = [(x, y) for x, y in zip(xs, ys, strict=False) if y is not None]
    if not points:
        return
    colour, dashes, marker = _LOOKS[look % len(_LOOKS)]
    (line,) = ax.plot(
        [p[0] for p in points],
        [p[1] for p in points],
        color=colour,
        linestyle=dashes,
        linewidth=1.4,
        marker=marker,
        markersize=4,
        markevery=max(1, len(points) // 6),
        markerfacecolor=colour,
        markeredgecolor="white",
        markeredgewidth=0.5,
        label=label,
    )
    line.set_gid(gid(name))


def _r(value: float | None) -> str:
    return "R not defined" if value is None else f"R = {value:.2f}"


def _frame(ax: Axes, title: str, ylabel: str) -> None:
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_title(title, fontsize=8.5, loc="left", color=INK)
    ax.set_xlabel("Share of organisations closed", fontsize=7.5)
    ax.set_ylabel(ylabel, fontsize=7.5)
    ax.tick_params(labelsize=7)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.grid(True, color="#e4e4e4", linewidth=0.5)
    ax.spines[["top", "right"]].set_visible(False)


def _pair_title(key: str) -> str:
    return key.replace("-", "–").capitalize()


def robustness_curves(
    curves: Sequence[ShockCurve],
    *,
    place: str,
    pair_scenario: str = "random",
    figure_id: str = "robustness",
) -> Figure | None:
    """The robustness curves of a place's network.

    Parameters
    ----------
    curves : sequence of ShockCurve
        The closure orders to draw in the left panel (at most seven are drawn).
    place : str
    pair_scenario : str, optional
        The scenario whose sector-pair curves fill the right panel.
    figure_id : str, optional

    Returns
    -------
    Figure or None
        ``None`` when no curve has points.
    """
    drawn = [c for c in curves if any(y is not None for y in c.largest)][: len(_LOOKS)]
    if not drawn:
        return None
    pairs_of = next((c for c in drawn if c.key == pair_scenario), drawn[0])
    pair_keys = [k for k, ys in pairs_of.pairs.items() if any(y is not None for y in ys)]
    with style():
        fig = new_figure(6.3, 3.9)
        left = fig.add_axes((0.1, 0.37, 0.37, 0.55))
        _frame(left, "Whole network", "Share in the largest group")
        for i, curve in enumerate(drawn):
            _plot(
                left,
                curve.removed,
                curve.largest,
                i,
                f"{curve.label} ({_r(curve.robustness)})",
                f"curve-{curve.key}",
            )
        left.legend(
            loc="upper left",
            bbox_to_anchor=(-0.12, -0.2),
            fontsize=6.5,
            frameon=False,
            handlelength=3.2,
        )
        if pair_keys:
            right = fig.add_axes((0.6, 0.37, 0.37, 0.55))
            _frame(right, "Between sectors", "Share still connected across")
            for i, key in enumerate(pair_keys):
                _plot(
                    right,
                    pairs_of.removed,
                    pairs_of.pairs[key],
                    i + 4,
                    f"{_pair_title(key)} ({_r(pairs_of.pair_robustness.get(key))})",
                    f"pair-{key}",
                )
            right.text(
                0,
                -0.2,
                pairs_of.label,
                transform=right.transAxes,
                fontsize=6.5,
                color=INK,
                va="top",
            )
            right.legend(
                loc="upper left",
                bbox_to_anchor=(-0.12, -0.26),
                fontsize=6.5,
                frameon=False,
                handlelength=3.2,
            )
        alt = (
            f"Robustness curves of {place}. As organisations close, the share still in the "
            "largest connected group falls: "
            + "; ".join(f"{c.label.lower()}, {_r(c.robustness)}" for c in drawn)
            + "."
        )
        if pair_keys:
            alt += (
                f" Between sectors, {pairs_of.label.lower()}: "
                + "; ".join(
                    f"{_pair_title(k).lower()} {_r(pairs_of.pair_robustness.get(k))}"
                    for k in pair_keys
                )
                + "."
            )
        caption = (
            "What is left of the network as organisations close, in different orders. R, the "
            "robustness figure, is the average share still connected over the whole sequence "
            "of closures: the higher it is, the better the network holds together."
        )
        return to_report_figure(fig, figure_id, alt, caption)
