"""Reads for the monitoring pages, each in a fixed number of queries whatever the size of
the plan, and the monitoring rules of the pure core applied to what they read."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db.models import Prefetch, QuerySet

from communitydna.monitoring import (
    IndicatorProgress,
    WarningRule,
    indicator_progress,
    period_key,
)
from communitydna.snapshot import (
    Action,
    ActionStatus,
    ActionUpdate,
    Indicator,
    Observation,
    ObservationKind,
    PartialDate,
    Quantity,
    TensionReport,
    format_breakdown,
)
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.models.plan import TensionWarningRule

__all__ = [
    "ActionView",
    "IndicatorView",
    "Series",
    "TimelineMonth",
    "action_view",
    "actions_of",
    "cached_period_key",
    "followup_overview",
    "indicator_view",
    "indicator_views",
    "pivot",
    "plan_by_theme",
    "tension_reports",
    "timeline",
    "warning_rule",
]

NO_THEME = "No theme"
cached_period_key = lru_cache(maxsize=4096)(period_key)  # plans reuse a few periods often
_ATTENTION = {"overdue": 0, ActionStatus.AT_RISK: 1}


@dataclass(frozen=True)
class ActionView:
    """An action as the plan pages show it."""

    row: m.Action
    value: Action
    leads: tuple[m.Lead, ...]
    recommendations: tuple[m.Recommendation, ...]
    overdue: bool

    @property
    def status(self) -> ActionStatus | None:
        return self.value.current_status

    @property
    def latest_update(self) -> ActionUpdate | None:
        return self.value.latest_update

    @property
    def milestones(self) -> tuple[tuple[str, PartialDate | None], ...]:
        return tuple((x.text, x.due) for x in self.value.milestones)

    @property
    def attention(self) -> int:
        """0 overdue, 1 at risk, 2 anything else: the order the plan is read in."""
        if self.overdue:
            return 0
        return 1 if self.status is ActionStatus.AT_RISK else 2


def _actions(rows: QuerySet[m.Action]) -> QuerySet[m.Action]:
    return rows.prefetch_related(
        "milestones",
        Prefetch(
            "leads",
            queryset=m.Lead.objects.select_related("organisation").only(
                "action_id", "name", "ordinal", "organisation__key", "organisation__name"
            ),
        ),
        Prefetch(
            "recommendation_links",
            queryset=m.ActionRecommendation.objects.select_related("recommendation"),
        ),
    ).order_by("ordinal", "id")


def _view(row: m.Action, today: dt.date) -> ActionView:
    leads = tuple(row.leads.all())
    links = tuple(x.recommendation for x in row.recommendation_links.all())
    value = convert.action_entity(
        row,
        list(row.milestones.all()),
        [(x.name, x.organisation.key if x.organisation else None) for x in leads],
        [r.key for r in links],
    )
    return ActionView(row, value, leads, links, value.overdue(today))


def action_view(row: m.Action, *, today: dt.date) -> ActionView:
    """One action as the plan pages show it."""
    return _view(_actions(m.Action.objects.filter(pk=row.pk)).get(), today)


def _in_order(views: Iterable[ActionView]) -> list[ActionView]:
    return sorted(views, key=lambda v: (v.attention, v.row.ordinal, v.row.pk))


def plan_by_theme(study: m.Study, *, today: dt.date) -> list[tuple[str, list[ActionView]]]:
    """The plan by theme (in the plan's order, actions without one last), each theme's
    overdue actions first, then those at risk, then the rest in the plan's order."""
    themes: dict[str, list[ActionView]] = {}
    for row in _actions(study.actions.all()):
        themes.setdefault(row.theme.strip() or NO_THEME, []).append(_view(row, today))
    if NO_THEME in themes:
        themes[NO_THEME] = themes.pop(NO_THEME)
    return [(theme, _in_order(views)) for theme, views in themes.items()]


def actions_of(study: m.Study, organisation: m.Organisation, *, today: dt.date) -> list[ActionView]:
    """The actions an organisation leads, overdue and at risk first."""
    rows = study.actions.filter(leads__organisation=organisation).distinct()
    return _in_order(_view(row, today) for row in _actions(rows))


@dataclass(frozen=True)
class TimelineMonth:
    """The milestones due in one period (a month, or a year for those dated to a year)."""

    label: str
    start: dt.date | None
    entries: tuple[tuple[ActionView, str, PartialDate | None], ...]


def timeline(study: m.Study, *, today: dt.date) -> list[TimelineMonth]:
    """Every milestone by the month it is due (those dated to a year after that year's
    months; undated ones last)."""
    groups: dict[tuple[int, int, int], list[tuple[ActionView, str, PartialDate | None]]] = (
        defaultdict(list)
    )
    labels: dict[tuple[int, int, int], tuple[str, dt.date | None]] = {}
    for row in _actions(study.actions.all()):
        view = _view(row, today)
        for text, due in view.milestones:
            if due is None:
                key, label, start = (10_000, 0, 0), "No date", None
            elif due.month is None:
                key, label, start = (due.year, 13, 0), f"During {due.year}", due.start()
            else:
                key = (due.year, due.month, 0)
                label, start = PartialDate(due.year, due.month).human(), due.start()
            groups[key].append((view, text, due))
            labels[key] = (label, start)
    return [
        TimelineMonth(
            labels[key][0],
            labels[key][1],
            tuple(
                sorted(
                    groups[key],
                    key=lambda e: (e[2].start() if e[2] else dt.date.max, e[0].row.ordinal),
                )
            ),
        )
        for key in sorted(groups)
    ]


# -- indicators -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One area and breakdown of an indicator, with its observations by period."""

    area: str
    breakdown: tuple[tuple[str, str], ...]
    observations: tuple[Observation, ...]
    progress: IndicatorProgress

    @property
    def label(self) -> str:
        parts = [self.area or "Whole place"]
        if self.breakdown:
            parts.append(format_breakdown(self.breakdown))
        return ", ".join(parts)

    @property
    def whole_place(self) -> bool:
        return not self.area and not self.breakdown


@dataclass(frozen=True)
class IndicatorView:
    """An indicator, its series and the progress of the whole place (or its first series)."""

    row: m.Indicator
    value: Indicator
    series: tuple[Series, ...]
    observations: tuple[Observation, ...] = field(default=())

    @property
    def main(self) -> Series | None:
        """The whole place's series if it has values, else the first one."""
        for s in self.series:
            if s.whole_place:
                return s
        return self.series[0] if self.series else None


def _series_key(o: Observation) -> tuple[bool, str, tuple[tuple[str, str], ...]]:
    return (bool(o.area or o.breakdown), o.area.casefold(), o.breakdown)


_OBSERVATION_FIELDS = ("period", "kind", "value", "qualifier", "percent", "area", "breakdown")


def _observations(key: str, rows: Iterable[tuple[Any, ...]]) -> tuple[Observation, ...]:
    """Observations from bare columns: building model rows first costs more than the rest of
    a page with thousands of values. Attributes are left out; no page here shows them."""
    return tuple(
        Observation(
            key,
            period,
            ObservationKind(kind),
            Quantity(Decimal(value) if value else None, qualifier or None, percent),
            area,
            tuple((str(k), str(v)) for k, v in breakdown),
        )
        for period, kind, value, qualifier, percent, area, breakdown in rows
    )


def _indicator_view(row: m.Indicator, observations: tuple[Observation, ...]) -> IndicatorView:
    value = convert.indicator_entity(row)
    groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[Observation]] = {}
    for o in sorted(observations, key=_series_key):
        groups.setdefault((o.area.strip().casefold(), o.breakdown), []).append(o)
    series = tuple(
        Series(
            items[0].area.strip(),
            breakdown,
            tuple(sorted(items, key=lambda o: cached_period_key(o.period))),
            indicator_progress(value, items, area=items[0].area, breakdown=breakdown),
        )
        for (_, breakdown), items in groups.items()
    )
    return IndicatorView(row, value, series, observations)


def indicator_views(study: m.Study) -> list[IndicatorView]:
    """Every indicator with its series and progress, in two queries."""
    rows = list(study.indicators.order_by("ordinal", "id"))
    found: dict[int, list[tuple[Any, ...]]] = {row.pk: [] for row in rows}
    values = study.observations.order_by("ordinal", "id").values_list(
        "indicator_id", *_OBSERVATION_FIELDS
    )
    for indicator_id, *rest in values.iterator(chunk_size=2000):
        found[indicator_id].append(tuple(rest))
    return [_indicator_view(row, _observations(row.key, found[row.pk])) for row in rows]


def indicator_view(indicator: m.Indicator) -> IndicatorView:
    """One indicator with its series and progress."""
    values = indicator.observations.order_by("ordinal", "id").values_list(*_OBSERVATION_FIELDS)
    return _indicator_view(indicator, _observations(indicator.key, values))


@dataclass(frozen=True)
class Pivot:
    """Values of one kind as a table: a row per series, a column per period."""

    periods: tuple[str, ...]
    rows: tuple[tuple[Series, tuple[tuple[Observation, ...], ...]], ...]


def pivot(view: IndicatorView, kind: ObservationKind) -> Pivot:
    """The values of one kind, series by period (a cell may hold none, one or several)."""
    periods = sorted({o.period for o in view.observations if o.kind is kind}, key=cached_period_key)
    column = {p: i for i, p in enumerate(periods)}
    rows = []
    for s in view.series:
        cells: list[list[Observation]] = [[] for _ in periods]
        for o in s.observations:
            if o.kind is kind:
                cells[column[o.period]].append(o)
        if any(cells):
            rows.append((s, tuple(tuple(c) for c in cells)))
    return Pivot(tuple(periods), tuple(rows))


def kind_rows(view: IndicatorView, kind: ObservationKind) -> list[tuple[Series, Observation]]:
    """The observations of one kind, series by series, by period."""
    return [(s, o) for s in view.series for o in s.observations if o.kind is kind]


# -- tensions --------------------------------------------------------------------------------


def tension_reports(study: m.Study) -> list[TensionReport]:
    """The study's tension reports as the monitoring rules take them."""
    return [convert.tension_entity(row) for row in study.tensions.order_by("date_start", "id")]


def warning_rule(study: m.Study) -> WarningRule:
    """The workspace's early-warning rule, or the default one."""
    row = TensionWarningRule.objects.filter(workspace_id=study.workspace_id).first()
    return row.rule() if row is not None else WarningRule()


# -- follow-ups ------------------------------------------------------------------------------


def followup_overview(
    study: m.Study,
) -> list[tuple[m.Recommendation, list[m.FollowUp], m.FollowUp | None]]:
    """Every recommendation with its reviews oldest first and the latest of them."""
    rows = study.recommendations.prefetch_related(
        Prefetch("followups", queryset=m.FollowUp.objects.order_by("date_start", "ordinal"))
    ).order_by("ordinal", "id")
    found = []
    for r in rows:
        followups = sorted(
            r.followups.all(),
            key=lambda f: (f.date_start is not None, f.date_start or dt.date.min, f.ordinal),
        )
        found.append((r, followups, followups[-1] if followups else None))
    return found
