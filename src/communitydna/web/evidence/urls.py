from __future__ import annotations

from django.urls import path

from communitydna.web.evidence import views

app_name = "evidence"

_BASE = "studies/<int:study_id>/evidence/"

urlpatterns = [
    path(_BASE, views.evidence_list, name="list"),
    path(f"{_BASE}new/", views.evidence_new, name="new"),
    path(f"{_BASE}split/", views.evidence_split, name="split"),
    path(f"{_BASE}<int:evidence_id>/", views.evidence_detail, name="detail"),
    path(f"{_BASE}<int:evidence_id>/edit/", views.evidence_edit, name="edit"),
    path(f"{_BASE}<int:evidence_id>/code/", views.evidence_code, name="code"),
]
