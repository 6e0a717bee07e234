"""The site's addresses. Each app owns its own; Django's account views keep their names."""

from __future__ import annotations

from django.contrib.auth.views import LoginView
from django.urls import include, path

from communitydna.web.accounts.forms import LoginForm
from communitydna.web.views import healthz

urlpatterns = [
    path("", include("communitydna.web.accounts.urls")),
    path(
        "accounts/login/",
        LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("communitydna.web.studies.urls")),
    path("", include("communitydna.web.assessment.urls")),
    path("", include("communitydna.web.network.urls")),
    path("", include("communitydna.web.evidence.urls")),
    path("", include("communitydna.web.jobs.urls")),
    path("", include("communitydna.web.monitoring.urls")),
    path("", include("communitydna.web.rounds.urls")),
    path("", include("communitydna.web.api.urls")),
    path("healthz", healthz, name="healthz"),
]
