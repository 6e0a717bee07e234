"""The permission matrix: every page and action of the site × each of the standard cast.

``MATRIX`` is the one table of who gets what. Each row is a named route of our own apps, an
HTTP method and a few words on what it is; its cells say what the workspace's owner,
assessor, contributor and viewer, an outsider who owns another workspace, and someone not
signed in get. A route of ours without a row fails ``test_every_route_of_ours_has_rows``,
so no page is added without deciding who may use it.

Every row runs against the real views on one study, made once for the module; each test
runs in a transaction rolled back after it, so an action that succeeds leaves nothing
behind for the next.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.http import HttpResponseBase
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse

from .support import PASSWORD, Cast, cast_create, small_snapshot


class Outcome(NamedTuple):
    status: int
    meaning: str


OK = Outcome(200, "shown")  # the page, or the file asked for
DONE = Outcome(302, "done")  # the action succeeded and something changed
KEPT = Outcome(200, "kept")  # the form shown again, nothing changed
NO = Outcome(403, "forbidden")  # a member without the right
GONE = Outcome(404, "hidden")  # the same answer as for a study that does not exist
LOGIN = Outcome(302, "login")  # sent to the login page, nothing changed
AWAY = Outcome(302, "elsewhere")  # sent on somewhere other than the login page
AUTH = Outcome(401, "unauthenticated")  # the API's answer to a caller with no credentials

GET, POST = "GET", "POST"
WHO = ("owner", "assessor", "contributor", "viewer", "outsider", "anonymous")
REFUSED = (KEPT, NO, GONE, LOGIN, AUTH)


class Row(NamedTuple):
    route: str
    method: str
    label: str
    outcomes: tuple[Outcome, ...]  # one for each of WHO, in order


# fmt: off
MATRIX = tuple(Row(*row[:3], row[3:]) for row in (
    #                                                          owner       contributor outsider
    # route                             method what                  assessor    viewer      anon.
    ("healthz",                         GET,  "health check",  OK,   OK,   OK,   OK,   OK,   OK),
    ("login",                           GET,  "log-in page",   AWAY, AWAY, AWAY, AWAY, AWAY, OK),
    ("login",                           POST, "log in",        AWAY, AWAY, AWAY, AWAY, AWAY, AWAY),
    ("accounts:home",                   GET,  "my workspaces", OK,   OK,   OK,   OK,   OK,   LOGIN),
    ("tokens:list",                     GET,  "my API tokens", OK,   OK,   OK,   OK,   OK,   LOGIN),
    ("tokens:list",                     POST, "make a token",  OK,   OK,   OK,   OK,   OK,   LOGIN),
    ("accounts:invitation",             GET,  "invitation",    OK,   OK,   OK,   OK,   OK,   OK),
    ("accounts:invitation",             POST, "accept it",     KEPT, KEPT, KEPT, KEPT, KEPT, DONE),
    ("studies:workspace",               GET,  "workspace",     OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("studies:new",                     POST, "new study",     DONE, DONE, NO,   NO,   GONE, LOGIN),
    ("studies:upload",                  POST, "import one",    DONE, DONE, NO,   NO,   GONE, LOGIN),
    ("studies:dashboard",               GET,  "dashboard",     OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:measures",             GET,  "measures",      OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:measure",              GET,  "a measure",     OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:measure",              POST, "rate it",       DONE, DONE, NO,   NO,   GONE, LOGIN),
    ("assessment:overall",              GET,  "overall",       OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:overall",              POST, "rate overall",  DONE, DONE, NO,   NO,   GONE, LOGIN),
    ("assessment:recommendations",      GET,  "all of them",   OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:recommendation",       GET,  "one of them",   OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:recommendation_new",   GET,  "form to add",   OK,   OK,   NO,   NO,   GONE, LOGIN),
    ("assessment:recommendation_new",   POST, "add one",       DONE, DONE, NO,   NO,   GONE, LOGIN),
    ("assessment:recommendation_edit",  GET,  "form to edit",  OK,   OK,   NO,   NO,   GONE, LOGIN),
    ("assessment:recommendation_edit",  POST, "change it",     DONE, DONE, NO,   NO,   GONE, LOGIN),
    ("assessment:followup_new",         POST, "follow it up",  DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("assessment:report",               GET,  "report page",   OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:report_preview",       GET,  "preview",       OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:report_download",      POST, "write report",  OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("assessment:workbook",             GET,  "workbook",      OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("network:organisations",           GET,  "organisations", OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("network:organisation",            GET,  "one of them",   OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("network:organisation_new",        GET,  "form to add",   OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("network:organisation_new",        POST, "add one",       DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("network:organisation_edit",       GET,  "form to edit",  OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("network:organisation_edit",       POST, "change it",     DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("network:organisation_merge",      GET,  "choose a pair", OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("network:organisation_merge",      POST, "merge them",    DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("network:relationships",           GET,  "relationships", OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("network:relationship_new",        GET,  "form to add",   OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("network:relationship_new",        POST, "add one",       DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("network:relationship_edit",       GET,  "form to edit",  OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("network:relationship_edit",       POST, "change it",     DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("network:map",                     GET,  "map",           OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("network:map_data",                GET,  "map data",      OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("evidence:list",                   GET,  "evidence",      OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("evidence:detail",                 GET,  "one piece",     OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("evidence:new",                    GET,  "form to add",   OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("evidence:new",                    POST, "add one",       DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("evidence:edit",                   GET,  "form to edit",  OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("evidence:edit",                   POST, "change it",     DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("evidence:split",                  GET,  "paste notes",   OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("evidence:split",                  POST, "save excerpts", DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("evidence:code",                   GET,  "form to code",  OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("evidence:code",                   POST, "code it",       DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("rounds:rounds",                   GET,  "rounds",        OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("rounds:new",                      POST, "next round",    DONE, DONE, NO,   NO,   GONE, LOGIN),
    ("rounds:compare",                  GET,  "two studies",   OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("rounds:places",                   GET,  "all places",    OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("monitoring:plan",                 GET,  "the plan",      OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("monitoring:timeline",             GET,  "its timeline",  OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("monitoring:action",               GET,  "an action",     OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("monitoring:action_new",           GET,  "form to add",   OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("monitoring:action_new",           POST, "add one",       DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("monitoring:action_edit",          GET,  "form to edit",  OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("monitoring:action_edit",          POST, "change it",     DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("monitoring:action_status",        POST, "add an update", DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("monitoring:lead_link",            GET,  "form to link",  OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("monitoring:lead_link",            POST, "link a lead",   DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("monitoring:organisation_actions", GET,  "its actions",   OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("monitoring:indicators",           GET,  "indicators",    OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("monitoring:indicator",            GET,  "one of them",   OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("monitoring:indicator_new",        GET,  "form to add",   OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("monitoring:indicator_new",        POST, "add one",       DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("monitoring:indicator_edit",       GET,  "form to edit",  OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("monitoring:indicator_edit",       POST, "change it",     DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("monitoring:observation_new",      POST, "add a value",   DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("monitoring:observations_import",  GET,  "import form",   OK,   OK,   OK,   NO,   GONE, LOGIN),
    ("monitoring:observations_import",  POST, "import values", DONE, DONE, DONE, NO,   GONE, LOGIN),
    ("monitoring:followups",            GET,  "follow-ups",    OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("monitoring:tensions",             GET,  "tensions",      OK,   OK,   NO,   NO,   GONE, LOGIN),
    ("monitoring:tension_trends",       GET,  "their trends",  OK,   OK,   NO,   NO,   GONE, LOGIN),
    ("monitoring:tension_new",          GET,  "form to add",   OK,   OK,   NO,   NO,   GONE, LOGIN),
    ("monitoring:tension_new",          POST, "add one",       DONE, DONE, NO,   NO,   GONE, LOGIN),
    ("monitoring:tension_rule",         GET,  "warning rule",  OK,   NO,   NO,   NO,   GONE, LOGIN),
    ("monitoring:tension_rule",         POST, "set the rule",  DONE, NO,   NO,   NO,   GONE, LOGIN),
    ("jobs:job",                        GET,  "a report job",  OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("jobs:job",                        GET,  "an import job", OK,   OK,   NO,   NO,   GONE, LOGIN),
    ("jobs:progress",                   GET,  "its progress",  OK,   OK,   OK,   OK,   GONE, LOGIN),
    ("jobs:download",                   GET,  "its file",      OK,   OK,   OK,   OK,   GONE, LOGIN),
    # the JSON API, called from a signed-in browser (tokens: test_api_tokens)
    ("api:api-root",                    GET,  "api root",      GONE, GONE, GONE, GONE, GONE, GONE),
    ("api:openapi-json",                GET,  "openapi",       OK,   OK,   OK,   OK,   OK,   OK),
    ("api:workspaces",                  GET,  "workspaces",    OK,   OK,   OK,   OK,   OK,   AUTH),
    ("api:studies",                     GET,  "studies",       OK,   OK,   OK,   OK,   OK,   AUTH),
    ("api:study",                       GET,  "a study",       OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:analysis",                    GET,  "analysis",      OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:report_html",                 GET,  "report",        OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:job",                         GET,  "a report job",  OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:job_result",                  GET,  "its file",      OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:organisations",               GET,  "organisations", OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:organisation",                GET,  "one of them",   OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:relationships",               GET,  "relationships", OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:relationship",                GET,  "one of them",   OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:evidence_list",               GET,  "evidence",      OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:evidence",                    GET,  "one piece",     OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:ratings",                     GET,  "ratings",       OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:rating",                      GET,  "a rating",      OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:recommendations",             GET,  "all of them",   OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:recommendation",              GET,  "one of them",   OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:actions",                     GET,  "the plan",      OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:action",                      GET,  "an action",     OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:indicators",                  GET,  "indicators",    OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:indicator",                   GET,  "one of them",   OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:observations",                GET,  "values",        OK,   OK,   OK,   OK,   GONE, AUTH),
    ("api:tensions",                    GET,  "tensions",      OK,   OK,   NO,   NO,   GONE, AUTH),
))
# fmt: on

# Rows about another object than the one the route's parameter names by default.
TARGETS = {
    ("jobs:job", "an import job"): {"job_id": "import_job"},
    ("api:organisation", "one of them"): {"key": "organisation_key"},
    ("api:relationship", "one of them"): {"key": "relationship_key"},
    ("api:evidence", "one piece"): {"key": "evidence_key"},
    ("api:recommendation", "one of them"): {"key": "recommendation_key"},
    ("api:indicator", "one of them"): {"key": "indicator_key"},
}

# Cells whose expectation is right but which the site gets wrong today, with why.
KNOWN_WRONG: dict[tuple[str, str, str], str] = {}


@dataclass
class World:
    """The standard cast's study and one of each thing a route's address can name."""

    cast: Cast
    ids: dict[str, Any]  # each URL parameter's value, by the parameter's name
    workbook: bytes
    changed: bool = False  # whether the last test's request may have changed the study
    state: object = None  # the database as made, which each test starts from (see _state)

    def person(self, who: str) -> Any:
        return self.cast.by_role(who) if who != "outsider" else self.cast.outsider


# What a POST of each action sends: valid, so that those allowed really do it.
FORMS: dict[str, Callable[[World], dict[str, Any]]] = {
    # each of the cast belongs to one workspace, so need not name it; the new token is
    # shown once, on the answer itself (200), never stored to be shown later
    "tokens:list": lambda w: {"action": "create", "name": "scripts"},
    "accounts:invitation": lambda w: {
        "name": "Nia Newcomer",
        "password": PASSWORD,
        "password_again": PASSWORD,
    },
    "login": lambda w: {"username": "viewer@example.org", "password": PASSWORD},
    "studies:new": lambda w: {"new-place_name": "Southgate", "new-variant": "community"},
    "studies:upload": lambda w: {
        "upload-workbook": SimpleUploadedFile("southgate.xlsx", w.workbook),
    },
    "assessment:measure": lambda w: {
        "position": "5",
        "rationale": "Many links",
        "reason": "After the forum",
        "version": "0",
    },
    "assessment:overall": lambda w: {
        "position": "4",
        "rationale": "Busy",
        "reason": "After the forum",
        "version": "0",
    },
    "assessment:recommendation_new": lambda w: {"title": "Bring the food banks together"},
    "assessment:recommendation_edit": lambda w: {"title": "Meet every month", "owner": "Ann"},
    "assessment:followup_new": lambda w: {"progress": "in progress", "date": "2025-06"},
    "assessment:report_download": lambda w: {"format": "html"},
    "network:organisation_new": lambda w: {"name": "Northgate Library", "sector": "public"},
    "network:organisation_edit": lambda w: {
        "key": "foodbank",
        "name": "Northgate Foodbank CIC",
        "sector": "social",
        "type": "charity",
    },
    "network:organisation_merge": lambda w: {
        "other": str(w.ids["duplicate_id"]),
        "survivor": str(w.ids["organisation_id"]),
        "confirm": "yes",
    },
    "network:relationship_new": lambda w: {
        "source": "council",
        "target": "bakery",
        "type": "partnership",
        "strength": "3",
        "status": "active",
    },
    "network:relationship_edit": lambda w: {
        "key": "R1",
        "source": "council",
        "target": "foodbank",
        "type": "grant",
        "directed": "on",
        "strength": "5",
        "status": "active",
        "evidence": "E1",
    },
    "evidence:new": lambda w: {
        "text": "The library lends rooms.",
        "polarity": "neutral",
        "weight": "1",
    },
    "evidence:edit": lambda w: {
        "key": "E1",
        "text": "The council funds the foodbank every year.",
        "polarity": "positive",
        "weight": "2",
        "organisations": "council; foodbank",
    },
    "rounds:new": lambda w: {"name": ""},
    "monitoring:action_new": lambda w: {"ref": "2.1", "action": "Open the library on Sundays"},
    "monitoring:action_edit": lambda w: {"ref": "1.1", "action": "Merge the two food banks"},
    "monitoring:action_status": lambda w: {"date": "2025-06", "status": "on track", "note": "Met"},
    "monitoring:lead_link": lambda w: {"organisation": str(w.ids["organisation_id"])},
    "monitoring:indicator_new": lambda w: {"name": "Residents who volunteer"},
    "monitoring:indicator_edit": lambda w: {"name": "Residents at home here", "key": "belong"},
    "monitoring:observation_new": lambda w: {"kind": "actual", "period": "2024/25", "value": "45%"},
    "monitoring:observations_import": lambda w: {
        "file": SimpleUploadedFile(
            "values.csv", b"indicator,period,kind,value\nbelong,2025/26,target,60%\n"
        ),
    },
    "monitoring:tension_new": lambda w: {"date": "2024-05", "severity": "2", "area": "North"},
    "monitoring:tension_rule": lambda w: {"window": "2", "threshold": "1.5", "measure": "reports"},
    "evidence:code": lambda w: {"polarity": "negative", "weight": "3", "organisations": "council"},
    "evidence:split": lambda w: {
        "source": "Interview with the library",
        "action": "save",
        "excerpt": ["Rooms are free.", "The café closed."],
    },
}


def _routes() -> dict[str, tuple[str, ...]]:
    """Every named route of our own apps (the URL configurations of ``communitydna``), with
    the parameters of its address. Django's own account views (log in, passwords) are
    Django's to guard and are left out."""
    found: dict[str, tuple[str, ...]] = {}

    def walk(entries: list[Any], namespace: str, params: tuple[str, ...], owner: str) -> None:
        for entry in entries:
            here = params + tuple(entry.pattern.converters)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                # include() gives a module (or a dotted name); the API gives a list of its own
                urlconf = getattr(entry.urlconf_name, "__name__", entry.urlconf_name)
                walk(
                    entry.url_patterns, inner, here, urlconf if isinstance(urlconf, str) else owner
                )
            elif entry.name and owner.startswith("communitydna."):
                found[namespace + entry.name] = here

    walk(get_resolver().url_patterns, "", (), settings.ROOT_URLCONF)
    return found


# The API's writes are left to the API's own matrix (test_api_permission_matrix.py), which
# has a row for every operation of the API with the JSON body each write needs, and fails
# on an operation without one. They are named here so that every other route has its row.
API_WRITES = frozenset(
    {
        "api:report_start",
        "api:organisation_add",
        "api:organisation_change",
        "api:relationship_add",
        "api:relationship_change",
        "api:evidence_add",
        "api:evidence_change",
        "api:rating_change",
        "api:recommendation_add",
        "api:recommendation_change",
        "api:followup",
        "api:action_add",
        "api:action_change",
        "api:action_update_add",
        "api:indicator_add",
        "api:indicator_change",
        "api:observation_new",
        "api:tension_add",
        "api:study_from_archive",
        "api:study_from_workbook",
    }
)


def _url(world: World, row: Row, ids: dict[str, Any] | None = None) -> str:
    ids = ids or world.ids
    chosen = TARGETS.get((row.route, row.label), {})
    params = _routes()[row.route]
    return reverse(row.route, kwargs={p: ids[chosen.get(p, p)] for p in params})


def _state(world: World) -> object:
    """Enough of the database to tell whether anything changed: how many rows each of our
    tables holds (every write is audited, so the audit log's count moves with any of them),
    and the whole study as a snapshot."""
    from communitydna.web.studies.models import Study
    from communitydna.web.studies.selectors import study_to_snapshot

    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model.__module__.startswith("communitydna.") and model._meta.managed
    )
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:  # one query rather than one a table
        cursor.execute(f"SELECT {counts}")
        row = cursor.fetchone()
    return dict(zip(tables, row, strict=True)), study_to_snapshot(
        Study.objects.get(pk=world.cast.study.pk)
    )


def _without_csrf(page: bytes) -> bytes:
    """The page with its CSRF token (different in every response) blanked out."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", page)


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The data every row needs, made once; rolled back when the module is done, as
    Django's ``TestCase.setUpTestData`` does (each test's own transaction nests inside)."""
    hashers = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), hashers:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            made = _world_create(tmp_path_factory.mktemp("matrix"))
            made.state = _state(made)
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
    from communitydna.snapshot import Indicator, PartialDate, TensionReport
    from communitydna.web.accounts.services import invitation_create
    from communitydna.web.jobs.models import Job
    from communitydna.web.jobs.services import job_folder
    from communitydna.web.studies import models as m
    from communitydna.web.studies.services import recommendation_create, study_import
    from communitydna.web.studies.services.indicators import indicator_create
    from communitydna.web.studies.services.tensions import tension_report_add

    cast = cast_create()
    study = cast.study
    _, token = invitation_create(
        workspace=cast.workspace, email="newcomer@example.org", role="viewer", user=cast.owner
    )
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
    recommendation = recommendation_create(study=study, title="Meet monthly", user=None)
    workbook = folder / "southgate.xlsx"
    write_study(small_snapshot("Southgate"), workbook)
    ids = {
        "slug": cast.workspace.slug,
        "token": token,
        "study_id": study.pk,
        "key": "public",
        "measure": "public",
        "ref": "1.1",
        "organisation_key": "foodbank",
        "relationship_key": "R1",
        "evidence_key": "E1",
        "indicator_key": "belong",
        "pk": recommendation.pk,
        "recommendation_key": recommendation.key,
        "organisation_id": study.organisations.get(key="foodbank").pk,
        "duplicate_id": study.organisations.get(key="food-bank").pk,
        "relationship_id": study.relationships.get(key="R1").pk,
        "evidence_id": study.evidence.get(key="E1").pk,
        "other_id": study_import(
            workspace=cast.workspace, snapshot=small_snapshot("Northgate East"), user=cast.owner
        ).pk,
        "action_id": study.actions.get(ref="1.1").pk,
        "lead_id": m.Lead.objects.get(action__study=study, name="Someone else").pk,
        "indicator_id": indicator_create(
            study=study, indicator=Indicator("belong", "Residents who belong", unit="%"), user=None
        ).pk,
        "job_id": report_job.pk,
        "import_job": import_job.pk,
        "job_folders": [job_folder(report_job), job_folder(import_job)],
    }
    return World(cast=cast, ids=ids, workbook=workbook.read_bytes())


@pytest.fixture(autouse=True)
def _empty_cache(world: World) -> Iterator[None]:
    """Unlike the rest of the web tests, keep the cache from one test to the next: every
    test starts from the same study, and its report need only be computed once. A test whose
    action changed the study empties it (see ``_request``), as does the end of the module."""
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


def _missing(world: World) -> dict[str, Any]:
    """Addresses of things that do not exist, in place of the hidden study and its jobs."""
    return {
        **world.ids,
        "slug": "no-such-workspace",
        "study_id": world.cast.study.pk + 1000,
        "job_id": world.ids["job_id"] + 1000,
        "import_job": world.ids["import_job"] + 1000,
    }


def _request(client: Client, world: World, row: Row, url: str) -> HttpResponseBase:
    if row.method == GET:
        response = client.get(url)
    else:
        world.changed = True
        response = client.post(url, FORMS[row.route](world))
    if response.streaming:  # a download: reading it to the end closes its file
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response


def _cases() -> Iterator[Any]:
    for row in MATRIX:
        for who in WHO:
            reason = KNOWN_WRONG.get((row.route, row.method, who))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(
                row, who, id=f"{row.route} {row.method} {row.label} | {who}", marks=marks
            )


def test_every_route_of_ours_has_rows() -> None:
    missing = sorted(set(_routes()) - {row.route for row in MATRIX} - API_WRITES)
    assert not missing, f"routes with no row in MATRIX (who may use them?): {missing}"


def test_the_writes_left_to_the_apis_own_matrix_are_routes_of_the_api() -> None:
    assert {route.split(":")[0] for route in API_WRITES} == {"api"}
    assert sorted(API_WRITES - set(_routes())) == []
    assert not API_WRITES & {row.route for row in MATRIX}


def test_every_row_names_a_route_with_a_post_form_for_each_action() -> None:
    assert not {row.route for row in MATRIX} - set(_routes())
    posted = {row.route for row in MATRIX if row.method == POST}
    assert posted == set(FORMS)
    assert len({(row.route, row.method, row.label) for row in MATRIX}) == len(MATRIX)


def _routes_with_marks() -> Iterator[Any]:
    for route in sorted(r for r in _routes() if not r.startswith("api:")):
        # (The API answers by address, whatever the route's name: a method it does not
        # take is a 405 of the API's own, tested there.)
        reason = KNOWN_WRONG.get((route, "other methods", "owner"))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(route, id=route, marks=marks)


@pytest.mark.django_db
@pytest.mark.parametrize("route", list(_routes_with_marks()))
def test_a_route_refuses_the_methods_the_matrix_leaves_out(
    world: World, client: Client, route: str
) -> None:
    """So that every action a route takes has its row: a method with no row answers 405."""
    client.force_login(world.cast.owner)
    rows = [row for row in MATRIX if row.route == route]
    if not rows:
        pytest.fail(f"{route} has no row in MATRIX")
    for method in sorted({GET, POST} - {row.method for row in rows}):
        url = _url(world, rows[0])
        response = client.get(url) if method == GET else client.post(url)
        assert response.status_code == 405, method


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "who"), list(_cases()))
def test_each_page_and_action_answers_each_person_as_the_matrix_says(
    world: World, client: Client, row: Row, who: str
) -> None:
    expected = row.outcomes[WHO.index(who)]
    if who != "anonymous":
        client.force_login(world.person(who))
    url = _url(world, row)
    before = world.state if row.method == POST else None
    response = _request(client, world, row, url)

    assert response.status_code == expected.status, expected.meaning
    if expected.status == 302:
        went_to_login = response["Location"].startswith("/accounts/login/?next=")
        assert went_to_login is (expected is LOGIN)
    if before is not None and expected in REFUSED:
        assert _state(world) == before, "a refused action changed something"
    if before is not None and expected is DONE:
        assert _state(world) != before, "the action changed nothing"
    if expected is GONE:
        missing = _request(client, world, row, _url(world, row, _missing(world)))
        assert missing.status_code == 404
        assert _without_csrf(response.content) == _without_csrf(missing.content)
        assert world.cast.study.name.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["contributor", "viewer"])
def test_a_member_who_may_not_see_tension_reports_cannot_export_them(
    world: World, client: Client, who: str, tmp_path: Path
) -> None:
    import openpyxl

    client.force_login(world.person(who))
    study_id = world.cast.study.pk
    workbook = tmp_path / "export.xlsx"
    workbook.write_bytes(client.get(reverse("assessment:workbook", args=[study_id])).content)
    sheets = openpyxl.load_workbook(workbook)
    sheet = sheets["Tensions"] if "Tensions" in sheets.sheetnames else None
    rows = list(sheet.iter_rows(min_row=2, values_only=True)) if sheet is not None else []
    exported = sum(1 for row in rows if any(cell is not None for cell in row))
    preview = client.get(reverse("assessment:report_preview", args=[study_id])).content
    assert (exported, b"Police" in preview, b"youth" in preview) == (0, False, False)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["owner", "assessor"])
def test_a_member_who_may_see_tension_reports_exports_them(
    world: World, client: Client, who: str, tmp_path: Path
) -> None:
    import openpyxl

    client.force_login(world.person(who))
    workbook = tmp_path / "export.xlsx"
    workbook.write_bytes(
        client.get(reverse("assessment:workbook", args=[world.cast.study.pk])).content
    )
    rows = list(openpyxl.load_workbook(workbook)["Tensions"].iter_rows(min_row=2, values_only=True))
    assert sum(1 for row in rows if any(cell is not None for cell in row)) >= 1
