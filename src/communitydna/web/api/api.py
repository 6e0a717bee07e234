"""The API itself: its routers, who may call it, and its OpenAPI 3 document."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from communitydna import __version__
from communitydna.web.api.auth import BearerToken, BrowserSession
from communitydna.web.api.problems import CONTENT_TYPE, PROBLEM_SCHEMA, install_problem_handlers
from communitydna.web.api.routers import assessment, evidence, imports, network, plan, studies

__all__ = ["api"]

DESCRIPTION = """\
The studies of Community DNA: organisations, relationships, evidence, ratings,
recommendations, the action plan, indicators and tension reports, the network analysis and
reports. Field names are the workbook's; ids are the study's own.

Send a personal token as `Authorization: Bearer <token>`; make one with
`communitydna token create --email you@example.org`. A token works in one workspace and
with at most its role there, never more than its holder's role now. A signed-in browser may
call the API too (writes need Django's CSRF token).

Lists come in pages (`limit`, `offset`; `count` and the `next` page's address). Errors are
problem details (RFC 9457, `application/problem+json`); invalid input lists every problem
in `errors`. A study of another workspace answers 404, as if it did not exist; a member
whose role does not allow something gets 403.
"""

# Each error an operation may answer with, documented once for all of them.
_ERRORS = {
    "400": "The request could not be read.",
    "401": "No token, or a token that is unknown, revoked or malformed.",
    "403": "Your role (or your token's) does not allow this here.",
    "404": "No such thing, or not one you may see.",
    "409": "A rating changed since the version you sent.",
    "413": "The request is larger than this server accepts.",
    "422": "Invalid input: every problem is listed in `errors`.",
}


class CommunityDnaApi(NinjaAPI):
    """The API, with every error documented as problem details in its OpenAPI."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        problem = {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in _ERRORS.items():
                    responses[status] = {"description": description, "content": problem}
        return schema


api = CommunityDnaApi(
    title="Community DNA",
    version=__version__,
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[BearerToken(), BrowserSession()],
    docs_url=None,
)
install_problem_handlers(api)
for module in (studies, imports, network, evidence, assessment, plan):
    api.add_router("/", module.router)
