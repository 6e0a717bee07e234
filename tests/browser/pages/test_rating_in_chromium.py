"""The assessment pages in a real browser: a rating set with the keyboard alone, and
axe-core finding no serious barriers on the dashboard and the measure page."""

from __future__ import annotations

from typing import Any

import pytest

from ..support import AXE_JS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = ("serious", "critical")
PASSWORD = "a long enough password 1"


@pytest.fixture
def assessor_study() -> Any:
    from communitydna.demo import demo_snapshot
    from communitydna.web.accounts.services import user_create, workspace_create
    from communitydna.web.studies.services import study_import

    user = user_create(
        email="assessor@example.org", password=PASSWORD, name="Ann Assessor", check_password=False
    )
    workspace = workspace_create(name="Calder Research", user=user)
    return study_import(workspace=workspace, snapshot=demo_snapshot(), user=user)


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "assessor@example.org")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")


def _serious(page: Any) -> list[str]:
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']}: {v['id']} — {v['help']}: "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


def test_a_rating_is_set_with_the_keyboard_alone(
    site_page: Any, live_server: Any, assessor_study: Any
) -> None:
    from communitydna.web.studies.models import Rating, RatingChange

    page = site_page
    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/studies/{assessor_study.pk}/measures/public/")
    before = Rating.objects.get(study=assessor_study, measure="public").position
    checked = page.locator("input[name=position]:checked")
    start = int(checked.get_attribute("value") or 0)
    target = start - 1 if start > 1 else start + 1
    checked.focus()
    page.keyboard.press("ArrowLeft" if target < start else "ArrowRight")
    assert page.locator(f"#id_position_{target}").is_checked()
    page.keyboard.press("Tab")  # the scale is one radio group: Tab leaves it
    assert page.evaluate("document.activeElement.id") == "id_rationale"
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Checked against the partnership board minutes")
    page.keyboard.press("Tab")
    page.keyboard.type("Board minutes of May")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Save rating"
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The rating was saved.")
    rating = Rating.objects.get(study=assessor_study, measure="public")
    assert (before, rating.position) == (start, target)
    assert rating.rationale[-1] == "Checked against the partnership board minutes"
    change = RatingChange.objects.filter(study=assessor_study, measure="public").first()
    assert change is not None
    assert change.reason == "Board minutes of May"


@pytest.mark.parametrize("where", ["dashboard", "measure"])
def test_the_page_has_no_serious_accessibility_barriers(
    site_page: Any, live_server: Any, assessor_study: Any, where: str
) -> None:
    page = site_page
    _log_in(page, live_server.url)
    path = {
        "dashboard": f"/studies/{assessor_study.pk}/",
        "measure": f"/studies/{assessor_study.pk}/measures/social-public/",
    }[where]
    page.goto(f"{live_server.url}{path}")
    assert _serious(page) == []
