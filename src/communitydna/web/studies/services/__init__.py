"""Every change to a study goes through these functions.

Each is keyword-only, checks the user against :mod:`communitydna.web.accounts.permissions`
(``user=None`` is the trusted command line), runs in one transaction and writes its audit
row in that transaction.
"""

from communitydna.web.studies.services.evidence import evidence_create, evidence_update
from communitydna.web.studies.services.imports import study_delete, study_export, study_import
from communitydna.web.studies.services.organisations import (
    organisation_create,
    organisation_merge,
    organisation_update,
)
from communitydna.web.studies.services.ratings import overall_set, rating_set
from communitydna.web.studies.services.recommendations import (
    followup_add,
    recommendation_create,
    recommendation_update,
)
from communitydna.web.studies.services.relationships import (
    relationship_create,
    relationship_update,
)

__all__ = [
    "evidence_create",
    "evidence_update",
    "followup_add",
    "organisation_create",
    "organisation_merge",
    "organisation_update",
    "overall_set",
    "rating_set",
    "recommendation_create",
    "recommendation_update",
    "relationship_create",
    "relationship_update",
    "study_delete",
    "study_export",
    "study_import",
]
