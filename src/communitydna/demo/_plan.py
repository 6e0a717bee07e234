"""The partnership's action plan and performance indicators in the demo study.

The plan has three themes with references such as ``1.2.1``; lead agencies are linked to
organisations of the map except one, a body outside the four wards that the map does not
hold. Most actions have dated status updates from the partnership's monthly meetings; for
some the latest update has moved the status on from the plan's. Indicators carry baselines,
yearly targets and ward-level actual values, some broken down by age, gender or ethnicity.
"""

from __future__ import annotations

from collections.abc import Iterable

from communitydna.snapshot import (
    Action,
    ActionStatus,
    ActionUpdate,
    Direction,
    Indicator,
    Lead,
    Milestone,
    Observation,
    ObservationKind,
    Organisation,
    PartialDate,
    Quantity,
    parse_breakdown,
)

__all__ = ["UNLINKED_LEAD", "actions", "indicators", "observations"]

PLACE = "Calderholme"

UNLINKED_LEAD = "West Pennine Integrated Care Board"
"""A lead agency that matches no organisation of the map."""

_CONNECTING = "Connecting the sectors"
_GAPS = "No one slips through the gaps"
_ECONOMY = "A fairer local economy"

# (ref, theme, action, milestones as (text, due), lead ids, outcome, status, measures, recs)
_ACTIONS: tuple[
    tuple[str, str, str, tuple[tuple[str, str], ...], str, str, str, str, str], ...
] = (
    ("1.1.1", _CONNECTING,
     "Hold 'meet the groups' breakfasts for businesses at Mill Lane Works, hosted by the "
     "business forum and the CVS.",
     (("First breakfast", "2024-07-11"),
      ("Second breakfast, with the traders' association invited", "2024-11")),
     "tebf cvs", "At least ten businesses with a new tie to a community group by March 2025.",
     "on track", "social-commercial", "REC-01"),
    ("1.1.2", _CONNECTING,
     "Set up an employer-supported volunteering register.\n"
     "Match offers from Holroyd, Brightwater and Garside with requests from groups, through "
     "the CVS.",
     (("Register live", "2024-12"), ("First review of matches", "2025-06-30")),
     "cvs holroyd", "Thirty volunteering placements a year.",
     "at risk", "social-commercial; social", "REC-01; REC-08"),
    ("1.2.1", _CONNECTING,
     "Bring residents' representatives back to the Sowden Park regeneration board, with an "
     "independent tenant adviser.",
     (("Adviser appointed", "2025-01"), ("Decant policy agreed with residents", "2025-06-30")),
     "tarnleyhomes pmha", "Residents' seats filled and a decant policy residents support.",
     "on track", "social-public; governance", "REC-03"),
    ("1.2.2", _CONNECTING,
     "Rotate the chair of the Community Partnership and add a residents' seat.",
     (("Terms of reference revised", "2024-04-30"),
      ("First meeting chaired by a resident", "2024-07")),
     "council-nbh", "A resident chairs one meeting in three.",
     "done", "governance; social-public", "REC-03"),
    ("2.1.1", _GAPS,
     "Fund an outreach worker for small BME-led groups.\n"
     "Help with constitutions and bank accounts.\n"
     "Introduce each group to the neighbourhoods team and the VCS Forum.",
     (("Worker in post", "2024-09-02"), ("Five groups supported", "2025-03")),
     "cvs council-nbh",
     "Every BME-led group on the map has a tie to the council or the CVS.",
     "on track", "social-public; social", "REC-02"),
    ("2.1.2", _GAPS,
     "Meet the Roma families group through Sowden Park Mutual Aid and agree a named officer.",
     (("First meeting", "2024-06"),),
     "council-nbh mutual-sowden", "A named officer the group knows and uses.",
     "done", "social-public", "REC-02"),
    ("2.2.1", _GAPS,
     "Restore open-access youth sessions in Sowden Park, three evenings a week.",
     (("Two evenings a week", "2024-11-04"),
      ("Three evenings and a detached session", "2025-01")),
     "council-youth pmha youthclub", "The youth club open three nights a week with paid staff.",
     "done", "social; health", "REC-06"),
    ("2.2.2", _GAPS,
     "Agree a joint protocol for monitoring and answering tension in Sowden Park, reviewed "
     "monthly by the community safety partnership.",
     (("Protocol agreed", "2024-06-30"), ("Six-month review", "2024-12")),
     "csp police mosque", "Tension severity back to 2 or below for three months running.",
     "at risk", "identity; social-public", ""),
    ("2.3.1", _GAPS,
     "Extend social prescribing to the men's shed and the over-60s club and fund a third "
     "link worker.",
     (("Business case to the care board", "2024-11"),),
     "pcn *", "A third link worker in post.",
     "not started", "health; social-public", ""),
    ("3.1.1", _ECONOMY,
     "Advertise council contracts under £30,000 locally and hold a meet-the-buyer event for "
     "Calderholme firms.",
     (("Local advertising of small lots", "2025-02-24"), ("Meet-the-buyer event", "2025-06")),
     "council-procure tebf", "Local share of council spend up from 9% to 15% by 2026/27.",
     "on track", "public-commercial; commercial", "REC-04"),
    ("3.1.2", _ECONOMY,
     "Report the social value delivered on every contract over £100,000.",
     (("Reporting template adopted", "2024-11"),),
     "council-procure", "Social value reported for all large contracts.",
     "not started", "public-commercial; social-commercial", "REC-04"),
    ("3.2.1", _ECONOMY,
     "Convene a joint meeting of the business forum and the traders' association.",
     (("Joint meeting", "2024-07-17"),),
     "council-econ tebf khta", "A shared list of priorities for Kiln Hill.",
     "dropped", "commercial; public-commercial", "REC-05"),
    ("3.2.2", _ECONOMY,
     "Lease council roofs to the community energy co-operative.\n"
     "Start with the leisure centre, then two primary schools.",
     (("Leisure centre lease signed", "2024-08-30"), ("Panels installed", "2025-05"),
      ("School roofs surveyed", "2025-09")),
     "council-env energy", "500 kW of community-owned solar by 2027.",
     "on track", "environment; social-public", "REC-07"),
)  # fmt: skip

# ref: (date, status or "", note), in the order the partnership recorded them
_UPDATES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "1.1.1": (
        ("2024-07-11", "on track", "Eleven businesses came to the first breakfast."),
        ("2024-11", "on track", "The traders' association joined the second breakfast."),
    ),
    "1.1.2": (
        ("2024-09", "on track", "Holroyd and Garside signed up; Brightwater to follow."),
        (
            "2024-12-10",
            "at risk",
            "The register is built but the CVS post that runs it ends in March.",
        ),
    ),
    "1.2.1": (("2025-01", "on track", "Tenant adviser appointed by the residents."),),
    "1.2.2": (
        ("2024-04-30", "on track", "Terms of reference revised."),
        ("2024-07", "done", "A resident chaired the July meeting."),
    ),
    "2.1.1": (
        ("2024-09-02", "on track", "Outreach worker in post."),
        ("2025-03", "", "Four groups supported so far; the fifth has asked to wait."),
    ),
    "2.2.2": (
        ("2024-06-30", "on track", "Protocol agreed."),
        ("2024-10", "at risk", "Reports of tension rose again in Sowden Park in October."),
    ),
    "2.3.1": (
        ("2024-11", "not started", "The business case slipped to the care board's spring round."),
    ),
    "3.2.1": (("2024-07-17", "dropped", "The traders' association declined a joint meeting."),),
    "3.2.2": (
        ("2024-08-30", "on track", "Leisure centre lease signed."),
        ("2025-05", "done", "Panels installed on the leisure centre; schools surveyed early."),
    ),
}

# (id, name, type, unit, direction, responsible)
_INDICATORS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("IND-1", "Residents claiming out-of-work benefits", "outcome",
     "% of residents aged 16–64", "down", "Tarnley East Jobcentre"),
    ("IND-2", "Young people not in education, employment or training", "outcome",
     "% of 16–18 year olds", "down", "Calderholme Academy"),
    ("IND-3", "Residents who volunteered in the last year", "outcome",
     "% of adults", "up", "Tarnley Voluntary Action"),
    ("IND-4", "Small grants reaching BME-led groups", "output",
     "£ a year", "up", "Tarnley Voluntary Action"),
    ("IND-5", "Residents who agree people from different backgrounds get on well", "outcome",
     "% of adults", "up", "Tarnley Community Safety Partnership"),
    ("IND-6", "Council third-party spend with Calderholme suppliers", "output",
     "% of spend", "up", "Tarnley Council Procurement and Commissioning"),
)  # fmt: skip

# (indicator, period, kind, value, area, breakdown); area "" means the whole place
_OBSERVATIONS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("IND-1", "2023/24", "baseline", "11.2%", "", ""),
    ("IND-1", "2023/24", "baseline", "16.8%", "Sowden Park", ""),
    ("IND-1", "2024/25", "target", "10.5%", "", ""),
    ("IND-1", "2025/26", "target", "9.5%", "", ""),
    ("IND-1", "2024/25", "actual", "10.9%", "", ""),
    ("IND-1", "2024/25", "actual", "8.1%", "Kiln Hill", ""),
    ("IND-1", "2024/25", "actual", "11.9%", "Mill Lane", ""),
    ("IND-1", "2024/25", "actual", "15.4%", "Sowden Park", ""),
    ("IND-1", "2024/25", "actual", "5.2%", "Ravensby", ""),
    ("IND-1", "2024/25", "actual", "19.8%", "Sowden Park", "age=16-24"),
    ("IND-2", "2023/24", "baseline", "7.4%", "", ""),
    ("IND-2", "2024/25", "target", "less than 7%", "", ""),
    ("IND-2", "2025/26", "target", "less than 6%", "", ""),
    ("IND-2", "2024/25", "actual", "6.8%", "", ""),
    ("IND-2", "2024/25", "actual", "5.9%", "", "gender=female"),
    ("IND-2", "2024/25", "actual", "7.7%", "", "gender=male"),
    ("IND-2", "2024/25", "actual", "4.1%", "", "ethnicity=Pakistani"),
    ("IND-2", "2024/25", "actual", "about 20%", "Sowden Park", "ethnicity=Roma"),
    ("IND-2", "2024/25", "actual", "9.6%", "Sowden Park", ""),
    ("IND-2", "2024/25", "actual", "5.0%", "Mill Lane", ""),
    ("IND-3", "2023/24", "baseline", "to be determined", "", ""),
    ("IND-3", "2024/25", "target", "more than 20%", "", ""),
    ("IND-3", "2025/26", "target", "more than 25%", "", ""),
    ("IND-3", "2024/25", "actual", "24%", "Kiln Hill", ""),
    ("IND-3", "2024/25", "actual", "21%", "Mill Lane", ""),
    ("IND-3", "2024/25", "actual", "14%", "Sowden Park", ""),
    ("IND-3", "2024/25", "actual", "9%", "Sowden Park", "age=16-24"),
    ("IND-3", "2024/25", "actual", "27%", "Mill Lane", "gender=female; ethnicity=Pakistani"),
    ("IND-4", "2023/24", "baseline", "4200", "", ""),
    ("IND-4", "2024/25", "target", "8000", "", ""),
    ("IND-4", "2025/26", "target", "12000", "", ""),
    ("IND-4", "2024/25", "actual", "9350", "", ""),
    ("IND-5", "2023/24", "baseline", "64%", "", ""),
    ("IND-5", "2023/24", "baseline", "48%", "Sowden Park", ""),
    ("IND-5", "2024/25", "target", "70%", "", ""),
    ("IND-5", "2024/25", "target", "60%", "Sowden Park", ""),
    ("IND-5", "2024/25", "actual", "71%", "Kiln Hill", ""),
    ("IND-5", "2024/25", "actual", "69%", "Mill Lane", ""),
    ("IND-5", "2024/25", "actual", "51%", "Sowden Park", ""),
    ("IND-5", "2024/25", "actual", "58%", "", "ethnicity=Pakistani"),
    ("IND-5", "2024/25", "actual", "62%", "", "gender=female"),
    ("IND-6", "2022/23", "baseline", "about 9%", "", ""),
    ("IND-6", "2024/25", "target", "at least 12%", "", ""),
    ("IND-6", "2025/26", "target", "15%", "", ""),
    ("IND-6", "2024-09", "actual", "10.1%", "", ""),
    ("IND-6", "2024/25", "actual", "10.4%", "", ""),
)  # fmt: skip


def _split(text: str, sep: str = ";") -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(sep) if p.strip())


def actions(organisations: Iterable[Organisation]) -> tuple[Action, ...]:
    """The action plan; ``*`` in a lead list stands for :data:`UNLINKED_LEAD`."""
    names = {o.id: o.name for o in organisations}
    result: list[Action] = []
    for ref, theme, text, milestones, leads, outcome, status, measures, recs in _ACTIONS:
        result.append(
            Action(
                ref=ref,
                action=text,
                theme=theme,
                milestones=tuple(Milestone(m, PartialDate.parse(due)) for m, due in milestones),
                lead=tuple(
                    Lead(UNLINKED_LEAD, None) if lead == "*" else Lead(names[lead], lead)
                    for lead in leads.split()
                ),
                outcome=outcome,
                status=ActionStatus(status),
                measures=_split(measures),
                recommendations=_split(recs),
                updates=tuple(
                    ActionUpdate(
                        PartialDate.parse(date), ActionStatus(said) if said else None, note
                    )
                    for date, said, note in _UPDATES.get(ref, ())
                ),
            )
        )
    return tuple(result)


def indicators() -> tuple[Indicator, ...]:
    """The performance indicators the partnership tracks."""
    return tuple(
        Indicator(
            id=id_,
            name=name,
            type=type_,
            unit=unit,
            direction=Direction(direction),
            responsible=responsible,
        )
        for id_, name, type_, unit, direction, responsible in _INDICATORS
    )


def observations() -> tuple[Observation, ...]:
    """Baselines, targets and actual values of the indicators."""
    return tuple(
        Observation(
            indicator=indicator,
            period=period,
            kind=ObservationKind(kind),
            value=Quantity.parse(value),
            area=area or PLACE,
            breakdown=parse_breakdown(breakdown),
        )
        for indicator, period, kind, value, area, breakdown in _OBSERVATIONS
    )
