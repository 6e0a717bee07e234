"""Tension reports: who may see and add them, the trends and the early warning."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from communitydna.monitoring import early_warnings
from communitydna.snapshot import PartialDate, TensionReport
from communitydna.web.audit.models import AuditEvent
from communitydna.web.monitoring.selectors import tension_reports, warning_rule
from communitydna.web.studies.models import TensionReport as TensionRow
from communitydna.web.studies.services.tensions import tension_report_add, tension_rule_set

from .support import Cast

pytestmark = pytest.mark.django_db


def _reports(cast: Cast, area: str, severities: list[int]) -> None:
    for month, severity in enumerate(severities, start=1):
        tension_report_add(
            study=cast.study,
            report=TensionReport(PartialDate(2024, month), area, "Police", "youth", severity),
            user=None,
        )


def test_only_owners_and_assessors_add_tension_reports(cast: Cast) -> None:
    report = TensionReport(PartialDate(2024, 5), "North", severity=3)
    for who in ("contributor", "viewer"):
        with pytest.raises(PermissionDenied):
            tension_report_add(study=cast.study, report=report, user=cast.by_role(who))
        client = Client()
        client.force_login(cast.by_role(who))
        url = reverse("monitoring:tension_new", args=[cast.study.pk])
        assert client.post(url, {"date": "2024-05", "severity": "3"}).status_code == 403
    assert not TensionRow.objects.exists()
    tension_report_add(study=cast.study, report=report, user=cast.assessor)
    event = AuditEvent.objects.get(action="tension.reported")
    assert (event.actor, event.data["severity"]) == (cast.assessor, 3)


def test_a_report_is_added_through_its_page(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.assessor)
    response = client.post(
        reverse("monitoring:tension_new", args=[cast.study.pk]),
        {"date": "May 2024", "area": "North", "category": "youth", "severity": "4"},
    )
    assert response.status_code == 302
    row = TensionRow.objects.get()
    assert (row.date, row.area, row.severity) == ("2024-05", "North", 4)
    page = client.get(reverse("monitoring:tensions", args=[cast.study.pk])).content.decode()
    assert "2024-05" in page


def test_the_early_warning_follows_the_workspace_rule(cast: Cast) -> None:
    _reports(cast, "North", [1, 1, 1, 4])
    _reports(cast, "South", [2, 2, 2, 3])
    assert [(w.area, str(w.month)) for w in early_warnings(tension_reports(cast.study))] == [
        ("North", "2024-04")
    ]
    tension_rule_set(workspace=cast.workspace, window=3, threshold=Decimal("0.5"), user=cast.owner)
    rule = warning_rule(cast.study)
    assert [w.area for w in early_warnings(tension_reports(cast.study), rule)] == [
        "North",
        "South",
    ]
    client = Client()
    client.force_login(cast.assessor)
    page = client.get(reverse("monitoring:tension_trends", args=[cast.study.pk])).content.decode()
    assert "Flagged</strong> North" in page
    assert "Flagged</strong> South" in page


def test_only_owners_change_the_rule(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        tension_rule_set(
            workspace=cast.workspace, window=2, threshold=Decimal(1), user=cast.assessor
        )
    assert not hasattr(cast.workspace, "tension_warning_rule")
    tension_rule_set(workspace=cast.workspace, window=2, threshold=Decimal(1), user=cast.owner)
    assert AuditEvent.objects.filter(action="tension_rule.set").count() == 1


def test_the_trends_page_shows_the_months_by_area_and_category(cast: Cast) -> None:
    _reports(cast, "North", [1, 2, 3])
    tension_report_add(
        study=cast.study, report=TensionReport(PartialDate(2023), "North"), user=None
    )
    client = Client()
    client.force_login(cast.owner)
    page = client.get(reverse("monitoring:tension_trends", args=[cast.study.pk])).content.decode()
    assert "Mar 2024" in page
    assert "youth" in page
    assert "1 report dated only to a year is left out" in page
    assert "Change the rule" in page


def test_the_reports_can_be_narrowed_to_an_area_and_a_category(cast: Cast) -> None:
    _reports(cast, "North", [1, 2])
    tension_report_add(
        study=cast.study,
        report=TensionReport(PartialDate(2024, 3), "South", category="hate incident", summary="S"),
        user=None,
    )
    client = Client()
    client.force_login(cast.assessor)
    url = reverse("monitoring:tensions", args=[cast.study.pk])
    page = client.get(url, {"area": "South"}).content.decode()
    assert page.count('<td class="govuk-table__cell">South</td>') == 1
    assert '<td class="govuk-table__cell">North</td>' not in page
    page = client.get(url, {"category": "youth"}).content.decode()
    assert page.count('<td class="govuk-table__cell">North</td>') == 2
    assert '<td class="govuk-table__cell">South</td>' not in page
