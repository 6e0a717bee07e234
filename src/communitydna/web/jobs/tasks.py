"""The long work itself: one task that runs a job of any kind.

A single task taking the job's id keeps what travels through a queue to one integer, which
every backend (threads, the database, RQ) carries the same way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django_tasks import task

from communitydna.io import Problem, read_study
from communitydna.reports import ReportFormatUnavailableError
from communitydna.web.jobs.models import Job
from communitydna.web.jobs.services import Progress, job_begin, job_end, job_folder, job_scope

__all__ = ["run_job"]

logger = logging.getLogger(__name__)


@task()
def run_job(job_id: int) -> str:
    """Run the job with this id and record how it ended; returns its final status."""
    job = Job.objects.select_related("workspace", "study", "requested_by").filter(pk=job_id).first()
    if job is None or job.finished:
        return "gone" if job is None else job.status
    job_begin(job)
    try:
        _RUNNERS[job.kind](job, Progress(job))
    except PermissionDenied:
        job_end(job, error="You are no longer allowed to do this in the workspace.")
    except Exception:
        logger.exception("job %s failed", job_id)
        job_end(job, error="Something went wrong on the server; the work was not finished.")
    else:
        if not job.finished:
            job_end(job)
    return job.status


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "severity": str(problem.severity),
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "value": problem.value,
        "reason": problem.reason,
    }


def _import(job: Job, progress: Progress) -> None:
    from communitydna.web.studies.errors import StudyImportError
    from communitydna.web.studies.services import study_import

    folder = job_folder(job)
    path = next(iter(sorted(folder.glob("upload.*"))), folder / "upload.xlsx")
    try:
        progress("Reading the archive" if path.suffix == ".json" else "Reading the workbook")
        result = read_study(
            path, progress=lambda sheet, done, total: progress(f"Reading {sheet}", done, total)
        )
        job.warnings = [_problem(p) for p in result.warnings]
        if result.snapshot is None:
            job.problems = [_problem(p) for p in result.problems]
            job_end(job, error="The workbook has problems; nothing was imported.")
            return
        progress("Saving the study")
        try:
            study = study_import(
                workspace=job.workspace,
                snapshot=result.snapshot,
                user=job.requested_by,
            )
        except StudyImportError as error:
            job.problems = [
                {
                    "severity": "error",
                    "sheet": "",
                    "row": None,
                    "column": "",
                    "value": "",
                    "reason": str(p),
                }
                for p in error.problems
            ]
            job_end(job, error="The study does not fit the database; nothing was imported.")
            return
        job.study = study
        if study.organisations.count() > settings.BACKGROUND_ORGANISATIONS:
            # Seconds for a large place: spent here, with the progress shown, rather than
            # by the first person to open the map.
            from communitydna.web.network.mapdata import map_data_json

            progress("Laying out the network map")
            map_data_json(study)
        job_end(job)
    finally:
        path.unlink(missing_ok=True)


def _file_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "study"


def _report(job: Job, progress: Progress) -> None:
    from communitydna.web.assessment.exports import report_write
    from communitydna.web.assessment.selectors import study_report_with_analysis

    assert job.study is not None
    output_format = str(job.params["format"])
    public = bool(job.params.get("public"))
    progress("Analysing the network", 0, 2)
    study_report_with_analysis(job.study)
    progress(f"Writing the {output_format.upper()} report", 1, 2)
    folder = job_folder(job)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_file_stem(job.study.name)}{'-public' if public else ''}.{output_format}"
    try:
        report_write(
            study=job.study,
            path=path,
            output_format=output_format,
            public=public,
            user=job.requested_by,
            scope=job_scope(job),
        )
    except ReportFormatUnavailableError as error:
        job_end(job, error=str(error))
        return
    job.result_name = path.name
    job_end(job)


def _analysis(job: Job, progress: Progress) -> None:
    from communitydna.web.assessment.selectors import study_report_with_analysis

    assert job.study is not None
    progress("Analysing the network", 0, 1)
    study_report_with_analysis(job.study)
    job_end(job)


_RUNNERS: dict[str, Callable[[Job, Progress], None]] = {
    Job.Kind.IMPORT: _import,
    Job.Kind.REPORT: _report,
    Job.Kind.ANALYSIS: _analysis,
}
