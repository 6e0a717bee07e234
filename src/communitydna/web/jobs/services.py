"""Starting long work, keeping its progress, and tidying up after it.

The work itself lives in :mod:`communitydna.web.jobs.tasks`; these functions are what views
and the command line call.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone

from communitydna.web.accounts.models import Role, User, Workspace
from communitydna.web.accounts.permissions import Scope, job_capability, require
from communitydna.web.jobs.models import Job
from communitydna.web.studies import models as m

__all__ = [
    "KEEP_DAYS",
    "Progress",
    "analysis_or_job",
    "job_analysis",
    "job_folder",
    "job_import",
    "job_report",
    "job_scope",
    "jobs_interrupted",
    "jobs_prune",
]

logger = logging.getLogger(__name__)

KEEP_DAYS = 7
"""Finished jobs, and the files they made, are removed after this many days."""


def job_folder(job: Job) -> Path:
    """The folder of the job's files (an uploaded workbook, a written report)."""
    return Path(settings.JOBS_ROOT) / job.folder.hex


def _start(
    *,
    kind: Job.Kind,
    workspace: Workspace,
    study: m.Study | None,
    user: User | None,
    params: dict[str, Any],
    upload: Path | None = None,
    scope: Scope | None = None,
) -> Job:
    require(user, job_capability(kind), workspace, scope=scope)
    jobs_prune()
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, workspace=workspace, study=study, requested_by=user, params=params
        )
        if upload is not None:
            folder = job_folder(job)
            folder.mkdir(parents=True, exist_ok=True)
            # Named by its kind (.xlsx or .json), which is how the reader tells them apart.
            shutil.move(str(upload), folder / f"upload{upload.suffix or '.xlsx'}")
        from communitydna.web.jobs.tasks import run_job

        result = run_job.enqueue(job.pk)
        # An immediate backend has run the work already: keep what it wrote.
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def job_import(*, workspace: Workspace, path: Path, user: User | None, workbook: str = "") -> Job:
    """Import the workbook at ``path`` as a new study, in the background.

    The file is moved into the job's folder and removed when the import ends. The job ends
    ``done`` with ``study`` set, or ``failed`` with every problem in ``problems`` and
    nothing imported.
    """
    try:
        return _start(
            kind=Job.Kind.IMPORT,
            workspace=workspace,
            study=None,
            user=user,
            params={"workbook": workbook},
            upload=path,
        )
    finally:
        path.unlink(missing_ok=True)  # moved into the job's folder, or not wanted


def job_report(
    *,
    study: m.Study,
    user: User | None,
    output_format: str,
    public: bool,
    scope: Scope | None = None,
) -> Job:
    """Write the study's report in the background; the file is the job's result.

    With an API token's ``scope``, the job keeps the token's role and the report holds
    only what that role may see, as if the token had asked for it while it runs.
    """
    params: dict[str, Any] = {"format": output_format, "public": public}
    if scope is not None:
        params["scope_role"] = str(scope.role)
    return _start(
        kind=Job.Kind.REPORT,
        workspace=study.workspace,
        study=study,
        user=user,
        params=params,
        scope=scope,
    )


def job_scope(job: Job) -> Scope | None:
    """The API token's scope a job was started under, or ``None`` for a session's."""
    role = job.params.get("scope_role")
    return None if role is None else Scope(workspace_id=job.workspace_id, role=Role(role))


def job_analysis(*, study: m.Study, user: User | None, version: str) -> Job:
    """Analyse the study's network in the background, once per version of the study.

    A job already queued or running for the same ``version`` (see
    :func:`communitydna.web.assessment.selectors.content_version`) is returned instead of
    starting another.
    """
    running = (
        Job.objects.filter(
            study=study,
            kind=Job.Kind.ANALYSIS,
            status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
            params__version=version,
        )
        .order_by("-id")
        .first()
    )
    if running is not None:
        return running
    return _start(
        kind=Job.Kind.ANALYSIS,
        workspace=study.workspace,
        study=study,
        user=user,
        params={"version": version},
    )


def analysis_or_job(study: m.Study, user: User | None) -> tuple[dict[str, Any] | None, Job | None]:
    """The study's analysis document if it can be had now, or else the job making it.

    A place of up to ``BACKGROUND_ORGANISATIONS`` organisations is analysed at once (under
    a second or two, and cached). A larger one is analysed in the background, once per
    version of the study; until that is done the caller shows the job's progress.
    """
    from communitydna.web.assessment.selectors import study_report_with_analysis
    from communitydna.web.studies.selectors import study_version

    if m.Organisation.objects.filter(study=study).count() <= settings.BACKGROUND_ORGANISATIONS:
        return study_report_with_analysis(study)[1], None
    version = study_version(study)
    ready = Job.objects.filter(
        study=study, kind=Job.Kind.ANALYSIS, status=Job.Status.DONE, params__version=version
    ).exists()
    if not ready:
        job = job_analysis(study=study, user=user, version=version)
        if job.status != Job.Status.DONE:
            return None, job
    # Made for this version, so in the cache (or, if it was since evicted, made again now).
    return study_report_with_analysis(study)[1], None


class Progress:
    """What the work says about itself, written to its row at most every half second (and
    at once when the stage changes), so a fast loop does not spend its time writing."""

    INTERVAL = 0.5

    def __init__(self, job: Job) -> None:
        self.job = job
        self._last = 0.0

    def __call__(self, stage: str, done: int = 0, total: int | None = None) -> None:
        now = time.monotonic()
        if stage == self.job.stage and now - self._last < self.INTERVAL:
            return
        self._last = now
        self.job.stage = stage[:200]
        self.job.done = max(0, done)
        self.job.total = total
        self.job.updated_at = timezone.now()
        try:
            Job.objects.filter(pk=self.job.pk).update(
                stage=self.job.stage,
                done=self.job.done,
                total=total,
                updated_at=self.job.updated_at,
            )
        except OperationalError as error:
            # Progress is news, not a record: a database busy with other writes (SQLite
            # while another study is being saved) skips this report and the work goes on.
            logger.info("progress of job %s not written: %s", self.job.pk, error)


def _saved(job: Job, fields: list[str] | None = None, attempts: int = 30) -> None:
    """Save the job's row, waiting out a database that is busy for a while (SQLite allows
    one writer at a time, and saving a large study takes seconds)."""
    for attempt in range(attempts):
        try:
            job.save(update_fields=fields)
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)
        else:
            return


def job_begin(job: Job) -> None:
    now = timezone.now()
    job.status, job.started_at, job.updated_at = Job.Status.RUNNING, now, now
    _saved(job, ["status", "started_at", "updated_at"])


def job_end(job: Job, *, error: str = "") -> None:
    """Record how the job ended: ``done``, or ``failed`` with ``error`` in words."""
    now = timezone.now()
    job.status = Job.Status.FAILED if error else Job.Status.DONE
    job.error = error
    job.finished_at = job.updated_at = now
    if not error:
        job.done = job.total or job.done
    _saved(job)


def jobs_interrupted() -> int:
    """Mark work that was waiting or running as interrupted; for a server that runs its own
    work in threads (the default), at start-up, when nothing can still be running.

    Returns the number of jobs marked.
    """
    return Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).update(
        status=Job.Status.INTERRUPTED,
        error="The server stopped before the work was finished; please start it again.",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def jobs_prune(days: int = KEEP_DAYS) -> int:
    """Remove finished jobs older than ``days`` days, with their files.

    Returns the number of jobs removed.
    """
    cutoff = timezone.now() - dt.timedelta(days=days)
    old = list(Job.objects.filter(created_at__lt=cutoff, status__in=list(Job.FINISHED)))
    for job in old:
        shutil.rmtree(job_folder(job), ignore_errors=True)
    Job.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
