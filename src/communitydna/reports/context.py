"""The place's context and plans: indicators compared between areas, the action plan,
indicator summaries with progress against target, and tension trends, from a snapshot's
indicators, observations, actions and tension reports.

Decisions
---------
- Actions are grouped by theme in the order themes first appear; within a theme, actions
  that are overdue come first, then those at risk, then the rest in the order written. An
  action is overdue when its last milestone's period ended before the report's date and
  its current status is neither done nor dropped.
- An indicator's table shows the whole place with no breakdown, period by period; values
  for areas and breakdowns follow in a second table. "To be determined" is written as such
  and never drawn; a chart is drawn only when at least one value is known.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

from communitydna.monitoring import (
    WarningRule,
    early_warnings,
    indicator_progress,
    monthly_series,
    period_key,
)
from communitydna.reports.figures.data import AreaValue
from communitydna.reports.model import (
    ActionItem,
    ActionTheme,
    ActionUpdateItem,
    Figure,
    IndicatorPeriod,
    IndicatorSummary,
    LeadRef,
    MeasureRef,
    OrganisationRef,
    RecommendationRef,
    Table,
    TensionSummary,
)
from communitydna.snapshot import (
    Action,
    ActionStatus,
    Direction,
    Indicator,
    Observation,
    ObservationKind,
    Snapshot,
    format_breakdown,
)

__all__ = [
    "action_items",
    "action_themes",
    "context_indicators",
    "indicator_summaries",
    "tension_summary",
]


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


def _periods(whole: Sequence[Observation]) -> tuple[IndicatorPeriod, ...]:
    by_period: dict[str, dict[ObservationKind, list[str]]] = {}
    for o in whole:
        by_period.setdefault(o.period, {}).setdefault(o.kind, []).append(str(o.value))
    return tuple(
        IndicatorPeriod(
            period,
            "; ".join(values.get(ObservationKind.BASELINE, [])),
            "; ".join(values.get(ObservationKind.TARGET, [])),
            "; ".join(values.get(ObservationKind.ACTUAL, [])),
        )
        for period, values in sorted(by_period.items(), key=lambda kv: period_key(kv[0]))
    )


def _breakdowns(snapshot: Snapshot, parts: Sequence[Observation], name: str) -> Table | None:
    if not parts:
        return None
    ordered = sorted(
        parts,
        key=lambda o: (
            _area_order(snapshot, [p.area for p in parts]).index(o.area),
            format_breakdown(o.breakdown),
            period_key(o.period),
        ),
    )
    return Table(
        f"{name}: values by area and breakdown",
        ("Area", "Breakdown", "Period", "Kind", "Value"),
        tuple(
            (
                _area_name(snapshot, o.area),
                ", ".join(f"{k} {v}" for k, v in o.breakdown) or "all",
                o.period,
                o.kind.value,
                str(o.value),
            )
            for o in ordered
        ),
    )


def _trend_figure(
    indicator: Indicator, periods: Sequence[IndicatorPeriod], whole: Sequence[Observation]
) -> Figure | None:
    from communitydna.reports.figures.indicators import indicator_trend

    def first(kind: ObservationKind, period: str) -> Observation | None:
        return next((o for o in whole if o.kind is kind and o.period == period), None)

    def number(o: Observation | None) -> float | None:
        return None if o is None else o.value.as_float()

    baselines = [o for o in whole if o.kind is ObservationKind.BASELINE and o.value.known]
    baselines.sort(key=lambda o: period_key(o.period))
    return indicator_trend(
        indicator.name,
        indicator.unit,
        [p.period for p in periods],
        actuals=[number(first(ObservationKind.ACTUAL, p.period)) for p in periods],
        targets=[number(first(ObservationKind.TARGET, p.period)) for p in periods],
        baseline=baselines[0].value.as_float() if baselines else None,
        texts=[p.actual or "none recorded" for p in periods],
        target_texts=[p.target for p in periods],
        baseline_text=str(baselines[0].value) if baselines else "",
        figure_id=f"trend-{_slug(indicator.id)}",
        better=_better(indicator),
    )


def indicator_summaries(
    snapshot: Snapshot, anchors: Mapping[str, str] | None = None, *, figures: bool = False
) -> tuple[IndicatorSummary, ...]:
    """Each indicator for the whole place: its baseline, targets, latest value and progress.

    ``anchors`` gives each indicator's anchor by id; with ``figures``, a chart over the
    periods is drawn for each indicator with a known value.
    """
    summaries = []
    for indicator in snapshot.indicators:
        observations = snapshot.observations_of(indicator.id)
        whole = [o for o in observations if not o.breakdown and _is_whole_place(snapshot, o.area)]
        in_whole = {id(o) for o in whole}
        parts = [o for o in observations if id(o) not in in_whole]

        def kind(k: ObservationKind, rows: list[Observation] = whole) -> list[Observation]:
            return sorted((o for o in rows if o.kind is k), key=lambda o: period_key(o.period))

        actual = kind(ObservationKind.ACTUAL)
        # the place may be written by name or left blank: one series either way
        series = [dataclasses.replace(o, area="") for o in whole]
        progress = indicator_progress(indicator, series) if whole else None
        periods = _periods(whole)
        drawn: tuple[Figure, ...] = ()
        if figures and periods:
            figure = _trend_figure(indicator, periods, whole)
            drawn = (figure,) if figure is not None else ()
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
                anchor=(anchors or {}).get(indicator.id, ""),
                type=indicator.type,
                progress=progress.words if progress is not None else "no values recorded",
                standing=progress.standing.value if progress is not None else "",
                periods=periods,
                breakdowns=_breakdowns(snapshot, parts, indicator.name),
                figures=drawn,
            )
        )
    return tuple(summaries)


def _attention(a: Action, on: dt.date | None) -> tuple[bool, str]:
    overdue = on is not None and a.overdue(on)
    if overdue:
        assert a.due is not None
        return True, f"overdue since {a.due.human()}"
    if a.current_status is ActionStatus.AT_RISK:
        return False, "at risk"
    return False, ""


def _action_item(
    a: Action,
    measures: Mapping[str, MeasureRef],
    recommendations: Mapping[str, RecommendationRef],
    organisations: Mapping[str, OrganisationRef],
    on: dt.date | None,
) -> ActionItem:
    updates = tuple(
        ActionUpdateItem(u.date, u.status.value if u.status is not None else "", u.note)
        for u in a.updates_in_order()
    )
    overdue, attention = _attention(a, on)
    current = a.current_status
    return ActionItem(
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
        lead_refs=tuple(
            LeadRef(
                lead.name,
                organisations.get(lead.organisation) if lead.organisation is not None else None,
            )
            for lead in a.lead
        ),
        current_status=current.value if current is not None else "",
        updates=updates,
        latest_update=updates[-1] if updates else None,
        overdue=overdue,
        attention=attention,
    )


def action_items(
    snapshot: Snapshot,
    measures: Mapping[str, MeasureRef],
    recommendations: Mapping[str, RecommendationRef],
    organisations: Mapping[str, OrganisationRef] | None = None,
    *,
    on: dt.date | None = None,
) -> tuple[ActionItem, ...]:
    """The action plan in the order it was written; ``on`` is the day overdue is judged."""
    return tuple(
        _action_item(a, measures, recommendations, organisations or {}, on)
        for a in snapshot.actions
    )


def action_themes(
    items: Sequence[ActionItem], anchor: Mapping[str, str]
) -> tuple[ActionTheme, ...]:
    """The actions by theme (themes in order of appearance), overdue then at risk first.

    ``anchor`` gives each theme's anchor by name (``""`` for actions with no theme).
    """
    themes: dict[str, list[ActionItem]] = {}
    for item in items:
        themes.setdefault(item.theme, []).append(item)

    def urgency(item: ActionItem) -> int:
        return 0 if item.overdue else 1 if item.attention else 2

    return tuple(
        ActionTheme(
            name or "Actions without a theme",
            anchor[name],
            tuple(sorted(actions, key=urgency)),  # sorted() is stable: written order within
        )
        for name, actions in themes.items()
    )


def tension_summary(
    snapshot: Snapshot, rule: WarningRule | None = None, months: int = 6
) -> TensionSummary | None:
    """The last ``months`` months of tension reports per area and category, and the areas
    the early-warning rule flags in them."""
    rule = rule or WarningRule()
    by_area = monthly_series(snapshot.tensions, by="area", measure=rule.measure)
    if not by_area.months:
        return None
    shown = by_area.months[-months:]
    start = len(by_area.months) - len(shown)
    score = "severity" if rule.measure == "severity" else "reports"
    what = "sum of severities" if score == "severity" else "number of reports"
    table = Table(
        f"Tension score by area and month ({what})",
        ("Area", *(m.human() for m in shown), "Total"),
        tuple(
            (area, *(str(v) for v in values[start:]), str(sum(values[start:])))
            for area, values in by_area.scores.items()
        ),
    )
    by_category = monthly_series(snapshot.tensions, by="category", measure="reports")
    categories = Table(
        "Tension reports by category and month",
        ("Category", *(m.human() for m in shown), "Total"),
        tuple(
            (category, *(str(v) for v in values[start:]), str(sum(values[start:])))
            for category, values in by_category.scores.items()
        ),
    )
    flagged = [w for w in early_warnings(snapshot.tensions, rule) if w.month in shown]
    warnings = tuple(
        f"{w.area}, {w.month.human()}: {w.score} against an average of {w.average:.1f} over "
        f"the {rule.window} months before (a rise of {w.rise:.1f})"
        for w in flagged
    )
    unit = "severity points" if score == "severity" else "reports"
    words = (
        f"An area is flagged when a month's score rises more than {rule.threshold:g} {unit} "
        f"above its average over the {rule.window} months before."
    )
    return TensionSummary(words, table, warnings, categories)
