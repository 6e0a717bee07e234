"""The monitoring pages render for every role, and outsiders are told nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from communitydna.snapshot import (
    Indicator,
    Observation,
    ObservationKind,
    PartialDate,
    Quantity,
    TensionReport,
)
from communitydna.web.studies.services.indicators import indicator_create, observation_add
from communitydna.web.studies.services.tensions import tension_report_add

from .support import ROLES, Cast

pytestmark = pytest.mark.django_db


def _client(cast: Cast, who: str) -> Client:
    client = Client()
    client.force_login(cast.outsider if who == "outsider" else cast.by_role(who))
    return client


@pytest.fixture
def filled(cast: Cast) -> Cast:
    row = indicator_create(
        study=cast.study,
        indicator=Indicator("", "Residents who feel they belong", unit="%"),
        user=None,
    )
    for kind, period, value, area in [
        (ObservationKind.BASELINE, "2022/23", "40%", ""),
        (ObservationKind.TARGET, "2024/25", "50%", ""),
        (ObservationKind.ACTUAL, "2023/24", "44%", ""),
        (ObservationKind.ACTUAL, "2024/25", "to be determined", ""),
        (ObservationKind.ACTUAL, "2023/24", "less than 40%", "North"),
        (ObservationKind.ACTUAL, "2023/24", "47%", "South"),
    ]:
        observation_add(
            indicator=row,
            observation=Observation("", period, kind, Quantity.parse(value), area),
            user=None,
        )
    for month, severity in [(1, 1), (2, 1), (3, 1), (4, 5)]:
        tension_report_add(
            study=cast.study,
            report=TensionReport(PartialDate(2024, month), "North", "Police", "youth", severity),
            user=None,
        )
    return cast


def _pages(cast: Cast) -> dict[str, str]:
    study = cast.study
    action = study.actions.get()
    organisation = study.organisations.get(key="food-bank")
    indicator = study.indicators.get()
    return {
        "plan": reverse("monitoring:plan", args=[study.pk]),
        "timeline": reverse("monitoring:timeline", args=[study.pk]),
        "action": reverse("monitoring:action", args=[study.pk, action.pk]),
        "organisation actions": reverse(
            "monitoring:organisation_actions", args=[study.pk, organisation.pk]
        ),
        "indicators": reverse("monitoring:indicators", args=[study.pk]),
        "indicator": reverse("monitoring:indicator", args=[study.pk, indicator.pk]),
        "follow-ups": reverse("monitoring:followups", args=[study.pk]),
    }


TENSION_PAGES = ("monitoring:tensions", "monitoring:tension_trends")


@pytest.mark.parametrize("who", ROLES)
def test_every_member_sees_the_plan_indicators_and_follow_ups(filled: Cast, who: str) -> None:
    client = _client(filled, who)
    for name, url in _pages(filled).items():
        response = client.get(url)
        assert response.status_code == 200, name


def test_an_outsider_gets_the_same_404_as_for_a_missing_study(filled: Cast) -> None:
    client = _client(filled, "outsider")
    for name, url in _pages(filled).items():
        assert client.get(url).status_code == 404, name
    for name in TENSION_PAGES:
        assert client.get(reverse(name, args=[filled.study.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("assessor", 200), ("contributor", 403), ("viewer", 403)],
)
def test_only_owners_and_assessors_see_tension_reports(filled: Cast, who: str, status: int) -> None:
    client = _client(filled, who)
    for name in (*TENSION_PAGES, "monitoring:tension_new"):
        assert client.get(reverse(name, args=[filled.study.pk])).status_code == status, name
    navigation = client.get(reverse("monitoring:plan", args=[filled.study.pk])).content.decode()
    assert (">Tensions<" in navigation) is (status == 200)


def test_only_owners_set_the_early_warning_rule(filled: Cast) -> None:
    url = reverse("monitoring:tension_rule", args=[filled.study.pk])
    data = {"window": "2", "threshold": "1.5", "measure": "reports"}
    assert _client(filled, "assessor").post(url, data).status_code == 403
    assert _client(filled, "owner").get(url).status_code == 200
    assert _client(filled, "owner").post(url, data).status_code == 302
    rule = filled.workspace.tension_warning_rule
    assert (rule.window, rule.threshold, rule.measure) == (2, Decimal("1.50"), "reports")


def test_the_indicator_page_keeps_to_be_determined_and_qualifiers(filled: Cast) -> None:
    indicator = filled.study.indicators.get()
    page = (
        _client(filled, "viewer")
        .get(reverse("monitoring:indicator", args=[filled.study.pk, indicator.pk]))
        .content.decode()
    )
    assert "to be determined" in page
    assert "less than 40%" in page
    assert "40% of the way from the baseline to the target" in page
    assert ">0<" not in page
    assert ">0%<" not in page
    assert 'src="data:image/svg+xml;base64,' in page  # the chart, beside its tables


def test_the_trends_page_flags_the_area_whose_month_rose(filled: Cast) -> None:
    page = (
        _client(filled, "assessor")
        .get(reverse("monitoring:tension_trends", args=[filled.study.pk]))
        .content.decode()
    )
    assert "Flagged</strong> North" in page
    assert "April 2024" in page
