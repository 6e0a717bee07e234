"""Who may see and do what: the one place that decides, for every page, API call and service.

A person's power in a workspace comes from their role there and nothing else (being staff
or a superuser grants nothing). The table:

=========================  =====  ========  ===========  ======
capability                 owner  assessor  contributor  viewer
=========================  =====  ========  ===========  ======
view the workspace           ✓       ✓          ✓          ✓
view a study                 ✓       ✓          ✓          ✓
export a study               ✓       ✓          ✓          ✓
edit a study's map and       ✓       ✓          ✓
evidence
rate measures, overall       ✓       ✓
see tension reports          ✓       ✓
create or import a study     ✓       ✓
delete a study               ✓
manage members               ✓
=========================  =====  ========  ===========  ======

Someone outside the workspace is told nothing: pages answer 404 exactly as for a study
that does not exist (:func:`study_or_404`). A member lacking a capability gets 403, since
they already know the study exists.

``user=None`` in a service means the operator at the command line, who is trusted; views
always pass the logged-in user.

An API token carries a :class:`Scope`: one workspace and a role there. Its holder's role is
the lower of the token's and their membership's, read at each request, so a member who is
demoted (or removed) finds their tokens shrink (or stop) with them; in any other workspace
the token's holder is an outsider. Every check below takes an optional ``scope``; without
one, as for pages, nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from communitydna.web.accounts.models import Membership, Role, User, Workspace

if TYPE_CHECKING:
    from communitydna.web.jobs.models import Job
    from communitydna.web.studies.models import Study

__all__ = [
    "ROLE_CAPABILITIES",
    "ROLE_RANK",
    "AnyUser",
    "Capability",
    "Scope",
    "can",
    "can_create_study",
    "can_delete_study",
    "can_edit_study",
    "can_export_study",
    "can_manage_members",
    "can_rate",
    "can_view_study",
    "can_view_workspace",
    "job_capability",
    "job_or_404",
    "lower_role",
    "require",
    "role_of",
    "study_or_404",
    "workspace_or_404",
]

AnyUser = User | AnonymousUser


class Capability(StrEnum):
    """Things a member may be allowed to do in a workspace."""

    VIEW_WORKSPACE = "view workspace"
    VIEW_STUDY = "view study"
    EXPORT_STUDY = "export study"
    EDIT_STUDY = "edit study"
    RATE = "rate"
    CREATE_STUDY = "create study"
    DELETE_STUDY = "delete study"
    MANAGE_MEMBERS = "manage members"
    VIEW_TENSIONS = "view tensions"


_VIEWER = frozenset({Capability.VIEW_WORKSPACE, Capability.VIEW_STUDY, Capability.EXPORT_STUDY})
_CONTRIBUTOR = _VIEWER | {Capability.EDIT_STUDY}
_ASSESSOR = _CONTRIBUTOR | {Capability.RATE, Capability.CREATE_STUDY, Capability.VIEW_TENSIONS}
_OWNER = _ASSESSOR | {Capability.DELETE_STUDY, Capability.MANAGE_MEMBERS}

ROLE_CAPABILITIES: MappingProxyType[Role, frozenset[Capability]] = MappingProxyType(
    {
        Role.OWNER: _OWNER,
        Role.ASSESSOR: _ASSESSOR,
        Role.CONTRIBUTOR: _CONTRIBUTOR,
        Role.VIEWER: _VIEWER,
    }
)
"""The role table: each role's capabilities."""


ROLE_RANK: MappingProxyType[Role, int] = MappingProxyType(
    {Role.VIEWER: 0, Role.CONTRIBUTOR: 1, Role.ASSESSOR: 2, Role.OWNER: 3}
)
"""The roles from least to most powerful: each has every capability of those below it."""


def lower_role(first: Role, second: Role) -> Role:
    """The less powerful of two roles."""
    return first if ROLE_RANK[first] <= ROLE_RANK[second] else second


@dataclass(frozen=True, slots=True)
class Scope:
    """What a credential narrower than a session (an API token) allows: the workspace it
    was made for and the most powerful role it may act with there."""

    workspace_id: int
    role: Role


def _workspace_id(workspace: Workspace | int) -> int:
    return workspace if isinstance(workspace, int) else workspace.pk


def role_of(
    user: AnyUser | None, workspace: Workspace | int, *, scope: Scope | None = None
) -> Role | None:
    """The user's role in the workspace, or ``None`` for anyone who is not a member.

    With a ``scope``, the lower of that role and the scope's, and ``None`` in any other
    workspace than the scope's.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    workspace_id = _workspace_id(workspace)
    if scope is not None and scope.workspace_id != workspace_id:
        return None
    role = (
        Membership.objects.filter(user_id=user.pk, workspace_id=workspace_id)
        .values_list("role", flat=True)
        .first()
    )
    if role is None:
        return None
    return Role(role) if scope is None else lower_role(Role(role), scope.role)


def can(
    user: AnyUser | None,
    capability: Capability,
    workspace: Workspace | int,
    *,
    scope: Scope | None = None,
) -> bool:
    """Whether the user has the capability in the workspace (within the scope, if any)."""
    role = role_of(user, workspace, scope=scope)
    return role is not None and capability in ROLE_CAPABILITIES[role]


def can_view_workspace(user: AnyUser | None, workspace: Workspace | int) -> bool:
    return can(user, Capability.VIEW_WORKSPACE, workspace)


def can_create_study(user: AnyUser | None, workspace: Workspace | int) -> bool:
    return can(user, Capability.CREATE_STUDY, workspace)


def can_manage_members(user: AnyUser | None, workspace: Workspace | int) -> bool:
    return can(user, Capability.MANAGE_MEMBERS, workspace)


def can_view_study(user: AnyUser | None, study: Study) -> bool:
    return can(user, Capability.VIEW_STUDY, study.workspace_id)


def can_export_study(user: AnyUser | None, study: Study) -> bool:
    return can(user, Capability.EXPORT_STUDY, study.workspace_id)


def can_edit_study(user: AnyUser | None, study: Study) -> bool:
    return can(user, Capability.EDIT_STUDY, study.workspace_id)


def can_rate(user: AnyUser | None, study: Study) -> bool:
    return can(user, Capability.RATE, study.workspace_id)


def can_delete_study(user: AnyUser | None, study: Study) -> bool:
    return can(user, Capability.DELETE_STUDY, study.workspace_id)


def require(
    user: User | None,
    capability: Capability,
    workspace: Workspace | int,
    *,
    scope: Scope | None = None,
) -> None:
    """For services: raise ``PermissionDenied`` unless the user may (``None`` always may).

    Raises
    ------
    django.core.exceptions.PermissionDenied
    """
    if user is not None and not can(user, capability, workspace, scope=scope):
        raise PermissionDenied(f"you may not {capability} here")


def workspace_or_404(
    user: AnyUser,
    slug: str,
    capability: Capability = Capability.VIEW_WORKSPACE,
    *,
    scope: Scope | None = None,
) -> Workspace:
    """For views: the workspace if the user is a member; otherwise 404, or 403 if a member
    lacks the capability.

    Raises
    ------
    django.http.Http404, django.core.exceptions.PermissionDenied
    """
    workspace = Workspace.objects.filter(slug=slug).first()
    role = role_of(user, workspace, scope=scope) if workspace is not None else None
    if workspace is None or role is None:
        raise Http404("No such workspace.")
    if capability not in ROLE_CAPABILITIES[role]:
        raise PermissionDenied
    return workspace


def study_or_404(
    user: AnyUser,
    study_id: int,
    capability: Capability = Capability.VIEW_STUDY,
    *,
    scope: Scope | None = None,
) -> Study:
    """For views: the study if the user belongs to its workspace; otherwise 404, or 403 if a
    member lacks the capability. An outsider cannot tell a hidden study from a missing one.

    Raises
    ------
    django.http.Http404, django.core.exceptions.PermissionDenied
    """
    from communitydna.web.studies.models import Study

    study = Study.objects.select_related("workspace").filter(pk=study_id).first()
    role = role_of(user, study.workspace_id, scope=scope) if study is not None else None
    if study is None or role is None:
        raise Http404("No such study.")
    if capability not in ROLE_CAPABILITIES[role]:
        raise PermissionDenied
    return study


def job_capability(kind: str) -> Capability:
    """What a member must be allowed to do to start, follow or collect a kind of long work:
    an import creates a study, a report exports one, an analysis only reads one."""
    return {
        "import": Capability.CREATE_STUDY,
        "report": Capability.EXPORT_STUDY,
        "analysis": Capability.VIEW_STUDY,
    }[kind]


def job_or_404(user: AnyUser, job_id: int, *, scope: Scope | None = None) -> Job:
    """For views: a piece of long work if the user belongs to its workspace and may do that
    kind of work there; otherwise 404, or 403 for a member lacking the capability.

    Raises
    ------
    django.http.Http404, django.core.exceptions.PermissionDenied
    """
    from communitydna.web.jobs.models import Job

    job = Job.objects.select_related("workspace", "study").filter(pk=job_id).first()
    role = role_of(user, job.workspace_id, scope=scope) if job is not None else None
    if job is None or role is None:
        raise Http404("No such job.")
    if job_capability(job.kind) not in ROLE_CAPABILITIES[role]:
        raise PermissionDenied
    return job
