"""Evidence cited in a rating's rationale links to the evidence."""

from __future__ import annotations

import pytest
from django.test import Client

from communitydna.web.assessment.templatetags.evidence import cited_keys, linked
from communitydna.web.studies.models import Evidence
from communitydna.web.studies.services import rating_set

from .support import Cast

pytestmark = pytest.mark.django_db


def test_cited_ids_in_brackets_are_found() -> None:
    assert cited_keys(["Busy (E012).", "Both [E3; E4]", "(E5, E6 and E7)", "no cites"]) == {
        "E012", "E3", "E4", "E5", "E6", "E7",
    }  # fmt: skip


def test_only_known_ids_become_links_and_the_rest_is_escaped() -> None:
    html = linked("<b>Busy</b> forum (E1, E99) [E2]", {"E1": "/e/1/", "E2": "/e/2/"})
    assert html == (
        '&lt;b&gt;Busy&lt;/b&gt; forum (<a class="govuk-link" href="/e/1/">E1</a>, E99) '
        '[<a class="govuk-link" href="/e/2/">E2</a>]'
    )


def test_the_measure_page_links_the_rationale_to_the_evidence(cast: Cast, client: Client) -> None:
    rating_set(
        study=cast.study,
        measure="social-public",
        position=5,
        rationale=["The council funds the foodbank (E1)", "Unknown source (E404)"],
        user=cast.assessor,
        reason="test",
    )
    e1 = Evidence.objects.get(study=cast.study, key="E1")
    client.force_login(cast.viewer)
    page = client.get(f"/studies/{cast.study.pk}/measures/social-public/").content.decode()
    assert (
        f'(<a class="govuk-link" href="/studies/{cast.study.pk}/evidence/{e1.pk}/">E1</a>)' in page
    )
    assert "Unknown source (E404)" in page
