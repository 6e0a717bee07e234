"""Through the API too, tension reports reach only those who may see them."""

from __future__ import annotations

import dataclasses

import pytest
from django.test import Client

from communitydna.snapshot import PartialDate, TensionReport
from communitydna.web.api.services import token_create
from communitydna.web.studies.models import Study
from communitydna.web.studies.services import study_import

from .support import Cast, small_snapshot

pytestmark = pytest.mark.django_db

WHO_SEES = pytest.mark.parametrize(
    ("who", "role", "shown"),
    [("owner", None, True), ("viewer", None, False), ("owner", "viewer", False)],
)
"""A member, and the role their token is capped at (none: their own), and whether the
tension reports are theirs to see."""


def _tensed_study_and_client(cast: Cast, who: str, role: str | None) -> tuple[Study, Client]:
    snapshot = dataclasses.replace(
        small_snapshot("Tensed"),
        tensions=(TensionReport(PartialDate(2024, 3), "North", "Police", "youth disorder", 4),),
    )
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=None)
    user = cast.by_role(who)
    _, secret = token_create(user=user, workspace=cast.workspace, role=role, actor=user)
    return study, Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@WHO_SEES
def test_the_html_report_holds_tensions_only_for_those_allowed(
    cast: Cast, who: str, role: str | None, shown: bool
) -> None:
    study, client = _tensed_study_and_client(cast, who, role)
    response = client.get(f"/api/studies/{study.pk}/report.html")
    assert response.status_code == 200
    assert (b"youth disorder" in response.content) is shown


@WHO_SEES
def test_a_report_written_in_the_background_holds_what_the_token_may_see(
    cast: Cast, who: str, role: str | None, shown: bool
) -> None:
    study, client = _tensed_study_and_client(cast, who, role)
    started = client.post(
        f"/api/studies/{study.pk}/reports",
        data={"format": "html"},
        content_type="application/json",
    )
    assert started.status_code == 202, started.content
    job = client.get(f"/api/jobs/{started.json()['id']}").json()
    assert job["status"] == "done", job
    result = client.get(f"/api/jobs/{job['id']}/result")
    assert result.status_code == 200
    assert (b"youth disorder" in b"".join(result.streaming_content)) is shown
