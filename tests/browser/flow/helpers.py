"""What the journeys through the site share: the owner's credentials, logging in, and
axe-core's verdict on a page."""

from __future__ import annotations

from typing import Any

from ..support import AXE_JS

PASSWORD = "a long enough password 1"
OWNER_EMAIL = "owner@example.org"
WORKSPACE = "Calder Research"
BLOCKING = ("serious", "critical")


def log_in(page: Any, base: str, email: str = OWNER_EMAIL) -> None:
    """Log in through the login form, as a person would."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def blocking_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations of impact serious or critical on the page as it is now.

    The script is evaluated, not added as a ``<script>``: the site's Content-Security-Policy
    refuses inline scripts.
    """
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation: its impact, rule, help and the elements it was found on."""
    return "\n".join(
        f"  {v['impact']}: {v['id']} ({v['help']}) at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        + (f" and {len(v['nodes']) - 5} more" if len(v["nodes"]) > 5 else "")
        for v in violations
    )
