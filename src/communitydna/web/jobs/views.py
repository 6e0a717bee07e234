"""A job's page, the progress panel that page (or any other) refreshes, and its result.

The panel is a fragment that htmx fetches again every second while the work goes on;
without scripts the page refreshes itself instead. Every view asks
:func:`communitydna.web.accounts.permissions.job_or_404` first.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from communitydna.web.accounts import permissions
from communitydna.web.jobs.models import Job
from communitydna.web.jobs.services import job_folder

__all__ = ["job", "job_download", "job_progress"]

_CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _context(job: Job) -> dict[str, object]:
    return {"job": job, "study": job.study, "workspace": job.workspace}


@login_required
@require_GET
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's own page: what it is, how far it has got, and what it made."""
    found = permissions.job_or_404(request.user, job_id)
    context = _context(found)
    context["section"] = "report" if found.kind == Job.Kind.REPORT else "dashboard"
    return render(request, "jobs/job.html", context)


@login_required
@require_GET
def job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress panel alone. With ``?refresh=1`` a finished job asks htmx to reload the
    page that holds the panel (a measure page waiting for its network figures)."""
    found = permissions.job_or_404(request.user, job_id)
    response = render(
        request,
        "jobs/progress.html",
        {**_context(found), "refresh": request.GET.get("refresh") == "1"},
    )
    if found.finished and request.GET.get("refresh") == "1" and found.status == Job.Status.DONE:
        response["HX-Refresh"] = "true"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def job_download(request: HttpRequest, job_id: int) -> FileResponse:
    """The file a finished report job wrote."""
    found = permissions.job_or_404(request.user, job_id)
    if found.status != Job.Status.DONE or not found.result_name:
        raise Http404("This job has no file.")
    path = job_folder(found) / found.result_name
    if not path.is_file():
        raise Http404("The file has been removed; please write the report again.")
    suffix = path.suffix.lstrip(".")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=path.name,
        content_type=_CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
