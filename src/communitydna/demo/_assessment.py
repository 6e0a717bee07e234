"""The assessors' judgement in the demo study: ratings, the overall assessment, the ways
forward and what became of them at the follow-ups.

The environment measure is deliberately left unrated: its row is kept, with
``position=None`` and a rationale saying why, as an assessor would record a deferral.
"""

from __future__ import annotations

from communitydna.framework import OVERALL
from communitydna.snapshot import FollowUp, PartialDate, Progress, Rating, Recommendation

__all__ = ["UNRATED_MEASURE", "followups", "overall", "ratings", "recommendations"]

UNRATED_MEASURE = "environment"

_LEAD = "Helen Marsden"
_SECOND = "Imran Bashir"
_RATED_ON = "2024-04-12"

# (measure, position or None, assessor, rationale points)
_RATINGS: tuple[tuple[str, int | None, str, tuple[str, ...]], ...] = (
    ("social", 5, _LEAD, (
        "A dense, active sector: 54 organisations, a well-attended VCS Forum and strong informal "
        "mutual support (E001, E011, E074, E094).",
        "Fragile at the small end: groups fold when one volunteer steps back, and the CVS and "
        "the development trust compete rather than collaborate (E002, E016, E047).",
        "Small BME-led groups sit outside the forum, and Ravensby has no social-sector base at "
        "all (E062, E090, E095).",
    )),
    ("public", 4, _LEAD, (
        "Public bodies work well together through the community safety and schools "
        "partnerships and the shared base at Kiln Hill library (E026, E031, E092).",
        "Capacity has been hollowed out: the neighbourhoods team is down from seven officers to "
        "three and the jobcentre has left the area (E006, E045).",
        "GP access is residents' most common complaint (E075).",
    )),
    ("commercial", 3, _SECOND, (
        "Thin and split: the business forum speaks for the industrial estate, the traders' "
        "association for a shrinking high street, and the two do not talk (E018, E050, E052).",
        "The large employers answer to owners elsewhere and the last bank branch is at risk "
        "(E022, E039).",
        "Bright spots are the Mill Lane Works tenants and the Mill Lane traders' informal "
        "network (E015, E067).",
    )),
    ("social-public", 5, _LEAD, (
        "Dependable forums, a co-produced action plan and a renewed three-year CVS settlement "
        "(E003, E007, E080); social prescribing is a working joint model (E030).",
        "Relations on Sowden Park are tense over regeneration, repairs and policing (E010, "
        "E027, E043), and trust between the mosque and the police was damaged in 2023.",
        "Small BME-led groups slip through the gaps: four of seven in the focus group had never "
        "heard of the neighbourhoods team (E061, E066).",
    )),
    ("social-commercial", 2, _SECOND, (
        "Most social-sector organisations have no tie to any business, and businesses do not "
        "know whom to approach (E004, E020, E091).",
        "The ties that exist run through a few brokers (the development trust, Fresh Start, "
        "the food bank, the credit union, the mosque), each a single point of failure (E014, "
        "E038, E067).",
        "The lapsed food surplus link with Brightwater shows how easily they go (E024).",
    )),
    ("public-commercial", 3, _SECOND, (
        "Good employment links between the jobcentre, the college and the two big employers "
        "(E019, E023, E044).",
        "Local firms barely reach council spend, and social value is seldom reported (E068, "
        "E081, E082).",
        "The council and the high street traders are not speaking (E051).",
    )),
    ("health", 3, _LEAD, (
        "Deep inequalities: men's healthy life expectancy in Sowden Park is 14 years below the "
        "Tarnley average (E058, E083, E085).",
        "Promising community responses in social prescribing, peer support and clinics at the "
        "mosque (E030, E059, E086).",
        "Long mental health waits and young people's worries are not yet addressed (E029, E071).",
    )),
    (UNRATED_MEASURE, None, _LEAD, (
        "Not rated this round: the evidence is thin and mostly about single projects (E017, "
        "E055) or borough plans without local data (E087).",
        "To be rated at the follow-up, once the council's neighbourhood carbon and flood data "
        "are available.",
    )),
    ("identity", 4, _SECOND, (
        "Strong attachment to the place and its industrial past, and an interfaith forum that "
        "answered the 2023 leafleting in public (E013, E037, E076).",
        "Rising tension on Sowden Park and the estate's stigma weigh against it (E028, E072, "
        "E098).",
        "Roma families report open hostility (E064).",
    )),
    ("governance", 3, _LEAD, (
        "Local decisions have been centralised and slowed, and health priorities are set for "
        "the whole town (E009, E054, E103).",
        "Some promising moves to share power: a residents' grants panel and a residents' seat "
        "on the Community Partnership (E053, E096).",
    )),
)  # fmt: skip

_OVERALL: tuple[int, tuple[str, ...]] = (4, (
    "Calderholme is held together by a dense social sector and dependable public "
    "partnerships, but its economy is thin and its ties with business are weak.",
    "Links between the social and commercial sectors depend on a handful of brokers; losing "
    "one would cut whole groups off.",
    "Rising tension in Sowden Park and the small groups that slip through the gaps are the "
    "most urgent risks.",
))  # fmt: skip

# (id, title, text, measures, owner)
_RECOMMENDATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("REC-01", "Broker introductions between businesses and community groups",
     "Use the business forum's meetings at Mill Lane Works to introduce employers to the "
     "groups that need volunteers, skills and goods, with the CVS as the front door.",
     "social-commercial; commercial", "Tarnley East Business Forum; Tarnley Voluntary Action"),
    ("REC-02", "Reach the groups that slip through the gaps",
     "Find and support the small BME-led groups with no tie to the council or the CVS: help "
     "with constitutions and bank accounts, and a named officer for each.",
     "social-public; social", "Tarnley Council Neighbourhoods Team (East)"),
    ("REC-03", "Reset the Sowden Park regeneration conversation",
     "Bring residents back to the regeneration board with independent advice and agree the "
     "decant policy with them before anything else.",
     "social-public; governance; identity", "Tarnley Homes; Pennine Moor Housing Association"),
    ("REC-04", "Open council contracts to local suppliers",
     "Advertise small lots locally, hold a meet-the-buyer event and report the social value "
     "each large contract delivers.",
     "public-commercial; commercial", "Tarnley Council Procurement and Commissioning"),
    ("REC-05", "Bring the high street and the business forum together",
     "A joint meeting of the traders' association and the business forum, convened by the "
     "council, to agree shared priorities for Kiln Hill.",
     "commercial; public-commercial", "Tarnley Council Economic Development and Regeneration"),
    ("REC-06", "Restore open youth provision in Sowden Park",
     "Fund paid youth work alongside the volunteers at the youth club, at least three evenings "
     "a week.",
     "social; health; social-public", "Tarnley Council Youth Service"),
    ("REC-07", "Unlock community energy on public roofs",
     "Conclude the roof leases the community energy co-operative has waited two years for, "
     "starting with the leisure centre.",
     "environment; social-public", "Tarnley Council Environment and Climate Team"),
    ("REC-08", "Share the brokers' links so no one organisation carries them",
     "Record who holds each tie between community groups and businesses, and introduce a "
     "second contact for each, so the loss of one broker does not cut the link.",
     "social-commercial; social", "Calderholme Development Trust"),
)  # fmt: skip

# (recommendation, date, progress, notes)
_FOLLOWUPS: tuple[tuple[str, str, str, str], ...] = (
    ("REC-01", "2024-10-15", "in progress",
     "Two breakfasts held at Mill Lane Works; 14 businesses came and five offered volunteers."),
    ("REC-01", "2025-04", "in progress",
     "Introductions are now a standing item at the forum; the traders have not joined in."),
    ("REC-02", "2024-10-15", "in progress",
     "Outreach worker in post at the CVS from September; first contact made with the Roma and "
     "Eritrean groups."),
    ("REC-02", "2025-04", "done",
     "Four of the five groups are on the council's contact list; two have had small grants "
     "after help with their constitutions."),
    ("REC-03", "2024-10-15", "in progress",
     "Residents still off the board; an independent tenant adviser is being procured."),
    ("REC-03", "2025-04", "in progress",
     "Adviser appointed in January; the decant policy is out to consultation."),
    ("REC-04", "2024-10-15", "not started",
     "Procurement is waiting for the new national rules in February 2025."),
    ("REC-04", "2025-04", "in progress",
     "Lots under £30,000 now advertised locally; a meet-the-buyer event is planned for June."),
    ("REC-05", "2024-10-15", "in progress",
     "One joint meeting in July; the traders did not come back for a second."),
    ("REC-05", "2025-04", "dropped",
     "Dropped in favour of a business improvement district ballot led by the traders."),
    ("REC-06", "2024-10-15", "in progress",
     "Pennine Moor and the council jointly fund a youth worker two evenings a week from "
     "November."),
    ("REC-06", "2025-04", "done",
     "Three evenings a week since January, with a detached session in the park on Fridays."),
    ("REC-07", "2024-10-15", "done",
     "Leisure centre roof lease signed in August; panels due in spring 2025."),
    ("REC-08", "2024-10-15", "not started",
     "No progress; the development trust's manager left in September."),
    ("REC-08", "2025-04", "not started",
     "New manager starts in May; the trust still wants to lead this."),
)  # fmt: skip


def _measures(text: str) -> tuple[str, ...]:
    return tuple(m.strip() for m in text.split(";") if m.strip())


def ratings() -> tuple[Rating, ...]:
    """One row per measure, in the community variant's order; one row has no position."""
    return tuple(
        Rating(
            measure=measure,
            position=position,
            rationale=rationale,
            assessor=assessor,
            date=PartialDate.parse(_RATED_ON),
        )
        for measure, position, assessor, rationale in _RATINGS
    )


def overall() -> Rating:
    """The overall assessment of Calderholme."""
    position, rationale = _OVERALL
    return Rating(
        measure=OVERALL,
        position=position,
        rationale=rationale,
        assessor=_LEAD,
        date=PartialDate.parse(_RATED_ON),
    )


def recommendations() -> tuple[Recommendation, ...]:
    """The ways forward; each one's status is its latest follow-up."""
    latest: dict[str, str] = {}
    for rec, _date, progress, _notes in _FOLLOWUPS:
        latest[rec] = progress  # the table is in date order for each recommendation
    return tuple(
        Recommendation(
            id=id_,
            title=title,
            text=text,
            measures=_measures(measures),
            owner=owner,
            status=latest.get(id_, ""),
        )
        for id_, title, text, measures, owner in _RECOMMENDATIONS
    )


def followups() -> tuple[FollowUp, ...]:
    """What became of each recommendation at six and twelve months."""
    return tuple(
        FollowUp(
            recommendation=rec,
            date=PartialDate.parse(date),
            progress=Progress(progress),
            notes=notes,
        )
        for rec, date, progress, notes in _FOLLOWUPS
    )
