"""Django for the browser tests of the web pages: the same set-up as ``tests/web``.

A fresh data folder and an in-memory SQLite database; pages are served by pytest-django's
``live_server`` and driven in headless Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ..django_site import HAVE_DJANGO, configure_django, served_over_plain_http

__all__ = ["served_over_plain_http"]  # an autouse fixture, applied to this folder

if not HAVE_DJANGO:  # the web extra is not installed: nothing here can run
    collect_ignore_glob = ["*.py"]


def pytest_configure(config: pytest.Config) -> None:
    configure_django(config)


@pytest.fixture
def site_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page that may reach the live server and nothing else. The page's own policy is
    bypassed only so that axe-core can be injected."""
    context = browser.new_context(bypass_csp=True)
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
