"""The action plan: its services, their audit rows, the order of the plan and its pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communitydna.snapshot import Action, ActionStatus, Lead, Milestone, PartialDate
from communitydna.web.audit.models import AuditEvent
from communitydna.web.monitoring.selectors import plan_by_theme, timeline
from communitydna.web.studies.models import Action as ActionRow
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services.plan import (
    action_create,
    action_status_add,
    action_update,
    lead_link,
)
from communitydna.web.studies.services.recommendations import recommendation_create

from .support import Cast

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 15)


def _add(cast: Cast, ref: str, theme: str, due: PartialDate | None, **kw: object) -> ActionRow:
    milestones = (Milestone("Finish", due),) if due else ()
    return action_create(
        study=cast.study,
        action=Action(ref, f"Action {ref}", theme=theme, milestones=milestones, **kw),  # type: ignore[arg-type]
        user=None,
    )


def test_an_action_is_created_with_milestones_leads_and_links_and_an_audit_row(
    cast: Cast,
) -> None:
    recommendation_create(study=cast.study, title="Meet monthly", key="R1", user=None)
    row = action_create(
        study=cast.study,
        action=Action(
            "2.1.3",
            "Open a hub\nwith the council",
            theme="Food",
            milestones=(
                Milestone("Lease signed", PartialDate(2025, 11)),
                Milestone("Open", PartialDate(2026, 3, 1)),
            ),
            lead=(Lead("northgate council"), Lead("Friends of the Park")),
            outcome="A hub",
            status=ActionStatus.ON_TRACK,
            measures=("social",),
            recommendations=("R1",),
        ),
        user=cast.contributor,
    )
    leads = list(row.leads.order_by("ordinal"))
    assert [x.organisation.key if x.organisation else None for x in leads] == ["council", None]
    assert [m.due for m in row.milestones.order_by("ordinal")] == ["2025-11", "2026-03-01"]
    event = AuditEvent.objects.get(action="action.created")
    assert (event.actor, event.target) == (cast.contributor, "2.1.3")
    saved = next(a for a in study_to_snapshot(cast.study).actions if a.ref == "2.1.3")
    assert saved.action == "Open a hub\nwith the council"
    assert saved.recommendations == ("R1",)
    assert saved.lead == (Lead("northgate council", "council"), Lead("Friends of the Park"))


def test_a_viewer_may_not_change_the_plan_and_nothing_changes(cast: Cast) -> None:
    before = study_to_snapshot(cast.study)
    action = cast.study.actions.get()
    with pytest.raises(PermissionDenied):
        action_create(study=cast.study, action=Action("9", "x"), user=cast.viewer)
    with pytest.raises(PermissionDenied):
        action_status_add(action=action, date=PartialDate(2025, 1), status="done", user=cast.viewer)
    with pytest.raises(PermissionDenied):
        lead_link(lead=action.leads.last(), organisation=None, user=cast.viewer)
    assert study_to_snapshot(cast.study) == before
    client = Client()
    client.force_login(cast.viewer)
    for url, data in [
        (reverse("monitoring:action_new", args=[cast.study.pk]), {"ref": "9", "action": "x"}),
        (
            reverse("monitoring:action_status", args=[cast.study.pk, action.pk]),
            {"date": "2025-01", "status": "done"},
        ),
    ]:
        assert client.post(url, data).status_code == 403
    assert study_to_snapshot(cast.study) == before


def test_an_action_needs_a_reference_and_known_recommendations(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        action_create(
            study=cast.study,
            action=Action(" ", "x", recommendations=("nope",), measures=("weather",)),
            user=None,
        )
    assert set(caught.value.message_dict) == {"ref", "measures", "recommendations"}


def test_status_updates_are_dated_and_the_latest_gives_the_status(cast: Cast) -> None:
    action = cast.study.actions.get()
    action_status_add(
        action=action, date=PartialDate(2025, 3), status="at risk", note="Late", user=None
    )
    action_status_add(action=action, date=PartialDate(2025, 1), status="on track", user=None)
    saved = study_to_snapshot(cast.study).actions[0]
    assert saved.current_status is ActionStatus.AT_RISK
    assert [str(u.date) for u in saved.updates_in_order()] == ["2025-01", "2025-03"]
    assert AuditEvent.objects.filter(action="action.status_added").count() == 2


def test_an_unlinked_lead_can_be_linked_later(cast: Cast) -> None:
    action = cast.study.actions.get()
    lead = action.leads.get(name="Someone else")
    assert lead.organisation is None
    bakery = cast.study.organisations.get(key="bakery")
    lead_link(lead=lead, organisation=bakery, user=cast.contributor)
    lead.refresh_from_db()
    assert (lead.name, lead.organisation) == ("Someone else", bakery)
    assert AuditEvent.objects.filter(action="lead.linked").exists()


def test_updating_an_action_replaces_its_parts_and_keeps_its_updates(cast: Cast) -> None:
    action = cast.study.actions.get()
    action_status_add(action=action, date=PartialDate(2025, 3), status="done", user=None)
    action_update(
        action=action,
        value=Action("1.1", "Merge them", milestones=(Milestone("Talk"),), lead=(Lead("bakery"),)),
        user=cast.assessor,
    )
    saved = study_to_snapshot(cast.study).actions[0]
    assert (saved.action, saved.milestones, saved.lead) == (
        "Merge them",
        (Milestone("Talk"),),
        (Lead("bakery", "bakery"),),
    )
    assert len(saved.updates) == 1
    assert AuditEvent.objects.get(action="action.updated").data["action"] == [
        "Bring the two food banks together",
        "Merge them",
    ]


def test_each_theme_lists_overdue_then_at_risk_actions_first(cast: Cast) -> None:
    cast.study.actions.all().delete()
    _add(cast, "1", "Food", PartialDate(2026, 1))
    _add(cast, "2", "Food", PartialDate(2026, 1), status=ActionStatus.AT_RISK)
    _add(cast, "3", "Food", PartialDate(2025, 5))  # its month has ended: overdue
    _add(cast, "4", "Food", PartialDate(2025, 6))  # due this month: not yet overdue
    _add(cast, "5", "Food", PartialDate(2024, 1), status=ActionStatus.DONE)
    _add(cast, "6", "", PartialDate(2020, 1))
    _add(cast, "7", "Jobs", None)
    themes = plan_by_theme(cast.study, today=TODAY)
    assert [(t, [v.row.ref for v in views]) for t, views in themes] == [
        ("Food", ["3", "2", "1", "4", "5"]),
        ("Jobs", ["7"]),
        ("No theme", ["6"]),
    ]
    assert [v.overdue for v in themes[0][1]] == [True, False, False, False, False]


def test_the_timeline_groups_milestones_by_month(cast: Cast) -> None:
    _add(cast, "2", "", PartialDate(2025, 6, 3))
    _add(cast, "3", "", PartialDate(2025, 6))
    _add(cast, "4", "", PartialDate(2025))
    months = timeline(cast.study, today=TODAY)
    assert [(m.label, [v.row.ref for v, _, _ in m.entries]) for m in months] == [
        ("June 2025", ["3", "2"]),
        ("During 2025", ["4"]),
    ]


def test_the_plan_pages_need_the_same_queries_for_many_actions(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.viewer)
    url = reverse("monitoring:plan", args=[cast.study.pk])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(30):
        _add(
            cast, f"9.{i}", f"Theme {i % 3}", PartialDate(2024, 1 + i % 12), lead=(Lead("bakery"),)
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_unlinked_lead_is_marked_and_editors_get_a_way_to_link_it(cast: Cast) -> None:
    url = reverse("monitoring:plan", args=[cast.study.pk])
    for who, link in [("contributor", True), ("viewer", False)]:
        client = Client()
        client.force_login(cast.by_role(who))
        page = client.get(url).content.decode()
        assert (
            'Someone else <strong class="govuk-tag govuk-tag--yellow">Not linked</strong>' in page
        )
        assert ("/plan/leads/" in page) is link
    food_bank = cast.study.organisations.get(key="food-bank")
    assert f'href="/studies/{cast.study.pk}/organisations/{food_bank.pk}/"' in page


def test_an_action_is_added_and_updated_through_its_pages(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.contributor)
    response = client.post(
        reverse("monitoring:action_new", args=[cast.study.pk]),
        {
            "ref": "3.1",
            "theme": "Jobs",
            "action": "Hold a jobs fair",
            "milestones": "Book the hall | 2025-09\nHold it | October 2025",
            "leads": "Corner Bakery\nJobcentre",
            "status": "not started",
        },
    )
    assert response.status_code == 302
    row = cast.study.actions.get(ref="3.1")
    assert [m.due for m in row.milestones.all()] == ["2025-09", "2025-10"]
    response = client.post(
        reverse("monitoring:action_status", args=[cast.study.pk, row.pk]),
        {"date": "2025-09-20", "status": "on track", "note": "Hall booked"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Hall booked" in page
    assert "20 September 2025" in page


def test_a_bad_milestone_date_is_named_and_nothing_is_saved(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.contributor)
    response = client.post(
        reverse("monitoring:action_new", args=[cast.study.pk]),
        {"ref": "3.1", "action": "x", "milestones": "Book | soon"},
    )
    assert response.status_code == 400
    assert "Milestone 1: &#x27;soon&#x27; is not a date" in response.content.decode()
    assert not cast.study.actions.filter(ref="3.1").exists()


def test_an_organisation_page_of_actions_lists_those_it_leads(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.viewer)
    food_bank = cast.study.organisations.get(key="food-bank")
    page = client.get(
        reverse("monitoring:organisation_actions", args=[cast.study.pk, food_bank.pk])
    ).content.decode()
    assert "Bring the two food banks together" in page
    bakery = cast.study.organisations.get(key="bakery")
    page = client.get(
        reverse("monitoring:organisation_actions", args=[cast.study.pk, bakery.pk])
    ).content.decode()
    assert "leads no action" in page


def test_a_lead_is_linked_through_its_page_by_an_editor_only(cast: Cast) -> None:
    lead = cast.study.actions.get().leads.get(name="Someone else")
    bakery = cast.study.organisations.get(key="bakery")
    url = reverse("monitoring:lead_link", args=[cast.study.pk, lead.pk])
    viewer = Client()
    viewer.force_login(cast.viewer)
    assert viewer.post(url, {"organisation": str(bakery.pk)}).status_code == 403
    lead.refresh_from_db()
    assert lead.organisation is None
    contributor = Client()
    contributor.force_login(cast.contributor)
    assert contributor.get(url).status_code == 200
    assert contributor.post(url, {"organisation": str(bakery.pk)}).status_code == 302
    lead.refresh_from_db()
    assert lead.organisation == bakery
