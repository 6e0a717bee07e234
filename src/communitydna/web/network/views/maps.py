"""The interactive network map and the data it draws."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from communitydna.framework import SECTORS
from communitydna.web.accounts.permissions import study_or_404
from communitydna.web.network.mapdata import map_data_cached
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
def network_map_data(request: HttpRequest, study_id: int) -> JsonResponse:
    """Organisations with positions and flags, and relationships, as JSON."""
    study = study_or_404(request.user, study_id)
    return JsonResponse(map_data_cached(study), json_dumps_params={"separators": (",", ":")})
