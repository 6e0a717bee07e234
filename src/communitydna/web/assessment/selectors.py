"""Reads for the assessment pages: the report's view of a measure, with the analysis."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from communitydna.analysis import analyse, analysis_to_json
from communitydna.framework import MEASURES, OVERALL, VARIANTS
from communitydna.reports import MeasureSection, Report, build_report
from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_to_snapshot

__all__ = ["measure_section", "study_rating", "study_report", "study_report_with_analysis"]


CACHE_SECONDS = 60 * 60


def _content_version(study: m.Study) -> str:
    """A mark that changes whenever the study does: every change goes through a service
    that writes an audit row, so the study's latest audit row identifies its content."""
    latest = AuditEvent.objects.filter(study=study).order_by("-id").values_list("id", "at").first()
    if latest is None:
        return "0"
    return f"{latest[0]}-{latest[1].timestamp()}"


def study_report_with_analysis(study: m.Study) -> tuple[Report, dict[str, Any]]:
    """The study's report model (without drawn figures) and its analysis document.

    A neighbourhood takes well under a second, a place of thousands of organisations
    seconds, so the result is cached until the study next changes.
    """
    key = f"communitydna:assessment:{study.pk}:{_content_version(study)}"
    cached: tuple[Report, dict[str, Any]] | None = cache.get(key)
    if cached is not None:
        return cached
    snapshot = study_to_snapshot(study)
    analysis = analysis_to_json(analyse(snapshot))
    result = (build_report(snapshot, analysis=analysis, figures=False), analysis)
    cache.set(key, result, CACHE_SECONDS)
    return result


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
