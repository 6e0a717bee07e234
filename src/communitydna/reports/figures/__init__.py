"""The report's figures, one module per family, each giving SVG and, on demand, PNG.

- :mod:`~communitydna.reports.figures.scale`: the sliding scale of a rating, and the
  overall assessment among the ten measures;
- :mod:`~communitydna.reports.figures.rankings`: the qualitative rankings chart;
- :mod:`~communitydna.reports.figures.strip`: the DNA strip, reusable outside reports;
- :mod:`~communitydna.reports.figures.network`: the whole network map and the sector maps,
  laid out by :mod:`~communitydna.reports.figures.layout`;
- :mod:`~communitydna.reports.figures.robustness`: robustness curves;
- :mod:`~communitydna.reports.figures.indicators`: context indicators between areas.

See :mod:`communitydna.reports.figures._render` for why matplotlib and how the output is
kept byte-for-byte the same from run to run. The drawing modules are imported when a name
is first used, so importing the reports (for the command line, say) does not load
matplotlib until a figure is drawn.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from communitydna.reports.figures.data import AreaValue, ShockCurve
    from communitydna.reports.figures.indicators import area_comparison, indicator_trend
    from communitydna.reports.figures.layout import force_layout
    from communitydna.reports.figures.network import MapGraph, network_map, sector_map
    from communitydna.reports.figures.rankings import rankings_chart
    from communitydna.reports.figures.robustness import robustness_curves
    from communitydna.reports.figures.scale import overall_figure, rating_alt, sliding_scale
    from communitydna.reports.figures.strip import dna_strip, dna_strip_alt, dna_strip_figure

_HOMES = {
    "AreaValue": "data",
    "ShockCurve": "data",
    "area_comparison": "indicators",
    "indicator_trend": "indicators",
    "force_layout": "layout",
    "MapGraph": "network",
    "network_map": "network",
    "sector_map": "network",
    "rankings_chart": "rankings",
    "robustness_curves": "robustness",
    "overall_figure": "scale",
    "rating_alt": "scale",
    "sliding_scale": "scale",
    "dna_strip": "strip",
    "dna_strip_alt": "strip",
    "dna_strip_figure": "strip",
}

__all__ = [
    "AreaValue",
    "MapGraph",
    "ShockCurve",
    "area_comparison",
    "dna_strip",
    "dna_strip_alt",
    "dna_strip_figure",
    "force_layout",
    "indicator_trend",
    "network_map",
    "overall_figure",
    "rankings_chart",
    "rating_alt",
    "robustness_curves",
    "sector_map",
    "sliding_scale",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
