"""A year of monthly community tension reports in the demo study, April 2023 to March 2024.

Kiln Hill and Mill Lane stay mostly calm; Sowden Park climbs from nuisance to protest and
hate incidents over the autumn and winter, which is the pattern the partnership watches for:
the protest of October 2023 is what the early-warning rule flags.
"""

from __future__ import annotations

from communitydna.snapshot import PartialDate, TensionReport

__all__ = ["tensions"]

_POLICE = "Calderholme Neighbourhood Policing Team"
_NBH = "Tarnley Council Neighbourhoods Team (East)"
_HOMES = "Tarnley Homes"
_MOSQUE = "Mill Lane Jamia Mosque"
_TRA = "Sowden Park Tenants' and Residents' Association"
_WOMEN = "Sowden Park Women's Centre"
_TRADERS = "Kiln Hill Traders' Association"

_ASB = "anti-social behaviour"
_HATE = "hate incident"
_COHESION = "community cohesion"
_PROTEST = "protest"
_DAMAGE = "criminal damage"

# (month, ward, reported by, category, severity, summary)
_REPORTS: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("2023-04", "Sowden Park", _POLICE, _ASB, 1,
     "Low-level nuisance from young people around the Sowden Parade shops in the evenings."),
    ("2023-04", "Mill Lane", _MOSQUE, _COHESION, 1,
     "Eid in Mill Lane Park passed off well with stewards from the mosque and the police."),
    ("2023-04", "Kiln Hill", _NBH, _ASB, 1,
     "Street drinking near the library; two people referred to outreach."),
    ("2023-05", "Sowden Park", _HOMES, _DAMAGE, 2,
     "Bin stores set alight at Sowden Towers on three nights; residents link it to the youth "
     "club's reduced hours."),
    ("2023-05", "Mill Lane", _NBH, _COHESION, 2,
     "Parking disputes around Friday prayers; a joint letter to residents agreed with the "
     "mosque."),
    ("2023-05", "Kiln Hill", _POLICE, _ASB, 1, "Begging outside the bank on market days."),
    ("2023-06", "Sowden Park", _NBH, _COHESION, 1, "Park gala went well; about 800 came."),
    ("2023-06", "Mill Lane", _POLICE, _DAMAGE, 1,
     "Allotment sheds broken into; nothing to suggest anyone was targeted."),
    ("2023-06", "Kiln Hill", _TRADERS, _PROTEST, 2,
     "Traders protested against the new parking charges outside the council office; peaceful."),
    ("2023-06", "Ravensby", _NBH, _PROTEST, 2,
     "Residents of the Ravensby cottages demonstrated on the proposed warehouse site."),
    ("2023-07", "Sowden Park", _POLICE, _ASB, 2,
     "Off-road bikes on the playing fields; complaints to councillors."),
    ("2023-07", "Mill Lane", _NBH, _COHESION, 2,
     "Petition about night-time lorries to Brightwater handed in by the residents' "
     "association."),
    ("2023-07", "Kiln Hill", _POLICE, _ASB, 1, "Quiet month; Shopwatch reports down."),
    ("2023-08", "Sowden Park", _TRA, _COHESION, 2,
     "Rumours on a local social media group that empty flats will go to asylum seekers; the "
     "association asked the council for the facts."),
    ("2023-08", "Mill Lane", _MOSQUE, _COHESION, 3,
     "A stop-and-search of three young men outside the mosque was filmed and widely shared; "
     "anger after evening prayers. The inspector met the committee."),
    ("2023-08", "Kiln Hill", _TRADERS, _ASB, 1,
     "Shoplifting at the pharmacy and the bakery; Shopwatch radios working well."),
    ("2023-09", "Sowden Park", _POLICE, _HATE, 3,
     "Far-right leaflets through doors on the estate; two racially aggravated incidents "
     "against Roma families."),
    ("2023-09", "Mill Lane", _POLICE, _COHESION, 2,
     "The mosque committee withdrew from the police advisory group; calm on the street."),
    ("2023-09", "Kiln Hill", _NBH, _HATE, 2,
     "Anti-migrant stickers on lampposts around the library; removed within a day."),
    ("2023-10", "Sowden Park", _POLICE, _PROTEST, 5,
     "About 60 people protested outside the Parkway Hotel, which houses asylum seekers; a "
     "smaller vigil by the interfaith forum; one arrest."),
    ("2023-10", "Mill Lane", _MOSQUE, _HATE, 2,
     "Eggs thrown from a passing car at people leaving evening prayers; the car was traced."),
    ("2023-10", "Kiln Hill", _POLICE, _ASB, 1, "Halloween passed without incident."),
    ("2023-10", "Ravensby", _POLICE, _ASB, 1,
     "Car cruising on the retail park on Friday nights; the managers have added barriers."),
    ("2023-11", "Sowden Park", _NBH, _HATE, 4,
     "Graffiti aimed at Roma families on two garage blocks; one family asked for a transfer."),
    ("2023-11", "Mill Lane", _POLICE, _ASB, 1,
     "Fireworks in the back alleys around Bonfire Night; usual for the season."),
    ("2023-11", "Kiln Hill", _NBH, _ASB, 2,
     "Young people moved on from Sowden Parade now gather in the library after school; staff "
     "are coping."),
    ("2023-12", "Sowden Park", _HOMES, _DAMAGE, 3,
     "Quieter over Christmas, but windows broken at the flat the mutual aid group uses."),
    ("2023-12", "Mill Lane", _MOSQUE, _COHESION, 2,
     "The mosque cancelled an open evening on security advice after the Sowden Park protest."),
    ("2023-12", "Kiln Hill", _NBH, _COHESION, 1, "Christmas market busy and calm."),
    ("2024-01", "Sowden Park", _POLICE, _COHESION, 4,
     "Social media posts wrongly named a family for a street robbery; officers visited to "
     "reassure them."),
    ("2024-01", "Mill Lane", _NBH, _COHESION, 1,
     "Interfaith walk from St Mary's to the mosque, about 300 people; good local coverage."),
    ("2024-01", "Kiln Hill", _POLICE, _DAMAGE, 1,
     "Break-in at the Methodist church; nothing to suggest it was targeted."),
    ("2024-02", "Sowden Park", _POLICE, _PROTEST, 5,
     "A second protest at the Parkway Hotel drew about 150 people, many from outside Tarnley; "
     "bottles thrown and three arrests."),
    ("2024-02", "Mill Lane", _MOSQUE, _COHESION, 2,
     "Extra patrols at Friday prayers after the hotel protest, at the mosque's request."),
    ("2024-02", "Kiln Hill", _TRADERS, _COHESION, 2,
     "Some protesters drank in Kiln Hill pubs afterwards; one landlord asked a group to leave."),
    ("2024-02", "Ravensby", _POLICE, _COHESION, 2,
     "Protest leaflets left on cars at the retail park; security removed them."),
    ("2024-03", "Sowden Park", _WOMEN, _HATE, 4,
     "Women wearing the hijab report verbal abuse at the Sowden Parade bus stop; the women's "
     "centre is collecting accounts."),
    ("2024-03", "Mill Lane", _MOSQUE, _COHESION, 1,
     "Ramadan began calmly; a shared iftar with St Mary's and the Sikh Sangat."),
    ("2024-03", "Kiln Hill", _POLICE, _ASB, 1, "Quiet month."),
)  # fmt: skip


def tensions() -> tuple[TensionReport, ...]:
    """The monthly reports, oldest first."""
    return tuple(
        TensionReport(
            date=PartialDate.parse(month),
            area=ward,
            reported_by=reported_by,
            category=category,
            severity=severity,
            summary=summary,
        )
        for month, ward, reported_by, category, severity, summary in _REPORTS
    )
