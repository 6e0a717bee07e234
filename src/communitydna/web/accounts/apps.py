from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "communitydna.web.accounts"
    label = "accounts"
    verbose_name = "Accounts and workspaces"
    default_auto_field = "django.db.models.BigAutoField"
