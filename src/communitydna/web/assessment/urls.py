from __future__ import annotations

from django.urls import path

from communitydna.web.assessment.views import measures, recommendations, report

app_name = "assessment"

urlpatterns = [
    path("studies/<int:study_id>/measures/", measures.measures, name="measures"),
    path("studies/<int:study_id>/measures/<slug:key>/", measures.measure, name="measure"),
    path("studies/<int:study_id>/overall/", measures.overall, name="overall"),
    path(
        "studies/<int:study_id>/recommendations/",
        recommendations.recommendations,
        name="recommendations",
    ),
    path(
        "studies/<int:study_id>/recommendations/new/",
        recommendations.recommendation_edit,
        name="recommendation_new",
    ),
    path(
        "studies/<int:study_id>/recommendations/<int:pk>/",
        recommendations.recommendation,
        name="recommendation",
    ),
    path(
        "studies/<int:study_id>/recommendations/<int:pk>/edit/",
        recommendations.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "studies/<int:study_id>/recommendations/<int:pk>/follow-ups/",
        recommendations.followup_new,
        name="followup_new",
    ),
    path("studies/<int:study_id>/report/", report.report, name="report"),
    path("studies/<int:study_id>/report/preview/", report.report_preview, name="report_preview"),
    path("studies/<int:study_id>/report/download/", report.report_download, name="report_download"),
    path("studies/<int:study_id>/workbook.xlsx", report.workbook_download, name="workbook"),
]
