"""Relationships saved before they had to have two ends in order are repaired on upgrade."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from communitydna.snapshot import PartialDate
from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import relationship_value, study_to_snapshot

from .support import Cast

pytestmark = pytest.mark.django_db

repair = importlib.import_module(
    "communitydna.web.studies.migrations.0003_relationships_with_two_ends_in_order"
).repair


def test_a_tie_to_itself_is_removed_and_reversed_dates_are_swapped(cast: Cast) -> None:
    council = m.Organisation.objects.get(study=cast.study, key="council")
    bakery = m.Organisation.objects.get(study=cast.study, key="bakery")
    m.Relationship.objects.create(
        study=cast.study, ordinal=90, key="SELF", source=council, target=council
    )
    m.Relationship.objects.create(
        study=cast.study,
        ordinal=91,
        key="BACK",
        source=council,
        target=bakery,
        since="2022-05",
        since_start=dt.date(2022, 5, 1),
        until="2021",
        until_start=dt.date(2021, 1, 1),
    )
    kept = m.Relationship.objects.get(study=cast.study, key="R2")
    before = relationship_value(kept)

    repair(apps, None)

    assert not m.Relationship.objects.filter(key="SELF").exists()
    back = relationship_value(m.Relationship.objects.get(study=cast.study, key="BACK"))
    assert (back.since, back.until) == (PartialDate(2021), PartialDate(2022, 5))
    assert relationship_value(m.Relationship.objects.get(pk=kept.pk)) == before
    assert back in study_to_snapshot(cast.study).relationships
    events = AuditEvent.objects.filter(study=cast.study, target__in=["SELF", "BACK"])
    assert sorted(events.values_list("target", "action")) == [
        ("BACK", "relationship.updated"),
        ("SELF", "relationship.removed"),
    ]
