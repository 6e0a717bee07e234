"""The network map in a real browser: a member logs in, the demo study's map draws every
organisation, and axe-core finds no serious barriers on the map, the tables and the evidence
pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ..support import AXE_JS

pytestmark = pytest.mark.browser

PASSWORD = "a long enough password 1"
BLOCKING = ("serious", "critical")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=True)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def demo_study(transactional_db: None) -> tuple[str, int, int]:
    from communitydna.demo import demo_snapshot
    from communitydna.web.accounts.services import user_create, workspace_create
    from communitydna.web.studies.services import study_import

    email = "member@example.org"
    user = user_create(email=email, password=PASSWORD, name="Vera", check_password=False)
    workspace = workspace_create(name="Northgate Partnership", user=user)
    snapshot = demo_snapshot()
    study = study_import(workspace=workspace, snapshot=snapshot, user=user)
    return email, study.pk, len(snapshot.organisations)


def test_the_map_draws_the_demo_study_and_its_pages_have_no_serious_barriers(
    live_server: Any, page: Any, demo_study: tuple[str, int, int]
) -> None:
    email, study_id, organisations = demo_study
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/studies/{study_id}/map/")
    page.wait_for_selector("#network-map[data-rendered=true]", timeout=15_000)
    assert page.get_attribute("#network-map", "data-nodes") == str(organisations)
    assert errors == []
    assert "organisations" in (page.text_content("#map-status-line") or "")

    for path in ("map/", "organisations/", "relationships/", "evidence/", "evidence/split/"):
        page.goto(f"{live_server.url}/studies/{study_id}/{path}")
        # evaluated, not added as a <script>: the Content-Security-Policy refuses inline ones
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
        assert blocking == [], (path, [(v["id"], v["help"]) for v in blocking])


def _sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _shown(page: Any) -> tuple[int, int]:
    text = page.text_content("#map-status-line") or ""
    words = text.split(" relationships shown")[0].split()
    return int(words[-3]), int(words[-1])


def test_the_map_filters_relationships_and_highlights_brokers(
    live_server: Any, page: Any, demo_study: tuple[str, int, int]
) -> None:
    email, study_id, _ = demo_study
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/studies/{study_id}/map/")
    page.wait_for_selector("#network-map[data-rendered=true]", timeout=15_000)
    shown, total = _shown(page)
    assert shown == total == int(page.get_attribute("#network-map", "data-edges") or 0)

    page.select_option("#map-strength", "5")
    strong, _ = _shown(page)
    assert 0 < strong < total
    page.check("#map-brokers")
    assert "organisations highlighted" in (page.text_content("#map-status-line") or "")
    page.select_option("#map-strength", "1")
    page.uncheck("#map-brokers")
    assert _shown(page) == (total, total)
    assert errors == []


@pytest.fixture
def large_study(transactional_db: None) -> tuple[str, int, int, int]:
    from communitydna.demo import synthetic_snapshot
    from communitydna.web.accounts.services import user_create, workspace_create
    from communitydna.web.studies.services import study_import

    email = "large@example.org"
    user = user_create(email=email, password=PASSWORD, name="Lee", check_password=False)
    workspace = workspace_create(name="Large Place", user=user)
    snapshot = synthetic_snapshot(1200, 6000, seed=2)
    study = study_import(workspace=workspace, snapshot=snapshot, user=user)
    return email, study.pk, len(snapshot.organisations), len(snapshot.relationships)


def test_a_map_of_thousands_of_relationships_draws_and_filters(
    live_server: Any, page: Any, large_study: tuple[str, int, int, int]
) -> None:
    email, study_id, organisations, relationships = large_study
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/studies/{study_id}/map/")
    page.wait_for_selector("#network-map[data-rendered=true]", timeout=60_000)
    assert page.get_attribute("#network-map", "data-nodes") == str(organisations)
    shown, total = _shown(page)
    assert shown == total == relationships
    page.select_option("#map-strength", "4")
    assert 0 < _shown(page)[0] < total
    assert errors == []
