"""Charts of the monitoring pages, as images the security policy allows (``data:`` URIs).

Indicator charts are the report's own figures (:mod:`communitydna.reports.figures`); the
monthly tension chart is a small SVG of columns drawn here. Every chart on a page has a
table beside it with the same numbers, so the images carry a short text alternative only.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from communitydna.monitoring import Month
from communitydna.reports.figures import area_comparison, indicator_trend
from communitydna.reports.figures.data import AreaValue
from communitydna.snapshot import Direction, ObservationKind
from communitydna.web.monitoring.selectors import IndicatorView, Series, cached_period_key

__all__ = [
    "Chart",
    "indicator_comparison_chart",
    "indicator_trend_chart",
    "month_label",
    "monthly_chart",
]


@dataclass(frozen=True)
class Chart:
    """An image address and what it shows."""

    src: str
    alt: str
    caption: str


def svg_data_uri(svg: str) -> str:
    """The drawing as an image address: it styles its own shapes, which the page's policy
    would refuse inline but allows inside an image."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _better(view: IndicatorView) -> str:
    direction = view.value.direction
    return {Direction.UP: "higher", Direction.DOWN: "lower"}.get(direction, "") if direction else ""


def indicator_trend_chart(view: IndicatorView, series: Series | None) -> Chart | None:
    """Actual values and targets of one series over its periods; ``None`` when nothing in it
    is known."""
    if series is None:
        return None
    periods: list[str] = []
    for o in series.observations:
        if o.kind is not ObservationKind.BASELINE and o.period not in periods:
            periods.append(o.period)
    if not periods:
        return None

    def of(kind: ObservationKind, period: str) -> tuple[float | None, str]:
        found = [o for o in series.observations if o.kind is kind and o.period == period]
        if not found:
            return None, ""
        value = found[-1].value
        return value.as_float(), str(value)

    actuals = [of(ObservationKind.ACTUAL, p) for p in periods]
    targets = [of(ObservationKind.TARGET, p) for p in periods]
    baselines = [o for o in series.observations if o.kind is ObservationKind.BASELINE]
    baseline = baselines[0].value if baselines else None
    figure = indicator_trend(
        view.value.name,
        view.value.unit,
        periods,
        actuals=[a for a, _ in actuals],
        targets=[t for t, _ in targets],
        baseline=baseline.as_float() if baseline is not None else None,
        texts=[text or "none recorded" for _, text in actuals],
        target_texts=[text for _, text in targets],
        baseline_text=str(baseline) if baseline is not None else "",
        figure_id=f"indicator-{view.row.pk}-trend",
        better=_better(view),
    )
    if figure is None:
        return None
    return Chart(svg_data_uri(figure.svg), figure.alt, f"{series.label}: {figure.caption}")


def indicator_comparison_chart(view: IndicatorView) -> Chart | None:
    """The latest period's actual values by area (or, for the whole place, by breakdown);
    ``None`` with fewer than two known values to compare."""
    actual = [o for o in view.observations if o.kind is ObservationKind.ACTUAL and o.value.known]
    if not actual:
        return None
    latest = max(actual, key=lambda o: cached_period_key(o.period)).period
    in_period = [o for o in actual if o.period == latest]
    by_area = [o for o in in_period if not o.breakdown]
    by_breakdown = [o for o in in_period if not o.area and o.breakdown]
    areas = {o.area.casefold() for o in by_area if o.area}
    chosen, what = (by_area, "area") if len(areas) >= 2 else (by_breakdown, "breakdown")
    values: list[AreaValue] = []
    for o in chosen:
        number = o.value.as_float()
        assert number is not None
        if what == "area":
            label, whole = (o.area or "Whole place"), not o.area
        else:
            label, whole = "; ".join(f"{k} {v}" for k, v in o.breakdown), False
        values.append(AreaValue(label, number, str(o.value), whole))
    values.sort(key=lambda v: (not v.whole_place, v.area.casefold()))
    figure = area_comparison(
        view.value.name,
        view.value.unit,
        latest,
        values,
        figure_id=f"indicator-{view.row.pk}-by-{what}",
        better=_better(view),
    )
    if figure is None:
        return None
    return Chart(svg_data_uri(figure.svg), figure.alt, figure.caption)


def month_label(month: Month) -> str:
    """``Apr 2023``."""
    return f"{month.human()[:3]} {month.year}"


def monthly_chart(months: Sequence[Month], scores: Sequence[int], what: str) -> Chart | None:
    """Columns of a score month by month, each labelled with its number, so the chart needs
    no colour; ``None`` without months."""
    if not months:
        return None
    width_each, height, top, bottom, left = 34, 190, 24, 56, 40
    width = left * 2 + width_each * len(months)
    peak = max(max(scores), 1)
    shapes: list[str] = []
    for i, (month, score) in enumerate(zip(months, scores, strict=True)):
        x = left + i * width_each
        bar = (height - top - bottom) * score / peak
        y = height - bottom - bar
        shapes.append(
            f'<rect x="{x + 4}" y="{y:.1f}" width="{width_each - 8}" height="{bar:.1f}" '
            'fill="#1d4f91"/>'
        )
        shapes.append(
            f'<text x="{x + width_each / 2}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="11">{score}</text>'
        )
        label = month_label(month) if month.month == 1 or i == 0 else month.human()[:3]
        shapes.append(
            f'<text x="{x + width_each / 2}" y="{height - bottom + 14}" text-anchor="end" '
            f'font-size="10" transform="rotate(-45 {x + width_each / 2} '
            f'{height - bottom + 14})">{escape(label)}</text>'
        )
    axis = (
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        'stroke="#0b0c0c" stroke-width="1"/>'
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" '
        f'fill="#0b0c0c">{axis}{"".join(shapes)}</svg>'
    )
    alt = f"{what}, month by month: " + "; ".join(
        f"{m.human()} {s}" for m, s in zip(months, scores, strict=True)
    )
    return Chart(svg_data_uri(svg), alt, f"{what}, month by month.")
