"""The place's context and plans: indicators compared between areas, the action plan and
indicator summaries, from a snapshot's indicators, observations and actions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from communitydna.reports.figures.data import AreaValue
from communitydna.reports.model import (
    ActionItem,
    Figure,
    IndicatorSummary,
    MeasureRef,
    RecommendationRef,
    Table,
)
from communitydna.snapshot import (
    Direction,
    Indicator,
    Observation,
    ObservationKind,
    Snapshot,
)

__all__ = ["action_items", "context_indicators", "indicator_summaries"]


def _better(indicator: Indicator) -> str:
    if indicator.direction is Direction.UP:
        return "higher"
    if indicator.direction is Direction.DOWN:
        return "lower"
    return ""


def _is_whole_place(snapshot: Snapshot, area: str) -> bool:
    return not area.strip() or area.strip().casefold() == snapshot.place.name.strip().casefold()


def _area_order(snapshot: Snapshot, areas: Sequence[str]) -> list[str]:
    wards = [w.casefold() for w in snapshot.place.wards]

    def key(area: str) -> tuple[int, int, str]:
        if _is_whole_place(snapshot, area):
            return (0, 0, "")
        if area.casefold() in wards:
            return (1, wards.index(area.casefold()), "")
        return (2, 0, area.casefold())

    return sorted(dict.fromkeys(areas), key=key)


def _area_name(snapshot: Snapshot, area: str) -> str:
    return snapshot.place.name if _is_whole_place(snapshot, area) else area


def _comparison(snapshot: Snapshot, indicator: Indicator) -> tuple[str, list[Observation]]:
    """The latest period with actual values for at least two areas, and those values."""
    by_period: dict[str, dict[str, Observation]] = {}
    for o in snapshot.observations_of(indicator.id):
        if o.kind is ObservationKind.ACTUAL and not o.breakdown and o.value.known:
            by_period.setdefault(o.period, {}).setdefault(_area_name(snapshot, o.area), o)
    compared = [(p, areas) for p, areas in sorted(by_period.items()) if len(areas) >= 2]
    if not compared:
        return "", []
    period, areas = compared[-1]
    return period, [areas[a] for a in _area_order(snapshot, list(areas))]


def context_indicators(
    snapshot: Snapshot, *, figures: bool = True
) -> tuple[tuple[Table, ...], tuple[Figure, ...]]:
    """Indicators compared between the place's areas: one table, and a chart per indicator.

    For each indicator, the latest period for which at least two areas have an actual value
    (with no breakdown) is compared.

    Returns
    -------
    tuple
        The tables (none or one) and the figures (one per indicator compared).
    """
    rows: list[tuple[str, ...]] = []
    compared: list[tuple[Indicator, str, list[Observation]]] = []
    for indicator in snapshot.indicators:
        period, observations = _comparison(snapshot, indicator)
        if observations:
            compared.append((indicator, period, observations))
    if not compared:
        return (), ()
    areas = _area_order(
        snapshot, [_area_name(snapshot, o.area) for _, _, obs in compared for o in obs]
    )
    for indicator, period, observations in compared:
        values = {_area_name(snapshot, o.area): str(o.value) for o in observations}
        name = f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name
        rows.append((name, period, *(values.get(a, "—") for a in areas)))
    table = Table(
        "Context indicators compared between areas (latest period with values for two or "
        "more areas)",
        ("Indicator", "Period", *areas),
        tuple(rows),
    )
    drawn: list[Figure] = []
    if figures:
        from communitydna.reports.figures.indicators import area_comparison

        for indicator, period, observations in compared:
            figure = area_comparison(
                indicator.name,
                indicator.unit,
                period,
                [
                    AreaValue(
                        _area_name(snapshot, o.area),
                        float(o.value.as_float() or 0.0),
                        str(o.value),
                        _is_whole_place(snapshot, o.area),
                    )
                    for o in observations
                ],
                figure_id=f"indicator-{_slug(indicator.id)}",
                better=_better(indicator),
            )
            if figure is not None:
                drawn.append(figure)
    return (table,), tuple(drawn)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "x"


def _worded(observations: Sequence[Observation]) -> str:
    return "; ".join(f"{o.value} ({o.period})" for o in observations)


def indicator_summaries(snapshot: Snapshot) -> tuple[IndicatorSummary, ...]:
    """Each indicator for the whole place: its baseline, its targets and its latest value."""
    summaries = []
    for indicator in snapshot.indicators:
        whole = [
            o
            for o in snapshot.observations_of(indicator.id)
            if not o.breakdown and _is_whole_place(snapshot, o.area)
        ]

        def kind(k: ObservationKind, rows: list[Observation] = whole) -> list[Observation]:
            return sorted((o for o in rows if o.kind is k), key=lambda o: o.period)

        actual = kind(ObservationKind.ACTUAL)
        summaries.append(
            IndicatorSummary(
                id=indicator.id,
                name=indicator.name,
                unit=indicator.unit,
                better=_better(indicator),
                responsible=indicator.responsible,
                baseline=_worded(kind(ObservationKind.BASELINE)[:1]),
                target=_worded(kind(ObservationKind.TARGET)),
                latest=_worded(actual[-1:]),
            )
        )
    return tuple(summaries)


def action_items(
    snapshot: Snapshot,
    measures: Mapping[str, MeasureRef],
    recommendations: Mapping[str, RecommendationRef],
) -> tuple[ActionItem, ...]:
    """The action plan in the order it was written."""
    return tuple(
        ActionItem(
            ref=a.ref,
            action=a.action,
            theme=a.theme,
            milestones=tuple((m.text, m.due) for m in a.milestones),
            leads=tuple(lead.name for lead in a.lead),
            outcome=a.outcome,
            status=a.status.value if a.status is not None else "",
            due=a.due,
            measures=tuple(
                sorted((measures[k] for k in a.measures if k in measures), key=lambda m: m.number)
            ),
            recommendations=tuple(
                recommendations[r] for r in a.recommendations if r in recommendations
            ),
        )
        for a in snapshot.actions
    )
