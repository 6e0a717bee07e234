"""The API's permission matrix: every operation × each of the standard cast.

``MATRIX`` is the one table of who gets what through the API. Each row is an operation of
the OpenAPI document (method and path) with a few words on what it is; its cells say what
a token of the workspace's owner, assessor, contributor and viewer gets, what an outsider's
token (for their own workspace) gets, and what a request with no token gets. An operation
without a row fails ``test_every_operation_of_the_api_has_a_row``.

The data is made once for the module; each test runs in a transaction rolled back after it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings

from .support import Cast, cast_create, small_snapshot


class Outcome(NamedTuple):
    status: int
    meaning: str


OK = Outcome(200, "shown")
MADE = Outcome(201, "made")
LATER = Outcome(202, "started")  # long work started: a job to follow
NO = Outcome(403, "forbidden")  # a member whose role (or token) does not allow it
GONE = Outcome(404, "hidden")  # the same answer as for a study that does not exist
WHO_ARE_YOU = Outcome(401, "no token")

GET, POST, PUT = "GET", "POST", "PUT"
WHO = ("owner", "assessor", "contributor", "viewer", "outsider", "nobody")
S = "/api/studies/{study_id}"


class Row(NamedTuple):
    method: str
    path: str
    label: str
    outcomes: tuple[Outcome, ...]  # one for each of WHO, in order


# fmt: off
MATRIX = tuple(Row(*row[:3], row[3:]) for row in (
    #                                                           owner     contributor outsider
    # method path                          what                       assessor   viewer     nobody
    (GET,  "/api/workspaces",                  "my workspaces", OK,   OK,   OK,   OK,   OK,   WHO_ARE_YOU),  # noqa: E501
    (GET,  "/api/studies",                     "my studies",    OK,   OK,   OK,   OK,   OK,   WHO_ARE_YOU),  # noqa: E501
    (POST, "/api/workspaces/{slug}/studies",   "import JSON",   MADE, MADE, NO,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, "/api/workspaces/{slug}/studies/workbook", "import xlsx", MADE, MADE, NO, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S,                                  "a study",       OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/analysis",                    "analysis",      OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/report.html",                 "report",        OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/reports",                     "write report",  LATER, LATER, LATER, LATER, GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  "/api/jobs/{job_id}",               "a report job",  OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  "/api/jobs/{job_id}",               "an import job", OK,   OK,   NO,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  "/api/jobs/{job_id}/result",        "its file",      OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/organisations",               "organisations", OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/organisations",               "add one",       MADE, MADE, MADE, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/organisations/{key}",         "one of them",   OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (PUT,  S + "/organisations/{key}",         "change it",     OK,   OK,   OK,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/relationships",               "relationships", OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/relationships",               "add one",       MADE, MADE, MADE, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/relationships/{key}",         "one of them",   OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (PUT,  S + "/relationships/{key}",         "change it",     OK,   OK,   OK,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/evidence",                    "evidence",      OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/evidence",                    "add a piece",   MADE, MADE, MADE, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/evidence/{key}",              "one piece",     OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (PUT,  S + "/evidence/{key}",              "change it",     OK,   OK,   OK,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/ratings",                     "ratings",       OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/ratings/{measure}",           "one rating",    OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (PUT,  S + "/ratings/{measure}",           "rate it",       OK,   OK,   NO,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/recommendations",             "all of them",   OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/recommendations",             "add one",       MADE, MADE, NO,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/recommendations/{key}",       "one of them",   OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (PUT,  S + "/recommendations/{key}",       "change it",     OK,   OK,   NO,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/recommendations/{key}/followups", "follow up", MADE, MADE, MADE, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/actions",                     "the plan",      OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/actions",                     "add one",       MADE, MADE, MADE, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/actions/{ref}",               "an action",     OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (PUT,  S + "/actions/{ref}",               "change it",     OK,   OK,   OK,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/actions/{ref}/updates",       "an update",     MADE, MADE, MADE, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/indicators",                  "indicators",    OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/indicators",                  "add one",       MADE, MADE, MADE, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/indicators/{key}",            "one of them",   OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (PUT,  S + "/indicators/{key}",            "change it",     OK,   OK,   OK,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/indicators/{key}/observations", "add a value", MADE, MADE, MADE, NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/observations",                "values",        OK,   OK,   OK,   OK,   GONE, WHO_ARE_YOU),  # noqa: E501
    (GET,  S + "/tensions",                    "tensions",      OK,   OK,   NO,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
    (POST, S + "/tensions",                    "add one",       MADE, MADE, NO,   NO,   GONE, WHO_ARE_YOU),  # noqa: E501
))
# fmt: on

# What a write of each operation sends: valid, so that those allowed really do it.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    (POST, "/api/workspaces/{slug}/studies"): {},  # the archive, made in the world
    (POST, "/api/workspaces/{slug}/studies/workbook"): {},  # the workbook, made in the world
    (POST, S + "/reports"): {"format": "html"},
    (POST, S + "/organisations"): {"name": "Northgate Library", "sector": "public"},
    (PUT, S + "/organisations/{key}"): {"name": "Northgate Foodbank CIC", "sector": "social"},
    (POST, S + "/relationships"): {"source": "council", "target": "bakery"},
    (PUT, S + "/relationships/{key}"): {"source": "council", "target": "foodbank", "strength": 5},
    (POST, S + "/evidence"): {"text": "Rooms are free.", "measures": ["social"]},
    (PUT, S + "/evidence/{key}"): {"text": "The council funds the foodbank every year."},
    (PUT, S + "/ratings/{measure}"): {"position": 5, "version": 0, "reason": "After the forum"},
    (POST, S + "/recommendations"): {"title": "Bring the food banks together"},
    (PUT, S + "/recommendations/{key}"): {"title": "Meet every month", "owner": "Ann"},
    (POST, S + "/recommendations/{key}/followups"): {"progress": "in progress", "date": "2025-06"},
    (POST, S + "/actions"): {"ref": "2.1", "action": "Open the library on Sundays"},
    (PUT, S + "/actions/{ref}"): {"ref": "1.1", "action": "Merge the two food banks"},
    (POST, S + "/actions/{ref}/updates"): {"date": "2025-06", "status": "on track"},
    (POST, S + "/indicators"): {"name": "Residents who volunteer"},
    (PUT, S + "/indicators/{key}"): {"name": "Residents at home here"},
    (POST, S + "/indicators/{key}/observations"): {"period": "2024/25", "value": "45%"},
    (POST, S + "/tensions"): {"date": "2024-05", "severity": 2, "area": "North"},
}

# The key a path's ``{key}`` stands for, by the collection it is in.
KEYS = {
    "organisations": "foodbank",
    "relationships": "R1",
    "evidence": "E1",
    "recommendations": "meet-monthly",
    "indicators": "belong",
}


@dataclass
class World:
    cast: Cast
    ids: dict[str, Any]
    tokens: dict[str, str]  # a token of each of WHO but nobody
    archive: dict[str, Any]
    workbook: bytes
    changed: bool = False  # whether the last test's request may have changed the study


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The data every row needs, made once and rolled back when the module is done."""
    hashers = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), hashers:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            made = _world_create(tmp_path_factory.mktemp("api-matrix"))
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        for folder in made.ids["job_folders"]:
            shutil.rmtree(folder, ignore_errors=True)


def _world_create(folder: Path) -> World:
    from communitydna.io import write_study
    from communitydna.io.archive import snapshot_to_archive
    from communitydna.snapshot import Indicator, PartialDate, TensionReport
    from communitydna.web.api.services import token_create
    from communitydna.web.jobs.models import Job
    from communitydna.web.jobs.services import job_folder
    from communitydna.web.studies.services import recommendation_create
    from communitydna.web.studies.services.indicators import indicator_create
    from communitydna.web.studies.services.tensions import tension_report_add

    cast = cast_create()
    study = cast.study
    report_job = Job.objects.create(
        kind=Job.Kind.REPORT,
        status=Job.Status.DONE,
        workspace=cast.workspace,
        study=study,
        requested_by=cast.owner,
        params={"format": "html", "public": False},
        result_name="northgate.html",
    )
    job_folder(report_job).mkdir(parents=True, exist_ok=True)
    (job_folder(report_job) / "northgate.html").write_text("<p>Northgate</p>")
    import_job = Job.objects.create(
        kind=Job.Kind.IMPORT,
        status=Job.Status.DONE,
        workspace=cast.workspace,
        study=study,
        requested_by=cast.owner,
        params={"workbook": "northgate.xlsx"},
    )
    tension_report_add(
        study=study,
        report=TensionReport(PartialDate(2024, 4), "North", "Police", "youth", 4),
        user=None,
    )
    recommendation_create(study=study, title="Meet monthly", user=None)
    indicator_create(
        study=study, indicator=Indicator("belong", "Residents who belong", unit="%"), user=None
    )
    tokens = {}
    for who in WHO[:4]:
        user = cast.by_role(who)
        tokens[who] = token_create(user=user, workspace=cast.workspace, actor=user)[1]
    tokens["outsider"] = token_create(
        user=cast.outsider, workspace=cast.other_workspace, actor=cast.outsider
    )[1]
    workbook = folder / "southgate.xlsx"
    write_study(small_snapshot("Southgate"), workbook)
    ids = {
        "slug": cast.workspace.slug,
        "study_id": study.pk,
        "job_id": report_job.pk,
        "import_job": import_job.pk,
        "measure": "public",
        "ref": "1.1",
        "job_folders": [job_folder(report_job), job_folder(import_job)],
    }
    return World(
        cast=cast,
        ids=ids,
        tokens=tokens,
        archive=snapshot_to_archive(small_snapshot("Eastgate")),
        workbook=workbook.read_bytes(),
    )


@pytest.fixture(autouse=True)
def _empty_cache(world: World) -> Iterator[None]:
    """Unlike the rest of the web tests, keep the cache from one test to the next: every
    test starts from the same study, so its analysis and report are made once, not once per
    row. A test that sent a write empties it."""
    from django.core.cache import cache

    yield
    if world.changed:
        cache.clear()
        world.changed = False


@pytest.fixture(scope="module", autouse=True)
def _empty_cache_around_the_module() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _address(row: Row, ids: dict[str, Any]) -> str:
    parts = row.path.split("/")
    for i, part in enumerate(parts):
        if part == "{key}":
            parts[i] = KEYS[parts[i - 1]]
        elif part == "{job_id}" and row.label == "an import job":
            parts[i] = str(ids["import_job"])
        elif part.startswith("{"):
            parts[i] = str(ids[part[1:-1]])
    return "/".join(parts)


def _request(world: World, who: str, row: Row, ids: dict[str, Any] | None = None) -> Any:
    token = world.tokens.get(who)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}") if token else Client()
    address = _address(row, ids or world.ids)
    if row.method == GET:
        return client.get(address)
    world.changed = True
    if row.path.endswith("/studies/workbook"):
        upload = SimpleUploadedFile("southgate.xlsx", world.workbook)
        return client.post(address, {"workbook": upload})
    if row.path.endswith("/studies"):
        return client.post(address, json.dumps(world.archive), content_type="application/json")
    body = json.dumps(BODIES[(row.method, row.path)])
    return client.generic(row.method, address, body, content_type="application/json")


CASES = [
    pytest.param(row, who, outcome, id=f"{row.method} {row.path} ({row.label}) as {who}")
    for row in MATRIX
    for who, outcome in zip(WHO, row.outcomes, strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "who", "expected"), CASES)
def test_the_api_answers_each_of_the_cast_as_the_matrix_says(
    world: World, row: Row, who: str, expected: Outcome
) -> None:
    response = _request(world, who, row)
    content = response.content if hasattr(response, "content") else b""
    assert response.status_code == expected.status, content[:500]
    if expected.status >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == expected.status


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row", [row for row in MATRIX if row.outcomes[WHO.index("outsider")] == GONE]
)
def test_an_outsider_cannot_tell_a_hidden_study_from_a_missing_one(world: World, row: Row) -> None:
    hidden = _request(world, "outsider", row)
    missing_ids = {
        **world.ids,
        "slug": "no-such-workspace",
        "study_id": world.ids["study_id"] + 1000,
        "job_id": world.ids["job_id"] + 1000,
        "import_job": world.ids["import_job"] + 1000,
    }
    missing = _request(world, "owner", row, missing_ids)
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_every_operation_of_the_api_has_a_row(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    operations = {(method.upper(), path) for path, item in paths.items() for method in item}
    covered = {(row.method, row.path) for row in MATRIX}
    assert operations - covered == set(), "operations without a row in MATRIX"
    assert covered - operations == set(), "rows of MATRIX for operations that do not exist"
    writes = {(m, p) for m, p in operations if m != GET}
    assert writes - {key for key in BODIES if key[0] != GET} == set()
