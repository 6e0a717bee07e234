"""The rules of each sheet: turning checked rows into the entities of a snapshot.

Sheets are read in the order their references need: Place (for the framework variant),
Organisations, Evidence, Relationships, Ratings, Recommendations, FollowUps, Actions,
ActionUpdates, Indicators, Observations, Tensions.

Decisions
---------
Identities
    ``id`` may be left blank on every sheet that has one. Organisations and indicators then
    get a slug of their name (``Northgate Food Bank`` → ``northgate-food-bank``);
    relationships, evidence and recommendations get a letter and the row's number among
    the data rows (``r1``, ``e1``, ``rec1``). A derived id that is taken gets ``-2``,
    ``-3``…, so derivation is deterministic. Ids given twice are errors. The writer always
    writes ids, so a written workbook reads back with the same ones.
References
    A reference to an organisation (relationships' ``from``/``to``, evidence's
    ``organisations``, actions' ``lead``) matches an id exactly, else a name compared
    without regard to case or repeated spaces, else an id compared the same way. A name
    that two organisations share is ambiguous, and an error where it is used.
    Recommendations are referred to by id or title, indicators by id or name, evidence by
    id. A row that has errors still lends its id and name to references, so one mistake is
    reported once rather than again at every row that refers to it.
Defaults
    ``type`` partnership; ``directed`` yes for grant and contract, else no; ``strength`` 3;
    ``tense`` no; ``status`` active; evidence ``polarity`` neutral, ``weight`` 1,
    ``confidential`` no; follow-up ``progress`` not started; tension ``severity`` 1.
Relationships
    Known types are recognised in any letter case and with spaces or hyphens (``Supply
    chain``, ``co location``) and written the contract's way; any other type is kept as
    written. A relationship of an organisation with itself, and one that ends before it
    begins, are errors.
Ratings
    A row with measure ``overall`` is the overall assessment; a blank rating is kept with
    ``position=None`` (not rated yet); ``rationale`` holds one point a line. A measure rated
    twice is an error.
Actions
    ``milestone`` and ``due`` may each hold several items (``;`` or new lines), paired by
    position; ``-`` stands for a milestone without words or without a date. ``lead`` items
    that match no organisation are kept as unlinked leads (``Lead(name, None)``) with a
    warning; a lead always keeps the name as written.
Action updates
    Each row of ``ActionUpdates`` names its action by ``ref`` (exactly, else without regard
    to case and repeated spaces); a ref that no action has, or that several actions share,
    is an error on the update's row. Updates keep the order of their rows.
Place
    ``field``/``value`` rows; fields the contract does not define are kept in
    ``Place.attributes``; a field given twice is an error.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any, TypeVar

from communitydna.framework import (
    OVERALL,
    VARIANTS,
    Sector,
    Variant,
    parse_measure,
    parse_rating,
    parse_sector,
    parse_variant,
)
from communitydna.io import vocabulary as words
from communitydna.io.cells import RowReader, as_text, word_key
from communitydna.io.columns import SHEET_BY_NAME, normalise_name
from communitydna.io.problems import Problem
from communitydna.io.reader import SheetRows, Study
from communitydna.snapshot import (
    DIRECTED_BY_DEFAULT,
    Action,
    ActionUpdate,
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
    Rating,
    Recommendation,
    Relationship,
    RelationshipStatus,
    Snapshot,
    SnapshotError,
    TensionReport,
    parse_breakdown,
)

__all__ = ["Registry", "build_snapshot", "slugify"]

E = TypeVar("E")


def slugify(text: str) -> str:
    """A stable identifier made from a name.

    >>> slugify("St. Mary's Church & Community Centre")
    'st-marys-church-community-centre'
    >>> slugify("Café Ünal")
    'cafe-unal'
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"['’`]", "", folded)
    return re.sub(r"[\W_]+", "-", folded).strip("-")


class Registry:
    """Identities of one kind of entity, by id and by name, for resolving references.

    The indexes by name and by folded id are built on the first reference that is not an
    exact id, so a large sheet that refers by id never pays for them.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.rows: dict[str, int] = {}
        self.named: list[tuple[str, str]] = []
        self._names: dict[str, list[str]] | None = None
        self._folded: dict[str, list[str]] | None = None

    def add(self, identity: str, name: str, row: int) -> None:
        self.rows[identity] = row
        if name:
            self.named.append((identity, name))
        self._names = self._folded = None

    def _indexes(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        if self._names is None or self._folded is None:
            self._names, self._folded = {}, {}
            for identity, name in self.named:
                self._names.setdefault(word_key(name), []).append(identity)
            for identity in self.rows:
                self._folded.setdefault(word_key(identity), []).append(identity)
        return self._names, self._folded

    def resolve(self, text: str) -> tuple[str | None, str]:
        """The id a reference stands for, or ``None`` and the reason it matches none."""
        if text in self.rows:
            return text, ""
        key = word_key(text)
        for table in self._indexes():
            found = table.get(key)
            if found:
                if len(found) == 1:
                    return found[0], ""
                rows = ", ".join(str(self.rows[i]) for i in found[:5])
                return None, (
                    f"{text!r} could be any of {len(found)} {self.kind}s (rows {rows}); use the id"
                )
        return None, f"{text!r} matches no {self.kind}'s id or name"


class _Identities:
    """Ids given or derived for one sheet's rows; duplicates are errors."""

    def __init__(self, registry: Registry, prefix: str | None) -> None:
        self.registry = registry
        self.prefix = prefix
        self.taken: set[str] = set()
        self.given: dict[str, int] = {}
        self.blank: list[tuple[int, int, str]] = []

    def claim(self, r: RowReader, name: str, position: int) -> str:
        """The row's id, or ``""`` when it is blank and left for :meth:`finish` to derive."""
        explicit = r.text("id")
        if not explicit:
            self.blank.append((position, r.number, name))
            return ""
        if explicit in self.given:
            r.error(
                "id", explicit, f"the id {explicit!r} is already used in row {self.given[explicit]}"
            )
            return explicit
        self.given[explicit] = r.number
        self.taken.add(explicit)
        self.registry.add(explicit, name, r.number)
        return explicit

    def finish(self, header_row: int, entities: list[Any]) -> None:
        """Derive the blank ids and put them into the entities built (``None`` = failed)."""
        for position, number, name in self.blank:
            if self.prefix is None:
                base = slugify(name) or self.registry.kind.replace(" ", "-")
            else:
                base = f"{self.prefix}{number - header_row}"
            identity, n = base, 1
            while identity in self.taken:
                n += 1
                identity = f"{base}-{n}"
            self.taken.add(identity)
            self.registry.add(identity, name, number)
            entity = entities[position]
            if entity is not None:
                entities[position] = dataclasses.replace(entity, id=identity)


def _kept(items: list[E | None]) -> tuple[E, ...]:
    return tuple(i for i in items if i is not None)


class _Builder:
    """Reads the sheets of a study in order and assembles the snapshot."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.problems: list[Problem] = study.problems
        self.variant: Variant = VARIANTS["community"]
        self.organisations = Registry("organisation")
        self.evidence = Registry("evidence item")
        self.recommendations = Registry("recommendation")
        self.indicators = Registry("indicator")
        # every Actions row, failed or not, so updates can name an action once only
        self.action_refs: list[str] = []
        self.action_rows: list[int] = []
        self.action_built: list[Action | None] = []

    def sheet(self, name: str) -> SheetRows | None:
        return self.study.sheet(SHEET_BY_NAME[normalise_name(name)])

    # -- references -------------------------------------------------------------------------

    def refer(self, r: RowReader, column: str, registry: Registry) -> str:
        """A required reference: the id it stands for, or ``""`` after an error."""
        text = r.required(column)
        if not text:
            return ""
        found, reason = registry.resolve(text)
        if found is None:
            r.error(column, text, reason)
            return ""
        return found

    def refer_all(self, r: RowReader, column: str, registry: Registry) -> tuple[str, ...]:
        found: list[str] = []
        for item in r.items(column):
            identity, reason = registry.resolve(item)
            if identity is None:
                r.error(column, item, reason)
            else:
                found.append(identity)
        return tuple(dict.fromkeys(found))

    def measures(self, r: RowReader, column: str) -> tuple[str, ...]:
        keys: list[str] = []
        for item in r.measure_items(column):
            try:
                keys.append(parse_measure(item, self.variant))
            except ValueError as exc:
                r.error(column, item, str(exc))
        return tuple(dict.fromkeys(keys))

    # -- sheets -----------------------------------------------------------------------------

    def place(self) -> Place | None:
        rows = self.sheet("Place")
        if rows is None:
            return None
        known = {c.name for c in rows.spec.columns}
        seen: dict[str, int] = {}
        texts: dict[str, str] = {}
        lists: dict[str, tuple[str, ...]] = {}
        date: PartialDate | None = None
        attributes: dict[str, str] = {}
        for r in rows:
            field = r.text("field")
            if not field:
                if r.text("value"):
                    r.error("field", "", "the value has no field name beside it")
                continue
            name = normalise_name(field)
            key = name if name in known else field.lower()
            if key in seen:
                r.error("field", field, f"the field {field!r} is already given in row {seen[key]}")
                continue
            seen[key] = r.number
            if name == "date":
                date = r.date("value")
            elif name in {"wards", "assessors"}:
                lists[name] = r.items("value")
            elif name in known:
                texts[name] = r.text("value")
            elif r.text("value"):
                attributes[key] = r.text("value")
        if not rows.usable:
            return None
        try:
            self.variant = parse_variant(texts.get("variant"))
        except ValueError as exc:
            self.problems.append(
                Problem.error("Place", seen["variant"], "value", texts["variant"], str(exc))
            )
        if not texts.get("name"):
            self.problems.append(
                Problem.error(
                    "Place",
                    seen.get("name"),
                    "value" if "name" in seen else "field",
                    "",
                    "the place has no name; add a row with field 'name' and the place's name",
                )
            )
            return None
        return Place(
            name=texts["name"],
            variant=self.variant.key,
            date=date,
            description=texts.get("description", ""),
            wards=lists.get("wards", ()),
            assessors=lists.get("assessors", ()),
            attributes=attributes,
        )

    def organisations_sheet(self) -> tuple[Organisation, ...]:
        rows = self.sheet("Organisations")
        built: list[Organisation | None] = []
        if rows is None:
            return ()
        ids = _Identities(self.organisations, None)
        for r in rows:
            name = r.required("name")
            sector_text = r.required("sector")
            sector = None
            if sector_text:
                try:
                    sector = parse_sector(sector_text)
                except ValueError as exc:
                    r.error("sector", sector_text, str(exc))
            identity = ids.claim(r, name, len(built)) if name else ""
            organisation = Organisation(
                id=identity,
                name=name,
                sector=sector or Sector.SOCIAL,  # stands in only on a row with errors
                type=r.text("type"),
                ward=r.text("ward"),
                postcode=r.text("postcode"),
                identifier=r.text("identifier"),
                led_by=r.items("led_by"),
                size=r.choice("size", words.SIZES, None, "micro, small, medium or large"),
                notes=r.text("notes"),
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else organisation)
        ids.finish(rows.header_row, built)
        return _kept(built)

    def evidence_sheet(self) -> tuple[Evidence, ...]:
        rows = self.sheet("Evidence")
        built: list[Evidence | None] = []
        if rows is None:
            return ()
        ids = _Identities(self.evidence, "e")
        for r in rows:
            item = Evidence(
                id=ids.claim(r, "", len(built)),
                text=r.required("text"),
                source=r.text("source"),
                date=r.date("date"),
                measures=self.measures(r, "measures"),
                polarity=r.choice(
                    "polarity", words.POLARITIES, Polarity.NEUTRAL, "positive, negative or neutral"
                ),
                weight=r.whole("weight", 1, 3, 1),
                organisations=self.refer_all(r, "organisations", self.organisations),
                confidential=r.flag("confidential", False),
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else item)
        ids.finish(rows.header_row, built)
        return _kept(built)

    def relationships_sheet(self) -> tuple[Relationship, ...]:
        rows = self.sheet("Relationships")
        built: list[Relationship | None] = []
        if rows is None:
            return ()
        ids = _Identities(Registry("relationship"), "r")
        organisations = self.organisations
        for r in rows:
            identity = ids.claim(r, "", len(built))
            source = self.refer(r, "from", organisations)
            target = self.refer(r, "to", organisations)
            if source and source == target:
                r.error("to", r.text("to"), "a relationship needs two different organisations")
            kind = words.relationship_type(r.text("type"))
            since, until = r.date("since"), r.date("until")
            if since is not None and until is not None and until.end() < since.start():
                r.error("until", str(until), f"the relationship ends before it begins ({since})")
            relationship = Relationship(
                id=identity,
                source=source,
                target=target,
                type=kind,
                directed=r.flag("directed", kind in DIRECTED_BY_DEFAULT),
                strength=r.whole("strength", 1, 5, 3),
                tense=r.flag("tense", False),
                status=r.choice(
                    "status", words.STATUSES, RelationshipStatus.ACTIVE, "active, ended or proposed"
                ),
                since=since,
                until=until,
                notes=r.text("notes"),
                evidence=self.refer_all(r, "evidence", self.evidence),
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else relationship)
        ids.finish(rows.header_row, built)
        return _kept(built)

    def ratings_sheet(self) -> tuple[tuple[Rating, ...], Rating | None]:
        rows = self.sheet("Ratings")
        built: list[Rating | None] = []
        overall: Rating | None = None
        if rows is None:
            return (), None
        seen: dict[str, int] = {}
        for r in rows:
            measure = self._rated_measure(r, seen)
            value = r.raw("rating")
            position: int | None = None
            if value is not None:
                try:
                    if isinstance(value, bool) or not isinstance(value, str | int | float):
                        raise ValueError(f"{as_text(value)!r} is not on the scale")
                    position = parse_rating(value)
                except ValueError as exc:
                    r.error("rating", as_text(value), str(exc))
            lines = (line.strip() for line in r.text("rationale").split("\n"))
            rating = Rating(
                measure=measure,
                position=position,
                rationale=tuple(line for line in lines if line),
                assessor=r.text("assessor"),
                date=r.date("date"),
                attributes=r.attributes(rows.attribute_columns),
            )
            if r.failed:
                continue
            if measure == OVERALL:
                overall = rating
            else:
                built.append(rating)
        return _kept(built), overall

    def _rated_measure(self, r: RowReader, seen: dict[str, int]) -> str:
        text = r.required("measure")
        if not text:
            return ""
        if word_key(text) in words.OVERALL_WORDS:
            measure = OVERALL
        else:
            try:
                measure = parse_measure(text, self.variant)
            except ValueError as exc:
                r.error("measure", text, str(exc))
                return ""
        if measure in seen:
            r.error("measure", text, f"{measure} is already rated in row {seen[measure]}")
        else:
            seen[measure] = r.number
        return measure

    def recommendations_sheet(self) -> tuple[Recommendation, ...]:
        rows = self.sheet("Recommendations")
        built: list[Recommendation | None] = []
        if rows is None:
            return ()
        ids = _Identities(self.recommendations, "rec")
        for r in rows:
            title = r.required("title")
            item = Recommendation(
                id=ids.claim(r, title, len(built)),
                title=title,
                text=r.text("text"),
                measures=self.measures(r, "measures"),
                owner=r.text("owner"),
                status=r.text("status"),
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else item)
        ids.finish(rows.header_row, built)
        return _kept(built)

    def followups_sheet(self) -> tuple[FollowUp, ...]:
        rows = self.sheet("FollowUps")
        built: list[FollowUp | None] = []
        if rows is None:
            return ()
        for r in rows:
            item = FollowUp(
                recommendation=self.refer(r, "recommendation", self.recommendations),
                date=r.date("date"),
                progress=r.choice(
                    "progress",
                    words.PROGRESS,
                    Progress.NOT_STARTED,
                    "not started, in progress, done or dropped",
                ),
                notes=r.text("notes"),
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else item)
        return _kept(built)

    def actions_sheet(self) -> tuple[Action, ...]:
        rows = self.sheet("Actions")
        built: list[Action | None] = []
        self.action_built = built
        if rows is None:
            return ()
        for r in rows:
            self.action_refs.append(r.text("ref"))
            self.action_rows.append(r.number)
            item = Action(
                ref=r.text("ref"),
                action=r.required("action"),
                theme=r.text("theme"),
                milestones=self._milestones(r),
                lead=self._leads(r),
                outcome=r.text("outcome"),
                status=r.choice(
                    "status",
                    words.ACTION_STATUSES,
                    None,
                    "not started, on track, at risk, done or dropped",
                ),
                measures=self.measures(r, "measures"),
                recommendations=self.refer_all(r, "recommendations", self.recommendations),
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else item)
        return _kept(built)

    def action_updates_sheet(self, actions: tuple[Action, ...]) -> tuple[Action, ...]:
        """The actions with the updates of the ActionUpdates sheet added to them."""
        rows = self.sheet("ActionUpdates")
        if rows is None:
            return actions
        by_ref: dict[str, list[int]] = {}
        folded: dict[str, list[int]] = {}
        for position, ref in enumerate(self.action_refs):
            if ref:
                by_ref.setdefault(ref, []).append(position)
                folded.setdefault(word_key(ref), []).append(position)
        built: dict[int, list[ActionUpdate]] = {}
        for r in rows:
            ref = r.required("action")
            found = by_ref.get(ref) or folded.get(word_key(ref), []) if ref else []
            if ref and not found:
                r.error("action", ref, f"{ref!r} is the reference (ref) of no action")
            elif len(found) > 1:
                rows_of = ", ".join(str(self.action_rows[i]) for i in found[:5])
                r.error(
                    "action",
                    ref,
                    f"{len(found)} actions have the reference {ref!r} (rows {rows_of}); give "
                    "each action its own reference",
                )
            date = r.date("date")
            if date is None and not r.failed:
                r.missing("date")
            update = ActionUpdate(
                date=date or PartialDate(1),  # stands in only on a row with errors
                status=r.choice(
                    "status",
                    words.ACTION_STATUSES,
                    None,
                    "not started, on track, at risk, done or dropped",
                ),
                note=r.text("note"),
                attributes=r.attributes(rows.attribute_columns),
            )
            if not r.failed:
                built.setdefault(found[0], []).append(update)
        result = []
        for position, action in enumerate(self.action_built):
            if action is None:
                continue
            more = built.get(position)
            result.append(dataclasses.replace(action, updates=tuple(more)) if more else action)
        return tuple(result)

    def _milestones(self, r: RowReader) -> tuple[Milestone, ...]:
        texts = ["" if t == "-" else t for t in r.items("milestone")]
        due = r.raw("due")
        dates: list[PartialDate | None] = []
        if due is not None and not isinstance(due, str):
            dates.append(r.date_value("due", due))
        else:
            for item in r.items("due"):
                nothing = word_key(item) in words.NOTHING
                dates.append(None if nothing else r.date_value("due", item))
        count = max(len(texts), len(dates))
        return tuple(
            Milestone(texts[i] if i < len(texts) else "", dates[i] if i < len(dates) else None)
            for i in range(count)
        )

    def _leads(self, r: RowReader) -> tuple[Lead, ...]:
        leads: list[Lead] = []
        for name in r.items("lead"):
            found, reason = self.organisations.resolve(name)
            if found is None:
                r.warning("lead", name, reason + "; it is kept as written, not linked")
            leads.append(Lead(name, found))
        return tuple(leads)

    def indicators_sheet(self) -> tuple[Indicator, ...]:
        rows = self.sheet("Indicators")
        built: list[Indicator | None] = []
        if rows is None:
            return ()
        ids = _Identities(self.indicators, None)
        for r in rows:
            name = r.required("name")
            item = Indicator(
                id=ids.claim(r, name, len(built)) if name else "",
                name=name,
                type=r.text("type"),
                unit=r.text("unit"),
                direction=r.choice("direction", words.DIRECTIONS, None, "up or down"),
                responsible=r.text("responsible"),
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else item)
        ids.finish(rows.header_row, built)
        return _kept(built)

    def observations_sheet(self) -> tuple[Observation, ...]:
        rows = self.sheet("Observations")
        built: list[Observation | None] = []
        if rows is None:
            return ()
        for r in rows:
            indicator = self.refer(r, "indicator", self.indicators)
            period = r.required("period")
            kind = None
            if r.required("kind"):
                kind = r.choice("kind", words.KINDS, None, "baseline, target or actual")
            breakdown: tuple[tuple[str, str], ...] = ()
            try:
                breakdown = parse_breakdown(r.text("breakdown") or None)
            except ValueError as exc:
                r.error("breakdown", r.text("breakdown"), str(exc))
            item = Observation(
                indicator=indicator,
                period=period,
                kind=kind or ObservationKind.ACTUAL,
                value=r.quantity("value"),
                area=r.text("area"),
                breakdown=breakdown,
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else item)
        return _kept(built)

    def tensions_sheet(self) -> tuple[TensionReport, ...]:
        rows = self.sheet("Tensions")
        built: list[TensionReport | None] = []
        if rows is None:
            return ()
        for r in rows:
            date = r.date("date")
            if date is None and not r.failed:
                r.missing("date")
            item = TensionReport(
                date=date or PartialDate(1),  # stands in only on a row with errors
                area=r.text("area"),
                reported_by=r.text("reported_by"),
                category=r.text("category"),
                severity=r.whole("severity", 1, 5, 1),
                summary=r.text("summary"),
                attributes=r.attributes(rows.attribute_columns),
            )
            built.append(None if r.failed else item)
        return _kept(built)


def build_snapshot(study: Study) -> Snapshot | None:
    """Read every sheet of a study; the snapshot, or ``None`` if anything was an error."""
    b = _Builder(study)
    place = b.place()
    organisations = b.organisations_sheet()
    evidence = b.evidence_sheet()
    relationships = b.relationships_sheet()
    ratings, overall = b.ratings_sheet()
    recommendations = b.recommendations_sheet()
    followups = b.followups_sheet()
    actions = b.action_updates_sheet(b.actions_sheet())
    indicators = b.indicators_sheet()
    observations = b.observations_sheet()
    tensions = b.tensions_sheet()
    if place is None or any(p.is_error for p in study.problems):
        return None
    try:
        return Snapshot(
            place=place,
            organisations=organisations,
            relationships=relationships,
            evidence=evidence,
            ratings=ratings,
            overall=overall,
            recommendations=recommendations,
            followups=followups,
            actions=actions,
            indicators=indicators,
            observations=observations,
            tensions=tensions,
        )
    except SnapshotError as exc:
        study.problems.extend(
            Problem.error("", None, "", "", f"the study is inconsistent: {reason}")
            for reason in exc.problems
        )
        return None
