"""The interactive network map and the data it draws."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.views.decorators.http import require_GET

from communitydna.framework import SECTORS
from communitydna.web.accounts.permissions import study_or_404
from communitydna.web.network.mapdata import map_data_json
from communitydna.web.network.selectors import relationship_choices

__all__ = ["network_map", "network_map_data"]


@login_required
@require_GET
def network_map(request: HttpRequest, study_id: int) -> HttpResponse:
    """The map page; its script fetches :func:`network_map_data`."""
    study = study_or_404(request.user, study_id)
    return render(
        request,
        "network/map.html",
        {
            "study": study,
            "sectors": SECTORS,
            "choices": relationship_choices(study),
            "strengths": range(1, 6),
        },
    )


@login_required
@require_GET
def network_map_data(request: HttpRequest, study_id: int) -> HttpResponse:
    """Organisations with positions and flags, and relationships, as JSON.

    The body is made once per state of the study; a browser that sends back the tag of the
    version it holds gets "not modified" and no body.
    """
    study = study_or_404(request.user, study_id)
    found = map_data_json(study)
    headers = {"ETag": found.etag, "Cache-Control": "private, no-cache", "Vary": "Accept-Encoding"}
    asked = request.headers.get("If-None-Match", "")
    if found.etag in {tag.strip().removeprefix("W/") for tag in asked.split(",")}:
        return HttpResponseNotModified(headers=headers)
    if _accepts_gzip(request):
        headers["Content-Encoding"] = "gzip"
        return HttpResponse(found.gzipped, content_type="application/json", headers=headers)
    return HttpResponse(found.body, content_type="application/json", headers=headers)


def _accepts_gzip(request: HttpRequest) -> bool:
    """Whether the browser takes gzip: named in Accept-Encoding and not refused with q=0."""
    for item in request.headers.get("Accept-Encoding", "").split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() in {"gzip", "x-gzip"}:
            quality = params.strip().lower().removeprefix("q=")
            try:
                return not params.strip() or float(quality) > 0
            except ValueError:
                return False
    return False
