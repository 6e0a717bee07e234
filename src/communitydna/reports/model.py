"""The report model: everything a report says, as plain typed data, with no layout in it.

:func:`communitydna.reports.build_report` assembles a :class:`Report` from a snapshot (and
its analysis, when there is one); each renderer lays the same model out in its own format.
Dates stay :class:`~communitydna.snapshot.PartialDate` so every format words them alike;
``anchor`` fields are stable, unique identifiers that renderers use for links and bookmarks.

Figures are slots: sections carry a tuple of :class:`Figure` that is empty until figures are
drawn, and the network parts are empty :class:`NetworkFindings` until an analysis is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from communitydna.framework import Measure, Position, Sector, Variant, get_position
from communitydna.snapshot import PartialDate, Polarity, Progress

__all__ = [
    "ActionItem",
    "ActionTheme",
    "ActionUpdateItem",
    "ContentsEntry",
    "EvidenceItem",
    "Fact",
    "Figure",
    "FollowUpItem",
    "IndicatorPeriod",
    "IndicatorSummary",
    "Judgement",
    "LeadRef",
    "MeasureRef",
    "MeasureSection",
    "MethodSection",
    "NetworkFindings",
    "OrganisationRef",
    "PlaceSection",
    "RankingRow",
    "RatingView",
    "RecommendationItem",
    "RecommendationRef",
    "Report",
    "SectorOrganisations",
    "Suggestion",
    "Summary",
    "Table",
    "TensionSummary",
    "TitleBlock",
]

# Scripts, event handlers, and any reference that is not to a fragment of the same page.
_UNSAFE_SVG = re.compile(
    r"<\s*script|<\s*foreignobject|\son[a-z]+\s*=|javascript:|@import"
    r"|(?:href|src)\s*=\s*(?:[\"']\s*(?!#)|(?![\"'\s#]))"
    r"|url\(\s*(?:[\"']\s*(?!#)|(?![\"'\s#]))",
    re.I,
)


@dataclass(frozen=True, slots=True, init=False)
class Figure:
    """A figure: inline SVG markup with its text alternative and caption.

    The SVG is drawn by the report's own figure code and is placed in the output as it is,
    so it must escape any text it draws and must not load anything from elsewhere; a
    figure with scripts, event handlers or external references is refused.

    The PNG rendering (for formats that cannot embed SVG, such as Word) may be given as bytes
    or drawn on first use by ``draw_png``, so that formats which never ask for it do not pay
    for it. Two figures are equal when their id, SVG, text alternative and caption are.

    Attributes
    ----------
    id : str
        Stable identifier, e.g. ``"scale-social"``.
    svg : str
        One ``<svg>`` element.
    alt : str
        What the figure shows, for people who cannot see it.
    caption : str
        The caption printed under it.
    png : bytes
        The same figure as a PNG image; empty when the figure was drawn only as SVG.

    Examples
    --------
    >>> Figure("dot", '<svg viewBox="0 0 2 2"><circle cx="1" cy="1" r="1"/></svg>', "A dot").id
    'dot'
    >>> Figure("dot", "<svg/>", "A dot", draw_png=lambda: b"PNG").png
    b'PNG'
    >>> import pickle
    >>> pickle.loads(pickle.dumps(Figure("dot", "<svg/>", "A dot", draw_png=lambda: b"PNG"))).png
    b'PNG'
    """

    id: str
    svg: str
    alt: str
    caption: str
    _png: bytes = field(repr=False, compare=False)
    _draw_png: Callable[[], bytes] | None = field(repr=False, compare=False)

    def __init__(
        self,
        id: str,
        svg: str,
        alt: str,
        caption: str = "",
        png: bytes = b"",
        *,
        draw_png: Callable[[], bytes] | None = None,
        _png: bytes | None = None,
        _draw_png: Callable[[], bytes] | None = None,
    ) -> None:
        # ``_png`` and ``_draw_png`` are what dataclasses.replace passes back in.
        for name, value in (
            ("id", id),
            ("svg", svg),
            ("alt", alt),
            ("caption", caption),
            ("_png", png or _png or b""),
            ("_draw_png", draw_png or _draw_png),
        ):
            object.__setattr__(self, name, value)
        if not self.svg.lstrip().startswith("<svg"):
            raise ValueError(f"figure {self.id!r} is not an <svg> element")
        if _UNSAFE_SVG.search(self.svg):
            raise ValueError(
                f"figure {self.id!r} has scripts, event handlers or external references"
            )
        if not self.alt.strip():
            raise ValueError(f"figure {self.id!r} needs a text alternative")

    @property
    def png(self) -> bytes:
        """The PNG rendering, drawn on first use when the figure was given a way to draw it."""
        if not self._png and self._draw_png is not None:
            object.__setattr__(self, "_png", self._draw_png())
        return self._png

    def __reduce__(self) -> tuple[type[Figure], tuple[str, str, str, str, bytes]]:
        # Pickle the PNG itself: the way of drawing it may not be picklable.
        return (Figure, (self.id, self.svg, self.alt, self.caption, self.png))


@dataclass(frozen=True, slots=True)
class Fact:
    """A labelled value, e.g. ``Fact("Organisations mapped", "120")``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Table:
    """A small table of text: the first cell of each row heads that row.

    Examples
    --------
    >>> t = Table("Ties", ("Sector pair", "Ties"), (("Social–public", "12"),))
    >>> t.rows[0][0]
    'Social–public'
    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class NetworkFindings:
    """What the measured network says: tables, figures and plain-English notes.

    Empty (the default) when no analysis was given; renderers leave empty findings out.
    """

    tables: tuple[Table, ...] = ()
    figures: tuple[Figure, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to show."""
        return not (self.tables or self.figures or self.notes)


@dataclass(frozen=True, slots=True)
class RatingView:
    """A position on the scale as a report words it, or "not rated".

    Examples
    --------
    >>> RatingView.of(6).words
    'between stable and resilient'
    >>> RatingView.of(None).label
    'not rated'
    """

    position: int | None
    label: str
    words: str
    description: str = ""
    levels: tuple[str, ...] = ()

    @classmethod
    def of(cls, position: int | None) -> RatingView:
        """The view of a position (1–7); ``None`` or a value off the scale is "not rated"."""
        if position is None or not 1 <= position <= 7:
            return cls(None, "not rated", "not rated")
        p: Position = get_position(position)
        return cls(p.value, p.label, p.words, p.description, p.levels)

    @property
    def rated(self) -> bool:
        """Whether there is a position."""
        return self.position is not None

    @property
    def is_between(self) -> bool:
        """Whether the position lies between two levels."""
        return len(self.levels) == 2

    @property
    def title(self) -> str:
        """The label with a capital, e.g. ``"Stable–resilient"`` or ``"Not rated"``."""
        return self.label[:1].upper() + self.label[1:]


@dataclass(frozen=True, slots=True)
class Judgement:
    """An assessor's rating with its rationale points, assessor and date."""

    rating: RatingView
    rationale: tuple[str, ...] = ()
    assessor: str = ""
    date: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested rating from the analysis, shown beside the assessor's, never instead."""

    rating: RatingView
    explanation: str = ""
    evidence_count: int | None = None
    confidence: str = ""


@dataclass(frozen=True, slots=True)
class MeasureRef:
    """A measure as the study numbers it, for cross-references."""

    key: str
    number: int
    title: str
    short: str
    anchor: str


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    """An organisation as a report names it; sector and type allow an anonymised wording.

    In a public report, the organisations of an evidence item are described rather than
    named: ``name`` is the description (``"a social-sector food bank"``), ``id`` and
    ``anchor`` are empty, and renderers show the description without a link.
    """

    id: str
    name: str
    sector: Sector
    anchor: str
    type: str = ""
    ward: str = ""
    size: str = ""
    led_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One evidence item with its source, date, linked organisations and measures."""

    id: str
    text: str
    source: str
    date: PartialDate | None
    polarity: Polarity
    weight: int
    organisations: tuple[OrganisationRef, ...] = ()
    measures: tuple[MeasureRef, ...] = ()
    confidential: bool = False

    def other_measures(self, key: str) -> tuple[MeasureRef, ...]:
        """The measures this item is coded to besides ``key``."""
        return tuple(m for m in self.measures if m.key != key)


@dataclass(frozen=True, slots=True)
class RecommendationRef:
    """A recommendation as a measure section cites it."""

    number: int
    title: str
    anchor: str


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """What had become of a recommendation by a date."""

    date: PartialDate | None
    progress: Progress
    notes: str = ""


@dataclass(frozen=True, slots=True)
class RecommendationItem:
    """A recommendation with the measures it addresses and its follow-ups, oldest first."""

    number: int
    id: str
    anchor: str
    title: str
    text: str = ""
    measures: tuple[MeasureRef, ...] = ()
    owner: str = ""
    status: str = ""
    followups: tuple[FollowUpItem, ...] = ()
    latest: FollowUpItem | None = None


@dataclass(frozen=True, slots=True)
class MeasureSection:
    """Everything the report says about one measure.

    ``figures`` holds the measure's own figures (such as the sliding scale); ``network``
    holds what the measured network says about it (measures 1–6 only).
    """

    number: int
    measure: Measure
    anchor: str
    judgement: Judgement
    supporting: tuple[EvidenceItem, ...] = ()
    contrary: tuple[EvidenceItem, ...] = ()
    neutral: tuple[EvidenceItem, ...] = ()
    recommendations: tuple[RecommendationRef, ...] = ()
    suggestion: Suggestion | None = None
    network: NetworkFindings = field(default_factory=NetworkFindings)
    figures: tuple[Figure, ...] = ()

    @property
    def key(self) -> str:
        """The measure's stable key."""
        return self.measure.key

    @property
    def heading(self) -> str:
        """``"Measure 4: Partnerships between the social and public sectors"``."""
        return f"Measure {self.number}: {self.measure.title}"

    @property
    def evidence_count(self) -> int:
        """How many evidence items are coded to the measure."""
        return len(self.supporting) + len(self.contrary) + len(self.neutral)


@dataclass(frozen=True, slots=True)
class RankingRow:
    """One row of the qualitative rankings table."""

    number: int
    measure: Measure
    rating: RatingView
    anchor: str


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """What the title page says."""

    place: str
    subtitle: str
    variant: Variant
    date: PartialDate | None
    assessors: tuple[str, ...]
    generated_on: dt.date
    public: bool = False


@dataclass(frozen=True, slots=True)
class Summary:
    """The overall assessment, the study at a glance and the qualitative rankings."""

    overall: Judgement
    rankings: tuple[RankingRow, ...]
    facts: tuple[Fact, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceSection:
    """The place: its description (paragraphs), wards and what was mapped."""

    name: str
    description: tuple[str, ...] = ()
    wards: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    figures: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True, slots=True)
class MethodSection:
    """The method in brief, from the framework's own texts."""

    variant: Variant
    measures: tuple[Measure, ...]
    positions: tuple[Position, ...]
    introduction: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SectorOrganisations:
    """The organisations of one sector, for the appendix."""

    sector: Sector
    anchor: str
    organisations: tuple[OrganisationRef, ...]


@dataclass(frozen=True, slots=True)
class LeadRef:
    """A lead agency as written, with the organisation it is linked to (if any)."""

    name: str
    organisation: OrganisationRef | None = None

    @property
    def linked(self) -> bool:
        return self.organisation is not None


@dataclass(frozen=True, slots=True)
class ActionUpdateItem:
    """A dated status update of an action."""

    date: PartialDate
    status: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ActionItem:
    """One entry of the action plan, as the summary shows it.

    ``milestones`` pairs each milestone's text with its due date (or ``None``); ``leads``
    are the lead agencies' names as written and ``lead_refs`` the same with their links.
    ``current_status`` is the latest update's status, else the plan's; ``attention`` says
    why the action needs attention (``"overdue since November 2008"``, ``"at risk"``) or is
    empty.
    """

    ref: str
    action: str
    theme: str = ""
    milestones: tuple[tuple[str, PartialDate | None], ...] = ()
    leads: tuple[str, ...] = ()
    outcome: str = ""
    status: str = ""
    due: PartialDate | None = None
    measures: tuple[MeasureRef, ...] = ()
    recommendations: tuple[RecommendationRef, ...] = ()
    lead_refs: tuple[LeadRef, ...] = ()
    current_status: str = ""
    updates: tuple[ActionUpdateItem, ...] = ()
    latest_update: ActionUpdateItem | None = None
    overdue: bool = False
    attention: str = ""


@dataclass(frozen=True, slots=True)
class ActionTheme:
    """The actions of one theme of the plan, those needing attention first."""

    name: str
    anchor: str
    actions: tuple[ActionItem, ...]


@dataclass(frozen=True, slots=True)
class IndicatorPeriod:
    """One period of an indicator for the whole place: each value worded, "" when none."""

    period: str
    baseline: str = ""
    target: str = ""
    actual: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorSummary:
    """A performance indicator for the whole place: baseline, latest target and latest value.

    Each value is already worded with its period, e.g. ``"11.2% (2023/24)"``; an empty
    string means none was recorded. ``better`` is ``"higher"`` or ``"lower"`` when the
    indicator says which way is better.
    """

    id: str
    name: str
    unit: str = ""
    better: str = ""
    responsible: str = ""
    baseline: str = ""
    target: str = ""
    latest: str = ""
    anchor: str = ""
    type: str = ""
    progress: str = ""
    standing: str = ""
    periods: tuple[IndicatorPeriod, ...] = ()
    breakdowns: Table | None = None
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class TensionSummary:
    """Community tension reports month by month per area, and the areas flagged.

    Left out of public reports: tension reports are sensitive.
    """

    rule: str
    table: Table
    warnings: tuple[str, ...] = ()
    categories: Table | None = None


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """A line of the table of contents; ``level`` 1 is a section, 2 a part of one."""

    anchor: str
    title: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Report:
    """A whole report, in reading order.

    ``network`` is the network section, empty without an analysis; ``uncoded_evidence``
    holds the evidence not yet coded to any measure, so that every evidence item of the
    study appears somewhere in the report (in a public report, every item not marked
    confidential). ``actions`` and ``indicators`` summarise the action plan and the
    performance indicators when the study has them; ``method_notes`` and ``sources`` make up
    the closing appendix (how the report was made, and where its evidence came from).
    """

    title: TitleBlock
    summary: Summary
    place: PlaceSection
    method: MethodSection
    measures: tuple[MeasureSection, ...]
    network: NetworkFindings
    uncoded_evidence: tuple[EvidenceItem, ...]
    recommendations: tuple[RecommendationItem, ...]
    organisations: tuple[SectorOrganisations, ...]
    actions: tuple[ActionItem, ...] = ()
    indicators: tuple[IndicatorSummary, ...] = ()
    method_notes: tuple[str, ...] = ()
    sources: tuple[Table, ...] = ()
    action_themes: tuple[ActionTheme, ...] = ()
    plan_as_of: dt.date | None = None
    tensions: TensionSummary | None = None
    assessed: bool = True

    @property
    def has_organisations(self) -> bool:
        """Whether any organisation is listed in the appendix."""
        return any(group.organisations for group in self.organisations)

    def contents(self) -> tuple[ContentsEntry, ...]:
        """The table of contents: the sections present, with the measures nested.

        Sections with nothing to show (the network section without an analysis, the
        uncoded evidence when every item is coded) are left out, as renderers leave them out.
        """
        entries = [
            ContentsEntry("summary", "Summary"),
            ContentsEntry("place", f"The place: {self.place.name}"),
            ContentsEntry("method", "The method in brief"),
        ]
        if self.measures:
            entries.append(ContentsEntry("measures", "Assessment by measure"))
            entries.extend(ContentsEntry(m.anchor, m.heading, 2) for m in self.measures)
        if not self.network.is_empty:
            entries.append(ContentsEntry("network", "The network"))
        if self.uncoded_evidence:
            entries.append(ContentsEntry("uncoded-evidence", "Evidence not yet coded"))
        entries.append(ContentsEntry("recommendations", "Recommendations"))
        entries.extend(
            ContentsEntry(r.anchor, f"{r.number}. {r.title}", 2) for r in self.recommendations
        )
        if self.actions:
            entries.append(ContentsEntry("actions", "Action plan"))
            entries.extend(
                ContentsEntry(t.anchor, t.name, 2)
                for t in self.action_themes
                if len(self.action_themes) > 1
            )
        if self.indicators:
            entries.append(ContentsEntry("indicators", "Indicators"))
            entries.extend(ContentsEntry(i.anchor, i.name, 2) for i in self.indicators if i.anchor)
        if self.tensions is not None:
            entries.append(ContentsEntry("tensions", "Community tensions"))
        if self.has_organisations:
            entries.append(ContentsEntry("organisations", "Appendix: organisations by sector"))
        if self.method_notes or self.sources:
            entries.append(ContentsEntry("method-notes", "Appendix: method notes and sources"))
        return tuple(entries)

    def evidence_ids(self) -> frozenset[str]:
        """The ids of every evidence item the report shows."""
        ids = {e.id for e in self.uncoded_evidence}
        for m in self.measures:
            ids.update(e.id for e in (*m.supporting, *m.contrary, *m.neutral))
        return frozenset(ids)
