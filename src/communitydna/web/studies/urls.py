from __future__ import annotations

from django.urls import path

from communitydna.web.studies import views

app_name = "studies"

urlpatterns = [
    path("w/<slug:slug>/", views.workspace_home, name="workspace"),
    path("studies/<int:study_id>/", views.study_dashboard, name="dashboard"),
]
