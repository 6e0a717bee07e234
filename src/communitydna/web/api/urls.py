from __future__ import annotations

from django.urls import include, path

from communitydna.web.api import views
from communitydna.web.api.api import api

pages = ([path("", views.tokens, name="list")], "tokens")

urlpatterns = [
    path("api/", api.urls),
    path("account/api-tokens/", include(pages)),
]
