"""Reads for the assessment pages: the report's view of a measure, with the analysis."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from communitydna.analysis import analyse, analysis_to_json
from communitydna.framework import MEASURES, OVERALL, VARIANTS
from communitydna.reports import MeasureSection, Report, build_report
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_memo, study_to_snapshot, study_version

__all__ = [
    "measure_findings_html",
    "measure_section",
    "study_rating",
    "study_report",
    "study_report_with_analysis",
]


CACHE_SECONDS = 60 * 60


def study_report_with_analysis(
    study: m.Study, *, version: str | None = None
) -> tuple[Report, dict[str, Any]]:
    """The study's report model (without drawn figures) and its analysis document.

    A neighbourhood takes well under a second, a place of thousands of organisations
    seconds, so the result is made once per state of the study and kept in each server
    process as well as the shared cache (:func:`~communitydna.web.studies.selectors.study_memo`):
    a page that needs it then costs no unpickling. Treat it as read-only. ``version`` is
    the study's :func:`~communitydna.web.studies.selectors.study_version` if already read.
    """

    def build() -> tuple[Report, dict[str, Any]]:
        snapshot = study_to_snapshot(study)
        analysis = analysis_to_json(analyse(snapshot))
        return build_report(snapshot, analysis=analysis, figures=False), analysis

    return study_memo(study, "assessment", build, version=version, seconds=CACHE_SECONDS)


def study_report(study: m.Study, *, version: str | None = None) -> Report:
    """The study's report model with the analysis, without drawn figures."""
    return study_report_with_analysis(study, version=version)[0]


def measure_section(study: m.Study, key: str, *, version: str | None = None) -> MeasureSection:
    """What the report says about one measure: rating, evidence for and against, network
    figures and the suggestion with its explanation.

    Raises
    ------
    KeyError
        If ``key`` is not a measure.
    """
    if key not in MEASURES:
        raise KeyError(key)
    report = study_report(study, version=version)
    return next(section for section in report.measures if section.key == key)


def measure_findings_html(study: m.Study, key: str, *, version: str | None = None) -> SafeString:
    """The measure page's evidence for and against and its network tables, as HTML.

    They depend on nothing but the study, so they are drawn once per state of the study
    (:func:`~communitydna.web.studies.selectors.study_memo`) rather than on every request;
    at thousands of organisations drawing them is most of the page's work.

    Raises
    ------
    KeyError
        If ``key`` is not a measure.
    """
    version = version or study_version(study)
    section = measure_section(study, key, version=version)

    def build() -> SafeString:
        # the template escapes what it draws and marks the result safe to include
        return render_to_string("assessment/includes/measure_findings.html", {"report": section})

    return study_memo(study, f"measure-findings:{key}", build, version=version)


def study_rating(study: m.Study, measure: str) -> m.Rating | None:
    """The stored rating of a measure (or ``overall``), if any."""
    return m.Rating.objects.filter(study=study, measure=measure).first()


def measure_number(study: m.Study, key: str) -> int:
    """The measure's number in the study's variant; 0 for ``overall``."""
    return 0 if key == OVERALL else VARIANTS[study.variant].number_of(key)
