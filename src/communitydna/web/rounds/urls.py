from __future__ import annotations

from django.urls import path

from communitydna.web.rounds import views

app_name = "rounds"

urlpatterns = [
    path("studies/<int:study_id>/rounds/", views.rounds, name="rounds"),
    path("studies/<int:study_id>/rounds/new/", views.round_new, name="new"),
    path("studies/<int:study_id>/compare/<int:other_id>/", views.study_compare, name="compare"),
    path("w/<slug:slug>/places/", views.places, name="places"),
]
