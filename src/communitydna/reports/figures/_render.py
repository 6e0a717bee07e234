"""Shared drawing settings and the step from a matplotlib figure to a report :class:`Figure`.

Why matplotlib: one drawing gives both renderings the formats need, SVG for HTML and PDF
and PNG for Word, with hatching, marker shapes and text layout done once; drawing SVG by hand
would need a second, separate rasteriser for Word. What it costs is kept small: figures are
drawn on :class:`matplotlib.figure.Figure` directly (no pyplot state), the SVG is made when
the figure is built, and the PNG only when a format asks for it.

Determinism: every figure is drawn inside :func:`style` (fixed rcParams: DejaVu Sans, which
matplotlib ships, text kept as text, a fixed hash salt, no date or software stamp) and the
SVG is then normalised: matplotlib's own element ids are dropped or renamed in document
order under the figure's id, so the same figure gives the same bytes on every run and
several figures can sit in one HTML page without clashing ids.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

import matplotlib as mpl
from matplotlib.figure import Figure as MplFigure

from communitydna.framework import Sector
from communitydna.reports.model import Figure

__all__ = [
    "INK",
    "LEVEL_COLOURS",
    "MUTED",
    "PAPER",
    "PNG_DPI",
    "SECTOR_STYLES",
    "SectorStyle",
    "gid",
    "new_figure",
    "normalised_svg",
    "style",
    "text_colour_on",
    "to_report_figure",
]

PNG_DPI = 200
"""Resolution of the PNG renderings (Word)."""

INK = "#1b1b1b"
MUTED = "#6b6b6b"
FAINT = "#c8c8c8"
PAPER = "#ffffff"

# A sequential, colour-blind-safe ramp (ColorBrewer YlGnBu, 7 classes) whose lightness falls
# steadily from position 1 to 7, so it still reads in greyscale; it is never the only cue.
LEVEL_COLOURS: tuple[str, ...] = (
    "#ffffcc",
    "#c7e9b4",
    "#7fcdbb",
    "#41b6c4",
    "#1d91c0",
    "#225ea8",
    "#0c2c84",
)


def text_colour_on(position: int) -> str:
    """Black or white, whichever reads on the colour of a scale position."""
    return PAPER if position >= 5 else INK


class SectorStyle:
    """How a sector is drawn: an Okabe–Ito colour, a marker shape and a hatch pattern."""

    __slots__ = ("colour", "hatch", "label", "marker")

    def __init__(self, colour: str, marker: str, hatch: str, label: str) -> None:
        self.colour = colour
        self.marker = marker
        self.hatch = hatch
        self.label = label


SECTOR_STYLES: dict[Sector, SectorStyle] = {
    Sector.PUBLIC: SectorStyle("#0072B2", "o", "", "Public (circle)"),
    Sector.COMMERCIAL: SectorStyle("#E69F00", "s", "///", "Commercial (square)"),
    Sector.SOCIAL: SectorStyle("#009E73", "^", "...", "Social (triangle)"),
}

_RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "svg.fonttype": "none",
    "svg.hashsalt": "communitydna",
    "svg.image_inline": True,
    "text.parse_math": False,
    "text.usetex": False,
    "axes.unicode_minus": False,
    "hatch.linewidth": 0.6,
    "hatch.color": INK,
    "path.simplify": False,
    "lines.solid_capstyle": "butt",
    "savefig.facecolor": PAPER,
    "savefig.edgecolor": PAPER,
    "savefig.transparent": False,
    "savefig.bbox": None,
}


# matplotlib's settings are global: one figure at a time is drawn or saved under them, so
# that reports rendered on several threads (a web server) cannot change each other's output.
_DRAWING = threading.RLock()


@contextmanager
def style() -> Iterator[None]:
    """Draw and save inside the report's fixed matplotlib settings, one thread at a time."""
    with _DRAWING, mpl.rc_context(cast(Any, _RC)):
        yield


def new_figure(width: float, height: float) -> MplFigure:
    """A blank figure of ``width`` × ``height`` inches, not attached to pyplot."""
    return MplFigure(figsize=(width, height), facecolor=PAPER)


def gid(name: str) -> str:
    """A group id to set on an artist so that it survives into the SVG as ``<figure id>-name``."""
    return f"cdna-{name}"


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_DROP = re.compile(r"\s*<metadata>.*?</metadata>|\s*<style\b[^>]*>.*?</style>", re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_REF = re.compile(r"#([A-Za-z_][\w.:-]*)")
_EMPTY_DEFS = re.compile(r"\s*<defs>\s*</defs>")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def _normalise_svg(svg: str, figure_id: str) -> str:
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _DROP.sub("", svg)
    svg = _EMPTY_DEFS.sub("", svg)
    referenced = set(_REF.findall(svg))
    renamed: dict[str, str] = {}
    for old in _ID.findall(svg):
        if old.startswith("cdna-"):
            renamed[old] = f"{figure_id}-{old[5:]}"
        elif old in referenced and old not in renamed:
            renamed[old] = f"{figure_id}-d{len(renamed) + 1}"

    def replace_id(match: re.Match[str]) -> str:
        new = renamed.get(match.group(1))
        return f' id="{new}"' if new else ""

    svg = _ID.sub(replace_id, svg)
    svg = _REF.sub(lambda m: f"#{renamed.get(m.group(1), m.group(1))}", svg)
    svg = _LINE_BREAKS.sub(" ", svg).replace("> <", "><")
    return svg.strip()


def _svg_of(fig: MplFigure) -> str:
    buffer = io.StringIO()
    with style():
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _png_of(fig: MplFigure) -> bytes:
    buffer = io.BytesIO()
    with style():
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return buffer.getvalue()


def normalised_svg(fig: MplFigure, svg_id: str) -> str:
    """The SVG of a drawn figure, normalised, with every id inside it prefixed by ``svg_id``."""
    return _normalise_svg(_svg_of(fig), svg_id)


def to_report_figure(fig: MplFigure, figure_id: str, alt: str, caption: str = "") -> Figure:
    """Turn a drawn figure into a report :class:`Figure`: SVG now, PNG when first asked for.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The drawing, made inside :func:`style`.
    figure_id : str
        The figure's stable id; also the prefix of every id inside its SVG.
    alt : str
        The text alternative, stating what the figure shows.
    caption : str, optional

    Returns
    -------
    Figure
    """
    svg = normalised_svg(fig, figure_id)
    draw_png: Callable[[], bytes] = lambda: _png_of(fig)  # noqa: E731 - keeps fig alive
    return Figure(figure_id, svg, alt, caption, draw_png=draw_png)
