"""The network and evidence pages × each role × an outsider: viewers read, contributors
and up write, outsiders get 404."""

from __future__ import annotations

import pytest
from django.test import Client

from .support import Cast

pytestmark = pytest.mark.django_db

CAST = ("owner", "assessor", "contributor", "viewer", "outsider")

# Status of a GET of each page for each of the cast.
#                        owner assessor contributor viewer outsider
PAGES = {
    "organisations": (200, 200, 200, 200, 404),
    "organisation": (200, 200, 200, 200, 404),
    "organisation_new": (200, 200, 200, 403, 404),
    "organisation_edit": (200, 200, 200, 403, 404),
    "organisation_merge": (200, 200, 200, 403, 404),
    "relationships": (200, 200, 200, 200, 404),
    "relationship_new": (200, 200, 200, 403, 404),
    "relationship_edit": (200, 200, 200, 403, 404),
    "map": (200, 200, 200, 200, 404),
    "map_data": (200, 200, 200, 200, 404),
    "evidence_list": (200, 200, 200, 200, 404),
    "evidence_detail": (200, 200, 200, 200, 404),
    "evidence_new": (200, 200, 200, 403, 404),
    "evidence_edit": (200, 200, 200, 403, 404),
    "evidence_split": (200, 200, 200, 403, 404),
    "evidence_code": (200, 200, 200, 403, 404),
}


def _url(cast: Cast, page: str) -> str:
    study = cast.study
    organisation = study.organisations.get(key="foodbank")
    relationship = study.relationships.get(key="R1")
    evidence = study.evidence.get(key="E1")
    base = f"/studies/{study.pk}"
    return {
        "organisations": f"{base}/organisations/",
        "organisation": f"{base}/organisations/{organisation.pk}/",
        "organisation_new": f"{base}/organisations/new/",
        "organisation_edit": f"{base}/organisations/{organisation.pk}/edit/",
        "organisation_merge": f"{base}/organisations/{organisation.pk}/merge/",
        "relationships": f"{base}/relationships/",
        "relationship_new": f"{base}/relationships/new/",
        "relationship_edit": f"{base}/relationships/{relationship.pk}/edit/",
        "map": f"{base}/map/",
        "map_data": f"{base}/map/data/",
        "evidence_list": f"{base}/evidence/",
        "evidence_detail": f"{base}/evidence/{evidence.pk}/",
        "evidence_new": f"{base}/evidence/new/",
        "evidence_edit": f"{base}/evidence/{evidence.pk}/edit/",
        "evidence_split": f"{base}/evidence/split/",
        "evidence_code": f"{base}/evidence/{evidence.pk}/code/",
    }[page]


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_answers_each_person_as_the_table_says(cast: Cast, page: str) -> None:
    url = _url(cast, page)
    statuses = []
    for person in CAST:
        client = Client()
        client.force_login(cast.by_role(person))
        statuses.append(client.get(url).status_code)
    assert tuple(statuses) == PAGES[page]


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_sends_someone_not_logged_in_to_the_login_page(cast: Cast, page: str) -> None:
    response = Client().get(_url(cast, page))
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.parametrize(
    "page", ["organisation_new", "relationship_new", "evidence_new", "evidence_split"]
)
def test_a_viewer_cannot_write_by_posting(cast: Cast, page: str) -> None:
    client = Client()
    client.force_login(cast.viewer)
    before = (cast.study.organisations.count(), cast.study.evidence.count())
    response = client.post(_url(cast, page), {"name": "X", "sector": "public", "text": "x"})
    assert response.status_code == 403
    assert (cast.study.organisations.count(), cast.study.evidence.count()) == before


def test_an_outsider_cannot_reach_another_studys_organisation_through_their_own_study(
    cast: Cast,
) -> None:
    from communitydna.web.studies.services import study_import

    from .support import small_snapshot

    theirs = study_import(
        workspace=cast.other_workspace, snapshot=small_snapshot("Elsewhere"), user=cast.outsider
    )
    ours = cast.study.organisations.get(key="foodbank")
    client = Client()
    client.force_login(cast.outsider)
    assert client.get(f"/studies/{theirs.pk}/organisations/{ours.pk}/").status_code == 404
