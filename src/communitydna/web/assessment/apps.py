from __future__ import annotations

from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "communitydna.web.assessment"
    label = "assessment"
    verbose_name = "Assessment"
