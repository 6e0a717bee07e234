"""The first pages: workspace home and study dashboard, with the site's headers."""

from __future__ import annotations

import pytest
from django.test import Client

from communitydna.demo import demo_snapshot
from communitydna.web.studies.services import study_import

from .support import Cast, small_snapshot

pytestmark = pytest.mark.django_db


def test_the_workspace_home_lists_its_studies_and_no_others(cast: Cast, client: Client) -> None:
    study_import(workspace=cast.other_workspace, snapshot=small_snapshot("Elsewhere"), user=None)
    client.force_login(cast.viewer)
    page = client.get(f"/w/{cast.workspace.slug}/").content.decode()
    assert f'href="/studies/{cast.study.pk}/"' in page
    assert "Elsewhere" not in page.replace("Elsewhere Council", "")
    assert "Your role: Viewer" in page


def test_the_dashboard_shows_the_place_the_counts_and_the_ratings(
    cast: Cast, client: Client
) -> None:
    study = study_import(workspace=cast.workspace, snapshot=demo_snapshot(), user=cast.owner)
    client.force_login(cast.contributor)
    response = client.get(f"/studies/{study.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Calderholme</h1>" in page
    assert "<dt>Organisations</dt><dd>119</dd>" in page
    assert "Strength and shape of the social sector" in page
    assert "stable" in page
    assert "Measures rated</dt><dd>9 of 10</dd>" in page


def test_the_dashboard_lists_what_is_missing(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    page = client.get(f"/studies/{cast.study.pk}/").content.decode()
    assert "No evidence yet for:" in page
    assert "Not rated yet:" in page
    assert "Health and wellbeing and the local economy" in page


def test_pages_carry_the_security_headers(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = client.get(f"/studies/{cast.study.pk}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_every_page_has_a_skip_link_and_one_main_landmark(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    for url in ("/", f"/w/{cast.workspace.slug}/", f"/studies/{cast.study.pk}/"):
        page = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in page
        assert page.count("<main") == 1
        assert page.count("<h1>") == 1


def test_the_health_check_answers_without_logging_in(db: None, client: Client) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
