"""Reports of a study: a report model built from a snapshot, and its renderings.

>>> import datetime as dt
>>> from communitydna.snapshot import Place, Snapshot
>>> report = build_report(Snapshot(place=Place("Northgate")), generated_on=dt.date(2024, 5, 1))
>>> html = render_html(report)
"""

from communitydna.reports.build import build_report
from communitydna.reports.html import render_html
from communitydna.reports.model import (
    ActionItem,
    ActionTheme,
    ActionUpdateItem,
    ContentsEntry,
    EvidenceItem,
    Fact,
    Figure,
    FollowUpItem,
    IndicatorPeriod,
    IndicatorSummary,
    Judgement,
    LeadRef,
    MeasureRef,
    MeasureSection,
    MethodSection,
    NetworkFindings,
    OrganisationRef,
    PlaceSection,
    RankingRow,
    RatingView,
    RecommendationItem,
    RecommendationRef,
    Report,
    SectorOrganisations,
    Suggestion,
    Summary,
    Table,
    TensionSummary,
    TitleBlock,
)
from communitydna.reports.write import (
    REPORT_FORMATS,
    ReportFormatUnavailableError,
    check_report_format,
    report_format,
    write_report,
)

__all__ = [
    "REPORT_FORMATS",
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
    "ReportFormatUnavailableError",
    "SectorOrganisations",
    "Suggestion",
    "Summary",
    "Table",
    "TensionSummary",
    "TitleBlock",
    "build_report",
    "check_report_format",
    "render_html",
    "report_format",
    "write_report",
]
