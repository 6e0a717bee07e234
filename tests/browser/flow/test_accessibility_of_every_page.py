"""axe-core on every main page of the site, with the demo study imported: no violation of
impact serious or critical."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import WORKSPACE, blocking_violations, describe, log_in

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
).expect

pytestmark = pytest.mark.browser


def _measure_title(key: str) -> str:
    from communitydna.framework.measures import MEASURES

    return MEASURES[key].title


def _first_organisation(study: Any) -> Any:
    return study.organisations.order_by("pk").first()


def _first_recommendation(study: Any) -> Any:
    return study.recommendations.order_by("pk").first()


def _first_action(study: Any) -> Any:
    return study.actions.order_by("pk").first()


def _first_indicator(study: Any) -> Any:
    return study.indicators.order_by("pk").first()


# Each page: its address and its main heading, from the study. The heading is waited for,
# so that axe-core runs on the page itself, never on a login or error page.
PAGES: dict[str, Any] = {
    "workspace home": lambda s: (f"/w/{s.workspace.slug}/", WORKSPACE),
    "dashboard": lambda s: (f"/studies/{s.pk}/", s.name),
    "organisations": lambda s: (f"/studies/{s.pk}/organisations/", "Organisations"),
    "an organisation": lambda s: (
        f"/studies/{s.pk}/organisations/{_first_organisation(s).pk}/",
        _first_organisation(s).name,
    ),
    "relationships": lambda s: (f"/studies/{s.pk}/relationships/", "Relationships"),
    "map": lambda s: (f"/studies/{s.pk}/map/", "Network map"),
    "evidence": lambda s: (f"/studies/{s.pk}/evidence/", "Evidence"),
    "evidence split": lambda s: (f"/studies/{s.pk}/evidence/split/", "Paste interview notes"),
    "measures": lambda s: (f"/studies/{s.pk}/measures/", "Measures"),
    "a measure": lambda s: (
        f"/studies/{s.pk}/measures/social-commercial/",
        _measure_title("social-commercial"),
    ),
    "overall": lambda s: (f"/studies/{s.pk}/overall/", f"Overall assessment of {s.place_name}"),
    "recommendations": lambda s: (f"/studies/{s.pk}/recommendations/", "Recommendations"),
    "a recommendation": lambda s: (
        f"/studies/{s.pk}/recommendations/{_first_recommendation(s).pk}/",
        _first_recommendation(s).title,
    ),
    "report": lambda s: (f"/studies/{s.pk}/report/", "Report"),
    "action plan": lambda s: (f"/studies/{s.pk}/plan/", "Action plan"),
    "plan timeline": lambda s: (f"/studies/{s.pk}/plan/timeline/", "Timeline of the action plan"),
    "an action": lambda s: (
        f"/studies/{s.pk}/plan/{_first_action(s).pk}/",
        _first_action(s).action,
    ),
    "new action": lambda s: (f"/studies/{s.pk}/plan/new/", "Add an action"),
    "indicators": lambda s: (f"/studies/{s.pk}/indicators/", "Indicators"),
    "an indicator": lambda s: (
        f"/studies/{s.pk}/indicators/{_first_indicator(s).pk}/",
        _first_indicator(s).name,
    ),
    "import indicator values": lambda s: (
        f"/studies/{s.pk}/indicators/import/",
        "Import values of indicators",
    ),
    "tension reports": lambda s: (f"/studies/{s.pk}/tensions/", "Tension reports"),
    "tension trends": lambda s: (f"/studies/{s.pk}/tensions/trends/", "Tension trends"),
    "new indicator": lambda s: (f"/studies/{s.pk}/indicators/new/", "Add an indicator"),
    "new tension report": lambda s: (f"/studies/{s.pk}/tensions/new/", "Add a tension report"),
    "early-warning rule": lambda s: (f"/studies/{s.pk}/tensions/rule/", "Early-warning rule"),
    "follow-ups": lambda s: (f"/studies/{s.pk}/follow-ups/", "Follow-ups"),
}


@pytest.fixture
def demo_study(owner: Any) -> Any:
    from communitydna.demo import demo_snapshot
    from communitydna.web.studies.services import study_import

    workspace = owner.memberships.get().workspace
    return study_import(workspace=workspace, snapshot=demo_snapshot(), user=owner)


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_has_no_serious_or_critical_violations(
    site_page: Any, live_server: Any, demo_study: Any, name: str
) -> None:
    page = site_page
    path, heading = PAGES[name](demo_study)
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    if name == "map":  # the map draws itself after the page has loaded
        expect(page.locator("#network-map")).to_have_attribute(
            "data-rendered", "true", timeout=15_000
        )
    violations = blocking_violations(page)
    assert violations == [], f"{name} ({path}) has serious or critical violations:\n" + describe(
        violations
    )


def test_the_login_page_has_no_serious_or_critical_violations(
    site_page: Any, live_server: Any, transactional_db: None
) -> None:
    page = site_page
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    violations = blocking_violations(page)
    assert violations == [], "the login page has serious or critical violations:\n" + describe(
        violations
    )
