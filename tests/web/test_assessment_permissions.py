"""Nobody sees what is not theirs on the assessment pages: each page × role × outsider."""

from __future__ import annotations

import pytest
from django.test import Client

from communitydna.web.studies.services import recommendation_create

from .support import Cast

pytestmark = pytest.mark.django_db

CAST = ("owner", "assessor", "contributor", "viewer", "outsider")

# Status of each page for someone not logged in, then for each of the cast.
#                          anonymous owner assessor contributor viewer outsider
PAGES = {
    "measures": (302, 200, 200, 200, 200, 404),
    "measure": (302, 200, 200, 200, 200, 404),
    "overall": (302, 200, 200, 200, 200, 404),
    "recommendations": (302, 200, 200, 200, 200, 404),
    "recommendation": (302, 200, 200, 200, 200, 404),
    "recommendation_new": (302, 200, 200, 403, 403, 404),
    "recommendation_edit": (302, 200, 200, 403, 403, 404),
    "report": (302, 200, 200, 200, 200, 404),
    "report_preview": (302, 200, 200, 200, 200, 404),
    "report_download": (302, 200, 200, 200, 200, 404),
    "workbook": (302, 200, 200, 200, 200, 404),
}

# Status of each form's POST (a valid one) for each of the cast.
#                   owner assessor contributor viewer outsider
POSTS = {
    "measure": (302, 302, 403, 403, 404),
    "overall": (302, 302, 403, 403, 404),
    "recommendation_new": (302, 302, 403, 403, 404),
    "followup": (302, 302, 302, 403, 404),
}


def _urls(cast: Cast, recommendation: int) -> dict[str, str]:
    base = f"/studies/{cast.study.pk}"
    return {
        "measures": f"{base}/measures/",
        "measure": f"{base}/measures/public/",
        "overall": f"{base}/overall/",
        "recommendations": f"{base}/recommendations/",
        "recommendation": f"{base}/recommendations/{recommendation}/",
        "recommendation_new": f"{base}/recommendations/new/",
        "recommendation_edit": f"{base}/recommendations/{recommendation}/edit/",
        "followup": f"{base}/recommendations/{recommendation}/follow-ups/",
        "report": f"{base}/report/",
        "report_preview": f"{base}/report/preview/",
        "report_download": f"{base}/report/download/?format=html",
        "workbook": f"{base}/workbook.xlsx",
    }


def _post_data(page: str) -> dict[str, str]:
    if page in ("measure", "overall"):
        return {"position": "5", "rationale": "A point", "reason": "Checked", "version": "0"}
    if page == "recommendation_new":
        return {"title": "Bring the food banks together"}
    return {"progress": "in progress", "date": "2025-06"}


@pytest.fixture
def recommendation(cast: Cast) -> int:
    return recommendation_create(study=cast.study, title="Meet monthly", user=None).pk


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("who", ["anonymous", *CAST])
def test_each_assessment_page_answers_each_role_as_the_table_says(
    cast: Cast, client: Client, recommendation: int, page: str, who: str
) -> None:
    if who != "anonymous":
        client.force_login(cast.by_role(who))
    response = client.get(_urls(cast, recommendation)[page])
    assert response.status_code == PAGES[page][("anonymous", *CAST).index(who)]
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=")
    if who == "outsider":
        assert cast.study.name.encode() not in response.content


@pytest.mark.parametrize("page", list(POSTS))
@pytest.mark.parametrize("who", CAST)
def test_each_assessment_form_accepts_a_post_only_from_the_roles_the_table_allows(
    cast: Cast, client: Client, recommendation: int, page: str, who: str
) -> None:
    client.force_login(cast.by_role(who))
    response = client.post(_urls(cast, recommendation)[page], _post_data(page))
    assert response.status_code == POSTS[page][CAST.index(who)]


def test_only_those_who_may_rate_see_the_rating_form(cast: Cast, client: Client) -> None:
    url = f"/studies/{cast.study.pk}/measures/social/"
    sees_form = {"owner": True, "assessor": True, "contributor": False, "viewer": False}
    for who, sees in sees_form.items():
        client.force_login(cast.by_role(who))
        page = client.get(url).content.decode()
        assert ('name="position"' in page) is sees, who
