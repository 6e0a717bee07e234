from __future__ import annotations

from django.urls import path

from communitydna.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
