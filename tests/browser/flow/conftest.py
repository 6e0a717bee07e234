"""Browser tests of whole journeys through the site, on the Django set-up of
``tests/browser/django_site.py``.

A fresh data folder and an in-memory SQLite database; pages are served by pytest-django's
``live_server`` and driven in headless Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ..django_site import HAVE_DJANGO, configure_django, served_over_plain_http
from .helpers import OWNER_EMAIL, PASSWORD, WORKSPACE

__all__ = ["served_over_plain_http"]  # an autouse fixture, applied to this folder

if not HAVE_DJANGO:  # the web extra is not installed: nothing here can run
    collect_ignore_glob = ["*.py"]


def pytest_configure(config: pytest.Config) -> None:
    configure_django(config)


@pytest.fixture
def owner(transactional_db: None) -> Any:
    """One person, the owner of a workspace that holds no study yet."""
    from communitydna.web.accounts.services import user_create, workspace_create

    user = user_create(
        email=OWNER_EMAIL, password=PASSWORD, name="Olive Owner", check_password=False
    )
    workspace_create(name=WORKSPACE, user=user)
    return user


@pytest.fixture
def site_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page that may reach the live server and nothing else."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    outside: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(live_server.url):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    try:
        yield page
    finally:
        context.close()
    assert outside == [], f"the page asked for addresses outside the site: {outside}"
