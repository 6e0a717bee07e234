"""Headless Chromium for the browser tests, driven by Playwright, with axe-core injected.

The browser is the system's Chromium (``/usr/bin/chromium``, or the path in
``COMMUNITYDNA_CHROMIUM``); Playwright never downloads one. Tests that need it skip, with
the reason, when Playwright or Chromium is missing; CI installs both.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .support import OfflinePage

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: runs in headless Chromium through Playwright (slow; still runs in CI)",
    )


def chromium_path() -> str | None:
    """The Chromium to drive, or None when there is none."""
    configured = os.environ.get("COMMUNITYDNA_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium for the whole session."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def offline_page(browser: Any) -> Iterator[OfflinePage]:
    """A fresh page in a fresh context, with no network."""
    context = browser.new_context(java_script_enabled=True, offline=True)
    try:
        yield OfflinePage(context.new_page())
    finally:
        context.close()
