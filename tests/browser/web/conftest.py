"""Django for the browser tests of the web application (see ``tests/browser/django_site.py``)."""

from __future__ import annotations

import pytest

from ..django_site import HAVE_DJANGO, configure_django, served_over_plain_http

__all__ = ["served_over_plain_http"]  # an autouse fixture, applied to this folder

if not HAVE_DJANGO:
    collect_ignore_glob = ["*.py"]


def pytest_configure(config: pytest.Config) -> None:
    configure_django(config)
