"""What the API reads and writes: the core's vocabulary, field for field.

Output fields are the snapshot entities' (and the workbook's columns); ids are the study's
keys. Partial dates are their canonical text (``2012``, ``2012-07``, ``2012-07-15``).
Input text may not hold NUL characters or broken Unicode, which no database keeps.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

__all__ = [
    "ActionIn",
    "ActionOut",
    "ActionUpdateIn",
    "EvidenceIn",
    "EvidenceOut",
    "FollowUpIn",
    "FollowUpOut",
    "IndicatorIn",
    "IndicatorOut",
    "JobOut",
    "Key",
    "ObservationIn",
    "ObservationOut",
    "OrganisationIn",
    "OrganisationOut",
    "RatingIn",
    "RatingOut",
    "RecommendationIn",
    "RecommendationOut",
    "RelationshipIn",
    "RelationshipOut",
    "ReportIn",
    "StudyOut",
    "TensionIn",
    "TensionOut",
    "Text",
    "WorkspaceOut",
]


def _clean(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text cannot hold NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    return value


Text = Annotated[str, AfterValidator(_clean), Field(max_length=20_000)]
"""Free text."""
Short = Annotated[str, AfterValidator(_clean), Field(max_length=1_000)]
"""A name, a type, a date, a word."""
Key = Annotated[str, AfterValidator(_clean), Field(max_length=255)]
"""An id in the study (``foodbank``, ``R0042``)."""
Attributes = dict[Short, Text]
Pair = Annotated[list[Short], Field(min_length=2, max_length=2)]
"""A name and its value (OpenAPI 3.0 has no tuples)."""

SectorName = Literal["public", "commercial", "social"]
SizeName = Literal["micro", "small", "medium", "large"]
RelationshipStatusName = Literal["active", "ended", "proposed"]
PolarityName = Literal["positive", "negative", "neutral"]
ProgressName = Literal["not started", "in progress", "done", "dropped"]
ActionStatusName = Literal["not started", "on track", "at risk", "done", "dropped"]
KindName = Literal["baseline", "target", "actual"]
DirectionName = Literal["up", "down"]


class WorkspaceOut(Schema):
    slug: str
    name: str
    role: str = Field(description="What the caller may do here: the lower of token and member.")


class StudyOut(Schema):
    id: int
    workspace: str = Field(description="The workspace's slug.")
    name: str
    place: str
    variant: str
    date: str | None
    description: str
    wards: list[str]
    assessors: list[str]
    counts: dict[str, int]


# -- the map ----------------------------------------------------------------------------------


class OrganisationOut(Schema):
    id: str
    name: str
    sector: SectorName
    type: str
    ward: str
    postcode: str
    identifier: str
    led_by: list[str]
    size: SizeName | None
    notes: str
    attributes: dict[str, str]


class OrganisationIn(Schema):
    id: Key = Field("", description="Blank on creation makes one from the name.")
    name: Short
    sector: SectorName
    type: Short = ""
    ward: Short = ""
    postcode: Short = ""
    identifier: Short = ""
    led_by: list[Short] = Field(default_factory=list, max_length=100)
    size: SizeName | None = None
    notes: Text = ""
    attributes: Attributes | None = Field(None, description="Omitted on update: kept.")


class RelationshipOut(Schema):
    id: str
    source: str
    target: str
    type: str
    directed: bool
    strength: int
    tense: bool
    status: RelationshipStatusName
    since: str | None
    until: str | None
    notes: str
    evidence: list[str]
    attributes: dict[str, str]


class RelationshipIn(Schema):
    id: Key = Field("", description="Blank on creation numbers it (R0042).")
    source: Key
    target: Key
    type: Short = "partnership"
    directed: bool = False
    strength: int = Field(3, ge=1, le=5)
    tense: bool = False
    status: RelationshipStatusName = "active"
    since: Short | None = None
    until: Short | None = None
    notes: Text = ""
    evidence: list[Key] = Field(default_factory=list, max_length=1000)
    attributes: Attributes | None = Field(None, description="Omitted on update: kept.")


class EvidenceOut(Schema):
    id: str
    text: str
    source: str
    date: str | None
    measures: list[str]
    polarity: PolarityName
    weight: int
    organisations: list[str]
    confidential: bool
    attributes: dict[str, str]


class EvidenceIn(Schema):
    id: Key = Field("", description="Blank on creation numbers it (E0042).")
    text: Text = ""
    source: Short = ""
    date: Short | None = None
    measures: list[Key] = Field(default_factory=list, max_length=10)
    polarity: PolarityName = "neutral"
    weight: int = Field(1, ge=1, le=3)
    organisations: list[Key] = Field(default_factory=list, max_length=1000)
    confidential: bool = False
    attributes: Attributes | None = Field(None, description="Omitted on update: kept.")


# -- the assessment ---------------------------------------------------------------------------


class RatingOut(Schema):
    measure: str
    number: int = Field(description="The measure's number in the study's variant; 0 overall.")
    position: int | None
    label: str
    rationale: list[str]
    assessor: str
    date: str | None
    version: int = Field(description="Send it back to change the rating.")


class RatingIn(Schema):
    position: int | None = Field(..., ge=1, le=7, description="1–7, or null to clear it.")
    rationale: list[Text] = Field(default_factory=list, max_length=100)
    reason: Text = ""
    version: int = Field(..., ge=0, le=2_147_483_647, description="The version you started from.")


class FollowUpOut(Schema):
    recommendation: str
    date: str | None
    progress: ProgressName
    notes: str


class FollowUpIn(Schema):
    date: Short | None = None
    progress: ProgressName
    notes: Text = ""


class RecommendationOut(Schema):
    id: str
    title: str
    text: str
    measures: list[str]
    owner: str
    status: str
    followups: list[FollowUpOut]


class RecommendationIn(Schema):
    id: Key = Field("", description="Blank on creation makes one from the title.")
    title: Short
    text: Text = ""
    measures: list[Key] = Field(default_factory=list, max_length=10)
    owner: Short = ""
    status: Short = ""


class ReportIn(Schema):
    format: Literal["html", "docx", "pdf"] = "html"
    public: bool = Field(False, description="The version safe to publish.")


class JobOut(Schema):
    id: int
    kind: str
    status: str
    stage: str
    done: int
    total: int | None
    error: str
    study: int | None
    url: str
    result_url: str | None
    problems: list[dict[str, Any]]


# -- the plan ---------------------------------------------------------------------------------


class MilestoneIO(Schema):
    text: Text
    due: Short | None = None


class LeadIO(Schema):
    name: Short
    organisation: Key | None = None


class ActionUpdateOut(Schema):
    date: str
    status: ActionStatusName | None
    note: str


class ActionOut(Schema):
    ref: str
    action: str
    theme: str
    milestones: list[MilestoneIO]
    lead: list[LeadIO]
    outcome: str
    status: ActionStatusName | None
    measures: list[str]
    recommendations: list[str]
    updates: list[ActionUpdateOut]


class ActionIn(Schema):
    ref: Short
    action: Text
    theme: Short = ""
    milestones: list[MilestoneIO] = Field(default_factory=list, max_length=100)
    lead: list[LeadIO] = Field(default_factory=list, max_length=100)
    outcome: Text = ""
    status: ActionStatusName | None = None
    measures: list[Key] = Field(default_factory=list, max_length=10)
    recommendations: list[Key] = Field(default_factory=list, max_length=100)


class ActionUpdateIn(Schema):
    date: Short
    status: ActionStatusName | None = None
    note: Text = ""


class IndicatorOut(Schema):
    id: str
    name: str
    type: str
    unit: str
    direction: DirectionName | None
    responsible: str
    attributes: dict[str, str]


class IndicatorIn(Schema):
    id: Key = Field("", description="Blank on creation makes one from the name.")
    name: Short
    type: Short = ""
    unit: Short = ""
    direction: DirectionName | None = None
    responsible: Short = ""


class ObservationOut(Schema):
    indicator: str
    period: str
    kind: KindName
    value: str = Field(description="As written: '42', 'less than 40%', 'to be determined'.")
    number: str | None = Field(description="The exact decimal, or null when not yet known.")
    qualifier: str | None
    percent: bool
    area: str
    breakdown: list[Pair] = Field(description="Pairs such as ['age', '16-24'].")


class ObservationIn(Schema):
    period: Short
    kind: KindName = "actual"
    value: Short = Field("", description="'42', '42%', 'less than 40%', '' for not known.")
    area: Short = ""
    breakdown: list[Pair] = Field(
        default_factory=list, max_length=20, description="Pairs such as ['age', '16-24']."
    )


class TensionOut(Schema):
    date: str
    area: str
    reported_by: str
    category: str
    severity: int
    summary: str


class TensionIn(Schema):
    date: Short
    area: Short = ""
    reported_by: Short = ""
    category: Short = ""
    severity: int = Field(1, ge=1, le=5)
    summary: Text = ""
