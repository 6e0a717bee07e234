# The tables keep one row to a line, which reads better than wrapped rows.
# ruff: noqa: E501
"""The organisations of the demo study: Calderholme, on the east side of Tarnley.

Four wards: Kiln Hill (the old town-centre edge and high street), Mill Lane (Victorian
terraces around the former mills, home to most of the South Asian community), Sowden Park
(a 1960s estate) and Ravensby (the industrial estate and retail park, where few people
live and no social-sector organisation is based).
"""

from __future__ import annotations

from communitydna.framework import Sector
from communitydna.snapshot import Organisation, Size

__all__ = ["WARDS", "organisations"]

KILN_HILL = "Kiln Hill"
MILL_LANE = "Mill Lane"
SOWDEN_PARK = "Sowden Park"
RAVENSBY = "Ravensby"
WARDS: tuple[str, ...] = (KILN_HILL, MILL_LANE, SOWDEN_PARK, RAVENSBY)

# Tarnley's postcode area is invented (no real area uses TY); one district per ward.
_DISTRICT = {KILN_HILL: "TY2", MILL_LANE: "TY3", SOWDEN_PARK: "TY4", RAVENSBY: "TY5"}
# Letters a real inward code may use.
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

_K, _M, _S, _R = KILN_HILL, MILL_LANE, SOWDEN_PARK, RAVENSBY

# (id, name, type, ward, size, led by, identifier)
_Row = tuple[str, str, str, str, str, str, str]

_PUBLIC: tuple[_Row, ...] = (
    ("council-nbh", "Tarnley Council Neighbourhoods Team (East)", "local authority", _K, "medium", "", ""),
    ("council-econ", "Tarnley Council Economic Development and Regeneration", "local authority", _K, "medium", "", ""),
    ("council-procure", "Tarnley Council Procurement and Commissioning", "local authority", _K, "medium", "", ""),
    ("council-asc", "Tarnley Council Adult Social Care (East Locality)", "local authority", _K, "large", "", ""),
    ("council-youth", "Tarnley Council Youth Service", "local authority", _S, "small", "", ""),
    ("council-env", "Tarnley Council Environment and Climate Team", "local authority", _K, "small", "", ""),
    ("council-ph", "Tarnley Council Public Health", "local authority", _K, "small", "", ""),
    ("members", "Calderholme Area Committee", "elected members", _K, "micro", "", ""),
    ("csp", "Tarnley Community Safety Partnership", "statutory partnership", _K, "small", "", ""),
    ("gp-mill", "Mill Lane Medical Practice", "GP practice", _M, "medium", "", ""),
    ("gp-sowden", "Sowden Park Surgery", "GP practice", _S, "small", "", ""),
    ("gp-kiln", "Kiln Hill Health Centre", "GP practice", _K, "medium", "", ""),
    ("pcn", "Calderholme Primary Care Network", "primary care network", _K, "medium", "", ""),
    ("cmht", "East Tarnley Community Mental Health Team", "NHS mental health service", _K, "medium", "", ""),
    ("familyhub", "Sowden Park Family Hub", "family hub", _S, "small", "", ""),
    ("sch-stmarys", "St Mary's C of E Primary School", "primary school", _K, "small", "", "GB-EDU-148213"),
    ("sch-mill", "Mill Lane Primary Academy", "primary school", _M, "medium", "", "GB-EDU-141907"),
    ("sch-sowden", "Sowden Park Primary School", "primary school", _S, "medium", "", "GB-EDU-107726"),
    ("sch-brook", "Brookside Infant and Nursery School", "primary school", _K, "small", "", ""),
    ("sch-stjoseph", "St Joseph's Catholic Primary School", "primary school", _M, "small", "", "GB-EDU-107790"),
    ("sch-calder", "Calderholme Academy", "secondary school", _S, "large", "", "GB-EDU-139054"),
    ("sch-special", "Pennine View Special School", "special school", _K, "small", "", ""),
    ("college", "Tarnley College, Ravensby Campus", "further education college", _R, "large", "", ""),
    ("police", "Calderholme Neighbourhood Policing Team", "police", _K, "small", "", ""),
    ("fire", "Ravensby Fire Station", "fire and rescue", _R, "small", "", ""),
    ("jcp", "Tarnley East Jobcentre", "employment service", _K, "medium", "", ""),
    ("tarnleyhomes", "Tarnley Homes", "council housing management", _S, "large", "", ""),
    ("library", "Kiln Hill Library and Community Hub", "library", _K, "small", "", ""),
    ("leisure", "Calderholme Leisure Centre", "leisure centre", _S, "small", "", ""),
    ("probation", "Tarnley Probation Delivery Unit", "probation service", _K, "small", "", ""),
)  # fmt: skip

_COMMERCIAL: tuple[_Row, ...] = (
    ("holroyd", "Holroyd Precision Castings Ltd", "manufacturer (large employer)", _R, "large", "", "GB-COH-00418862"),
    ("brightwater", "Brightwater Foods Ltd", "food manufacturer", _R, "large", "", "GB-COH-03957214"),
    ("freshways", "FreshWays Superstore Ravensby", "supermarket", _R, "large", "", ""),
    ("ncbank", "Northern Counties Bank, Kiln Hill branch", "bank branch", _K, "small", "", ""),
    ("tebf", "Tarnley East Business Forum", "business forum", _K, "micro", "", "GB-COH-07730145"),
    ("khta", "Kiln Hill Traders' Association", "chamber of trade", _K, "micro", "", ""),
    ("garside", "Garside Construction Ltd", "construction contractor", _R, "medium", "", "GB-COH-02281967"),
    ("moorline", "Moorline Facilities Services Ltd", "facilities contractor", _R, "medium", "", "GB-COH-06604318"),
    ("ellison", "Ellison Groundworks and Landscaping", "landscaping contractor", _S, "small", "", ""),
    ("kellet", "Kellet Engineering Ltd", "engineering SME", _R, "small", "", "GB-COH-01894470"),
    ("ravprint", "Ravensby Print and Packaging Ltd", "packaging SME", _R, "small", "", ""),
    ("pennlog", "Pennine Freight and Logistics Ltd", "logistics SME", _R, "medium", "", ""),
    ("pstaff", "Pennine Staffing Solutions", "recruitment agency", _K, "small", "", ""),
    ("retailpark", "Ravensby Retail Park Management Ltd", "property management", _R, "micro", "", ""),
    ("buildmerch", "Tarnley Builders' Merchants", "trade supplier", _R, "medium", "", ""),
    ("greenfix", "Greenfix Retrofit Ltd", "insulation and solar installer", _R, "small", "", "GB-COH-11872093"),
    ("sowmotors", "Sowden Motors", "garage", _S, "micro", "", ""),
    ("northstar", "Northstar Cleaning Services", "cleaning contractor", _S, "small", "", ""),
    ("bakery", "Millstone Bakery", "bakery", _K, "micro", "", ""),
    ("pharmacy", "Kiln Hill Pharmacy", "pharmacy", _K, "small", "", ""),
    ("cafe", "The Loom Café", "café", _K, "micro", "", ""),
    ("hardware", "Kiln Hill Hardware", "shop", _K, "micro", "", ""),
    ("noor", "Noor Halal Meats", "butcher", _M, "micro", "", ""),
    ("rehman", "Rehman Cash and Carry", "wholesaler", _M, "small", "", ""),
    ("shahtravel", "Shah Travel and Money Transfer", "travel agent", _M, "micro", "", ""),
    ("taxis", "Tarnley Star Taxis", "taxi firm", _M, "small", "", ""),
    ("weavers", "The Weavers Arms", "pub", _S, "micro", "", ""),
    ("shuttle", "The Shuttle and Loom", "pub", _K, "micro", "", ""),
    ("enginehouse", "The Engine House", "pub", _M, "small", "", ""),
    ("salon", "Curl Up and Dye", "hair salon", _S, "micro", "", ""),
    ("lettings", "Hartley and Booth Lettings", "letting agent", _K, "small", "", ""),
    ("solicitors", "Mistry and Co Solicitors", "solicitors", _M, "small", "", ""),
    ("nursery", "Little Acorns Day Nursery Ltd", "childcare", _K, "small", "", ""),
    ("carehome", "Larchfield Care Home", "care home", _S, "medium", "", ""),
    ("loomworks", "Loomworks Digital Ltd", "digital agency", _M, "micro", "", ""),
)  # fmt: skip

_SOCIAL: tuple[_Row, ...] = (
    ("cvs", "Tarnley Voluntary Action", "infrastructure body (CVS)", _K, "medium", "", "GB-CHC-1098234"),
    ("devtrust", "Calderholme Development Trust", "development trust", _M, "medium", "", "GB-COH-05512873"),
    ("creditunion", "Tarnley and District Credit Union", "credit union", _K, "small", "", ""),
    ("foodbank", "Calderholme Food Bank", "food bank", _S, "small", "faith", "GB-CHC-1163310"),
    ("pmha", "Pennine Moor Housing Association", "housing association", _S, "large", "", ""),
    ("tra-sowden", "Sowden Park Tenants' and Residents' Association", "tenants' and residents' association", _S, "micro", "", ""),
    ("tra-mill", "Mill Lane Residents' Association", "tenants' and residents' association", _M, "micro", "", ""),
    ("tra-kiln", "Kiln Hill Tenants' Association", "tenants' and residents' association", _K, "micro", "", ""),
    ("towers", "Sowden Towers Residents' Group", "residents' group", _S, "micro", "disabled people", ""),
    ("mosque", "Mill Lane Jamia Mosque", "faith group", _M, "medium", "bme; faith", "GB-CHC-1120457"),
    ("sikh", "Calderholme Sikh Sangat", "faith group", _M, "small", "bme; faith", "GB-CHC-1071533"),
    ("stmarys-church", "St Mary's Parish Church, Kiln Hill", "faith group", _K, "small", "faith", ""),
    ("methodist", "Kiln Hill Methodist Church", "faith group", _K, "micro", "faith", ""),
    ("newlife", "New Life Pentecostal Fellowship", "faith group", _S, "small", "bme; faith", ""),
    ("stjoseph", "St Joseph's Catholic Parish", "faith group", _M, "small", "faith", ""),
    ("youthclub", "Sowden Park Youth Club", "youth club", _S, "micro", "youth", ""),
    ("boxing", "Mill Lane Amateur Boxing Club", "youth sports club", _M, "small", "youth", ""),
    ("youngvoices", "Calderholme Young Voices", "youth forum", _S, "micro", "youth", ""),
    ("mutual-sowden", "Sowden Park Mutual Aid", "mutual aid group", _S, "micro", "", ""),
    ("neighbours-kiln", "Kiln Hill Neighbours Network", "mutual aid group", _K, "micro", "", ""),
    ("pak-women", "Calderholme Pakistani Women's Group", "women's group", _M, "micro", "bme; women", ""),
    ("roma", "Calderholme Roma Families Group", "community group", _S, "micro", "bme", ""),
    ("kurdish", "Tarnley Kurdish Community Association", "community association", _M, "micro", "bme", ""),
    ("eritrean", "Eritrean Community in Calderholme", "community group", _M, "micro", "bme", ""),
    ("bangla-elders", "Bangladeshi Elders' Lunch Club", "older people's group", _M, "micro", "bme", ""),
    ("somali", "Somali Mothers' Network", "women's group", _S, "micro", "bme; women", ""),
    ("afcarib", "African Caribbean Heritage Circle", "heritage group", _K, "micro", "bme", ""),
    ("polish", "Polish Saturday School Calderholme", "supplementary school", _M, "micro", "migrant", ""),
    ("ukr", "Calderholme Ukrainian Welcome Hub", "community group", _K, "micro", "migrant; women", ""),
    ("womens-centre", "Sowden Park Women's Centre", "women's centre", _S, "small", "women", "GB-CHC-1104682"),
    ("safehaven", "Safe Haven Tarnley", "domestic abuse charity", _S, "small", "women", "GB-CHC-1129915"),
    ("disability", "Calderholme Disability Forum", "disabled people's organisation", _K, "micro", "disabled people", ""),
    ("deaf", "Tarnley Deaf Social Club", "social club", _K, "micro", "disabled people", ""),
    ("over60s", "Kiln Hill Over-60s Club", "older people's group", _K, "micro", "older people", ""),
    ("carers", "Calderholme Carers' Circle", "carers' group", _K, "micro", "carers; women", ""),
    ("advice", "Tarnley Advice Centre", "advice charity", _K, "small", "", "GB-CHC-1052218"),
    ("opendoor", "Open Door Wellbeing", "mental health peer support", _K, "small", "lived experience", "GB-CHC-1187340"),
    ("friends-park", "Friends of Sowden Park", "friends group", _S, "micro", "", ""),
    ("allotments", "Mill Lane Allotment Society", "allotment society", _M, "micro", "", ""),
    ("energy", "Tarnley Community Energy Co-operative", "community energy co-operative", _M, "small", "", ""),
    ("repair", "Repair Café Calderholme", "repair café", _M, "micro", "", ""),
    ("garden", "Calderholme Community Garden", "community garden", _S, "micro", "", ""),
    ("history", "Calderholme Local History Society", "heritage society", _K, "micro", "", ""),
    ("arts", "Loom and Lantern Arts", "community arts charity", _M, "small", "", "GB-CHC-1142076"),
    ("rangers", "Sowden Park Rangers JFC", "junior football club", _S, "small", "", ""),
    ("cricket", "Calderholme Cricket Club", "sports club", _M, "small", "", ""),
    ("secondchance", "Second Chance Furniture", "social enterprise", _S, "small", "", "GB-COH-08841520"),
    ("bobbin", "Bobbin Works Community Café CIC", "social enterprise", _M, "micro", "women", "GB-COH-12055873"),
    ("freshstart", "Fresh Start Employment CIC", "social enterprise", _K, "small", "", "GB-COH-10393617"),
    ("transport", "Calderholme Community Transport", "community transport", _K, "small", "", "GB-CHC-1011642"),
    ("stepup", "Step Up Housing Trust", "supported housing charity", _S, "small", "", "GB-CHC-1096871"),
    ("refugees", "Tarnley Welcomes Refugees", "sanctuary charity", _K, "micro", "", "GB-CHC-1178805"),
    ("menshed", "Calderholme Men's Shed", "men's shed", _M, "micro", "", ""),
    ("pta", "Mill Lane Primary Parents' Group", "parents' group", _M, "micro", "bme; women", ""),
)  # fmt: skip

# Groups that meet in members' homes or borrowed rooms and give no address.
_NO_PREMISES = frozenset(
    {"mutual-sowden", "neighbours-kiln", "youngvoices", "roma", "eritrean", "kurdish", "somali"}
)

_NOTES: dict[str, str] = {
    "council-nbh": (
        "Runs the Calderholme Community Partnership and the ward budgets; three officers "
        "cover all four wards since the 2021 restructure."
    ),
    "cvs": "Hosts the Calderholme VCS Forum (bi-monthly) and the small grants pot.",
    "devtrust": (
        "Owns and manages Mill Lane Works, the refurbished spinning mill that houses about "
        "twenty tenants."
    ),
    "holroyd": "Largest employer in Calderholme; about a third of staff live in the four wards.",
    "youthclub": "Volunteer-run since the council youth service withdrew in 2019.",
    "eritrean": "Found through the focus group; meets after Sunday service in a member's flat.",
    "pmha": "Took on about 1,100 homes in Sowden Park and Mill Lane in the 2008 stock transfer.",
    "khta": "Membership fell from about 60 to 22 shops between 2015 and 2023.",
    "tebf": "Chaired by the Holroyd HR director; meets quarterly at Mill Lane Works.",
    "towers": "Set up by disabled tenants after repeated lift failures in the tower blocks.",
}

_ATTRIBUTES: dict[str, dict[str, str]] = {
    "holroyd": {"employees": "640", "website": "https://holroyd-castings.example"},
    "brightwater": {"employees": "380", "website": "https://brightwater-foods.example"},
    "freshways": {"employees": "210"},
    "garside": {"employees": "120", "website": "https://garside-construction.example"},
    "moorline": {"employees": "95"},
    "pennlog": {"employees": "70"},
    "kellet": {"employees": "34"},
    "greenfix": {"employees": "18", "website": "https://greenfix-retrofit.example"},
    "cvs": {"website": "https://tarnleyvoluntaryaction.example", "employees": "14"},
    "devtrust": {"website": "https://calderholme-trust.example", "employees": "11"},
    "creditunion": {"website": "https://tarnleycu.example", "employees": "4"},
    "foodbank": {"employees": "1"},
    "pmha": {"website": "https://penninemoor.example", "employees": "240"},
    "arts": {"website": "https://loomandlantern.example"},
    "energy": {"website": "https://tarnleyenergy.example"},
    "advice": {"employees": "9"},
}


def _postcode(ward: str, n: int) -> str:
    letters = _UNIT_LETTERS
    return (
        f"{_DISTRICT[ward]} {1 + (n * 4) % 9}"
        f"{letters[(n * 7 + 2) % len(letters)]}{letters[(n * 11 + 5) % len(letters)]}"
    )


def organisations() -> tuple[Organisation, ...]:
    """All organisations of the demo, public first, then commercial, then social."""
    result: list[Organisation] = []
    for sector, rows in (
        (Sector.PUBLIC, _PUBLIC),
        (Sector.COMMERCIAL, _COMMERCIAL),
        (Sector.SOCIAL, _SOCIAL),
    ):
        for id_, name, type_, ward, size, led_by, identifier in rows:
            result.append(
                Organisation(
                    id=id_,
                    name=name,
                    sector=sector,
                    type=type_,
                    ward=ward,
                    postcode="" if id_ in _NO_PREMISES else _postcode(ward, len(result)),
                    identifier=identifier,
                    led_by=tuple(p.strip() for p in led_by.split(";") if p.strip()),
                    size=Size(size),
                    notes=_NOTES.get(id_, ""),
                    attributes=dict(_ATTRIBUTES.get(id_, {})),
                )
            )
    return tuple(result)
