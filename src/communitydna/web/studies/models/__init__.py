"""The study's tables, one module per part of the work.

- :mod:`.study` — the study and its place;
- :mod:`.network` — organisations and relationships;
- :mod:`.evidence` — evidence and its coding;
- :mod:`.assessment` — ratings and their history, recommendations, follow-ups;
- :mod:`.plan` — actions with milestones and leads, indicators and observations, tension
  reports.
"""

from communitydna.web.studies.models.assessment import (
    FollowUp,
    Rating,
    RatingChange,
    Recommendation,
)
from communitydna.web.studies.models.evidence import (
    Evidence,
    EvidenceMeasure,
    EvidenceOrganisation,
)
from communitydna.web.studies.models.network import (
    Organisation,
    Relationship,
    RelationshipEvidence,
)
from communitydna.web.studies.models.plan import (
    Action,
    ActionRecommendation,
    Indicator,
    Lead,
    Milestone,
    Observation,
    TensionReport,
)
from communitydna.web.studies.models.study import Study

__all__ = [
    "Action",
    "ActionRecommendation",
    "Evidence",
    "EvidenceMeasure",
    "EvidenceOrganisation",
    "FollowUp",
    "Indicator",
    "Lead",
    "Milestone",
    "Observation",
    "Organisation",
    "Rating",
    "RatingChange",
    "Recommendation",
    "Relationship",
    "RelationshipEvidence",
    "Study",
    "TensionReport",
]
