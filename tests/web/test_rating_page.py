"""Rating a measure on its page: history, audit, and a stale version refused."""

from __future__ import annotations

import pytest
from django.test import Client

from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies.models import Rating, RatingChange
from communitydna.web.studies.services import rating_set

from .support import Cast

pytestmark = pytest.mark.django_db


def _url(cast: Cast, key: str = "public") -> str:
    return f"/studies/{cast.study.pk}/measures/{key}/"


def test_rating_a_measure_on_its_page_writes_its_history_and_the_audit_log(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.assessor)
    response = client.post(
        _url(cast),
        {
            "position": "4",
            "rationale": "Forums meet\n\n  but rarely decide  \n",
            "reason": "After the interviews",
            "version": "0",
        },
    )
    assert response.status_code == 302
    rating = Rating.objects.get(study=cast.study, measure="public")
    assert (rating.position, rating.rationale, rating.version) == (
        4,
        ["Forums meet", "but rarely decide"],
        1,
    )
    change = RatingChange.objects.get(study=cast.study, measure="public")
    assert (change.position_before, change.position_after, change.reason) == (
        None,
        4,
        "After the interviews",
    )
    assert change.by == cast.assessor
    event = AuditEvent.objects.get(action="rating.set", target="public")
    assert event.actor == cast.assessor
    page = client.get(_url(cast)).content.decode()
    assert "After the interviews" in page
    assert "vulnerable–stable (4)" in page


def test_the_measure_page_shows_the_evidence_the_suggestion_and_the_network(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.viewer)
    page = client.get(_url(cast, "social-public")).content.decode()
    assert "The council funds the foodbank." in page
    assert "Suggested rating" in page
    assert "Not enough evidence" in page
    assert "What the network shows" in page


def test_a_save_from_a_stale_version_is_refused_and_keeps_the_input(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.owner)
    form = client.get(_url(cast, "social")).content.decode()
    assert 'name="version" value="1"' in form
    rating_set(
        study=cast.study,
        measure="social",
        position=6,
        rationale=["Someone else's view"],
        user=cast.assessor,
        reason="Their change",
        expected_version=1,
    )
    response = client.post(
        _url(cast, "social"),
        {"position": "2", "rationale": "My own view", "reason": "Mine", "version": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this rating" in page
    assert "Someone else&#x27;s view" in page
    assert "My own view" in page
    assert 'id="id_position_2" value="2" checked' in page
    assert 'name="version" value="2"' in page
    rating = Rating.objects.get(study=cast.study, measure="social")
    assert (rating.position, rating.version) == (6, 2)


def test_a_rating_without_a_reason_is_not_saved(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = client.post(_url(cast), {"position": "3", "rationale": "", "version": "0"})
    assert response.status_code == 400
    assert "Enter the reason for the change" in response.content.decode()
    assert not Rating.objects.filter(study=cast.study, measure="public").exists()


def test_the_overall_assessment_is_set_on_its_own_page(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = client.post(
        f"/studies/{cast.study.pk}/overall/",
        {"position": "3", "rationale": "Mostly vulnerable", "reason": "First view", "version": "0"},
    )
    assert response.status_code == 302
    assert Rating.objects.get(study=cast.study, measure="overall").position == 3
    assert AuditEvent.objects.filter(action="rating.set", target="overall").exists()


def test_an_unknown_measure_is_not_found(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    assert client.get(_url(cast, "weather")).status_code == 404
