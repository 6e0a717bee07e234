"""Rounds of a place and comparisons between two studies of a workspace."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.test import Client

from communitydna.framework import Sector
from communitydna.snapshot import (
    Indicator,
    Observation,
    ObservationKind,
    Organisation,
    Quantity,
    Rating,
    Relationship,
    RelationshipStatus,
)
from communitydna.web.audit.models import AuditEvent
from communitydna.web.jobs.models import Job
from communitydna.web.rounds.services import round_number, round_snapshot, round_start
from communitydna.web.studies.models import Study
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services import study_import

from .support import Cast, small_snapshot

pytestmark = pytest.mark.django_db


def _with_indicator() -> Any:
    base = small_snapshot()
    return dataclasses.replace(
        base,
        indicators=(Indicator("I1", "Volunteering rate", unit="%"),),
        observations=(
            Observation("I1", "2023", ObservationKind.BASELINE, Quantity.parse("less than 40%")),
            Observation("I1", "2025", ObservationKind.TARGET, Quantity.parse("to be determined")),
        ),
    )


def test_the_next_round_carries_the_map_and_indicators_and_leaves_ratings_empty(
    cast: Cast,
) -> None:
    first = study_import(workspace=cast.workspace, snapshot=_with_indicator(), user=cast.owner)
    second = round_start(study=first, user=cast.assessor)
    before, after = study_to_snapshot(first), study_to_snapshot(second)
    assert after.organisations == before.organisations
    assert [(r.id, r.source, r.target, r.type) for r in after.relationships] == [
        (r.id, r.source, r.target, r.type) for r in before.relationships
    ]
    assert all(r.evidence == () for r in after.relationships)
    assert (after.indicators, after.observations) == (before.indicators, before.observations)
    assert str(after.observations[1].value) == "to be determined"
    assert (after.ratings, after.evidence, after.actions, after.overall) == ((), (), (), None)
    assert (round_number(first), round_number(second)) == (1, 2)
    assert second.name == "Northgate, round 2"
    assert round_number(round_start(study=second, user=cast.owner)) == 3
    assert AuditEvent.objects.filter(action="study.round_started", study=second).exists()
    assert study_to_snapshot(first) == before  # the earlier round is untouched


def test_round_snapshot_is_a_snapshot_of_the_same_place() -> None:
    carried = round_snapshot(_with_indicator())
    assert carried.place.name == "Northgate"
    assert carried.place.date is None
    assert carried.recommendations == ()


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 302), ("assessor", 302), ("contributor", 403), ("viewer", 403), ("outsider", 404)],
)
def test_starting_a_round_needs_the_right_to_create_studies(
    cast: Cast, client: Client, role: str, status: int
) -> None:
    client.force_login(cast.by_role(role))
    before = Study.objects.count()
    response = client.post(f"/studies/{cast.study.pk}/rounds/new/", {"name": ""})
    assert response.status_code == status
    assert Study.objects.count() == before + (1 if status == 302 else 0)
    if status == 302:
        new = Study.objects.latest("id")
        assert response["Location"] == f"/studies/{new.pk}/"


def _later(cast: Cast) -> Study:
    """A later study of Northgate: the bakery gone, a school new, a tie ended and one formed,
    the social measure rated higher and the public one lower."""
    base = small_snapshot()
    organisations = (
        *(o for o in base.organisations if o.id != "bakery"),
        Organisation("school", "Northgate School", Sector.PUBLIC),
    )
    relationships = (
        dataclasses.replace(base.relationships[0]),
        dataclasses.replace(base.relationships[2], status=RelationshipStatus.ENDED),
        dataclasses.replace(base.relationships[3]),
        Relationship("R9", "school", "foodbank", "partnership"),
    )
    later = dataclasses.replace(
        base,
        organisations=organisations,
        relationships=relationships,
        ratings=(Rating("social", 6), Rating("public", 2)),
    )
    return study_import(workspace=cast.workspace, snapshot=later, user=cast.owner, name="Later")


def test_the_comparison_shows_what_moved_formed_ended_came_and_went(
    cast: Cast, client: Client
) -> None:
    later = _later(cast)
    client.force_login(cast.viewer)
    response = client.get(f"/studies/{cast.study.pk}/compare/{later.pk}/")
    assert response.status_code == 200
    c = response.context["c"]
    moved = {row.measure.key: (row.before, row.after, row.moved) for row in c.ratings}
    assert moved["social"] == (4, 6, 2)
    assert moved["public"] == (None, 2, None)
    assert (c.organisations_new.names, c.organisations_gone.names) == (
        ("Northgate School",),
        ("Corner Bakery",),
    )
    assert c.organisations_kept == 3
    assert c.relationships_formed.names == ("Northgate Foodbank – Northgate School (partnership)",)
    assert set(c.relationships_ended.names) == {
        "Northgate Food Bank – Northgate Foodbank (informal)",
        "Corner Bakery – Northgate Food Bank (supply chain)",
    }
    figures = {f.label: (f.before, f.after) for f in response.context["figures"]}
    assert figures["Active relationships (ties)"] == (4, 3)
    page = response.content.decode()
    assert "+2" in page
    assert "towards resilient" in page


def test_organisations_with_new_ids_but_the_same_name_are_the_same(cast: Cast) -> None:
    from communitydna.web.rounds.selectors import compare

    base = small_snapshot()
    renamed = {"council": "nc-1"}
    organisations = tuple(
        dataclasses.replace(o, id=renamed.get(o.id, o.id), name=o.name.upper())
        for o in base.organisations
    )
    relationships = tuple(
        dataclasses.replace(
            r,
            source=renamed.get(r.source, r.source),
            target=renamed.get(r.target, r.target),
            evidence=(),
        )
        for r in base.relationships
    )
    changed = dataclasses.replace(
        base, organisations=organisations, relationships=relationships, evidence=(), actions=()
    )
    again = study_import(
        workspace=cast.workspace,
        snapshot=changed,
        user=None,
        name="Again",
    )
    c = compare(cast.study, again)
    assert (c.organisations_new.count, c.organisations_gone.count, c.organisations_kept) == (
        0,
        0,
        4,
    )
    assert (c.relationships_formed.count, c.relationships_ended.count) == (0, 0)


def test_studies_of_two_workspaces_cannot_be_compared(cast: Cast, client: Client) -> None:
    elsewhere = study_import(
        workspace=cast.other_workspace, snapshot=small_snapshot("Elsewhere"), user=None
    )
    client.force_login(cast.owner)
    assert client.get(f"/studies/{cast.study.pk}/compare/{elsewhere.pk}/").status_code == 404
    client.force_login(cast.outsider)
    assert client.get(f"/studies/{cast.study.pk}/compare/{elsewhere.pk}/").status_code == 404


def test_a_large_place_shows_the_analysis_progress_until_the_figures_are_ready(
    cast: Cast, client: Client, settings: Any
) -> None:
    later = _later(cast)
    settings.BACKGROUND_ORGANISATIONS = 2
    # Work that waits in a queue nobody runs, so the page is seen while it waits.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    client.force_login(cast.viewer)
    response = client.get(f"/studies/{cast.study.pk}/compare/{later.pk}/")
    assert response.context["figures"] is None
    jobs = Job.objects.filter(kind="analysis")
    assert jobs.count() == 2
    page = response.content.decode()
    for job in jobs:
        assert f'hx-get="/jobs/{job.pk}/progress/?refresh=1"' in page
    # Asking again does not start the work again.
    client.get(f"/studies/{cast.study.pk}/compare/{later.pk}/")
    assert Job.objects.filter(kind="analysis").count() == 2


def test_the_places_page_sets_studies_side_by_side_and_picks_two_to_compare(
    cast: Cast, client: Client
) -> None:
    later = _later(cast)
    client.force_login(cast.contributor)
    page = client.get(f"/w/{cast.workspace.slug}/places/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Northgate" in body
    assert "Later" in body
    chosen = client.get(
        f"/w/{cast.workspace.slug}/places/", {"before": cast.study.pk, "after": later.pk}
    )
    assert chosen["Location"] == f"/studies/{cast.study.pk}/compare/{later.pk}/"
    same = client.get(
        f"/w/{cast.workspace.slug}/places/", {"before": cast.study.pk, "after": cast.study.pk}
    )
    assert same.status_code == 200
    assert "Choose two different studies" in same.content.decode()
    client.force_login(cast.outsider)
    assert client.get(f"/w/{cast.workspace.slug}/places/").status_code == 404


def test_the_rounds_page_lists_the_rounds_and_offers_the_next_to_those_allowed(
    cast: Cast, client: Client
) -> None:
    second = round_start(study=cast.study, user=cast.owner)
    client.force_login(cast.viewer)
    page = client.get(f"/studies/{second.pk}/rounds/").content.decode()
    assert "round 2" in page
    assert f"/studies/{cast.study.pk}/compare/{second.pk}/" in page
    assert "Start round 3" not in page
    client.force_login(cast.assessor)
    assert "Start round 3" in client.get(f"/studies/{second.pk}/rounds/").content.decode()
