"""Views that belong to no app."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

__all__ = ["healthz"]


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and ``communitydna serve``: the process answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
