"""Network maps: the whole place coloured by sector, and small maps of one or two sectors.

Organisations are drawn with a shape, a colour and (in the legend) a name per sector, so the
sectors can be told apart without colour: public circles, commercial squares, social
triangles, in the Okabe–Ito palette. Ties between sectors are drawn darker than ties
within one. On the whole map, brokers (the organisations that most often lie between
others) are outlined in black and named, cut points (whose closure would split the
network) are ringed and named, and bridges (ties whose loss would split it) are drawn
thick. On a map of two sectors, organisations with no tie to the other sector are drawn
hollow.

Positions come from :func:`~communitydna.reports.figures.layout.force_layout` with a fixed
seed, so the same study always gives the same map. Beyond :data:`MAP_LIMIT` organisations
the whole map leaves out organisations on their own or in pairs, and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from numpy.typing import NDArray

from communitydna.framework import SECTORS, Sector
from communitydna.reports.figures._render import (
    INK,
    PAPER,
    SECTOR_STYLES,
    gid,
    new_figure,
    style,
    to_report_figure,
)
from communitydna.reports.figures.layout import force_layout
from communitydna.reports.model import Figure
from communitydna.snapshot import Snapshot

__all__ = ["MAP_LIMIT", "MapGraph", "network_map", "sector_map"]

MAP_LIMIT = 2500
"""Above this many organisations the whole map leaves out those on their own or in pairs."""

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]

_WITHIN = "#b9b9b9"
_BETWEEN = "#4d4d4d"
_LABEL_CHARS = 30


@dataclass(frozen=True, eq=False)
class MapGraph:
    """The organisations and active ties a map draws, numbered ``0 … n-1``.

    Attributes
    ----------
    ids, names : tuple of str
    sectors : tuple of Sector
    edges : numpy.ndarray of shape (m, 2)
        Each tie once, ``u < v``, in a fixed order.
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    sectors: tuple[Sector, ...]
    edges: Ints

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot, as_of: dt.date | None = None) -> MapGraph:
        """The organisations of a study and its relationships active on ``as_of``.

        Examples
        --------
        >>> from communitydna.snapshot import Organisation, Place, Relationship
        >>> s = Snapshot(
        ...     place=Place("Northgate"),
        ...     organisations=(
        ...         Organisation("a", "A", Sector.PUBLIC), Organisation("b", "B", Sector.SOCIAL)
        ...     ),
        ...     relationships=(Relationship("r1", "b", "a"), Relationship("r2", "a", "b")),
        ... )
        >>> MapGraph.from_snapshot(s).edges.tolist()
        [[0, 1]]
        """
        index = {o.id: i for i, o in enumerate(snapshot.organisations)}
        ties = sorted(
            {
                (min(index[r.source], index[r.target]), max(index[r.source], index[r.target]))
                for r in snapshot.active_relationships(as_of)
                if r.source != r.target
            }
        )
        return cls(
            ids=tuple(o.id for o in snapshot.organisations),
            names=tuple(o.name for o in snapshot.organisations),
            sectors=tuple(o.sector for o in snapshot.organisations),
            edges=np.array(ties, dtype=np.int64).reshape(-1, 2),
        )

    @property
    def n(self) -> int:
        """Number of organisations."""
        return len(self.ids)

    def degree(self) -> Ints:
        """Ties of each organisation."""
        return np.bincount(self.edges.ravel(), minlength=self.n).astype(np.int64)

    def subgraph(self, keep: Iterable[int]) -> MapGraph:
        """The organisations numbered in ``keep`` (in that order) and the ties among them."""
        kept = list(keep)
        new = np.full(self.n, -1, dtype=np.int64)
        new[kept] = np.arange(len(kept))
        u, v = new[self.edges[:, 0]], new[self.edges[:, 1]]
        inside = (u >= 0) & (v >= 0)
        pairs = np.stack([np.minimum(u, v), np.maximum(u, v)], axis=1)[inside]
        order = np.lexsort((pairs[:, 1], pairs[:, 0])) if len(pairs) else np.zeros(0, np.int64)
        return MapGraph(
            ids=tuple(self.ids[i] for i in kept),
            names=tuple(self.names[i] for i in kept),
            sectors=tuple(self.sectors[i] for i in kept),
            edges=pairs[order].reshape(-1, 2),
        )

    def components(self) -> Ints:
        """A component label for each organisation (the smallest member's number)."""
        parent = list(range(self.n))

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for a, b in self.edges.tolist():
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        return np.array([find(a) for a in range(self.n)], dtype=np.int64)


def _short(name: str) -> str:
    return name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1].rstrip() + "…"


def _marker_size(n: int) -> float:
    return float(np.clip(7.5 * np.sqrt(120 / max(n, 1)), 2.2, 8.0))


def _segments(pos: Floats, edges: Ints) -> tuple[Floats, Floats]:
    """Edge end points as one polyline broken by NaNs, so all edges make one SVG path."""
    if not len(edges):
        return np.zeros(0), np.zeros(0)
    gap = np.full(len(edges), np.nan)
    xs = np.column_stack([pos[edges[:, 0], 0], pos[edges[:, 1], 0], gap]).ravel()
    ys = np.column_stack([pos[edges[:, 0], 1], pos[edges[:, 1], 1], gap]).ravel()
    return xs, ys


def _draw_edges(ax: Axes, pos: Floats, edges: Ints, name: str, **line: object) -> None:
    if not len(edges):
        return
    xs, ys = _segments(pos, edges)
    (drawn,) = ax.plot(xs, ys, zorder=1, solid_capstyle="round", **line)  # type: ignore[arg-type]
    drawn.set_gid(gid(name))


def _draw_nodes(
    ax: Axes,
    graph: MapGraph,
    pos: Floats,
    size: float,
    hollow: Collection[int] = (),
) -> None:
    for sector in SECTORS:
        look = SECTOR_STYLES[sector]
        members = [i for i, s in enumerate(graph.sectors) if s is sector]
        for empty in (False, True):
            chosen = [i for i in members if (i in hollow) is empty]
            if not chosen:
                continue
            (drawn,) = ax.plot(
                pos[chosen, 0],
                pos[chosen, 1],
                linestyle="none",
                marker=look.marker,
                markersize=size * (0.9 if look.marker == "s" else 1.0),
                markerfacecolor=PAPER if empty else look.colour,
                markeredgecolor=look.colour if empty else PAPER,
                markeredgewidth=1.1 if empty else 0.4,
                zorder=3,
            )
            drawn.set_gid(gid(f"{sector.value}{'-hollow' if empty else ''}"))


_OFFSETS = (
    (5, 2, "left", "bottom"),
    (5, -2, "left", "top"),
    (-5, 2, "right", "bottom"),
    (-5, -2, "right", "top"),
    (0, 7, "center", "bottom"),
    (0, -7, "center", "top"),
)


class _Labeller:
    """Places names beside nodes, trying a few spots and taking the first that is free."""

    def __init__(self, ax: Axes, points_per_unit: float) -> None:
        self.ax = ax
        self.scale = points_per_unit
        self.taken: list[tuple[float, float, float, float]] = []

    def _box(
        self, x: float, y: float, offset: tuple[int, int, str, str], width: float, height: float
    ) -> tuple[float, float, float, float]:
        dx, dy, ha, va = offset
        left = x * self.scale + dx - {"left": 0.0, "right": width, "center": width / 2}[ha]
        bottom = y * self.scale + dy - (height if va == "top" else 0.0)
        return left, bottom, left + width, bottom + height

    def _overlap(self, box: tuple[float, float, float, float]) -> float:
        total = 0.0
        for other in self.taken:
            w = min(box[2], other[2]) - max(box[0], other[0])
            h = min(box[3], other[3]) - max(box[1], other[1])
            if w > 0 and h > 0:
                total += w * h
        return total

    def add(self, pos: Floats, node: int, text: str, *, bold: bool) -> None:
        label = _short(text)
        x, y = float(pos[node, 0]), float(pos[node, 1])
        width = len(label) * 6.5 * (0.64 if bold else 0.58) + 4
        height = 6.5 * 1.35 + 2
        options = [
            (self._overlap(self._box(x, y, o, width, height)), i) for i, o in enumerate(_OFFSETS)
        ]
        edge = self.scale * 1.0
        for rank, (overlap, i) in enumerate(options):
            box = self._box(x, y, _OFFSETS[i], width, height)
            if box[0] < -0.03 * self.scale or box[2] > edge + 0.03 * self.scale:
                options[rank] = (overlap + width * height, i)
        _, best = min(options)
        dx, dy, ha, va = _OFFSETS[best]
        self.taken.append(self._box(x, y, _OFFSETS[best], width, height))
        self.ax.annotate(
            label,
            (x, y),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=6.5,
            fontweight="bold" if bold else "normal",
            fontstyle="normal" if bold else "italic",
            color=INK,
            zorder=5,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": PAPER,
                "edgecolor": "none",
                "alpha": 0.85,
            },
        )


def _points_per_unit(
    fig_width: float, axes_width: float, fig_height: float, axes_height: float, span: float
) -> float:
    return min(fig_width * axes_width, fig_height * axes_height) * 72 / span


def _sector_handles(sectors: Iterable[Sector], size: float) -> list[Line2D]:
    return [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=SECTOR_STYLES[s].marker,
            markersize=max(size, 6),
            markerfacecolor=SECTOR_STYLES[s].colour,
            markeredgecolor=PAPER,
            label=SECTOR_STYLES[s].label,
        )
        for s in sectors
    ]


def _edge_classes(graph: MapGraph) -> tuple[Ints, Ints]:
    codes = np.array([SECTORS.index(s) for s in graph.sectors], dtype=np.int64)
    if not len(graph.edges):
        return graph.edges, graph.edges
    between = codes[graph.edges[:, 0]] != codes[graph.edges[:, 1]]
    return graph.edges[~between], graph.edges[between]


def _count_by_sector(graph: MapGraph, nodes: Iterable[int] | None = None) -> dict[Sector, int]:
    chosen = range(graph.n) if nodes is None else nodes
    counts = dict.fromkeys(SECTORS, 0)
    for i in chosen:
        counts[graph.sectors[i]] += 1
    return counts


def _names_list(graph: MapGraph, nodes: Sequence[int]) -> str:
    return ", ".join(f"{graph.names[i]} ({graph.sectors[i].value})" for i in nodes)


def _trim(graph: MapGraph) -> tuple[MapGraph, int]:
    """Leave out organisations alone or in pairs when the map would be too crowded."""
    if graph.n <= MAP_LIMIT:
        return graph, 0
    labels = graph.components()
    sizes = np.bincount(labels, minlength=graph.n)
    keep = [i for i in range(graph.n) if sizes[labels[i]] >= 3]
    return graph.subgraph(keep), graph.n - len(keep)


def network_map(
    graph: MapGraph,
    *,
    place: str,
    brokers: Sequence[str] = (),
    cut_points: Sequence[str] = (),
    bridges: Collection[tuple[str, str]] = (),
    as_of: dt.date | None = None,
    figure_id: str = "network-map",
    seed: int = 0,
) -> Figure:
    """The whole network of a place, with brokers, cut points and bridges marked.

    Parameters
    ----------
    graph : MapGraph
        The organisations and active ties.
    place : str
        The place's name, for the text alternative.
    brokers : sequence of str
        Ids of the organisations to outline and name as brokers, most important first.
    cut_points : sequence of str
        Ids of cut points, to ring; the first few are named.
    bridges : collection of (str, str)
        Ties (by the ids of their ends) to draw thick.
    as_of : datetime.date, optional
        The day the ties were active, for the caption.
    figure_id : str, optional
    seed : int, optional
        Seed of the layout.

    Returns
    -------
    Figure
    """
    shown, left_out = _trim(graph)
    index = {oid: i for i, oid in enumerate(shown.ids)}
    broker_nodes = [index[b] for b in dict.fromkeys(brokers) if b in index]
    cut_nodes = [index[c] for c in dict.fromkeys(cut_points) if c in index]
    bridge_keys = {
        (min(index[a], index[b]), max(index[a], index[b]))
        for a, b in bridges
        if a in index and b in index
    }
    pos = force_layout(shown.n, shown.edges, seed=seed)
    within, between = _edge_classes(shown)
    bridge_mask = np.array([(int(u), int(v)) in bridge_keys for u, v in shown.edges], dtype=bool)
    size = _marker_size(shown.n)
    with style():
        fig = new_figure(6.3, 6.4)
        ax = fig.add_axes((0.02, 0.16, 0.96, 0.82))
        ax.set_xlim(-0.04, 1.04)
        ax.set_ylim(-0.04, 1.04)
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        _draw_edges(ax, pos, within, "ties-within", color=_WITHIN, linewidth=0.5)
        _draw_edges(ax, pos, between, "ties-between", color=_BETWEEN, linewidth=0.6)
        if bridge_mask.any():
            _draw_edges(ax, pos, shown.edges[bridge_mask], "bridges", color=INK, linewidth=1.8)
        _draw_nodes(ax, shown, pos, size)
        for node in broker_nodes:
            look = SECTOR_STYLES[shown.sectors[node]]
            (mark,) = ax.plot(
                [pos[node, 0]],
                [pos[node, 1]],
                linestyle="none",
                marker=look.marker,
                markersize=size * 1.7,
                markerfacecolor=look.colour,
                markeredgecolor=INK,
                markeredgewidth=1.6,
                zorder=4,
            )
            mark.set_gid(gid(f"broker-{len(ax.lines)}"))
        if cut_nodes:
            (rings,) = ax.plot(
                pos[cut_nodes, 0],
                pos[cut_nodes, 1],
                linestyle="none",
                marker="o",
                markersize=size * 2.6,
                markerfacecolor="none",
                markeredgecolor=INK,
                markeredgewidth=1.0,
                zorder=4,
            )
            rings.set_gid(gid("cut-points"))
        labeller = _Labeller(ax, _points_per_unit(6.3, 0.96, 6.4, 0.82, 1.08))
        for node in broker_nodes:
            labeller.add(pos, node, shown.names[node], bold=True)
        for node in cut_nodes[:6]:
            if node not in broker_nodes:
                labeller.add(pos, node, shown.names[node], bold=False)
        handles = _sector_handles(SECTORS, size)
        handles += [
            Line2D([], [], color=_BETWEEN, linewidth=0.9, label="Tie between sectors"),
            Line2D([], [], color=_WITHIN, linewidth=0.9, label="Tie within a sector"),
            Line2D([], [], color=INK, linewidth=1.8, label="Bridge (tie whose loss splits)"),
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=9,
                markerfacecolor="#dddddd",
                markeredgecolor=INK,
                markeredgewidth=1.6,
                label="Broker (outlined, name in bold)",
            ),
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=12,
                markerfacecolor="none",
                markeredgecolor=INK,
                label="Cut point (ringed, name in italics)",
            ),
        ]
        fig.legend(
            handles=handles,
            loc="lower center",
            ncol=3,
            fontsize=7,
            frameon=False,
            handletextpad=0.4,
            columnspacing=1.2,
            bbox_to_anchor=(0.5, 0.005),
        )
        counts = _count_by_sector(graph)
        alt = (
            f"Network map of {place}: {graph.n:,} organisations "
            f"({', '.join(f'{counts[s]:,} {s.value}' for s in SECTORS)}) and "
            f"{len(graph.edges):,} active ties, {len(_edge_classes(graph)[1]):,} of them between "
            "sectors."
        )
        isolated = int((graph.degree() == 0).sum())
        if isolated:
            alt += f" {isolated:,} organisations have no tie."
        if left_out:
            alt += f" Left out of the drawing: {left_out:,} organisations alone or in pairs."
        if broker_nodes:
            alt += " Brokers named on the map: " + _names_list(shown, broker_nodes) + "."
        if cut_nodes:
            alt += f" {len(cut_nodes):,} cut points: " + _names_list(shown, cut_nodes) + "."
        if bridge_mask.any():
            alt += f" {int(bridge_mask.sum()):,} bridges drawn thick."
        day = f" on {as_of.day} {as_of:%B %Y}" if as_of else ""
        caption = (
            f"The whole network of {place}: each organisation is drawn by sector (public "
            f"circle, commercial square, social triangle) with its ties active{day}. Brokers "
            "are outlined and named in bold, cut points ringed and named in italics, bridges "
            "drawn thick. The layout is computed, so nearness shows ties, not geography."
        )
        if left_out:
            caption += f" {left_out:,} organisations alone or in pairs are left out."
        return to_report_figure(fig, figure_id, alt, caption)


def _components_summary(sub: MapGraph) -> tuple[int, int]:
    labels = sub.components()
    sizes = np.bincount(labels, minlength=max(sub.n, 1))
    sizes = sizes[sizes > 0]
    return len(sizes), int(sizes.max()) if len(sizes) else 0


def sector_map(
    graph: MapGraph,
    sectors: Sequence[Sector],
    *,
    figure_id: str,
    as_of: dt.date | None = None,
    seed: int = 0,
) -> Figure | None:
    """A small map of the sector (measures 1–3) or the two sectors (measures 4–6) involved.

    Parameters
    ----------
    graph : MapGraph
        The whole network.
    sectors : sequence of Sector
        One or two sectors.
    figure_id : str
    as_of : datetime.date, optional
    seed : int, optional

    Returns
    -------
    Figure or None
        ``None`` when the sectors have no organisations.
    """
    wanted = set(sectors)
    sub = graph.subgraph(i for i in range(graph.n) if graph.sectors[i] in wanted)
    if sub.n == 0:
        return None
    pos = force_layout(sub.n, sub.edges, seed=seed)
    within, between = _edge_classes(sub)
    size = _marker_size(sub.n) * 1.15
    degree = sub.degree()
    pair = len(wanted) == 2
    hollow: set[int] = set()
    if pair:
        touched = set(between.ravel().tolist())
        hollow = {i for i in range(sub.n) if i not in touched}
    with style():
        fig = new_figure(5.0, 4.6)
        ax = fig.add_axes((0.02, 0.12, 0.96, 0.86))
        ax.set_xlim(-0.05, 1.05)
        ax.set_ylim(-0.05, 1.05)
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        _draw_edges(ax, pos, within, "ties-within", color=_WITHIN, linewidth=0.6)
        _draw_edges(ax, pos, between, "ties-between", color=_BETWEEN, linewidth=0.8)
        _draw_nodes(ax, sub, pos, size, hollow)
        ranked = sorted(range(sub.n), key=lambda i: (-int(degree[i]), sub.names[i]))
        hubs = [i for i in ranked[:4] if degree[i] > 0]
        labeller = _Labeller(ax, _points_per_unit(5.0, 0.96, 4.6, 0.86, 1.1))
        for node in hubs:
            labeller.add(pos, node, sub.names[node], bold=True)
        ordered = [s for s in SECTORS if s in wanted]
        handles = _sector_handles(ordered, size)
        if pair:
            handles += [
                Line2D([], [], color=_BETWEEN, linewidth=1.0, label="Tie between the two"),
                Line2D([], [], color=_WITHIN, linewidth=1.0, label="Tie within one"),
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=6,
                    markerfacecolor=PAPER,
                    markeredgecolor=INK,
                    label="Hollow: no tie to the other",
                ),
            ]
        else:
            handles += [Line2D([], [], color=_WITHIN, linewidth=1.0, label="Tie within it")]
        fig.legend(
            handles=handles,
            loc="lower center",
            ncol=3 if pair else 2,
            fontsize=7,
            frameon=False,
            handletextpad=0.4,
            columnspacing=1.0,
            bbox_to_anchor=(0.5, 0.005),
        )
        day = f" active on {as_of.day} {as_of:%B %Y}" if as_of else ""
        best = "; best connected: " + ", ".join(
            f"{sub.names[i]} ({int(degree[i])} ties)" for i in hubs
        )
        if pair:
            a, b = ordered
            counts = _count_by_sector(sub)
            lonely = _count_by_sector(sub, hollow)
            alt = (
                f"Map of the {a.value} and {b.value} sectors: {counts[a]:,} {a.value} and "
                f"{counts[b]:,} {b.value} organisations, {len(between):,} ties between the two "
                f"sectors and {len(within):,} within them. {lonely[a]:,} {a.value} and "
                f"{lonely[b]:,} {b.value} organisations have no tie to the other sector and are "
                f"drawn hollow{best if hubs else ''}."
            )
            caption = (
                f"The {a.value} and {b.value} sectors: ties between them dark, within them "
                f"light{day}; organisations with no tie to the other sector are hollow."
            )
        else:
            (sector,) = ordered
            groups, largest = _components_summary(sub)
            isolated = int((degree == 0).sum())
            alt = (
                f"Map of the {sector.value} sector: {sub.n:,} organisations and {len(within):,} "
                f"ties among them, in {groups:,} separate groups (the largest holds "
                f"{largest:,}); {isolated:,} have no tie to another {sector.value}-sector "
                f"organisation{best if hubs else ''}."
            )
            caption = (
                f"The {sector.value} sector on its own: its organisations and the ties among "
                f"them{day}; the best connected are named."
            )
        return to_report_figure(fig, figure_id, alt, caption)
