"""Organisations, relationships and evidence: create and update through the services."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communitydna.framework import Sector
from communitydna.snapshot import Evidence, Organisation, PartialDate, Polarity, Relationship
from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import (
    evidence_value,
    organisation_value,
    relationship_value,
    study_to_snapshot,
)
from communitydna.web.studies.services import (
    evidence_create,
    evidence_update,
    organisation_create,
    organisation_update,
    relationship_create,
    relationship_update,
)

from .support import Cast

pytestmark = pytest.mark.django_db


def test_a_new_organisation_gets_an_id_from_its_name_and_goes_last(cast: Cast) -> None:
    row = organisation_create(
        study=cast.study,
        organisation=Organisation("", "Northgate Foodbank", Sector.SOCIAL, ward="South"),
        user=cast.contributor,
    )
    assert row.key == "northgate-foodbank"
    last = study_to_snapshot(cast.study).organisations[-1]
    assert (last.id, last.ward) == ("northgate-foodbank", "South")
    event = AuditEvent.objects.get(action="organisation.created")
    assert (event.actor, event.target) == (cast.contributor, "northgate-foodbank")


def test_an_organisation_id_already_used_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError) as refused:
        organisation_create(
            study=cast.study,
            organisation=Organisation("council", "Another", Sector.PUBLIC),
            user=cast.owner,
        )
    assert "key" in refused.value.message_dict


def test_renaming_an_organisation_id_keeps_its_relationships(cast: Cast) -> None:
    council = m.Organisation.objects.get(study=cast.study, key="council")
    organisation_update(
        organisation=council,
        value=replace(organisation_value(council), id="ngc", name="Northgate City Council"),
        user=cast.owner,
    )
    snapshot = study_to_snapshot(cast.study)
    assert snapshot.organisation("ngc").name == "Northgate City Council"
    assert snapshot.relationships[0].source == "ngc"
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.data == {
        "key": ["council", "ngc"],
        "name": ["Northgate Council", "Northgate City Council"],
    }


def test_a_relationship_to_an_unknown_organisation_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError) as refused:
        relationship_create(
            study=cast.study,
            relationship=Relationship("", "council", "nobody"),
            user=cast.owner,
        )
    assert "target" in refused.value.message_dict
    assert m.Relationship.objects.filter(study=cast.study).count() == 4


def test_a_new_relationship_is_numbered_and_cites_its_evidence(cast: Cast) -> None:
    row = relationship_create(
        study=cast.study,
        relationship=Relationship(
            "", "bakery", "council", "contract", strength=2, evidence=("E2", "E1")
        ),
        user=cast.contributor,
    )
    assert row.key == "R0005"
    assert relationship_value(row).evidence == ("E2", "E1")


def test_updating_a_relationship_moves_its_ends_and_dates(cast: Cast) -> None:
    row = m.Relationship.objects.get(study=cast.study, key="R2")
    value = replace(relationship_value(row), source="council", until=PartialDate(2024), tense=True)
    relationship_update(relationship=row, value=value, user=cast.assessor)
    assert study_to_snapshot(cast.study).relationships[1] == value
    event = AuditEvent.objects.get(action="relationship.updated")
    assert event.data["source"] == ["food-bank", "council"]
    assert event.data["until"] == ["", "2024"]


def test_a_strength_off_the_scale_is_refused(cast: Cast) -> None:
    row = m.Relationship.objects.get(study=cast.study, key="R2")
    with pytest.raises(ValidationError):
        relationship_update(
            relationship=row, value=replace(relationship_value(row), strength=6), user=cast.owner
        )


def test_a_relationship_with_itself_or_ending_before_it_begins_is_refused(cast: Cast) -> None:
    row = m.Relationship.objects.get(study=cast.study, key="R2")
    value = relationship_value(row)
    with pytest.raises(ValidationError) as self_tied:
        relationship_create(
            study=cast.study,
            relationship=replace(value, id="", target=value.source),
            user=cast.owner,
        )
    assert "two different organisations" in str(self_tied.value.message_dict["target"])
    backwards = replace(value, since=PartialDate(2022, 5), until=PartialDate(2021))
    with pytest.raises(ValidationError) as ends_first:
        relationship_update(relationship=row, value=backwards, user=cast.owner)
    assert "ends before it begins" in str(ends_first.value.message_dict["until"])
    assert study_to_snapshot(cast.study).relationships[1] == value


def test_evidence_is_coded_to_measures_and_linked_to_organisations(cast: Cast) -> None:
    row = evidence_create(
        study=cast.study,
        evidence=Evidence(
            "",
            "The bakery gives bread to the foodbank.",
            "Interview: baker",
            measures=("social-commercial", "social"),
            polarity=Polarity.POSITIVE,
            weight=2,
            organisations=("bakery", "foodbank"),
        ),
        user=cast.contributor,
    )
    assert row.key == "E0003"
    stored = study_to_snapshot(cast.study).evidence_item("E0003")
    assert stored.measures == ("social-commercial", "social")
    assert stored.organisations == ("bakery", "foodbank")


def test_recoding_evidence_replaces_its_measures_and_organisations(cast: Cast) -> None:
    row = m.Evidence.objects.get(study=cast.study, key="E1")
    value = replace(evidence_value(row), measures=("governance",), organisations=("bakery",))
    evidence_update(evidence=row, value=value, user=cast.assessor)
    assert study_to_snapshot(cast.study).evidence_item("E1") == value
    event = AuditEvent.objects.get(action="evidence.updated")
    assert event.data["measures"] == [["social-public"], ["governance"]]


def test_evidence_coded_to_an_unknown_measure_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError) as refused:
        evidence_create(
            study=cast.study,
            evidence=Evidence("", "x", measures=("happiness",), organisations=("nobody",)),
            user=cast.owner,
        )
    assert set(refused.value.message_dict) == {"measures", "organisations"}


@pytest.mark.parametrize("role", ["viewer", "outsider"])
def test_viewers_and_outsiders_cannot_edit_the_map_or_the_evidence(cast: Cast, role: str) -> None:
    user = cast.by_role(role)
    with pytest.raises(PermissionDenied):
        organisation_create(
            study=cast.study, organisation=Organisation("", "X", Sector.PUBLIC), user=user
        )
    with pytest.raises(PermissionDenied):
        relationship_create(
            study=cast.study, relationship=Relationship("", "council", "bakery"), user=user
        )
    with pytest.raises(PermissionDenied):
        evidence_create(study=cast.study, evidence=Evidence("", "x"), user=user)
