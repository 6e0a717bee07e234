"""The organisation pages: filters and search, create and edit with errors per field, and
merging duplicates through the confirmation step."""

from __future__ import annotations

import pytest
from django.test import Client

from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies import models as m

from .support import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _names(response: object) -> list[str]:
    page = response.context["page"]  # type: ignore[attr-defined]
    return [o.name for o in page.object_list]


def test_the_table_lists_every_organisation_in_order(cast: Cast) -> None:
    response = _client(cast.viewer).get(f"/studies/{cast.study.pk}/organisations/")
    assert _names(response) == [
        "Northgate Council",
        "Northgate Foodbank",
        "Northgate Food Bank",
        "Corner Bakery",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "food"}, ["Northgate Foodbank", "Northgate Food Bank"]),
        ({"q": "BAKERY"}, ["Corner Bakery"]),
        ({"sector": "social"}, ["Northgate Foodbank", "Northgate Food Bank"]),
        ({"type": "charity"}, ["Northgate Foodbank"]),
        ({"ward": "North"}, ["Northgate Council"]),
        ({"sector": "public", "q": "food"}, []),
    ],
)
def test_it_filters_and_searches_organisations(
    cast: Cast, query: dict[str, str], expected: list[str]
) -> None:
    response = _client(cast.viewer).get(f"/studies/{cast.study.pk}/organisations/", query)
    assert _names(response) == expected


def test_it_filters_organisations_by_who_leads_them(cast: Cast) -> None:
    m.Organisation.objects.filter(study=cast.study, key="bakery").update(led_by=["women", "bme"])
    response = _client(cast.viewer).get(
        f"/studies/{cast.study.pk}/organisations/", {"led_by": "bme"}
    )
    assert _names(response) == ["Corner Bakery"]
    assert "bme" in response.context["choices"].led_by


def test_a_viewer_sees_no_edit_links(cast: Cast) -> None:
    body = _client(cast.viewer).get(f"/studies/{cast.study.pk}/organisations/").content.decode()
    assert "Add an organisation" not in body
    body = (
        _client(cast.contributor).get(f"/studies/{cast.study.pk}/organisations/").content.decode()
    )
    assert "Add an organisation" in body


def test_the_organisation_page_shows_its_relationships_and_evidence(cast: Cast) -> None:
    foodbank = cast.study.organisations.get(key="foodbank")
    body = (
        _client(cast.viewer)
        .get(f"/studies/{cast.study.pk}/organisations/{foodbank.pk}/")
        .content.decode()
    )
    assert "Northgate Council" in body  # R1
    assert "Northgate Food Bank" in body  # R3
    assert "The council funds the foodbank." in body  # E1


def test_a_contributor_adds_an_organisation(cast: Cast) -> None:
    response = _client(cast.contributor).post(
        f"/studies/{cast.study.pk}/organisations/new/",
        {"name": "Youth Club", "sector": "voluntary", "ward": "South", "led_by": "young; women"},
    )
    row = cast.study.organisations.get(name="Youth Club")
    assert response.status_code == 302
    assert (row.key, row.sector, row.ward, row.led_by) == (
        "youth-club",
        "social",
        "South",
        ["young", "women"],
    )
    assert AuditEvent.objects.filter(action="organisation.created", target="youth-club").exists()


def test_it_shows_errors_against_each_field(cast: Cast) -> None:
    response = _client(cast.owner).post(
        f"/studies/{cast.study.pk}/organisations/new/",
        {"key": "council", "name": "   ", "sector": "martian"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"name", "sector"}
    assert cast.study.organisations.count() == 4
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert 'href="#id_sector"' in body


def test_it_refuses_an_id_already_used_and_says_so_on_the_id(cast: Cast) -> None:
    response = _client(cast.owner).post(
        f"/studies/{cast.study.pk}/organisations/new/",
        {"key": "council", "name": "Another Council", "sector": "public"},
    )
    assert response.status_code == 200
    assert "key" in response.context["form"].errors
    assert cast.study.organisations.count() == 4


def test_an_edit_keeps_what_the_form_does_not_show(cast: Cast) -> None:
    bakery = cast.study.organisations.get(key="bakery")
    bakery.attributes = {"opening": "dawn"}
    bakery.save()
    url = f"/studies/{cast.study.pk}/organisations/{bakery.pk}/edit/"
    client = _client(cast.contributor)
    assert client.get(url).context["form"].initial["name"] == "Corner Bakery"
    response = client.post(
        url, {"key": "bakery", "name": "Corner Bakery Ltd", "sector": "commercial", "size": "micro"}
    )
    assert response.status_code == 302
    bakery.refresh_from_db()
    assert (bakery.name, bakery.size, bakery.attributes) == (
        "Corner Bakery Ltd",
        "micro",
        {"opening": "dawn"},
    )
    assert AuditEvent.objects.filter(action="organisation.updated", target="bakery").exists()


def test_merging_asks_for_confirmation_then_moves_relationships_and_evidence(cast: Cast) -> None:
    study = cast.study
    foodbank = study.organisations.get(key="foodbank")
    food_bank = study.organisations.get(key="food-bank")
    url = f"/studies/{study.pk}/organisations/{food_bank.pk}/merge/"
    client = _client(cast.contributor)

    choose = client.get(url, {"q": "food"})
    assert [c.key for c in choose.context["candidates"]] == ["foodbank"]
    step = client.post(url, {"other": foodbank.pk, "survivor": foodbank.pk})
    assert step.status_code == 200
    assert step.context["confirming"]
    assert study.organisations.filter(pk=food_bank.pk).exists()  # nothing merged yet

    done = client.post(url, {"other": foodbank.pk, "survivor": foodbank.pk, "confirm": "yes"})
    assert done.status_code == 302
    assert not study.organisations.filter(pk=food_bank.pk).exists()
    # R2 and R4 followed the survivor; R3 joined the two and is gone
    ends = {
        r.key: (r.source.key, r.target.key)
        for r in study.relationships.select_related("source", "target")
    }
    assert ends == {
        "R1": ("council", "foodbank"),
        "R2": ("foodbank", "bakery"),
        "R4": ("council", "foodbank"),
    }
    e2 = study.evidence.get(key="E2")
    assert list(e2.organisations.values_list("key", flat=True)) == ["foodbank"]
    entry = AuditEvent.objects.get(action="organisation.merged")
    assert entry.target == "foodbank"
    assert entry.actor == cast.contributor


def test_the_survivor_may_be_either_organisation(cast: Cast) -> None:
    study = cast.study
    foodbank = study.organisations.get(key="foodbank")
    food_bank = study.organisations.get(key="food-bank")
    _client(cast.owner).post(
        f"/studies/{study.pk}/organisations/{foodbank.pk}/merge/",
        {"other": food_bank.pk, "survivor": food_bank.pk, "confirm": "yes"},
    )
    assert list(study.organisations.values_list("key", flat=True).order_by("key")) == [
        "bakery",
        "council",
        "food-bank",
    ]


def test_the_table_pages_by_fifty_and_keeps_the_search_on_the_next_page(cast: Cast) -> None:
    m.Organisation.objects.bulk_create(
        m.Organisation(
            study=cast.study,
            key=f"club-{i}",
            name=f"Club & Co {i}",
            sector="social",
            ordinal=10 + i,
        )
        for i in range(55)
    )
    client = _client(cast.viewer)
    first = client.get(f"/studies/{cast.study.pk}/organisations/", {"q": "club & co"})
    assert len(_names(first)) == 50
    assert "q=club+%26+co&amp;page=2" in first.content.decode()
    second = client.get(f"/studies/{cast.study.pk}/organisations/", {"q": "club & co", "page": "2"})
    assert _names(second) == [f"Club & Co {i}" for i in range(50, 55)]
