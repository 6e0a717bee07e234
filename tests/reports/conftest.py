"""Fixtures for the report tests: a small study, its report, its HTML and its parse tree."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from communitydna.reports import Report, build_report, render_html
from communitydna.snapshot import Snapshot

from .support import GENERATED_ON, make_snapshot, parse


@pytest.fixture
def snapshot() -> Snapshot:
    return make_snapshot()


@pytest.fixture(params=["community", "place"])
def any_variant_snapshot(request: pytest.FixtureRequest) -> Snapshot:
    return make_snapshot(request.param)


@pytest.fixture
def report(snapshot: Snapshot) -> Report:
    return build_report(snapshot, generated_on=GENERATED_ON)


@pytest.fixture
def html(report: Report) -> str:
    return render_html(report)


@pytest.fixture
def tree(html: str) -> ET.Element:
    return parse(html)
