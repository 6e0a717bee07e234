"""Merging duplicate organisations: relationships and evidence follow the survivor."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services import organisation_merge, study_import

from .support import Cast, small_snapshot

pytestmark = pytest.mark.django_db


def _pair(cast: Cast) -> tuple[m.Organisation, m.Organisation]:
    return (
        m.Organisation.objects.get(study=cast.study, key="foodbank"),
        m.Organisation.objects.get(study=cast.study, key="food-bank"),
    )


def test_relationships_of_the_duplicate_follow_the_survivor(cast: Cast) -> None:
    survivor, duplicate = _pair(cast)
    organisation_merge(survivor=survivor, duplicate=duplicate, user=cast.contributor)
    snapshot = study_to_snapshot(cast.study)
    ties = {r.id: (r.source, r.target) for r in snapshot.relationships}
    assert ties == {
        "R1": ("council", "foodbank"),
        "R2": ("foodbank", "bakery"),
        "R4": ("council", "foodbank"),
    }


def test_a_relationship_between_the_two_is_removed_and_the_audit_log_says_so(
    cast: Cast,
) -> None:
    survivor, duplicate = _pair(cast)
    organisation_merge(survivor=survivor, duplicate=duplicate, user=cast.contributor)
    assert not m.Relationship.objects.filter(study=cast.study, key="R3").exists()
    event = AuditEvent.objects.get(action="organisation.merged")
    assert event.data["relationships_removed"] == ["R3"]
    assert event.data["relationships_moved"] == 2
    assert event.actor == cast.contributor


def test_evidence_follows_the_survivor_without_naming_it_twice(cast: Cast) -> None:
    survivor, duplicate = _pair(cast)
    m.EvidenceOrganisation.objects.create(
        evidence=m.Evidence.objects.get(study=cast.study, key="E1"),
        organisation=duplicate,
        ordinal=2,
    )
    organisation_merge(survivor=survivor, duplicate=duplicate, user=cast.owner)
    snapshot = study_to_snapshot(cast.study)
    assert snapshot.evidence_item("E1").organisations == ("council", "foodbank")
    assert snapshot.evidence_item("E2").organisations == ("foodbank",)


def test_action_leads_follow_the_survivor(cast: Cast) -> None:
    survivor, duplicate = _pair(cast)
    organisation_merge(survivor=survivor, duplicate=duplicate, user=cast.owner)
    lead = study_to_snapshot(cast.study).actions[0].lead[0]
    assert (lead.name, lead.organisation) == ("Northgate Food Bank", "foodbank")


def test_the_survivor_keeps_its_fields_and_gains_what_it_lacked(cast: Cast) -> None:
    survivor, duplicate = _pair(cast)
    duplicate.type = "food bank"
    duplicate.led_by = ["women"]
    duplicate.attributes = {"website": "https://food.example"}
    duplicate.save()
    merged = organisation_merge(survivor=survivor, duplicate=duplicate, user=cast.owner)
    merged.refresh_from_db()
    assert merged.name == "Northgate Foodbank"
    assert merged.type == "charity"
    assert merged.postcode == "NG1 1AA"
    assert merged.led_by == ["women"]
    assert merged.attributes == {"website": "https://food.example"}
    assert not m.Organisation.objects.filter(pk=duplicate.pk).exists()


def test_the_audit_log_keeps_the_duplicate_whole(cast: Cast) -> None:
    survivor, duplicate = _pair(cast)
    organisation_merge(survivor=survivor, duplicate=duplicate, user=cast.owner)
    kept = AuditEvent.objects.get(action="organisation.merged").data["duplicate"]
    assert (kept["key"], kept["name"], kept["postcode"]) == (
        "food-bank",
        "Northgate Food Bank",
        "NG1 1AA",
    )


def test_an_organisation_cannot_be_merged_into_itself_or_across_studies(cast: Cast) -> None:
    survivor, _ = _pair(cast)
    with pytest.raises(ValidationError):
        organisation_merge(survivor=survivor, duplicate=survivor, user=cast.owner)
    other = study_import(workspace=cast.workspace, snapshot=small_snapshot(), user=cast.owner)
    elsewhere = m.Organisation.objects.get(study=other, key="food-bank")
    with pytest.raises(ValidationError):
        organisation_merge(survivor=survivor, duplicate=elsewhere, user=cast.owner)


@pytest.mark.parametrize("role", ["viewer", "outsider"])
def test_viewers_and_outsiders_cannot_merge(cast: Cast, role: str) -> None:
    survivor, duplicate = _pair(cast)
    with pytest.raises(PermissionDenied):
        organisation_merge(survivor=survivor, duplicate=duplicate, user=cast.by_role(role))
    assert m.Organisation.objects.filter(pk=duplicate.pk).exists()
