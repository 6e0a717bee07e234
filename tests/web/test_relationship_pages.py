"""The relationship pages: filters, and create and edit with errors per field."""

from __future__ import annotations

import pytest
from django.test import Client

from communitydna.web.audit.models import AuditEvent

from .support import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["R1", "R2", "R3", "R4"]),
        ({"type": "grant"}, ["R1"]),
        ({"strength": "4"}, ["R2"]),
        ({"status": "active"}, ["R1", "R2", "R3", "R4"]),
        ({"pair": "public-social"}, ["R1", "R4"]),
        ({"pair": "social-social"}, ["R3"]),
        ({"pair": "commercial-social"}, ["R2"]),
    ],
)
def test_it_filters_relationships(cast: Cast, query: dict[str, str], expected: list[str]) -> None:
    response = _client(cast.viewer).get(f"/studies/{cast.study.pk}/relationships/", query)
    assert [r.key for r in response.context["page"].object_list] == expected


def test_a_contributor_adds_a_relationship(cast: Cast) -> None:
    response = _client(cast.contributor).post(
        f"/studies/{cast.study.pk}/relationships/new/",
        {
            "source": "bakery",
            "target": "council",
            "type": "contract",
            "strength": "2",
            "status": "active",
            "since": "2022-04",
        },
    )
    assert response.status_code == 302
    row = cast.study.relationships.get(type="contract")
    assert (row.source.key, row.target.key, row.strength, row.since) == (
        "bakery",
        "council",
        2,
        "2022-04",
    )
    assert AuditEvent.objects.filter(action="relationship.created", target=row.key).exists()


def test_it_rejects_a_relationship_to_an_unknown_organisation_on_that_field(cast: Cast) -> None:
    response = _client(cast.contributor).post(
        f"/studies/{cast.study.pk}/relationships/new/",
        {
            "source": "bakery",
            "target": "nobody",
            "type": "contract",
            "strength": "9",
            "status": "active",
            "since": "next tuesday",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"strength", "since"}
    response = _client(cast.contributor).post(
        f"/studies/{cast.study.pk}/relationships/new/",
        {
            "source": "bakery",
            "target": "nobody",
            "type": "contract",
            "strength": "3",
            "status": "active",
        },
    )
    assert "target" in response.context["form"].errors
    assert cast.study.relationships.count() == 4


def test_an_edit_changes_the_relationship_and_keeps_its_evidence(cast: Cast) -> None:
    r1 = cast.study.relationships.get(key="R1")
    url = f"/studies/{cast.study.pk}/relationships/{r1.pk}/edit/"
    client = _client(cast.owner)
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update(strength="5", tense="on")
    assert client.post(url, data).status_code == 302
    r1.refresh_from_db()
    assert (r1.strength, r1.tense, r1.directed) == (5, True, True)
    assert list(r1.evidence.values_list("key", flat=True)) == ["E1"]
