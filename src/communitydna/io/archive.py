"""A whole study as one versioned JSON document: the archive.

The archive holds every entity and field of a :class:`~communitydna.snapshot.Snapshot`
exactly, including what a workbook cannot (text with surrounding spaces, list items holding
``;``), so ``archive_to_snapshot(snapshot_to_archive(s)).snapshot == s`` for every snapshot.

The document is ``{"format": "communitydna-study", "version": 1, "place": {…},
"organisations": […], …}``, described by the JSON Schema ``archive.schema.json`` next to
this module.

Decisions
---------
- Dates are their canonical text, which keeps their precision: ``"2012"``, ``"2012-07"``,
  ``"2012-07-15"`` (years below 1000 with leading zeros, ``"0999"``).
- Indicator values are ``{"number": "42.5", "qualifier": "<", "percent": true}`` with the
  number as exact decimal text, or ``null`` when not yet known ("to be determined").
- Enumerations are their values (``"social"``, ``"at risk"``); a missing one is ``null``.
- Lists keep their order; ``attributes`` (unknown workbook columns) are objects of text.
- Every field is written; on reading, a field left out takes the snapshot's default, and a
  field the version does not define is an error rather than something silently dropped.
- ``version`` counts incompatible changes. An archive newer than this program knows is
  refused with a sentence saying so, never half read.

Reading never raises for bad content: every problem is a
:class:`~communitydna.io.problems.Problem` whose ``sheet`` is the JSON path of the value
(``$.organisations[3].sector``), with the value and the reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from communitydna.framework import Sector
from communitydna.io.problems import Problem, ReadResult
from communitydna.snapshot import (
    Action,
    ActionStatus,
    ActionUpdate,
    Direction,
    Evidence,
    FollowUp,
    Indicator,
    Lead,
    Milestone,
    Observation,
    ObservationKind,
    Organisation,
    PartialDate,
    Place,
    Polarity,
    Progress,
    Quantity,
    Rating,
    Recommendation,
    Relationship,
    RelationshipStatus,
    Size,
    Snapshot,
    SnapshotError,
    TensionReport,
)

__all__ = [
    "ARCHIVE_FORMAT",
    "ARCHIVE_VERSION",
    "archive_to_snapshot",
    "is_archive",
    "read_archive",
    "snapshot_to_archive",
    "write_archive",
]

ARCHIVE_FORMAT = "communitydna-study"
ARCHIVE_VERSION = 1
"""The version this program writes, and the newest it reads."""

_QUALIFIERS = ("<", "<=", ">", ">=", "~")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")

E = TypeVar("E", bound=Enum)
T = TypeVar("T")

# -- snapshot to archive --------------------------------------------------------------------


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _enum(value: Enum | None) -> str | None:
    return None if value is None else str(value.value)


def _attributes(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


def _rating(r: Rating) -> dict[str, Any]:
    return {
        "measure": r.measure,
        "position": r.position,
        "rationale": list(r.rationale),
        "assessor": r.assessor,
        "date": _date(r.date),
        "attributes": _attributes(r.attributes),
    }


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "number": None if q.number is None else str(q.number),
        "qualifier": q.qualifier,
        "percent": q.percent,
    }


def _action(a: Action) -> dict[str, Any]:
    return {
        "ref": a.ref,
        "action": a.action,
        "theme": a.theme,
        "milestones": [{"text": m.text, "due": _date(m.due)} for m in a.milestones],
        "lead": [{"name": lead.name, "organisation": lead.organisation} for lead in a.lead],
        "outcome": a.outcome,
        "status": _enum(a.status),
        "measures": list(a.measures),
        "recommendations": list(a.recommendations),
        "attributes": _attributes(a.attributes),
        "updates": [
            {
                "date": _date(u.date),
                "status": _enum(u.status),
                "note": u.note,
                "attributes": _attributes(u.attributes),
            }
            for u in a.updates
        ],
    }


def snapshot_to_archive(snapshot: Snapshot) -> dict[str, Any]:
    """The archive of a study: plain JSON data (dicts, lists, text, numbers, booleans).

    Examples
    --------
    >>> from communitydna.snapshot import Snapshot, Place, Organisation
    >>> from communitydna.framework import Sector
    >>> study = Snapshot(
    ...     place=Place("Northgate"),
    ...     organisations=(Organisation("council", "Northgate Council", Sector.PUBLIC),),
    ... )
    >>> data = snapshot_to_archive(study)
    >>> data["format"], data["version"], data["organisations"][0]["sector"]
    ('communitydna-study', 1, 'public')
    >>> archive_to_snapshot(data).snapshot == study
    True
    """
    s = snapshot
    p = s.place
    return {
        "format": ARCHIVE_FORMAT,
        "version": ARCHIVE_VERSION,
        "place": {
            "name": p.name,
            "variant": p.variant,
            "date": _date(p.date),
            "description": p.description,
            "wards": list(p.wards),
            "assessors": list(p.assessors),
            "attributes": _attributes(p.attributes),
        },
        "organisations": [
            {
                "id": o.id,
                "name": o.name,
                "sector": o.sector.value,
                "type": o.type,
                "ward": o.ward,
                "postcode": o.postcode,
                "identifier": o.identifier,
                "led_by": list(o.led_by),
                "size": _enum(o.size),
                "notes": o.notes,
                "attributes": _attributes(o.attributes),
            }
            for o in s.organisations
        ],
        "relationships": [
            {
                "id": r.id,
                "source": r.source,
                "target": r.target,
                "type": r.type,
                "directed": r.directed,
                "strength": r.strength,
                "tense": r.tense,
                "status": r.status.value,
                "since": _date(r.since),
                "until": _date(r.until),
                "notes": r.notes,
                "evidence": list(r.evidence),
                "attributes": _attributes(r.attributes),
            }
            for r in s.relationships
        ],
        "evidence": [
            {
                "id": e.id,
                "text": e.text,
                "source": e.source,
                "date": _date(e.date),
                "measures": list(e.measures),
                "polarity": e.polarity.value,
                "weight": e.weight,
                "organisations": list(e.organisations),
                "confidential": e.confidential,
                "attributes": _attributes(e.attributes),
            }
            for e in s.evidence
        ],
        "ratings": [_rating(r) for r in s.ratings],
        "overall": None if s.overall is None else _rating(s.overall),
        "recommendations": [
            {
                "id": r.id,
                "title": r.title,
                "text": r.text,
                "measures": list(r.measures),
                "owner": r.owner,
                "status": r.status,
                "attributes": _attributes(r.attributes),
            }
            for r in s.recommendations
        ],
        "followups": [
            {
                "recommendation": f.recommendation,
                "date": _date(f.date),
                "progress": f.progress.value,
                "notes": f.notes,
                "attributes": _attributes(f.attributes),
            }
            for f in s.followups
        ],
        "actions": [_action(a) for a in s.actions],
        "indicators": [
            {
                "id": i.id,
                "name": i.name,
                "type": i.type,
                "unit": i.unit,
                "direction": _enum(i.direction),
                "responsible": i.responsible,
                "attributes": _attributes(i.attributes),
            }
            for i in s.indicators
        ],
        "observations": [
            {
                "indicator": o.indicator,
                "period": o.period,
                "kind": o.kind.value,
                "value": _quantity(o.value),
                "area": o.area,
                "breakdown": [[k, v] for k, v in o.breakdown],
                "attributes": _attributes(o.attributes),
            }
            for o in s.observations
        ],
        "tensions": [
            {
                "date": _date(t.date),
                "area": t.area,
                "reported_by": t.reported_by,
                "category": t.category,
                "severity": t.severity,
                "summary": t.summary,
                "attributes": _attributes(t.attributes),
            }
            for t in s.tensions
        ],
    }


# -- archive to snapshot --------------------------------------------------------------------


class _Missing:
    pass


_MISSING = _Missing()


class _Node:
    """One JSON object of the archive being read, with its path; problems go to ``problems``.

    Each accessor reads one field and, when it is not what the archive allows, records a
    problem at the field's path and returns the field's default so that reading goes on.
    """

    def __init__(self, path: str, data: object, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.data: Mapping[str, Any] = {}
        if isinstance(data, dict):
            self.data = data
        else:
            self.error(path, data, f"expected an object, found {_kind(data)}")

    def error(self, path: str, value: object, reason: str) -> None:
        shown = "" if isinstance(value, dict | list) else value
        self.problems.append(Problem.error(path, None, "", shown, reason))

    def known(self, *names: str) -> None:
        """Report fields this version does not define."""
        allowed = set(names)
        for key in self.data:
            if key not in allowed:
                self.error(
                    f"{self.path}.{key}",
                    "",
                    f"version {ARCHIVE_VERSION} of the archive has no field {key!r} here "
                    f"(its fields are {', '.join(names)})",
                )

    def _get(self, name: str) -> object:
        return self.data.get(name, _MISSING)

    def text(self, name: str, default: str | None = "") -> str:
        value = self._get(name)
        if value is _MISSING and default is not None:
            return default
        if isinstance(value, str):
            return value
        self.error(f"{self.path}.{name}", value, f"expected text, found {_kind(value)}")
        return default or ""

    def optional_text(self, name: str) -> str | None:
        value = self._get(name)
        if value is _MISSING or value is None:
            return None
        return self.text(name)

    def flag(self, name: str, default: bool) -> bool:
        value = self._get(name)
        if value is _MISSING:
            return default
        if isinstance(value, bool):
            return value
        self.error(f"{self.path}.{name}", value, f"expected true or false, found {_kind(value)}")
        return default

    def whole(self, name: str, default: int, low: int, high: int) -> int:
        value = self._get(name)
        if value is _MISSING:
            return default
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.error(f"{self.path}.{name}", value, f"expected a whole number from {low} to {high}")
        return default

    def optional_whole(self, name: str, low: int, high: int) -> int | None:
        value = self._get(name)
        if value is _MISSING or value is None:
            return None
        return self.whole(name, low, low, high)

    def texts(self, name: str) -> tuple[str, ...]:
        value = self._get(name)
        if value is _MISSING:
            return ()
        if not isinstance(value, list):
            self.error(f"{self.path}.{name}", value, f"expected a list, found {_kind(value)}")
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                items.append(item)
            else:
                self.error(
                    f"{self.path}.{name}[{index}]", item, f"expected text, found {_kind(item)}"
                )
        return tuple(items)

    def date(self, name: str) -> PartialDate | None:
        value = self._get(name)
        if value is _MISSING or value is None:
            return None
        return self._date_of(f"{self.path}.{name}", value)

    def required_date(self, name: str) -> PartialDate:
        value = self._get(name)
        if value is _MISSING or value is None:
            self.error(f"{self.path}.{name}", "", "a date is required here")
            return PartialDate(1)
        return self._date_of(f"{self.path}.{name}", value) or PartialDate(1)

    def _date_of(self, path: str, value: object) -> PartialDate | None:
        match = _DATE.fullmatch(value) if isinstance(value, str) else None
        if match is not None:
            year, month, day = match.groups()
            try:
                return PartialDate(
                    int(year), int(month) if month else None, int(day) if day else None
                )
            except ValueError as exc:
                self.error(path, value, f"not a date: {exc}")
                return None
        self.error(path, value, "expected a date as text: YYYY, YYYY-MM or YYYY-MM-DD")
        return None

    def choice(self, name: str, kind: type[E], default: E | None) -> E | None:
        value = self._get(name)
        if value is _MISSING or (value is None and default is None):
            return default
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in kind)
            self.error(f"{self.path}.{name}", value, f"expected one of {allowed}")
            return default

    def required_choice(self, name: str, kind: type[E], fallback: E) -> E:
        value = self._get(name)
        if value is _MISSING or value is None:
            allowed = ", ".join(str(m.value) for m in kind)
            self.error(f"{self.path}.{name}", "", f"a value is required here: {allowed}")
            return fallback
        return self.choice(name, kind, fallback) or fallback

    def attributes(self) -> dict[str, str]:
        value = self._get("attributes")
        if value is _MISSING:
            return {}
        if not isinstance(value, dict):
            self.error(
                f"{self.path}.attributes", value, f"expected an object, found {_kind(value)}"
            )
            return {}
        found: dict[str, str] = {}
        for key, item in value.items():
            if isinstance(item, str):
                found[key] = item
            else:
                self.error(
                    f"{self.path}.attributes.{key}", item, f"expected text, found {_kind(item)}"
                )
        return found

    def objects(self, name: str, limit: int | None = None) -> list[_Node]:
        value = self._get(name)
        if value is _MISSING:
            return []
        path = f"{self.path}.{name}"
        if not isinstance(value, list):
            self.error(path, value, f"expected a list, found {_kind(value)}")
            return []
        if limit is not None and len(value) > limit:
            self.error(
                path,
                "",
                f"the list has {len(value):,} items; at most {limit:,} are read (the limit "
                "of rows per sheet)",
            )
            return []
        return [_Node(f"{path}[{index}]", item, self.problems) for index, item in enumerate(value)]

    def object(self, name: str) -> _Node | None:
        value = self._get(name)
        if value is _MISSING or value is None:
            return None
        return _Node(f"{self.path}.{name}", value, self.problems)


def _kind(value: object) -> str:
    if value is _MISSING:
        return "nothing (the field is missing)"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _place(n: _Node) -> Place:
    n.known("name", "variant", "date", "description", "wards", "assessors", "attributes")
    return Place(
        n.text("name", None),
        n.text("variant", "community"),
        n.date("date"),
        n.text("description"),
        n.texts("wards"),
        n.texts("assessors"),
        n.attributes(),
    )


def _organisation(n: _Node) -> Organisation:
    n.known(
        "id", "name", "sector", "type", "ward", "postcode", "identifier", "led_by", "size",
        "notes", "attributes",
    )  # fmt: skip
    return Organisation(
        n.text("id", None),
        n.text("name", None),
        n.required_choice("sector", Sector, Sector.PUBLIC),
        n.text("type"),
        n.text("ward"),
        n.text("postcode"),
        n.text("identifier"),
        n.texts("led_by"),
        n.choice("size", Size, None),
        n.text("notes"),
        n.attributes(),
    )


def _relationship(n: _Node) -> Relationship:
    n.known(
        "id", "source", "target", "type", "directed", "strength", "tense", "status", "since",
        "until", "notes", "evidence", "attributes",
    )  # fmt: skip
    return Relationship(
        n.text("id", None),
        n.text("source", None),
        n.text("target", None),
        n.text("type", "partnership"),
        n.flag("directed", False),
        n.whole("strength", 3, 1, 5),
        n.flag("tense", False),
        n.choice("status", RelationshipStatus, RelationshipStatus.ACTIVE)
        or RelationshipStatus.ACTIVE,
        n.date("since"),
        n.date("until"),
        n.text("notes"),
        n.texts("evidence"),
        n.attributes(),
    )


def _evidence(n: _Node) -> Evidence:
    n.known(
        "id", "text", "source", "date", "measures", "polarity", "weight", "organisations",
        "confidential", "attributes",
    )  # fmt: skip
    return Evidence(
        n.text("id", None),
        n.text("text"),
        n.text("source"),
        n.date("date"),
        n.texts("measures"),
        n.choice("polarity", Polarity, Polarity.NEUTRAL) or Polarity.NEUTRAL,
        n.whole("weight", 1, 1, 3),
        n.texts("organisations"),
        n.flag("confidential", False),
        n.attributes(),
    )


def _rating_of(n: _Node) -> Rating:
    n.known("measure", "position", "rationale", "assessor", "date", "attributes")
    return Rating(
        n.text("measure", None),
        n.optional_whole("position", 1, 7),
        n.texts("rationale"),
        n.text("assessor"),
        n.date("date"),
        n.attributes(),
    )


def _recommendation(n: _Node) -> Recommendation:
    n.known("id", "title", "text", "measures", "owner", "status", "attributes")
    return Recommendation(
        n.text("id", None),
        n.text("title", None),
        n.text("text"),
        n.texts("measures"),
        n.text("owner"),
        n.text("status"),
        n.attributes(),
    )


def _followup(n: _Node) -> FollowUp:
    n.known("recommendation", "date", "progress", "notes", "attributes")
    return FollowUp(
        n.text("recommendation", None),
        n.date("date"),
        n.choice("progress", Progress, Progress.NOT_STARTED) or Progress.NOT_STARTED,
        n.text("notes"),
        n.attributes(),
    )


def _milestone(n: _Node) -> Milestone:
    n.known("text", "due")
    return Milestone(n.text("text"), n.date("due"))


def _lead(n: _Node) -> Lead:
    n.known("name", "organisation")
    return Lead(n.text("name", None), n.optional_text("organisation"))


def _update(n: _Node) -> ActionUpdate:
    n.known("date", "status", "note", "attributes")
    return ActionUpdate(
        n.required_date("date"),
        n.choice("status", ActionStatus, None),
        n.text("note"),
        n.attributes(),
    )


def _action_of(n: _Node) -> Action:
    n.known(
        "ref", "action", "theme", "milestones", "lead", "outcome", "status", "measures",
        "recommendations", "attributes", "updates",
    )  # fmt: skip
    return Action(
        n.text("ref"),
        n.text("action", None),
        n.text("theme"),
        tuple(_milestone(m) for m in n.objects("milestones")),
        tuple(_lead(m) for m in n.objects("lead")),
        n.text("outcome"),
        n.choice("status", ActionStatus, None),
        n.texts("measures"),
        n.texts("recommendations"),
        n.attributes(),
        tuple(_update(u) for u in n.objects("updates")),
    )


def _indicator(n: _Node) -> Indicator:
    n.known("id", "name", "type", "unit", "direction", "responsible", "attributes")
    return Indicator(
        n.text("id", None),
        n.text("name", None),
        n.text("type"),
        n.text("unit"),
        n.choice("direction", Direction, None),
        n.text("responsible"),
        n.attributes(),
    )


def _quantity_of(n: _Node | None) -> Quantity:
    if n is None:
        return Quantity()
    n.known("number", "qualifier", "percent")
    number: Decimal | None = None
    text = n.optional_text("number")
    if text is not None:
        if _NUMBER.fullmatch(text):
            try:
                number = Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
                number = None
        if number is None:
            n.error(f"{n.path}.number", text, 'expected a number as text, such as "42.5"')
    qualifier = n.optional_text("qualifier")
    if qualifier is not None and qualifier not in _QUALIFIERS:
        n.error(
            f"{n.path}.qualifier",
            qualifier,
            "expected one of " + ", ".join(repr(q) for q in _QUALIFIERS) + " or null",
        )
        qualifier = None
    return Quantity(number, qualifier, n.flag("percent", False))


def _breakdown(n: _Node) -> tuple[tuple[str, str], ...]:
    value = n.data.get("breakdown", [])
    path = f"{n.path}.breakdown"
    if not isinstance(value, list):
        n.error(path, value, f"expected a list of [name, value] pairs, found {_kind(value)}")
        return ()
    pairs: list[tuple[str, str]] = []
    for index, pair in enumerate(value):
        if (
            isinstance(pair, list)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and isinstance(pair[1], str)
        ):
            pairs.append((pair[0], pair[1]))
        else:
            n.error(f"{path}[{index}]", "", "expected a pair of texts: [name, value]")
    return tuple(pairs)


def _observation(n: _Node) -> Observation:
    n.known("indicator", "period", "kind", "value", "area", "breakdown", "attributes")
    return Observation(
        n.text("indicator", None),
        n.text("period", None),
        n.required_choice("kind", ObservationKind, ObservationKind.ACTUAL),
        _quantity_of(n.object("value")),
        n.text("area"),
        _breakdown(n),
        n.attributes(),
    )


def _tension(n: _Node) -> TensionReport:
    n.known("date", "area", "reported_by", "category", "severity", "summary", "attributes")
    return TensionReport(
        n.required_date("date"),
        n.text("area"),
        n.text("reported_by"),
        n.text("category"),
        n.whole("severity", 1, 1, 5),
        n.text("summary"),
        n.attributes(),
    )


_TOP = (
    "format", "version", "place", "organisations", "relationships", "evidence", "ratings",
    "overall", "recommendations", "followups", "actions", "indicators", "observations",
    "tensions",
)  # fmt: skip


def _many(root: _Node, name: str, read: Callable[[_Node], T], limit: int | None) -> tuple[T, ...]:
    return tuple(read(n) for n in root.objects(name, limit))


def archive_to_snapshot(data: object, *, max_rows: int | None = None) -> ReadResult:
    """Read an archive's data (as ``json.load`` gives it) into a checked snapshot.

    Parameters
    ----------
    data : object
    max_rows : int, optional
        The most items any list of the archive may hold (the limit of rows per sheet).

    Returns
    -------
    ReadResult
        The snapshot, or ``None`` with every problem found; each problem's ``sheet`` is the
        JSON path of what is wrong.

    Examples
    --------
    >>> result = archive_to_snapshot({"format": "communitydna-study", "version": 9})
    >>> result.ok, result.errors[0].reason.split(";")[0]
    (False, 'the archive is version 9, newer than this version of Community DNA reads (1)')
    """
    problems: list[Problem] = []
    root = _Node("$", data, problems)
    if problems:
        return ReadResult(None, tuple(problems))
    form = root.data.get("format", _MISSING)
    if form != ARCHIVE_FORMAT:
        root.error(
            "$.format",
            "" if form is _MISSING else form,
            f"this is not a Community DNA study archive (its format must be {ARCHIVE_FORMAT!r})",
        )
        return ReadResult(None, tuple(problems))
    version = root.data.get("version", _MISSING)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        root.error("$.version", version, "expected the archive's version: a whole number")
        return ReadResult(None, tuple(problems))
    if version > ARCHIVE_VERSION:
        root.error(
            "$.version",
            version,
            f"the archive is version {version}, newer than this version of Community DNA "
            f"reads ({ARCHIVE_VERSION}); upgrade communitydna to read it",
        )
        return ReadResult(None, tuple(problems))
    root.known(*_TOP)
    place_node = root.object("place")
    if place_node is None:
        root.error("$.place", "", "the archive has no place, which is required")
        return ReadResult(None, tuple(problems))
    place = _place(place_node)
    overall_node = root.object("overall")
    parts: dict[str, Any] = {
        "organisations": _many(root, "organisations", _organisation, max_rows),
        "relationships": _many(root, "relationships", _relationship, max_rows),
        "evidence": _many(root, "evidence", _evidence, max_rows),
        "ratings": _many(root, "ratings", _rating_of, max_rows),
        "overall": None if overall_node is None else _rating_of(overall_node),
        "recommendations": _many(root, "recommendations", _recommendation, max_rows),
        "followups": _many(root, "followups", _followup, max_rows),
        "actions": _many(root, "actions", _action_of, max_rows),
        "indicators": _many(root, "indicators", _indicator, max_rows),
        "observations": _many(root, "observations", _observation, max_rows),
        "tensions": _many(root, "tensions", _tension, max_rows),
    }
    if problems:
        return ReadResult(None, tuple(problems))
    try:
        snapshot = Snapshot(place=place, **parts)
    except SnapshotError as exc:
        return ReadResult(
            None, tuple(Problem.error("$", None, "", "", reason) for reason in exc.problems)
        )
    return ReadResult(snapshot, ())


# -- files ----------------------------------------------------------------------------------


def write_archive(snapshot: Snapshot, path: str | Path) -> None:
    """Write a study as a JSON archive (UTF-8, indented, keys in a fixed order).

    The file is written in full beside the target and then moved into place, so a failure
    leaves any earlier file as it was.

    Raises
    ------
    OSError
        If the file cannot be written.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as handle:
            json.dump(snapshot_to_archive(snapshot), handle, ensure_ascii=False, indent=1)
            handle.write("\n")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)


def is_archive(path: str | Path) -> bool:
    """Whether a path is an archive: a file named ``.json``, or a file starting with ``{``
    that is not named as a workbook (``.xlsx``, ``.xlsm``)."""
    path = Path(path)
    if not path.is_file():
        return False
    suffix = path.suffix.lower()
    if suffix == ".json":
        return True
    if suffix in {".xlsx", ".xlsm"}:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def read_archive(
    path: str | Path, *, max_bytes: int | None = None, max_rows: int | None = None
) -> ReadResult:
    """Read a JSON archive file into a checked snapshot; never raises for bad content.

    Parameters
    ----------
    path : str or Path
    max_bytes : int, optional
        The largest file read; a larger one is refused without being read.
    max_rows : int, optional
        The most items any list of the archive may hold.
    """
    path = Path(path)
    name = path.name

    def refuse(reason: str) -> ReadResult:
        return ReadResult(None, (Problem.error("", None, "", "", reason),))

    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            return refuse(
                f"{name} is {size / 1048576:,.1f} MB; the largest archive read is "
                f"{max_bytes / 1048576:,.0f} MB (the limit on a study's size)"
            )
        raw = path.read_bytes()
    except OSError as exc:
        return refuse(f"{name} cannot be read: {exc.strerror or exc}")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return refuse(f"{name} is not UTF-8 text, so it is not a study archive")
    except json.JSONDecodeError as exc:
        return refuse(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        )
    except ValueError as exc:  # e.g. a number with more digits than Python converts
        return refuse(f"{name} is not a readable study archive ({exc})")
    except RecursionError:
        return refuse(f"{name} is nested too deeply to be a study archive")
    return archive_to_snapshot(data, max_rows=max_rows)
