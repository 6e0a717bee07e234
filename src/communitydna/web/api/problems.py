"""Errors as problem details (RFC 9457): ``application/problem+json`` with ``type``,
``title``, ``status`` and ``detail``; validation errors add ``errors``, the list of
problems, each with where it is (``location``: ``body.name``, ``query.limit``) and what
is wrong (``detail``); a rating conflict adds ``current_version``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from communitydna.web.studies.errors import RatingConflict, StudyImportError

__all__ = [
    "CONTENT_TYPE",
    "PROBLEM_SCHEMA",
    "Problem",
    "install_problem_handlers",
    "problem_response",
]

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"

# RFC 9110's names where they differ from older ones Python may know
_TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}

VALIDATION_TYPE = "/api/problems/validation"
CONFLICT_TYPE = "/api/problems/rating-conflict"

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "Problem details (RFC 9457).",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "A URI naming the kind of problem."},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "For invalid input: every problem found.",
            "items": {
                "type": "object",
                "required": ["location", "detail"],
                "properties": {
                    "location": {"type": "string"},
                    "detail": {"type": "string"},
                },
            },
        },
        "current_version": {
            "type": "integer",
            "description": "For a rating conflict: the rating's version now.",
        },
    },
}


class Problem(Exception):
    """Raise to answer with a problem: ``Problem(409, "…", type=…, current_version=3)``."""

    def __init__(
        self, status: int, detail: str, *, type: str = "about:blank", **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type
        self.extra = extra


def problem_response(
    status: int, detail: str, *, type: str = "about:blank", **extra: Any
) -> HttpResponse:
    """A problem-details response."""
    body = {
        "type": type,
        "title": _TITLES.get(status) or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=CONTENT_TYPE)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="communitydna"'
    return response


def _location(loc: Any) -> str:
    parts = [str(part) for part in (loc if isinstance(loc, list | tuple) else [loc])]
    if parts[:2] == ["body", "body"]:
        parts = parts[1:]  # the body's own name, which callers never see
    return ".".join(parts)


def _invalid(errors: list[dict[str, str]]) -> HttpResponse:
    return problem_response(
        422,
        "; ".join(f"{e['location']}: {e['detail']}" for e in errors[:5]) or "invalid input",
        type=VALIDATION_TYPE,
        errors=errors,
    )


def _service_field(name: str) -> str:
    # The models name a study's id ``key``; the API, like the workbook, says ``id``.
    return "body." + ("id" if name == "key" else name)


def install_problem_handlers(api: NinjaAPI) -> None:
    """Answer every error of ``api`` with problem details."""

    def ninja_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return _invalid(
            [{"location": _location(e.get("loc")), "detail": str(e.get("msg"))} for e in exc.errors]
        )

    def service_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"location": _service_field(name), "detail": message}
                for name, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"location": "body", "detail": message} for message in exc.messages]
        return _invalid(errors)

    def import_invalid(request: HttpRequest, exc: StudyImportError) -> HttpResponse:
        return _invalid([{"location": "body", "detail": p} for p in exc.problems])

    def conflict(request: HttpRequest, exc: RatingConflict) -> HttpResponse:
        current = exc.current.version if exc.current is not None else 0
        return problem_response(
            409,
            f"the rating was changed by someone else since the version you sent; it is now "
            f"version {current}",
            type=CONFLICT_TYPE,
            current_version=current,
        )

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(404, str(exc) or "not found")

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem_response(403, str(exc) or "your role does not allow this here")

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = str(exc)
        if message == "Unauthorized":
            message = "send a personal API token as 'Authorization: Bearer <token>'"
        return problem_response(401, message)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem_response(exc.status_code, str(exc))

    def raised(request: HttpRequest, exc: Problem) -> HttpResponse:
        return problem_response(exc.status, exc.detail, type=exc.type, **exc.extra)

    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(413, "the request is larger than this server accepts")

    def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        return problem_response(400, "the request could not be read")

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API request %s %s failed", request.method, request.path, exc_info=exc)
        return problem_response(500, "something went wrong on the server")

    handlers: dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]] = {
        NinjaValidationError: ninja_invalid,
        DjangoValidationError: service_invalid,
        StudyImportError: import_invalid,
        RatingConflict: conflict,
        Http404: not_found,
        PermissionDenied: forbidden,
        AuthenticationError: unauthenticated,
        HttpError: http_error,
        Problem: raised,
        RequestDataTooBig: too_big,
        SuspiciousOperation: suspicious,
        Exception: server_error,
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, handler)
