"""What of a study a member may take away: exports and reports hold only what they may see.

Tension reports are seen only by those allowed (``Capability.VIEW_TENSIONS``); a workbook, an
archive or a report made for anyone else leaves them out.
"""

from __future__ import annotations

import dataclasses

from communitydna.snapshot import Snapshot
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import AnyUser, Capability, Scope, can
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_to_snapshot

__all__ = ["snapshot_for"]


def snapshot_for(
    study: m.Study, user: User | AnyUser | None, *, scope: Scope | None = None
) -> Snapshot:
    """The study as ``user`` may take it away; ``None`` (the command line) takes it all.
    ``scope`` limits the user's role further (an API token's)."""
    snapshot = study_to_snapshot(study)
    if user is None or can(user, Capability.VIEW_TENSIONS, study.workspace_id, scope=scope):
        return snapshot
    return dataclasses.replace(snapshot, tensions=())
