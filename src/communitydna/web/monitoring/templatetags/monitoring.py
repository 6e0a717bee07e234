"""Template tags of the monitoring pages."""

from __future__ import annotations

from django import template

from communitydna.web.accounts import permissions
from communitydna.web.accounts.permissions import AnyUser, Capability
from communitydna.web.studies.models import Study

register = template.Library()


@register.simple_tag
def can_view_tensions(user: AnyUser | None, study: Study) -> bool:
    """Whether the user may see the study's tension reports (for the study's navigation)."""
    return permissions.can(user, Capability.VIEW_TENSIONS, study.workspace_id)
