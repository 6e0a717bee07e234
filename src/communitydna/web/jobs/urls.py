from __future__ import annotations

from django.urls import path

from communitydna.web.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/<int:job_id>/", views.job, name="job"),
    path("jobs/<int:job_id>/progress/", views.job_progress, name="progress"),
    path("jobs/<int:job_id>/download/", views.job_download, name="download"),
]
