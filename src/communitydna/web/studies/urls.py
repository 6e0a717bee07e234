from __future__ import annotations

from django.urls import path

from communitydna.web.studies import views

app_name = "studies"

urlpatterns = [
    path("w/<slug:slug>/", views.workspace_home, name="workspace"),
    path("w/<slug:slug>/studies/new/", views.study_new, name="new"),
    path("w/<slug:slug>/studies/upload/", views.study_upload, name="upload"),
    path("studies/<int:study_id>/", views.study_dashboard, name="dashboard"),
]
