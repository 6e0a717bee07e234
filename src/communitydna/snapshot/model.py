"""The study snapshot: everything known about one study of a place, as plain typed data.

Every reader produces a :class:`Snapshot` and every writer, analysis and report consumes
one. Entities are frozen dataclasses; collections are tuples in the order they were given;
references between entities are by id and are checked when the snapshot is built, so a
snapshot that exists is internally consistent.

``attributes`` on each entity holds columns the workbook contract does not define, by
lower-cased column name, so nothing a user wrote is lost.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from communitydna.framework import (
    MEASURE_KEYS,
    OVERALL,
    VARIANTS,
    Sector,
    Variant,
)
from communitydna.snapshot.values import PartialDate, Quantity

__all__ = [
    "RELATIONSHIP_TYPES",
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "Direction",
    "Evidence",
    "FollowUp",
    "Indicator",
    "Lead",
    "Milestone",
    "Observation",
    "ObservationKind",
    "Organisation",
    "Place",
    "Polarity",
    "Progress",
    "Rating",
    "Recommendation",
    "Relationship",
    "RelationshipStatus",
    "Size",
    "Snapshot",
    "SnapshotError",
    "TensionReport",
]

Attributes = Mapping[str, str]


def _attrs() -> dict[str, str]:
    return {}


class SnapshotError(ValueError):
    """The parts given do not make a consistent snapshot (duplicate ids, dangling references).

    ``problems`` lists every inconsistency found, not just the first.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))


class _TextEnum(StrEnum):
    """An enumeration whose members are their own text."""


class Size(_TextEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class RelationshipStatus(_TextEnum):
    ACTIVE = "active"
    ENDED = "ended"
    PROPOSED = "proposed"


class Polarity(_TextEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"

    @property
    def sign(self) -> int:
        return {"positive": 1, "negative": -1, "neutral": 0}[self.value]


class Progress(_TextEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class ActionStatus(_TextEnum):
    NOT_STARTED = "not started"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    DONE = "done"
    DROPPED = "dropped"


class ObservationKind(_TextEnum):
    BASELINE = "baseline"
    TARGET = "target"
    ACTUAL = "actual"


class Direction(_TextEnum):
    UP = "up"
    DOWN = "down"


RELATIONSHIP_TYPES: tuple[str, ...] = (
    "partnership",
    "contract",
    "grant",
    "supply chain",
    "forum",
    "referral",
    "co-location",
    "joint venture",
    "board",
    "informal",
)
"""The relationship types the method names; any other text is kept as it is."""

DIRECTED_BY_DEFAULT: frozenset[str] = frozenset({"grant", "contract"})


@dataclass(frozen=True, slots=True)
class Place:
    """The place under study and the study's framework settings."""

    name: str
    variant: str = "community"
    date: PartialDate | None = None
    description: str = ""
    wards: tuple[str, ...] = ()
    assessors: tuple[str, ...] = ()
    attributes: Attributes = field(default_factory=_attrs)

    @property
    def framework(self) -> Variant:
        return VARIANTS[self.variant]


@dataclass(frozen=True, slots=True)
class Organisation:
    """A node of the map: an organisation in one of the three sectors."""

    id: str
    name: str
    sector: Sector
    type: str = ""
    ward: str = ""
    postcode: str = ""
    identifier: str = ""
    led_by: tuple[str, ...] = ()
    size: Size | None = None
    notes: str = ""
    attributes: Attributes = field(default_factory=_attrs)


@dataclass(frozen=True, slots=True)
class Relationship:
    """An edge of the map between two organisations (by id).

    ``directed`` means ``source`` acts on ``target`` (a grant from funder to grantee); an
    undirected relationship has no meaningful order.
    """

    id: str
    source: str
    target: str
    type: str = "partnership"
    directed: bool = False
    strength: int = 3
    tense: bool = False
    status: RelationshipStatus = RelationshipStatus.ACTIVE
    since: PartialDate | None = None
    until: PartialDate | None = None
    notes: str = ""
    evidence: tuple[str, ...] = ()
    attributes: Attributes = field(default_factory=_attrs)

    def is_active(self, on: dt.date | None = None) -> bool:
        """Whether the relationship holds on a day (default: regardless of dates).

        Active status is required. With a day given, a relationship that starts after it
        or ends before it is not active; partial dates count from the start of their period
        (``since``) to its end (``until``).
        """
        if self.status is not RelationshipStatus.ACTIVE:
            return False
        if on is None:
            return True
        if self.since is not None and self.since.start() > on:
            return False
        return not (self.until is not None and self.until.end() < on)

    @property
    def ends_before_it_begins(self) -> bool:
        """Whether ``until`` ends before ``since`` starts (at their precisions), which no
        snapshot accepts.

        Examples
        --------
        >>> r = Relationship("r", "a", "b", since=PartialDate(2021, 6), until=PartialDate(2021))
        >>> r.ends_before_it_begins
        False
        """
        return (
            self.since is not None
            and self.until is not None
            and self.until.end() < self.since.start()
        )

    def other(self, organisation_id: str) -> str:
        """The id at the other end from ``organisation_id``."""
        return self.target if organisation_id == self.source else self.source


@dataclass(frozen=True, slots=True)
class Evidence:
    """A piece of evidence coded to one or more measures with a polarity and a weight."""

    id: str
    text: str = ""
    source: str = ""
    date: PartialDate | None = None
    measures: tuple[str, ...] = ()
    polarity: Polarity = Polarity.NEUTRAL
    weight: int = 1
    organisations: tuple[str, ...] = ()
    confidential: bool = False
    attributes: Attributes = field(default_factory=_attrs)


@dataclass(frozen=True, slots=True)
class Rating:
    """The assessor's rating of one measure (or ``overall``).

    ``position`` is 1–7 on the scale, or ``None`` when a row exists but no rating was
    given yet.
    """

    measure: str
    position: int | None = None
    rationale: tuple[str, ...] = ()
    assessor: str = ""
    date: PartialDate | None = None
    attributes: Attributes = field(default_factory=_attrs)


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A way forward, tied to the measures it addresses."""

    id: str
    title: str
    text: str = ""
    measures: tuple[str, ...] = ()
    owner: str = ""
    status: str = ""
    attributes: Attributes = field(default_factory=_attrs)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What became of a recommendation at a later date."""

    recommendation: str
    date: PartialDate | None = None
    progress: Progress = Progress.NOT_STARTED
    notes: str = ""
    attributes: Attributes = field(default_factory=_attrs)


@dataclass(frozen=True, slots=True)
class Milestone:
    """One milestone of an action, with its due date if known."""

    text: str
    due: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Lead:
    """A lead agency of an action: linked to an organisation when its name matched one."""

    name: str
    organisation: str | None = None

    @property
    def linked(self) -> bool:
        return self.organisation is not None


@dataclass(frozen=True, slots=True)
class ActionUpdate:
    """A dated note of where an action stood: its status then, and what was said."""

    date: PartialDate
    status: ActionStatus | None = None
    note: str = ""
    attributes: Attributes = field(default_factory=_attrs)


_FINISHED = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})


def _by_date(items: Iterable[Any]) -> list[Any]:
    """Oldest first, undated last, keeping the given order among equals."""
    return sorted(items, key=lambda x: (x.date is None, x.date or PartialDate(1)))


@dataclass(frozen=True, slots=True)
class Action:
    """An entry of the action plan.

    ``status`` is the status as the plan states it; ``updates`` are dated status updates in
    the order given. :attr:`current_status` is the status of the latest update that gives
    one, else ``status``.

    Examples
    --------
    >>> a = Action(
    ...     "1.2",
    ...     "Open the hub",
    ...     milestones=(Milestone("Lease signed", PartialDate(2008, 11)),),
    ...     status=ActionStatus.ON_TRACK,
    ...     updates=(ActionUpdate(PartialDate(2008, 12), ActionStatus.AT_RISK, "Lease late"),),
    ... )
    >>> a.current_status
    <ActionStatus.AT_RISK: 'at risk'>
    >>> a.overdue(dt.date(2009, 1, 1)), a.overdue(dt.date(2008, 11, 30))
    (True, False)
    """

    ref: str
    action: str
    theme: str = ""
    milestones: tuple[Milestone, ...] = ()
    lead: tuple[Lead, ...] = ()
    outcome: str = ""
    status: ActionStatus | None = None
    measures: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    attributes: Attributes = field(default_factory=_attrs)
    updates: tuple[ActionUpdate, ...] = ()

    @property
    def due(self) -> PartialDate | None:
        """The latest milestone date, if any."""
        dates = [m.due for m in self.milestones if m.due is not None]
        return max(dates) if dates else None

    def updates_in_order(self) -> tuple[ActionUpdate, ...]:
        """The updates oldest first (the given order among updates of the same date)."""
        return tuple(sorted(self.updates, key=lambda u: u.date))

    @property
    def latest_update(self) -> ActionUpdate | None:
        """The latest update, or ``None``."""
        items = self.updates_in_order()
        return items[-1] if items else None

    @property
    def current_status(self) -> ActionStatus | None:
        """The status of the latest update that gives one, else the plan's ``status``."""
        for update in reversed(self.updates_in_order()):
            if update.status is not None:
                return update.status
        return self.status

    def overdue(self, on: dt.date) -> bool:
        """Whether the last milestone's period ended before ``on`` and the action is not
        done or dropped."""
        due = self.due
        return due is not None and due.end() < on and self.current_status not in _FINISHED


@dataclass(frozen=True, slots=True)
class Indicator:
    """A performance indicator tracked for the place."""

    id: str
    name: str
    type: str = ""
    unit: str = ""
    direction: Direction | None = None
    responsible: str = ""
    attributes: Attributes = field(default_factory=_attrs)


@dataclass(frozen=True, slots=True)
class Observation:
    """A baseline, target or actual value of an indicator for a period, area and breakdown."""

    indicator: str
    period: str
    kind: ObservationKind
    value: Quantity = field(default_factory=Quantity)
    area: str = ""
    breakdown: tuple[tuple[str, str], ...] = ()
    attributes: Attributes = field(default_factory=_attrs)


@dataclass(frozen=True, slots=True)
class TensionReport:
    """A community tension report for an area and month."""

    date: PartialDate
    area: str = ""
    reported_by: str = ""
    category: str = ""
    severity: int = 1
    summary: str = ""
    attributes: Attributes = field(default_factory=_attrs)


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True, slots=True, eq=False)
class _Index:
    organisations: Mapping[str, Organisation]
    evidence: Mapping[str, Evidence]
    ratings: Mapping[str, Rating]
    recommendations: Mapping[str, Recommendation]
    indicators: Mapping[str, Indicator]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One study of a place.

    Build it with keyword arguments; lists are turned into tuples. Construction checks
    identities and references and raises :class:`SnapshotError` listing every problem.

    Examples
    --------
    >>> from communitydna.framework import Sector
    >>> s = Snapshot(
    ...     place=Place("Northgate"),
    ...     organisations=(
    ...         Organisation("council", "Northgate Council", Sector.PUBLIC),
    ...         Organisation("foodbank", "Northgate Foodbank", Sector.SOCIAL),
    ...     ),
    ...     relationships=(Relationship("r1", "council", "foodbank", "grant", directed=True),),
    ... )
    >>> s.organisation("foodbank").name
    'Northgate Foodbank'
    >>> [o.id for o in s.neighbours("council")]
    ['foodbank']
    """

    place: Place
    organisations: tuple[Organisation, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    ratings: tuple[Rating, ...] = ()
    overall: Rating | None = None
    recommendations: tuple[Recommendation, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    actions: tuple[Action, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    observations: tuple[Observation, ...] = ()
    tensions: tuple[TensionReport, ...] = ()
    _index: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in (
            "organisations",
            "relationships",
            "evidence",
            "ratings",
            "recommendations",
            "followups",
            "actions",
            "indicators",
            "observations",
            "tensions",
        ):
            object.__setattr__(self, name, _freeze(getattr(self, name)))
        problems: list[str] = []
        orgs = _unique("organisation", ((o.id, o) for o in self.organisations), problems)
        evidence = _unique("evidence", ((e.id, e) for e in self.evidence), problems)
        ratings = _unique("rating for measure", ((r.measure, r) for r in self.ratings), problems)
        recs = _unique("recommendation", ((r.id, r) for r in self.recommendations), problems)
        indicators = _unique("indicator", ((i.id, i) for i in self.indicators), problems)
        _unique("relationship", ((r.id, r) for r in self.relationships), problems)
        if self.place.variant not in VARIANTS:
            problems.append(f"unknown framework variant {self.place.variant!r}")
        measure_keys = set(MEASURE_KEYS)
        for r in self.relationships:
            for end in (r.source, r.target):
                if end not in orgs:
                    problems.append(f"relationship {r.id} refers to unknown organisation {end!r}")
            problems.extend(
                f"relationship {r.id} refers to unknown evidence {e!r}"
                for e in r.evidence
                if e not in evidence
            )
        for e in self.evidence:
            problems.extend(
                f"evidence {e.id} refers to unknown measure {m!r}"
                for m in e.measures
                if m not in measure_keys
            )
            problems.extend(
                f"evidence {e.id} refers to unknown organisation {o!r}"
                for o in e.organisations
                if o not in orgs
            )
        for rating in (*self.ratings, *((self.overall,) if self.overall else ())):
            if rating.measure not in measure_keys and rating is not self.overall:
                problems.append(f"rating for unknown measure {rating.measure!r}")
            if rating.position is not None and not 1 <= rating.position <= 7:
                problems.append(f"rating of {rating.measure} is off the scale (1 to 7)")
        for r in self.relationships:
            if not 1 <= r.strength <= 5:
                problems.append(f"relationship {r.id} has strength {r.strength} (1 to 5)")
            if r.source == r.target:
                problems.append(f"relationship {r.id} joins {r.source!r} to itself")
            if r.ends_before_it_begins:
                problems.append(
                    f"relationship {r.id} ends ({r.until}) before it begins ({r.since})"
                )
        for e in self.evidence:
            if not 1 <= e.weight <= 3:
                problems.append(f"evidence {e.id} has weight {e.weight} (1 to 3)")
        for t in self.tensions:
            if not 1 <= t.severity <= 5:
                problems.append(f"tension report of {t.date} has severity {t.severity} (1 to 5)")
        if self.overall is not None and self.overall.measure != OVERALL:
            problems.append(f"the overall rating must have measure {OVERALL!r}")
        for rec in self.recommendations:
            problems.extend(
                f"recommendation {rec.id} refers to unknown measure {m!r}"
                for m in rec.measures
                if m not in measure_keys
            )
        for f in self.followups:
            if f.recommendation not in recs:
                problems.append(f"follow-up refers to unknown recommendation {f.recommendation!r}")
        for a in self.actions:
            problems.extend(
                f"action {a.ref} lead refers to unknown organisation {lead.organisation!r}"
                for lead in a.lead
                if lead.organisation is not None and lead.organisation not in orgs
            )
            problems.extend(
                f"action {a.ref} refers to unknown measure {m!r}"
                for m in a.measures
                if m not in measure_keys
            )
            problems.extend(
                f"action {a.ref} refers to unknown recommendation {r!r}"
                for r in a.recommendations
                if r not in recs
            )
        refs = Counter(a.ref for a in self.actions)
        for a in self.actions:
            if a.updates and (not a.ref or refs[a.ref] > 1):
                problems.append(
                    f"action {a.action[:40]!r} has status updates, so it needs a reference "
                    f"of its own (its reference {a.ref!r} is "
                    + ("blank)" if not a.ref else f"shared by {refs[a.ref]} actions)")
                )
        for obs in self.observations:
            if obs.indicator not in indicators:
                problems.append(f"observation refers to unknown indicator {obs.indicator!r}")
        if problems:
            raise SnapshotError(problems)
        object.__setattr__(
            self,
            "_index",
            _Index(
                MappingProxyType(orgs),
                MappingProxyType(evidence),
                MappingProxyType(ratings),
                MappingProxyType(recs),
                MappingProxyType(indicators),
            ),
        )

    # -- framework --------------------------------------------------------------------------

    @property
    def variant(self) -> Variant:
        """The study's framework variant."""
        return VARIANTS[self.place.variant]

    # -- look-ups ---------------------------------------------------------------------------

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with this id (``KeyError`` if none)."""
        return self._index.organisations[organisation_id]

    def has_organisation(self, organisation_id: str) -> bool:
        return organisation_id in self._index.organisations

    def evidence_item(self, evidence_id: str) -> Evidence:
        return self._index.evidence[evidence_id]

    def recommendation(self, recommendation_id: str) -> Recommendation:
        return self._index.recommendations[recommendation_id]

    def indicator(self, indicator_id: str) -> Indicator:
        return self._index.indicators[indicator_id]

    def rating(self, measure: str) -> Rating | None:
        """The rating of a measure key, or ``overall``; ``None`` if there is no row."""
        if measure == OVERALL:
            return self.overall
        return self._index.ratings.get(measure)

    # -- queries ----------------------------------------------------------------------------

    def organisations_in(self, sector: Sector) -> tuple[Organisation, ...]:
        """Organisations of one sector, in the snapshot's order."""
        return tuple(o for o in self.organisations if o.sector is sector)

    def active_relationships(self, on: dt.date | None = None) -> tuple[Relationship, ...]:
        """Relationships with status active, and current on ``on`` if a day is given."""
        return tuple(r for r in self.relationships if r.is_active(on))

    def relationships_of(self, organisation_id: str) -> tuple[Relationship, ...]:
        return tuple(r for r in self.relationships if organisation_id in (r.source, r.target))

    def neighbours(
        self, organisation_id: str, on: dt.date | None = None
    ) -> tuple[Organisation, ...]:
        """Organisations tied to this one by an active relationship, each once."""
        seen: dict[str, None] = {}
        for r in self.active_relationships(on):
            if organisation_id in (r.source, r.target):
                other = r.other(organisation_id)
                if other != organisation_id:
                    seen.setdefault(other)
        return tuple(self._index.organisations[i] for i in seen)

    def evidence_for(self, measure: str, polarity: Polarity | None = None) -> tuple[Evidence, ...]:
        """Evidence coded to a measure, optionally of one polarity, in the snapshot's order."""
        return tuple(
            e
            for e in self.evidence
            if measure in e.measures and (polarity is None or e.polarity is polarity)
        )

    def uncoded_evidence(self) -> tuple[Evidence, ...]:
        """Evidence not yet coded to any measure."""
        return tuple(e for e in self.evidence if not e.measures)

    def followups_for(self, recommendation_id: str) -> tuple[FollowUp, ...]:
        """Follow-ups of a recommendation, oldest first (undated last)."""
        items = [f for f in self.followups if f.recommendation == recommendation_id]
        return tuple(_by_date(items))

    def latest_followup(self, recommendation_id: str) -> FollowUp | None:
        items = self.followups_for(recommendation_id)
        dated = [f for f in items if f.date is not None]
        if dated:
            return dated[-1]
        return items[-1] if items else None

    def observations_of(self, indicator_id: str) -> tuple[Observation, ...]:
        return tuple(o for o in self.observations if o.indicator == indicator_id)

    def ratings_in_order(self) -> tuple[tuple[str, Rating | None], ...]:
        """Each measure key in the variant's order with its rating row (or ``None``)."""
        return tuple((k, self.rating(k)) for k in self.variant.order)

    def measures_missing_evidence(self) -> tuple[str, ...]:
        coded = {m for e in self.evidence for m in e.measures}
        return tuple(k for k in self.variant.order if k not in coded)

    def measures_unrated(self) -> tuple[str, ...]:
        return tuple(k for k, r in self.ratings_in_order() if r is None or r.position is None)

    def counts(self) -> dict[str, int]:
        """How many of each entity the snapshot holds."""
        return {
            "organisations": len(self.organisations),
            "relationships": len(self.relationships),
            "evidence": len(self.evidence),
            "ratings": sum(1 for r in self.ratings if r.position is not None),
            "recommendations": len(self.recommendations),
            "followups": len(self.followups),
            "actions": len(self.actions),
            "indicators": len(self.indicators),
            "observations": len(self.observations),
            "tensions": len(self.tensions),
        }


def _unique(kind: str, items: Iterable[tuple[str, Any]], problems: list[str]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in items:
        if key in seen:
            problems.append(f"duplicate {kind} id {key!r}")
        else:
            seen[key] = value
    return seen
