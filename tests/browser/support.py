"""Helpers for the browser tests: an offline page with axe-core at hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

VENDOR = Path(__file__).parent / "vendor"
AXE_JS = VENDOR / "axe-core" / "axe.min.js"


class OfflinePage:
    """A browser page that refuses every request and remembers what was asked for."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        page.route("**/*", self._refuse)

    def _refuse(self, route: Any) -> None:
        self.requests.append(route.request.url)
        route.abort()

    def show(self, html: str) -> None:
        """Load a document from a string, as if opened from a file."""
        self.page.set_content(html, wait_until="load")

    def axe(self, **options: Any) -> dict[str, Any]:
        """Run axe-core on the page and return its results."""
        self.page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
        results: dict[str, Any] = self.page.evaluate(
            "options => axe.run(document, options)", {"resultTypes": ["violations"], **options}
        )
        return results
