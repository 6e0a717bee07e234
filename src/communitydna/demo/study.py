"""The demo study: Calderholme, a fictional post-industrial neighbourhood in a northern town.

Every sheet of the workbook is filled, so the demo exercises the whole product: the map,
the evidence and ratings, the ways forward and their follow-ups, the action plan, the
indicators and a year of tension reports. The place, its organisations and people are
invented; any likeness to real ones is chance.

The data lives in small tables beside this module (``_organisations``, ``_relationships``,
``_evidence``, ``_assessment``, ``_plan``, ``_tensions``); this module puts them together.
"""

from __future__ import annotations

from communitydna.demo._assessment import followups, overall, ratings, recommendations
from communitydna.demo._evidence import evidence
from communitydna.demo._organisations import WARDS, organisations
from communitydna.demo._plan import PLACE, actions, indicators, observations
from communitydna.demo._relationships import relationships
from communitydna.demo._tensions import tensions
from communitydna.snapshot import PartialDate, Place, Snapshot

__all__ = ["demo_snapshot"]

_DESCRIPTION = (
    "Calderholme is the east side of Tarnley, a former textile and engineering town in the "
    "Pennine foothills. Its four wards run from the Victorian terraces of Mill Lane and the "
    "old high street of Kiln Hill to the 1960s Sowden Park estate and the Ravensby "
    "industrial estate and retail park. About 21,000 people live here; the mills closed in "
    "the 1980s, and the foundry and a food factory are now the largest employers. "
    "This study was carried out between October 2023 and March 2024."
)


def demo_snapshot() -> Snapshot:
    """Build the demo study (a new, equal snapshot on every call).

    Examples
    --------
    >>> study = demo_snapshot()
    >>> study.place.name
    'Calderholme'
    >>> study.measures_unrated()
    ('environment',)
    >>> demo_snapshot() == study
    True
    """
    orgs = organisations()
    return Snapshot(
        place=Place(
            name=PLACE,
            variant="community",
            date=PartialDate(2024, 4),
            description=_DESCRIPTION,
            wards=WARDS,
            assessors=("Helen Marsden", "Imran Bashir"),
            attributes={"council": "Tarnley Council", "population": "21,400"},
        ),
        organisations=orgs,
        relationships=relationships(),
        evidence=evidence(),
        ratings=ratings(),
        overall=overall(),
        recommendations=recommendations(),
        followups=followups(),
        actions=actions(orgs),
        indicators=indicators(),
        observations=observations(),
        tensions=tensions(),
    )
