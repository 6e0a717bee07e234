"""The API against its own OpenAPI document, with Schemathesis.

For every operation Schemathesis makes requests from the document (an owner's token, the
standard cast's small study) and checks the answers: never a server error, and every
response's status, content type and body as the document describes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .support import Cast  # noqa: E402

EXAMPLES = 6
"""Requests per operation: enough to find what the document and the code disagree on, few
enough for the run to take a minute or two."""

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The id a path's ``{key}`` stands for, by its collection, so that reads and changes reach
# real rows as well as missing ones.
KEYS = {
    "organisations": "foodbank",
    "relationships": "R1",
    "evidence": "E1",
    "indicators": "belong",
}


@pytest.fixture
def api_token(cast: Cast) -> str:
    from communitydna.snapshot import Indicator
    from communitydna.web.api.services import token_create
    from communitydna.web.studies.services.indicators import indicator_create

    indicator_create(
        study=cast.study, indicator=Indicator("belong", "Residents who belong"), user=None
    )
    return token_create(user=cast.owner, workspace=cast.workspace, actor=cast.owner)[1]


def _schema() -> Any:
    """The API's own document; requests go to the application in this process."""
    from django.core.wsgi import get_wsgi_application

    from communitydna.web.api.api import api

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
    loaded.app = get_wsgi_application()
    loaded.config.generation.update(
        modes=[schemathesis.GenerationMode.POSITIVE],
        max_examples=EXAMPLES,
        deterministic=True,
        with_security_parameters=False,
    )
    # The coverage phase adds dozens of boundary cases per operation beyond EXAMPLES; the
    # examples and the random ones are what a run of a minute or two affords.
    loaded.config.phases.update(phases=["examples", "fuzzing"])
    return loaded


schema = _schema()


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    """As Django's test client does: a request must not close the test's connection, which
    holds the test's transaction."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
# the cast and the study are made once per operation, on purpose: requests may change them
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@pytest.mark.usefixtures("_connection_kept")
def test_the_api_keeps_to_its_openapi_document(case: Any, cast: Cast, api_token: str) -> None:
    parameters = case.path_parameters or {}
    if "study_id" in parameters:
        parameters["study_id"] = cast.study.pk
    segments = case.path.split("/")
    if "key" in parameters and "{key}" in segments:
        collection = segments[segments.index("{key}") - 1]
        if collection in KEYS:
            parameters["key"] = KEYS[collection]
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"}, checks=CHECKS)
