"""The evidence of the demo study, as the assessors coded it, grouped by source.

Each item is one point an assessor noted from an interview, a focus group, a desk review,
the relationship survey or a meeting observed, coded to the measures it bears on with a
polarity (strength ``+``, weakness ``-``, neither ``0``) and a weight from 1 to 3.
"""

from __future__ import annotations

from communitydna.snapshot import Evidence, PartialDate, Polarity

__all__ = ["evidence"]

# key: (source, date)
_SOURCES: dict[str, tuple[str, str]] = {
    "cvs": ("Interview: CVS chief executive", "2023-11-07"),
    "nbh": ("Interview: council neighbourhoods manager", "2023-11-09"),
    "tra": ("Interview: tenants' association chair", "2023-11-14"),
    "trust": ("Interview: development trust manager", "2023-11-16"),
    "forum": ("Interview: business forum chair", "2023-11-21"),
    "food": ("Interview: food manufacturer site manager", "2023-11-23"),
    "police": ("Interview: police neighbourhood inspector", "2023-11-28"),
    "gp": ("Interview: GP practice manager", "2023-12-05"),
    "head": ("Interview: head teacher, secondary academy", "2023-12-06"),
    "mosque": ("Interview: mosque committee secretary", "2023-12-12"),
    "cu": ("Interview: credit union manager", "2024-01-09"),
    "ha": ("Interview: housing association community investment lead", "2024-01-11"),
    "jcp": ("Interview: jobcentre partnership manager", "2024-01-16"),
    "youth": ("Interview: youth club volunteer coordinator", "2024-01-18"),
    "traders": ("Interview: traders' association secretary", "2024-01-23"),
    "cllr": ("Interview: ward councillor", "2024-01-25"),
    "energy": ("Interview: community energy co-operative director", "2024-01-30"),
    "ph": ("Interview: public health consultant", "2024-02-01"),
    "fire": ("Interview: fire station watch manager", "2024-02-02"),
    "fg-bme": ("Focus group: BME-led community groups", "2024-02-06"),
    "fg-biz": ("Focus group: small businesses (Kiln Hill and Mill Lane)", "2024-02-08"),
    "fg-young": ("Focus group: young people (Sowden Park)", "2024-02-13"),
    "fg-older": ("Focus group: older residents (Kiln Hill)", "2024-02-15"),
    "plan": ("Desk review: Tarnley Local Plan 2021–2036", "2023-10"),
    "nap": ("Desk review: Calderholme Neighbourhood Action Plan 2022", "2023-10"),
    "spend": ("Desk review: council procurement spend data 2022/23", "2023-12"),
    "imd": ("Desk review: Index of Multiple Deprivation 2019", "2023-10"),
    "jsna": ("Desk review: Joint Strategic Needs Assessment, East Tarnley profile", "2023-10"),
    "climate": ("Desk review: Tarnley Climate Emergency Action Plan 2022", "2024-01"),
    "registers": ("Desk review: Charity Commission and Companies House registers", "2023-10"),
    "press": ("Desk review: Tarnley Courier archive 2023", "2024-01"),
    "tensions": ("Desk review: community tension reports, April 2023 to March 2024", "2024-03"),
    "survey": ("Survey: relationship survey returns", "2024-02"),
    "obs-vcs": ("Observation: Calderholme VCS Forum", "2024-01-24"),
    "obs-cp": ("Observation: Calderholme Community Partnership", "2024-03-05"),
}

_POLARITY = {"+": Polarity.POSITIVE, "-": Polarity.NEGATIVE, "0": Polarity.NEUTRAL}

# Items that name or identify individuals; left out of public reports.
_CONFIDENTIAL = frozenset({"E035", "E048", "E062"})

# (id, source key, measures, polarity, weight, organisations, text)
_ITEMS: tuple[tuple[str, str, str, str, int, str, str], ...] = (
    ("E001", "cvs", "social", "+", 3, "cvs",
     "The VCS Forum has 61 groups on its list and usually 25 to 30 in the room; the chief "
     "executive called it 'the one place the small groups and the big charities meet'."),
    ("E002", "cvs", "social", "-", 2, "cvs",
     "Nine of the groups given CVS small grants in 2022 had folded or gone dormant by late "
     "2023; most depended on one or two volunteers."),
    ("E003", "cvs", "social-public", "+", 2, "cvs council-nbh",
     "The council's infrastructure grant to the CVS was renewed for three years from April "
     "2024, the first settlement longer than a year since 2015."),
    ("E004", "cvs", "social-commercial", "-", 2, "cvs",
     "Could not name a business that had approached the CVS in the past year; employer "
     "volunteering 'comes and goes with whoever is in HR'."),
    ("E005", "cvs", "governance", "0", 1, "cvs",
     "Expects the combined authority's new community grants to be routed through the CVS, "
     "but has seen no criteria or timetable."),
    ("E006", "nbh", "public", "-", 3, "council-nbh",
     "The neighbourhoods team has gone from seven officers in 2015 to three covering all "
     "four wards; ward budgets fell from £20,000 to £8,000 a ward."),
    ("E007", "nbh", "social-public", "+", 2, "council-nbh police tarnleyhomes pmha cvs devtrust",
     "The Community Partnership brings police, both landlords, the CVS and the trust together "
     "quarterly. The manager cited the joint response to the 2022 Mill Lane cellar floods as "
     "the partnership at its best."),
    ("E008", "nbh", "social-public", "-", 2, "council-nbh",
     "Manager acknowledged 'we mostly hear from the same dozen groups'; the team holds no "
     "contact for the Roma or Eritrean communities."),
    ("E009", "nbh", "governance", "-", 2, "council-nbh members",
     "Since 2022 ward budget spending needs sign-off from the central finance team; "
     "decisions that took two weeks now take about three months."),
    ("E010", "tra", "social-public", "-", 3, "tra-sowden council-nbh tarnleyhomes",
     "Residents were 'consulted to death' on the Sowden Park regeneration, then read the "
     "preferred option in the Courier before the association had seen it."),
    ("E011", "tra", "social", "+", 2, "tra-sowden mutual-sowden",
     "The mutual aid group formed in March 2020 still runs a weekly shop-and-drop for about "
     "30 households and shares volunteers with the association."),
    ("E012", "tra", "social-public; health", "-", 2, "tra-sowden pmha tarnleyhomes towers",
     "The association has logged 143 outstanding repairs across both landlords; the Sowden "
     "Towers lift was out for five weeks last winter, trapping two wheelchair users."),
    ("E013", "tra", "identity", "+", 1, "tra-sowden friends-park",
     "People still call the estate 'the Park'; the gala, revived in 2022, drew about 800."),
    ("E014", "trust", "social-commercial", "+", 3, "devtrust holroyd tebf",
     "Holroyd's community fund has given the trust £15,000 a year since 2018, and the "
     "business forum meets at Mill Lane Works with the trust's manager on its board."),
    ("E015", "trust", "commercial; social", "+", 2, "devtrust loomworks",
     "Mill Lane Works is 92% let: 21 tenants, nine of them businesses started by local "
     "residents in the last five years."),
    ("E016", "trust", "social", "-", 2, "devtrust cvs",
     "Relations with the CVS are 'polite but competitive' since both bid for the same "
     "lottery programme in 2022; the trust has stopped sending staff to the VCS Forum."),
    ("E017", "trust", "environment", "+", 1, "devtrust",
     "Gas use at the mill fell by about a third after the 2022 heat-pump and insulation works."),
    ("E018", "forum", "commercial", "-", 3, "tebf khta holroyd",
     "The forum has 15 paying members, nearly all on the Ravensby estate: 'the high street "
     "doesn't come, and we've stopped asking'."),
    ("E019", "forum", "public-commercial", "+", 2, "tebf council-econ college",
     "Quarterly meetings with economic development officers; the forum's skills group shaped "
     "the college's new engineering maintenance course."),
    ("E020", "forum", "social-commercial", "-", 2, "tebf cvs",
     "Members 'want to help but don't know who to ring'; none of the board could name the CVS."),
    ("E021", "forum", "governance", "-", 1, "tebf",
     "The rates revaluation and the end of enterprise zone relief were named as the biggest "
     "risks; members feel unheard by the combined authority."),
    ("E022", "food", "commercial", "-", 2, "brightwater",
     "Ownership passed to an overseas parent in 2021; investment decisions are made abroad "
     "and the site 'has to fight for every pound'."),
    ("E023", "food", "public-commercial", "+", 2, "brightwater jcp",
     "A sector-based work academy run with the jobcentre has placed 38 local people since "
     "2022; 27 were still in work six months later."),
    ("E024", "food", "social-commercial", "-", 2, "brightwater foodbank",
     "Surplus food deliveries to the food bank stopped in June 2022 when the waste contract "
     "changed; nobody on site now owns the relationship."),
    ("E025", "food", "environment", "-", 1, "brightwater council-env",
     "Night-time lorry movements and trade effluent are the main complaints from Mill Lane; "
     "the site has no community liaison group."),
    ("E026", "police", "public", "+", 2, "police council-nbh library",
     "Sharing the library building with the neighbourhoods team since 2017 'means we sort "
     "things over a brew rather than by email'."),
    ("E027", "police", "social-public", "-", 2, "police tra-sowden",
     "PACT meetings on Sowden Park draw fewer than ten residents and have become a place to "
     "complain about response times."),
    ("E028", "police", "identity", "-", 2, "police",
     "Far-right leafleting in Sowden Park in September and October 2023 coincided with a "
     "rise in reported hate incidents."),
    ("E029", "gp", "health", "-", 3, "gp-mill cmht",
     "List of 9,400 patients with a high rate of antidepressant prescribing; the wait for "
     "talking therapies is 19 weeks."),
    ("E030", "gp", "health; social-public", "+", 2, "gp-mill pcn cvs",
     "Social prescribing link workers hosted by the CVS took 412 referrals in 2022/23; the "
     "practice manager called them 'the best thing the PCN has done'."),
    ("E031", "head", "public", "+", 2, "sch-calder sch-mill sch-sowden",
     "The schools partnership runs a joint attendance and inclusion programme across all "
     "seven schools, with a shared education welfare officer."),
    ("E032", "head", "health", "-", 2, "sch-calder",
     "A quarter of pupils are eligible for free school meals; staff fund a Monday breakfast "
     "club themselves."),
    ("E033", "head", "social-public", "+", 1, "sch-calder boxing",
     "The boxing club runs a lunchtime programme for Year 9 boys at risk of exclusion; "
     "exclusions in that group halved in a year."),
    ("E034", "mosque", "social", "+", 2, "mosque bangla-elders pak-women",
     "The mosque hosts the Bangladeshi elders' lunch club, the Pakistani women's group and a "
     "homework club: 'every room is used every day'."),
    ("E035", "mosque", "social-public", "-", 3, "mosque police",
     "After the stop-and-search outside the mosque in August 2023 the committee suspended its "
     "place on the police advisory group. The secretary described the officers' conduct in "
     "detail and asked that it not be quoted."),
    ("E036", "mosque", "social-commercial", "+", 1, "mosque rehman noor foodbank",
     "Mill Lane businesses sponsor the Ramadan iftar meals and the cash and carry supplies "
     "the mosque's food bank collection at cost."),
    ("E037", "mosque", "identity", "+", 2, "mosque stmarys-church sikh",
     "The interfaith forum at St Mary's has met monthly since 2011; after the leafleting it "
     "organised a walk of about 300 people through Sowden Park."),
    ("E038", "cu", "social-commercial", "+", 2, "creditunion holroyd ncbank",
     "The Holroyd payroll savings scheme has 84 members, and the bank's branch manager sits "
     "on the credit union board and refers declined loan applicants."),
    ("E039", "cu", "commercial", "-", 2, "ncbank",
     "Northern Counties Bank now opens three days a week; it is the last bank in Calderholme "
     "and its closure is 'a matter of when'."),
    ("E040", "cu", "health", "-", 1, "creditunion",
     "Doorstep and illegal lending is rising on Sowden Park; new members often owe three or "
     "four lenders at once."),
    ("E041", "ha", "social", "+", 2, "pmha",
     "The association's community investment fund made 31 grants in 2022/23, £46,000 in all, "
     "most to groups in Sowden Park."),
    ("E042", "ha", "social-commercial; environment", "+", 2, "pmha garside secondchance",
     "The Garside retrofit contract carries social value clauses: two local apprentices and "
     "furniture packs bought from Second Chance Furniture."),
    ("E043", "ha", "social-public", "-", 2, "pmha tarnleyhomes tra-sowden",
     "After 18 months the joint regeneration board has not agreed a decant policy; the "
     "residents' representatives walked out in March 2024."),
    ("E044", "jcp", "public-commercial", "+", 2, "jcp holroyd brightwater",
     "Named account managers for Holroyd and Brightwater; the two firms took 61 claimants "
     "into work in 2022/23."),
    ("E045", "jcp", "public", "-", 2, "jcp library",
     "The jobcentre left Calderholme for the town centre in 2021; its outreach is one morning "
     "a week at the library."),
    ("E046", "jcp", "social-public", "+", 1, "jcp freshstart",
     "Fresh Start takes about 15 referrals a month and is the jobcentre's main route into "
     "work for people with convictions."),
    ("E047", "youth", "social", "-", 3, "youthclub council-youth",
     "The club opens two nights a week on volunteers alone since council funding stopped in "
     "2019; the coordinator pays the insurance from tuck shop takings."),
    ("E048", "youth", "social-public", "-", 2, "youthclub council-youth",
     "Coordinator said the youth service 'turned up once in 2023, to take photos', and named "
     "the officer concerned."),
    ("E049", "youth", "health", "0", 1, "youthclub",
     "Young people at the club talk more about vaping and money worries than about drugs."),
    ("E050", "traders", "commercial", "-", 3, "khta",
     "Membership has fallen from about 60 shops in 2015 to 22; eleven units on Kiln Hill Road "
     "stand empty."),
    ("E051", "traders", "public-commercial", "-", 2, "khta council-nbh",
     "Traders blame the 2022 parking charges for lost footfall; the association and the "
     "council have not met since the pedestrianisation trial ended."),
    ("E052", "traders", "commercial", "-", 1, "khta tebf",
     "The relationship with the business forum is 'non-existent': the forum is 'for the "
     "industrial estate'."),
    ("E053", "cllr", "governance", "+", 2, "members",
     "The area committee now hands its small grants decisions to a residents' panel, the "
     "first in Tarnley to do so."),
    ("E054", "cllr", "governance", "-", 2, "members",
     "Decisions about Calderholme are made by the combined authority and the cabinet with "
     "'no one from the east side in the room'."),
    ("E055", "energy", "environment", "+", 2, "energy devtrust greenfix",
     "The co-operative has 212 members and 180 kW of rooftop solar on the mill and two "
     "schools; its surplus pays for an energy advice service."),
    ("E056", "energy", "environment; social-public", "-", 2, "energy council-env",
     "The lease of council roofs has been 'in legal' for two years, leaving £90,000 of member "
     "shares undeployed."),
    ("E057", "energy", "social-commercial", "+", 1, "energy greenfix holroyd",
     "A joint venture with Greenfix installs and maintains the panels; Holroyd has agreed in "
     "principle to a scheme on the foundry roofs."),
    ("E058", "ph", "health", "-", 3, "council-ph",
     "Healthy life expectancy for men in Sowden Park is 54 years, 14 below the Tarnley "
     "average."),
    ("E059", "ph", "health", "+", 2, "council-ph opendoor menshed",
     "Public health funds Open Door Wellbeing and the men's shed under the suicide prevention "
     "plan; both reach men who do not see their GP."),
    ("E060", "ph", "public", "+", 1, "familyhub council-ph",
     "The new family hub brings health visiting, early help and infant feeding support under "
     "one roof."),
    ("E061", "fg-bme", "social-public", "-", 3, "roma kurdish somali eritrean bangla-elders",
     "Four of the seven groups present had never heard of the neighbourhoods team; two had "
     "applied for council grants and been told their constitution was not in order."),
    ("E062", "fg-bme", "social", "-", 2, "eritrean",
     "The Eritrean group meets in a member's flat after church; with no bank account or "
     "constitution it cannot receive a grant. The organiser's immigration status was "
     "discussed."),
    ("E063", "fg-bme", "social", "+", 2, "somali womens-centre mosque bangla-elders",
     "Groups help each other informally: the women's centre lends the Somali mothers a room "
     "and the mosque hosts the Bangladeshi elders free of charge."),
    ("E064", "fg-bme", "identity", "-", 2, "roma",
     "Roma parents described being refused service in two shops and being 'moved on' from "
     "the park by other residents."),
    ("E065", "fg-bme", "identity", "+", 1, "afcarib library arts",
     "Participants were proud of the African Caribbean heritage exhibition at the library in "
     "October 2023."),
    ("E066", "fg-bme", "social-public", "-", 2, "kurdish council-nbh",
     "The Kurdish association's cohesion grant ended in 2019 and nobody from the council has "
     "been in touch since."),
    ("E067", "fg-biz", "commercial; social-commercial", "+", 2, "noor rehman shahtravel mosque",
     "Mill Lane traders describe a close, mostly informal network through the mosque: "
     "sponsorship, shared deliveries, cover for each other at Eid."),
    ("E068", "fg-biz", "public-commercial", "-", 2, "council-procure garside",
     "None of the nine businesses present had bid for a council contract; the portal is "
     "'built for Garside, not for us'."),
    ("E069", "fg-biz", "commercial", "-", 1, "khta",
     "Card-only parking meters and the loss of the post office counter were both blamed for "
     "losing older customers."),
    ("E070", "fg-biz", "environment", "0", 1, "",
     "Some interest in the business retrofit grants, but 'nobody explains it in plain English'."),
    ("E071", "fg-young", "health", "-", 2, "youthclub youngvoices",
     "Nowhere to go after 8pm, vaping and money worries came up first; three of eleven knew "
     "someone who had been threatened with a knife."),
    ("E072", "fg-young", "identity", "-", 2, "",
     "Several said Sowden Park 'has a name' and that they leave the address off job "
     "applications."),
    ("E073", "fg-young", "social; governance", "+", 1, "youngvoices members",
     "Young Voices surveyed 200 young people and presented the results to the area committee."),
    ("E074", "fg-older", "social", "+", 2, "over60s neighbours-kiln transport",
     "The over-60s club, the neighbours network and community transport between them get "
     "'about forty people out of the house every week'."),
    ("E075", "fg-older", "public; health", "-", 2, "gp-kiln",
     "Getting a GP appointment at Kiln Hill is hard: 'you ring at eight and it's gone by five "
     "past'."),
    ("E076", "fg-older", "identity", "+", 1, "history library holroyd",
     "Strong memories of the mills and the Holroyd works; the history society's talks at the "
     "library draw 40 to 50 people."),
    ("E077", "plan", "environment", "-", 2, "council-econ",
     "Allocates 14 hectares of Ravensby greenfield for warehousing with no green "
     "infrastructure requirement beyond the standard buffer."),
    ("E078", "plan", "public-commercial", "+", 1, "council-econ college",
     "Names Ravensby a strategic employment site and commits to a skills plan with the "
     "college."),
    ("E079", "nap", "governance", "0", 1, "council-nbh",
     "The plan has 34 actions; 11 have no named lead and none is dated later than March 2023."),
    ("E080", "nap", "social-public", "+", 1, "council-nbh cvs",
     "Co-produced with 19 community groups through three workshops run with the CVS."),
    ("E081", "spend", "public-commercial", "-", 3, "council-procure northstar",
     "About 9% of the council's third-party spend in 2022/23 went to suppliers with a "
     "Calderholme postcode; Northstar lost the cleaning contract to a regional firm."),
    ("E082", "spend", "public-commercial; social-commercial", "-", 2, "council-procure garside",
     "Social value clauses appear in 4 of 27 contracts over £100,000, and only the Garside "
     "retrofit contract reports what they delivered."),
    ("E083", "imd", "health", "-", 2, "",
     "Three Sowden Park neighbourhoods are in the most deprived 5% in England; health "
     "deprivation and disability is the worst domain."),
    ("E084", "imd", "identity", "0", 1, "",
     "Mill Lane's neighbourhoods have moved up a decile since 2015 and Sowden Park's down one."),
    ("E085", "jsna", "health", "-", 2, "council-ph",
     "Adult obesity 31% and smoking 22% in East Tarnley, against 26% and 13% for England."),
    ("E086", "jsna", "health; social-public", "+", 1, "mosque gp-mill",
     "Childhood immunisation in Mill Lane is above 95% since the practice began holding "
     "clinics at the mosque."),
    ("E087", "climate", "environment; governance", "0", 1, "council-env",
     "A 2038 net zero target for the borough, but no neighbourhood actions or data for "
     "Calderholme."),
    ("E088", "climate", "environment", "-", 2, "council-env",
     "140 homes on Mill Lane are in flood zone 3; the 2022 cellar flooding hit 37 of them."),
    ("E089", "registers", "social", "+", 2, "",
     "54 social-sector organisations found in the four wards; 19 registered charities and six "
     "companies or societies, the rest unincorporated."),
    ("E090", "registers", "social", "-", 2, "",
     "No social-sector organisation is based in Ravensby; its 1,900 residents use groups in "
     "Mill Lane and Sowden Park."),
    ("E091", "survey", "social-commercial", "-", 3, "",
     "Of 31 social-sector organisations that answered, 22 reported no relationship of any "
     "kind with a business."),
    ("E092", "survey", "public", "+", 2, "",
     "Public bodies that answered named six ties to other public bodies on average, most "
     "through the community safety and schools partnerships."),
    ("E093", "survey", "commercial", "-", 2, "tebf khta",
     "Businesses that answered named the business forum or the traders' association as their "
     "only local tie, or none at all."),
    ("E094", "obs-vcs", "social", "+", 1, "cvs foodbank advice creditunion",
     "28 attended. The food bank, advice centre and credit union agreed a shared referral "
     "form during the cost-of-living item."),
    ("E095", "obs-vcs", "social", "-", 1, "cvs",
     "No BME-led group with an income under £10,000 was present; the agenda was set by CVS "
     "staff."),
    ("E096", "obs-cp", "governance", "+", 1, "council-nbh",
     "Agreed to add a residents' seat and to rotate the chair from April 2024."),
    ("E097", "obs-cp", "social-public", "-", 1, "tra-sowden council-nbh",
     "The regeneration programme took most of the meeting; the TRA chair left before the end."),
    ("E098", "tensions", "identity", "-", 2, "police csp",
     "Tension reports for Sowden Park rose from severity 1 or 2 in spring 2023 to 4 or 5 by "
     "January 2024."),
    ("E099", "fire", "", "0", 1, "fire over60s",
     "Safe and well visits are booked through the over-60s club; the station has offered its "
     "community room to any group that asks."),
    ("E100", "press", "", "0", 1, "holroyd",
     "Coverage of Calderholme in 2023 was dominated by rumours of Holroyd redundancies, which "
     "the company denied."),
    ("E101", "ha", "environment; health", "+", 2, "pmha garside",
     "240 homes in Sowden Park retrofitted since 2021; tenants report lower bills and fewer "
     "damp complaints."),
    ("E102", "nbh", "environment", "-", 1, "council-nbh council-env",
     "Fly-tipping reports in Sowden Park up 40% since the bulky waste charge came in."),
    ("E103", "ph", "governance", "-", 2, "pcn council-ph",
     "The integrated care board's locality plan has no Calderholme budget; PCN priorities are "
     "set for the whole town."),
    ("E104", "police", "public-commercial", "+", 1, "police retailpark freshways",
     "Retail park security and the police share radios and CCTV; shop theft on the park fell "
     "by a quarter in 2023."),
)  # fmt: skip


def evidence() -> tuple[Evidence, ...]:
    """All evidence items of the demo, in the order the assessors numbered them."""
    result: list[Evidence] = []
    for id_, source_key, measures, polarity, weight, organisations, text in _ITEMS:
        source, date = _SOURCES[source_key]
        result.append(
            Evidence(
                id=id_,
                text=text,
                source=source,
                date=PartialDate.parse(date),
                measures=tuple(m.strip() for m in measures.split(";") if m.strip()),
                polarity=_POLARITY[polarity],
                weight=weight,
                organisations=tuple(organisations.split()),
                confidential=id_ in _CONFIDENTIAL,
            )
        )
    return tuple(result)
