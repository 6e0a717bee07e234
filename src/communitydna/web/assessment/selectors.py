"""Reads for the assessment pages: the report's view of a measure, with the analysis."""

from __future__ import annotations

from typing import Any

from communitydna.analysis import analyse, analysis_to_json
from communitydna.framework import MEASURES, OVERALL, VARIANTS
from communitydna.reports import MeasureSection, Report, build_report
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_to_snapshot

__all__ = ["measure_section", "study_rating", "study_report", "study_report_with_analysis"]


def study_report_with_analysis(study: m.Study) -> tuple[Report, dict[str, Any]]:
    """The study's report model (without drawn figures) and its analysis document.

    The analysis takes well under a second on a neighbourhood study, so it is computed on
    each request rather than cached: a cache would have to be invalidated by every change of
    an organisation, a relationship or a piece of evidence.
    """
    snapshot = study_to_snapshot(study)
    analysis = analysis_to_json(analyse(snapshot))
    return build_report(snapshot, analysis=analysis, figures=False), analysis


def study_report(study: m.Study) -> Report:
    """The study's report model with the analysis, without drawn figures."""
    return study_report_with_analysis(study)[0]


def measure_section(study: m.Study, key: str) -> MeasureSection:
    """What the report says about one measure: rating, evidence for and against, network
    figures and the suggestion with its explanation.

    Raises
    ------
    KeyError
        If ``key`` is not a measure.
    """
    if key not in MEASURES:
        raise KeyError(key)
    report = study_report(study)
    return next(section for section in report.measures if section.key == key)


def study_rating(study: m.Study, measure: str) -> m.Rating | None:
    """The stored rating of a measure (or ``overall``), if any."""
    return m.Rating.objects.filter(study=study, measure=measure).first()


def measure_number(study: m.Study, key: str) -> int:
    """The measure's number in the study's variant; 0 for ``overall``."""
    return 0 if key == OVERALL else VARIANTS[study.variant].number_of(key)
