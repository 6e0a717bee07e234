"""Recommendations and follow-ups: the services, their audit rows and their pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from communitydna.snapshot import PartialDate
from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies.models import FollowUp, Recommendation
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services import (
    followup_add,
    recommendation_create,
    recommendation_update,
)

from .support import Cast

pytestmark = pytest.mark.django_db


def test_a_recommendation_is_created_with_an_id_from_its_title_and_an_audit_row(
    cast: Cast,
) -> None:
    row = recommendation_create(
        study=cast.study,
        title="Bring the food banks together",
        measures=["social", "social-public"],
        owner="Council",
        user=cast.assessor,
    )
    assert row.key == "bring-the-food-banks-together"
    event = AuditEvent.objects.get(action="recommendation.created")
    assert (event.actor, event.target) == (cast.assessor, row.key)
    assert study_to_snapshot(cast.study).recommendations[0].measures == (
        "social",
        "social-public",
    )


def test_a_recommendation_needs_a_title_and_real_measures(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        recommendation_create(study=cast.study, title=" ", measures=["weather"], user=None)
    assert set(caught.value.message_dict) == {"title", "measures"}
    assert not Recommendation.objects.exists()
    assert not AuditEvent.objects.filter(action="recommendation.created").exists()


def test_a_contributor_may_not_write_recommendations(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        recommendation_create(study=cast.study, title="Anything", user=cast.contributor)


def test_updating_a_recommendation_records_what_changed(cast: Cast) -> None:
    row = recommendation_create(study=cast.study, title="Meet", user=None)
    recommendation_update(
        recommendation=row,
        title="Meet monthly",
        text="",
        measures=["public"],
        owner="",
        status="agreed",
        user=cast.owner,
    )
    row.refresh_from_db()
    assert (row.title, row.measures, row.status) == ("Meet monthly", ["public"], "agreed")
    event = AuditEvent.objects.get(action="recommendation.updated")
    assert event.data == {
        "title": ["Meet", "Meet monthly"],
        "measures": [[], ["public"]],
        "status": ["", "agreed"],
    }


def test_a_follow_up_is_added_with_its_partial_date_by_a_contributor(cast: Cast) -> None:
    row = recommendation_create(study=cast.study, title="Meet", user=None)
    followup = followup_add(
        recommendation=row,
        date=PartialDate(2025, 6),
        progress="in progress",
        notes="Two meetings held",
        user=cast.contributor,
    )
    assert (followup.date, followup.progress) == ("2025-06", "in progress")
    assert AuditEvent.objects.get(action="followup.added").actor == cast.contributor
    assert study_to_snapshot(cast.study).followups[0].date == PartialDate(2025, 6)


def test_a_follow_up_refuses_an_unknown_progress_and_a_viewer(cast: Cast) -> None:
    row = recommendation_create(study=cast.study, title="Meet", user=None)
    with pytest.raises(ValidationError):
        followup_add(recommendation=row, date=None, progress="nearly", user=None)
    with pytest.raises(PermissionDenied):
        followup_add(recommendation=row, date=None, progress="done", user=cast.viewer)
    assert not FollowUp.objects.exists()


def test_a_recommendation_added_on_its_page_shows_in_the_list(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = client.post(
        f"/studies/{cast.study.pk}/recommendations/new/",
        {"title": "Fund a forum", "measures": ["social", "public"], "owner": "CVS"},
    )
    row = Recommendation.objects.get(study=cast.study)
    assert response["Location"] == f"/studies/{cast.study.pk}/recommendations/{row.pk}/"
    assert row.measures == ["social", "public"]
    listing = client.get(f"/studies/{cast.study.pk}/recommendations/").content.decode()
    assert "Fund a forum" in listing
    assert "Social sector; Public sector" in listing


def test_a_follow_up_with_a_bad_date_is_shown_again_with_the_error(
    cast: Cast, client: Client
) -> None:
    row = recommendation_create(study=cast.study, title="Meet", user=None)
    client.force_login(cast.contributor)
    url = f"/studies/{cast.study.pk}/recommendations/{row.pk}/follow-ups/"
    response = client.post(url, {"date": "next spring", "progress": "done"})
    assert response.status_code == 400
    assert "Enter a date as 2025-06-30, 2025-06 or 2025" in response.content.decode()
    assert not FollowUp.objects.exists()
    response = client.post(url, {"date": "2025-06", "progress": "done", "notes": "Done"})
    assert response.status_code == 302
    page = client.get(f"/studies/{cast.study.pk}/recommendations/{row.pk}/").content.decode()
    assert "2025-06" in page
    assert "Done" in page


def test_a_recommendation_of_another_study_is_not_found(cast: Cast, client: Client) -> None:
    from communitydna.web.studies.services import study_import

    from .support import small_snapshot

    other = study_import(workspace=cast.other_workspace, snapshot=small_snapshot(), user=None)
    row = recommendation_create(study=other, title="Elsewhere", user=None)
    client.force_login(cast.owner)
    assert client.get(f"/studies/{cast.study.pk}/recommendations/{row.pk}/").status_code == 404
