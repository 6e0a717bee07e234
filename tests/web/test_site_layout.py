"""The site's frame: our own name on GOV.UK Frontend, the study's sections, the vendored
files with their licences, and no inline script under the Content-Security-Policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client

import communitydna.web

from .support import Cast

pytestmark = pytest.mark.django_db

STATIC = Path(communitydna.web.__file__).parent / "static"


def test_the_header_names_the_product_and_the_signed_in_person_without_government_branding(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.viewer)
    page = client.get(f"/studies/{cast.study.pk}/").content.decode()
    assert "Community DNA" in page
    assert "viewer@example.org" in page
    for branding in ("GOV.UK", "govuk-header__logotype", "crown", "GDS Transport"):
        assert branding not in page


def test_pages_load_scripts_only_from_static_files(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    for url in (f"/studies/{cast.study.pk}/", f"/studies/{cast.study.pk}/measures/social/"):
        page = client.get(url).content.decode()
        scripts = re.findall(r"<script\b[^>]*>", page)
        assert scripts
        assert all(" src=" in tag for tag in scripts)
        assert not re.search(r"\son[a-z]+=", page)


def test_the_study_navigation_marks_the_current_section(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    page = client.get(f"/studies/{cast.study.pk}/recommendations/").content.decode()
    assert 'aria-label="Study sections"' in page
    assert (
        f'href="/studies/{cast.study.pk}/recommendations/" aria-current="page">Recommendations'
        in page
    )
    assert f'href="/studies/{cast.study.pk}/report/">Report' in page


def test_a_section_whose_page_does_not_exist_is_left_out() -> None:
    template = Template(
        "{% load navigation %}"
        "{% url_if_exists 'no-such:page' study_id=1 as missing %}"
        "{% url_if_exists 'assessment:report' study_id=7 as present %}"
        "[{{ missing }}][{{ present }}]"
    )
    assert template.render(Context()) == "[][/studies/7/report/]"


def test_the_vendored_front_end_files_carry_their_licences_and_versions() -> None:
    vendor = STATIC / "vendor"
    for name in (
        "govuk-frontend/govuk-frontend.min.css",
        "govuk-frontend/govuk-frontend.min.js",
        "govuk-frontend/LICENCE.txt",
        "htmx/htmx.min.js",
        "htmx/LICENCE.txt",
    ):
        assert (vendor / name).stat().st_size > 0, name
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    assert "6.6.0" in readme
    assert "2.0.11" in readme
    assert "scripts/build-frontend.sh" in readme


def test_the_built_styles_use_a_system_font_and_load_no_font_files() -> None:
    css = (STATIC / "vendor/govuk-frontend/govuk-frontend.min.css").read_text(encoding="utf-8")
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "system-ui" in css
