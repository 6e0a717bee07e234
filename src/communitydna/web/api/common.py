"""What every resource of the API shares: the caller's study, pages of results, dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Schema
from ninja.params.functions import Path, Query
from pydantic import Field

from communitydna.snapshot import PartialDate
from communitydna.web.accounts.permissions import Capability, study_or_404
from communitydna.web.api.auth import principal
from communitydna.web.studies import models as m

__all__ = [
    "LIMIT",
    "LIMIT_QUERY",
    "MAX_ID",
    "MAX_OFFSET",
    "OFFSET_QUERY",
    "STUDY_ID",
    "Page",
    "page",
    "parse_date",
    "part_or_404",
    "study_for",
]

T = TypeVar("T")
R = TypeVar("R", bound=Model)

LIMIT = 100
"""Results in a page unless ``limit`` asks for fewer or more (up to 500)."""
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000
MAX_ID = 2_147_483_647

STUDY_ID = Path(..., ge=1, le=MAX_ID, description="The study's number.")
LIMIT_QUERY = Query(LIMIT, ge=1, le=MAX_LIMIT, description="Results in a page.")
OFFSET_QUERY = Query(0, ge=0, le=MAX_OFFSET, description="Results to skip.")


class Page(Schema, Generic[T]):
    """One page of results: ``count`` in all, the address of the ``next`` page (relative,
    ``null`` on the last) and of the ``previous``."""

    count: int = Field(description="How many results there are in all.")
    next: str | None
    previous: str | None
    results: list[T]


def study_for(request: HttpRequest, study_id: int, capability: Capability) -> m.Study:
    """The study if the caller may do this with it: 404 for outsiders (and for a token
    of another workspace), 403 for a member whose role (or token) does not allow it."""
    caller = principal(request)
    return study_or_404(caller.user, study_id, capability, scope=caller.scope)


def part_or_404(rows: QuerySet[R], **lookup: Any) -> R:
    """The one row of a study's part, or 404."""
    row = rows.filter(**lookup).first()
    if row is None:
        raise Http404(f"no such {rows.model._meta.verbose_name} in this study")
    return row


def _address(request: HttpRequest, offset: int, limit: int) -> str:
    query = {key: value for key, value in request.GET.items() if key not in ("offset", "limit")}
    query.update({"limit": str(limit), "offset": str(offset)})
    return f"{request.path}?{urlencode(query)}"


def page(
    request: HttpRequest,
    rows: QuerySet[R] | Sequence[Any],
    limit: int,
    offset: int,
    convert: Callable[[list[Any]], list[Any]],
) -> dict[str, Any]:
    """A page of ``rows`` as :class:`Page`; ``convert`` turns the page's rows into results
    all at once, so it can fetch what they link to in one query."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    chosen = list(rows[offset : offset + limit])
    return {
        "count": count,
        "next": _address(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _address(request, max(0, offset - limit), limit) if offset > 0 else None,
        "results": convert(chosen),
    }


def parse_date(field: str, text: str | None, *, required: bool = False) -> PartialDate | None:
    """A partial date as people write it (``2012``, ``July 2012``, ``2012-07-15``)."""
    if text is None or not text.strip():
        if required:
            raise ValidationError({field: "a date is needed, e.g. 2024-05"})
        return None
    try:
        return PartialDate.parse(text.strip())
    except (ValueError, OverflowError) as error:
        raise ValidationError({field: str(error) or "not a date"}) from None
