from __future__ import annotations

from django.urls import path

from communitydna.web.monitoring.views import followups, indicators, plan, tensions

app_name = "monitoring"

_STUDY = "studies/<int:study_id>/"

urlpatterns = [
    path(f"{_STUDY}plan/", plan.plan, name="plan"),
    path(f"{_STUDY}plan/timeline/", plan.plan_timeline, name="timeline"),
    path(f"{_STUDY}plan/new/", plan.action_edit, name="action_new"),
    path(f"{_STUDY}plan/<int:action_id>/", plan.action_detail, name="action"),
    path(f"{_STUDY}plan/<int:action_id>/edit/", plan.action_edit, name="action_edit"),
    path(f"{_STUDY}plan/<int:action_id>/updates/", plan.action_status, name="action_status"),
    path(f"{_STUDY}plan/leads/<int:lead_id>/link/", plan.lead_link_edit, name="lead_link"),
    path(
        f"{_STUDY}organisations/<int:organisation_id>/actions/",
        plan.organisation_actions,
        name="organisation_actions",
    ),
    path(f"{_STUDY}indicators/", indicators.indicator_list, name="indicators"),
    path(f"{_STUDY}indicators/new/", indicators.indicator_edit, name="indicator_new"),
    path(f"{_STUDY}indicators/import/", indicators.observations_upload, name="observations_import"),
    path(f"{_STUDY}indicators/<int:indicator_id>/", indicators.indicator_detail, name="indicator"),
    path(
        f"{_STUDY}indicators/<int:indicator_id>/edit/",
        indicators.indicator_edit,
        name="indicator_edit",
    ),
    path(
        f"{_STUDY}indicators/<int:indicator_id>/observations/",
        indicators.observation_new,
        name="observation_new",
    ),
    path(f"{_STUDY}tensions/", tensions.tension_list, name="tensions"),
    path(f"{_STUDY}tensions/new/", tensions.tension_new, name="tension_new"),
    path(f"{_STUDY}tensions/trends/", tensions.tension_trends, name="tension_trends"),
    path(f"{_STUDY}tensions/rule/", tensions.tension_rule, name="tension_rule"),
    path(f"{_STUDY}follow-ups/", followups.followups, name="followups"),
]
