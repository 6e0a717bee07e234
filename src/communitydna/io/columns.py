"""The workbook contract as data: every sheet, every column, what it means and what it accepts.

The reader, the writer and the template all work from :data:`SHEETS`, so the three cannot
drift apart. A column is *required* when every row must give it a value (and so the header
must be there); other columns may be left out of a sheet entirely.

Column names are matched without regard to letter case, and spaces, hyphens and
underscores are treated alike (``Led by``, ``led-by`` and ``led_by`` are the same column).
Sheet names are matched the same way, and the American spellings ``Organizations`` and
``Follow-ups`` are understood.

Examples
--------
>>> sheet_spec("Relationships").column("strength").default
'3'
>>> [c.name for c in SHEET_BY_NAME["tensions"].columns if c.required]
['date']
>>> normalise_name(" Led By ")
'led_by'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communitydna.framework import MEASURE_KEYS, OVERALL, POSITIONS
from communitydna.snapshot import (
    RELATIONSHIP_TYPES,
    ActionStatus,
    Direction,
    ObservationKind,
    Polarity,
    Progress,
    RelationshipStatus,
    Size,
)

__all__ = [
    "INSTRUCTIONS_SHEET",
    "PLACE_FIELDS",
    "SHEETS",
    "SHEET_BY_NAME",
    "Column",
    "SheetSpec",
    "normalise_name",
    "sheet_spec",
]

INSTRUCTIONS_SHEET = "Instructions"
"""The sheet of the template that explains the others; never read as data."""

YES_NO = ("yes", "no")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet (or one field of the Place sheet).

    Attributes
    ----------
    name : str
        The name as the contract spells it, e.g. ``"led_by"``.
    description : str
        What the column means.
    accepted : str
        The values it accepts, in words.
    example : str
        An example value.
    required : bool
        Every row must give a value.
    default : str
        What a blank cell means, in words (empty when blank just means "not given").
    choices : tuple of str
        The fixed values offered as a drop-down list in the template (none for free text).
    is_list : bool
        The cell may hold several values separated by ``;`` or new lines.
    width : int
        A sensible column width in the template and written workbooks.
    """

    name: str
    description: str
    accepted: str = "Text."
    example: str = ""
    required: bool = False
    default: str = ""
    choices: tuple[str, ...] = ()
    is_list: bool = False
    width: int = 16


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """One sheet of the workbook.

    Attributes
    ----------
    name : str
        The sheet name (and csv file stem), e.g. ``"Organisations"``.
    description : str
    columns : tuple of Column
        In the order they are written.
    required : bool
        The sheet must be present (Place and Organisations).
    pairs : bool
        A sheet of ``field``/``value`` pairs (the Place sheet) whose fields are ``columns``.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    required: bool = False
    pairs: bool = False

    @property
    def key(self) -> str:
        return normalise_name(self.name)

    def column(self, name: str) -> Column:
        """The column with this name (any spelling :func:`normalise_name` accepts)."""
        wanted = normalise_name(name)
        for column in self.columns:
            if column.name == wanted:
                return column
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def normalise_name(text: str) -> str:
    """How sheet and column names are compared: lower case, ``_`` for spaces and hyphens.

    >>> normalise_name("Reported-by"), normalise_name("FollowUps")
    ('reported_by', 'followups')
    """
    return re.sub(r"[\s_\-]+", "_", str(text).strip().lower()).strip("_")


_DATE_ACCEPTED = (
    "A day (2012-07-15 or 15/07/2012), a month (2012-07 or July 2012), a year (2012), or an "
    "Excel date. The precision you give is kept."
)
_LIST = "A list: separate several values with ; or put each on its own line."
_RATING_LABELS = tuple(p.label for p in POSITIONS)


def _date_col(
    name: str, description: str, example: str = "2012-07-15", *, required: bool = False
) -> Column:
    return Column(name, description, _DATE_ACCEPTED, example, required=required, width=12)


PLACE_FIELDS: tuple[Column, ...] = (
    Column("name", "The name of the place studied.", "Text.", "Northgate", required=True),
    Column(
        "variant",
        "Which version of the framework the study uses; it sets the order of the measures, "
        "so 'measure 5' means the fifth measure of this variant.",
        "community (neighbourhood studies) or place (local-authority studies).",
        "community",
        default="community",
        choices=("community", "place"),
    ),
    _date_col("date", "When the study was carried out.", "2012-07"),
    Column("description", "A short description of the place and of the study.", width=60),
    Column(
        "wards",
        "The wards (or neighbourhoods) the place covers.",
        "Codes or names. " + _LIST,
        "Northgate East; Northgate West",
        is_list=True,
    ),
    Column(
        "assessors",
        "Who carried out the assessment.",
        "Names. " + _LIST,
        "A. Researcher; B. Officer",
        is_list=True,
    ),
)

_ORGANISATIONS = (
    Column(
        "id",
        "A short identifier other sheets can use for the organisation.",
        "Text, unique in the sheet. Leave blank to derive one from the name.",
        "foodbank",
        default="derived from the name (e.g. 'northgate-food-bank')",
    ),
    Column(
        "name",
        "The organisation's name.",
        "Text.",
        "Northgate Food Bank",
        required=True,
        width=32,
    ),
    Column(
        "sector",
        "The sector of the local economy the organisation belongs to.",
        "public, commercial or social. Also understood: private, business (commercial); "
        "voluntary, community, third, VCS, VCSE, charity (social). A trailing word "
        "'sector' and letter case are ignored.",
        "social",
        required=True,
        choices=("public", "commercial", "social"),
        width=12,
    ),
    Column(
        "type",
        "The kind of organisation within its sector.",
        "Text, e.g. local authority, school, charity, social enterprise, retailer.",
        "charity",
    ),
    Column("ward", "The ward the organisation is based in or mainly serves.", "Text.", "Eastfield"),
    Column("postcode", "The organisation's postcode.", "Text.", "NG1 2AB", width=10),
    Column(
        "identifier",
        "An organisation identifier (org-id) linking to public registers.",
        "Text such as GB-CHC-1234567 (charity) or GB-COH-01234567 (company).",
        "GB-CHC-1234567",
    ),
    Column(
        "led_by",
        "Groups that lead the organisation, to find who slips through the gaps.",
        "Words such as bme, women, youth, disabled. " + _LIST,
        "bme; women",
        is_list=True,
    ),
    Column(
        "size",
        "The organisation's size.",
        "micro, small, medium or large.",
        "small",
        choices=tuple(s.value for s in Size),
        width=10,
    ),
    Column(
        "notes", "Anything else worth knowing.", "Text.", "Runs from the church hall.", width=40
    ),
)

_RELATIONSHIPS = (
    Column(
        "id",
        "A short identifier for the relationship.",
        "Text, unique in the sheet. Leave blank to have one made from the row (r1, r2, …).",
        "r1",
        default="'r' followed by the row's place among the data rows",
        width=8,
    ),
    Column(
        "from",
        "One organisation of the pair; for a directed relationship, the one that gives "
        "(e.g. the funder of a grant).",
        "An organisation's id or its exact name (letter case does not matter).",
        "council",
        required=True,
        width=24,
    ),
    Column(
        "to",
        "The other organisation; for a directed relationship, the one that receives.",
        "An organisation's id or its exact name (letter case does not matter).",
        "foodbank",
        required=True,
        width=24,
    ),
    Column(
        "type",
        "The kind of relationship.",
        ", ".join(RELATIONSHIP_TYPES) + ", or any other text.",
        "grant",
        default="partnership",
        choices=RELATIONSHIP_TYPES,
        width=14,
    ),
    Column(
        "directed",
        "Whether the relationship runs one way, from 'from' to 'to'.",
        "yes or no.",
        "yes",
        default="yes for grant and contract, no otherwise",
        choices=YES_NO,
        width=10,
    ),
    Column(
        "strength",
        "How strong the relationship is.",
        "A whole number from 1 (weak) to 5 (strong).",
        "4",
        default="3",
        choices=("1", "2", "3", "4", "5"),
        width=10,
    ),
    Column(
        "tense",
        "Whether the relationship is marked by tension.",
        "yes or no.",
        "no",
        default="no",
        choices=YES_NO,
        width=8,
    ),
    Column(
        "status",
        "Whether the relationship holds now.",
        "active, ended or proposed.",
        "active",
        default="active",
        choices=tuple(s.value for s in RelationshipStatus),
        width=10,
    ),
    _date_col("since", "When the relationship began.", "2010"),
    _date_col("until", "When the relationship ended (or will end).", "2013-03"),
    Column("notes", "Anything else worth knowing.", "Text.", "Quarterly meetings.", width=40),
    Column(
        "evidence",
        "Evidence items (from the Evidence sheet) that tell of this relationship.",
        "Evidence ids. " + _LIST,
        "e12; e15",
        is_list=True,
    ),
)

_EVIDENCE = (
    Column(
        "id",
        "A short identifier other sheets can use for the evidence item.",
        "Text, unique in the sheet. Leave blank to have one made from the row (e1, e2, …).",
        "e1",
        default="'e' followed by the row's place among the data rows",
        width=8,
    ),
    Column(
        "source",
        "Where the evidence comes from.",
        "Text.",
        "Interview: housing provider",
        width=28,
    ),
    _date_col("date", "When the evidence was gathered.", "2012-06"),
    Column(
        "measures",
        "The measures the evidence speaks to.",
        "Measure keys ("
        + ", ".join(MEASURE_KEYS)
        + "), numbers in the study's variant (1–10) or titles. "
        + _LIST
        + " Commas also separate measures.",
        "social-public; 7",
        is_list=True,
        width=22,
    ),
    Column(
        "polarity",
        "Whether the evidence shows a strength or a weakness of the measures.",
        "positive, negative or neutral; also +, -, strength, weakness.",
        "positive",
        default="neutral",
        choices=tuple(p.value for p in Polarity),
        width=10,
    ),
    Column(
        "weight",
        "How much the evidence counts.",
        "A whole number from 1 (a passing remark) to 3 (strong, corroborated).",
        "2",
        default="1",
        choices=("1", "2", "3"),
        width=8,
    ),
    Column(
        "text",
        "The evidence itself: a quotation, a finding or a summary.",
        "Text.",
        "Partners meet monthly at the neighbourhood forum.",
        required=True,
        width=60,
    ),
    Column(
        "organisations",
        "Organisations the evidence is about.",
        "Organisation ids or exact names. " + _LIST,
        "council; foodbank",
        is_list=True,
        width=22,
    ),
    Column(
        "confidential",
        "Whether the evidence must be left out of public reports.",
        "yes or no.",
        "no",
        default="no",
        choices=YES_NO,
        width=12,
    ),
)

_RATINGS = (
    Column(
        "measure",
        "The measure rated, or 'overall' for the overall assessment of the place.",
        "A measure key, a number in the study's variant (1–10), a title, or overall.",
        "social-public",
        required=True,
        choices=(*MEASURE_KEYS, OVERALL),
        width=20,
    ),
    Column(
        "rating",
        "The assessor's rating on the sliding scale.",
        "brittle, vulnerable, stable or resilient, or between two neighbouring levels "
        "(between stable and resilient, stable-resilient, Stable – Resilient, "
        "stable/resilient), or a position from 1 to 7. Blank means not rated yet.",
        "between vulnerable and stable",
        choices=_RATING_LABELS,
        width=20,
    ),
    Column(
        "rationale",
        "Why the measure has this rating.",
        "Text, one point a line.",
        "Forums meet but few small groups attend.",
        width=60,
    ),
    Column("assessor", "Who gave the rating.", "Text.", "A. Researcher"),
    _date_col("date", "When the rating was given.", "2012-07-15"),
)

_RECOMMENDATIONS = (
    Column(
        "id",
        "A short identifier for the recommendation, used by FollowUps and Actions.",
        "Text, unique in the sheet. Leave blank to have one made from the row (rec1, rec2, …).",
        "rec1",
        default="'rec' followed by the row's place among the data rows",
        width=8,
    ),
    Column(
        "title",
        "The recommendation in a few words.",
        "Text.",
        "Open the commissioning forum to small groups",
        required=True,
        width=36,
    ),
    Column("text", "The recommendation in full.", "Text.", "", width=60),
    Column(
        "measures",
        "The measures the recommendation addresses.",
        "Measure keys, numbers in the study's variant or titles. " + _LIST,
        "social-public",
        is_list=True,
        width=22,
    ),
    Column("owner", "Who is responsible for taking it forward.", "Text.", "Council"),
    Column("status", "Where it stands, in your own words.", "Text.", "agreed"),
)

_FOLLOWUPS = (
    Column(
        "recommendation",
        "The recommendation followed up.",
        "A recommendation id or its exact title.",
        "rec1",
        required=True,
    ),
    _date_col("date", "When the follow-up took place.", "2013-01"),
    Column(
        "progress",
        "What became of the recommendation.",
        "not started, in progress, done or dropped.",
        "in progress",
        default="not started",
        choices=tuple(p.value for p in Progress),
        width=12,
    ),
    Column("notes", "What was found.", "Text.", "Forum opened; two groups joined.", width=60),
)

_ACTIONS = (
    Column("ref", "The action's reference in the plan.", "Text.", "1.2.3", width=8),
    Column("theme", "The theme of the plan the action belongs to.", "Text.", "Cohesion"),
    Column(
        "action",
        "What will be done.",
        "Text.",
        "Run a welcome event for new residents",
        required=True,
        width=40,
    ),
    Column(
        "milestone",
        "Milestones on the way. Each milestone is paired with the due date in the same "
        "position of the 'due' column.",
        _LIST + " Write - for a milestone without words.",
        "Venue booked; Event held",
        is_list=True,
        width=30,
    ),
    Column(
        "due",
        "When each milestone is due, in the same order as the milestones.",
        "Dates (a day, a month such as November 2008, or a year). "
        + _LIST
        + " Write - for a milestone without a date.",
        "2008-09; November 2008",
        is_list=True,
        width=16,
    ),
    Column(
        "lead",
        "The lead agencies. A name that matches no organisation is kept as written and "
        "reported as a warning.",
        "Organisation ids or names. " + _LIST,
        "council; foodbank",
        is_list=True,
        width=24,
    ),
    Column("outcome", "What the action should achieve.", "Text.", "", width=30),
    Column(
        "status",
        "Where the action stands.",
        "not started, on track, at risk, done or dropped.",
        "on track",
        choices=tuple(s.value for s in ActionStatus),
        width=12,
    ),
    Column(
        "measures",
        "The measures the action addresses.",
        "Measure keys, numbers in the study's variant or titles. " + _LIST,
        "identity",
        is_list=True,
    ),
    Column(
        "recommendations",
        "The recommendations the action carries out.",
        "Recommendation ids or exact titles. " + _LIST,
        "rec1",
        is_list=True,
    ),
)

_ACTION_UPDATES = (
    Column(
        "action",
        "The action updated.",
        "The action's reference (ref) in the Actions sheet; it must belong to one action only.",
        "1.2.3",
        required=True,
        width=10,
    ),
    _date_col("date", "When the update was made.", "2008-12", required=True),
    Column(
        "status",
        "Where the action stood then. The latest update that gives a status is the "
        "action's current status.",
        "not started, on track, at risk, done or dropped.",
        "at risk",
        choices=tuple(s.value for s in ActionStatus),
        width=12,
    ),
    Column("note", "What was reported.", "Text.", "Venue fell through; new date sought.", width=60),
)

_INDICATORS = (
    Column(
        "id",
        "A short identifier for the indicator, used by Observations.",
        "Text, unique in the sheet. Leave blank to derive one from the name.",
        "ni1",
        default="derived from the name",
        width=8,
    ),
    Column(
        "name",
        "What the indicator measures.",
        "Text.",
        "People who feel they belong to their neighbourhood",
        required=True,
        width=40,
    ),
    Column("type", "The kind of indicator.", "Text.", "national indicator"),
    Column("unit", "The unit of its values.", "Text.", "%", width=8),
    Column(
        "direction",
        "Which way is better.",
        "up or down.",
        "up",
        choices=tuple(d.value for d in Direction),
        width=10,
    ),
    Column("responsible", "Who is responsible for it.", "Text.", "Council"),
)

_OBSERVATIONS = (
    Column(
        "indicator",
        "The indicator observed.",
        "An indicator id or its exact name.",
        "ni1",
        required=True,
    ),
    Column(
        "period",
        "The period the value belongs to.",
        "Text, e.g. 2007/08 or 2008-05.",
        "2007/08",
        required=True,
        width=10,
    ),
    Column(
        "kind",
        "What the value is.",
        "baseline, target or actual.",
        "baseline",
        required=True,
        choices=tuple(k.value for k in ObservationKind),
        width=10,
    ),
    Column(
        "value",
        "The value.",
        "A number or percentage, with a qualifier if needed (<, >, less than, more than, "
        "about). Blank or 'to be determined' means not known yet (never zero).",
        "less than 40%",
        default="not known yet",
        width=14,
    ),
    Column("area", "The ward or place the value is for.", "Text.", "Eastfield"),
    Column(
        "breakdown",
        "The part of the population the value is for.",
        "name=value pairs, e.g. age=16-24; ethnicity=Pakistani. " + _LIST,
        "age=16-24",
        is_list=True,
        width=24,
    ),
)

_TENSIONS = (
    _date_col("date", "The month (or day) of the report.", "2012-03", required=True),
    Column("area", "The ward or place reported on.", "Text.", "Eastfield"),
    Column("reported_by", "Who made the report.", "Text.", "Police"),
    Column("category", "The kind of tension.", "Text.", "anti-social behaviour"),
    Column(
        "severity",
        "How severe the tension is.",
        "A whole number from 1 (low) to 5 (high).",
        "2",
        default="1",
        choices=("1", "2", "3", "4", "5"),
        width=10,
    ),
    Column("summary", "What was reported.", "Text.", "", width=60),
)

SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "Place",
        "The place studied and the study's settings: one row per field, with the field "
        "name in column 'field' and its value in column 'value'. Other fields are kept.",
        PLACE_FIELDS,
        required=True,
        pairs=True,
    ),
    SheetSpec(
        "Organisations",
        "The organisations of the place, one a row: the nodes of the relationship map.",
        _ORGANISATIONS,
        required=True,
    ),
    SheetSpec(
        "Relationships",
        "Who works with whom, one relationship a row: the edges of the map.",
        _RELATIONSHIPS,
    ),
    SheetSpec(
        "Evidence",
        "What the study found, one item a row, coded to the measures it speaks to.",
        _EVIDENCE,
    ),
    SheetSpec(
        "Ratings",
        "The assessor's rating of each measure, and of the place overall (measure 'overall').",
        _RATINGS,
    ),
    SheetSpec("Recommendations", "The ways forward.", _RECOMMENDATIONS),
    SheetSpec("FollowUps", "What became of each recommendation, visit by visit.", _FOLLOWUPS),
    SheetSpec("Actions", "The action plan.", _ACTIONS),
    SheetSpec(
        "ActionUpdates",
        "Dated status updates of the actions, as many as you like for each action.",
        _ACTION_UPDATES,
    ),
    SheetSpec("Indicators", "The performance indicators tracked for the place.", _INDICATORS),
    SheetSpec(
        "Observations",
        "Baselines, targets and actual values of the indicators, by period and area.",
        _OBSERVATIONS,
    ),
    SheetSpec("Tensions", "Community tension reports, month by month.", _TENSIONS),
)

SHEET_BY_NAME: dict[str, SheetSpec] = {s.key: s for s in SHEETS}
"""Sheets by :func:`normalise_name` of their name."""

_SHEET_ALIASES = {
    "organizations": "organisations",
    "follow_ups": "followups",
    "tension_reports": "tensions",
    "action_updates": "actionupdates",
    "updates": "actionupdates",
    "status_updates": "actionupdates",
}


def sheet_spec(name: str) -> SheetSpec:
    """The sheet a sheet or file name stands for (``KeyError`` if none).

    >>> sheet_spec("organizations").name
    'Organisations'
    """
    key = normalise_name(name)
    key = _SHEET_ALIASES.get(key, key)
    return SHEET_BY_NAME[key]
