from __future__ import annotations

from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "communitydna.web.rounds"
    label = "rounds"
    verbose_name = "Rounds and comparisons"
    default_auto_field = "django.db.models.BigAutoField"
