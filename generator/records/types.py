"""The shape of a record that passed validation, as Python types: schema/organization.schema.json in TypedDicts.

The schema is the source of truth; tests/test_types.py fails when a field, a required field or an allowed value
here differs from it. These types describe valid records only: the rules (rules.py, rules_safety.py) read
records before they are known to be valid, so they keep checking every value they read.
"""

# No `from __future__ import annotations`: Python 3.11 would then count NotRequired fields as required in
# __required_keys__, which tests/test_types.py compares with the schema.
from typing import Literal, NotRequired, TypedDict

PhoneType = Literal["voice", "text", "tty", "fax", "hotline"]
Day = Literal["mo", "tu", "we", "th", "fr", "sa", "su"]
Accessibility = Literal[
    "wheelchair-accessible",
    "accessible-parking",
    "accessible-restroom",
    "elevator",
    "asl-on-site",
    "service-animals-welcome",
    "near-public-transit",
]
Safety = Literal[
    "secure-entrance", "staff-trained-in-safety", "security-staff", "private-meeting-room", "separate-entrance"
]
FeeType = Literal["free", "sliding-scale", "insurance", "fee"]
Scope = Literal["national", "statewide", "local"]
Status = Literal["verified", "unverified"]
Method = Literal["phone", "email", "site-visit", "website"]
Fact = Literal[
    "name",
    "description",
    "phone",
    "address",
    "hours",
    "services",
    "eligibility",
    "languages",
    "website",
    "email",
    "coverage",
    "fees",
]
RetiredReason = Literal["closed", "merged"]


class TimeBlock(TypedDict):
    """Days with the same opening and closing time ("HH:MM", 24-hour)."""

    days: list[Day]
    opens: str
    closes: str


class WeeklyHours(TypedDict):
    """A weekly schedule: `weekly`, a `note`, or both."""

    weekly: NotRequired[list[TimeBlock]]
    note: NotRequired[str]


Hours = Literal["24/7"] | WeeklyHours


class Phone(TypedDict):
    number: str  # E.164 ("+1" then 10 digits), or a 3-6 digit code
    extension: NotRequired[str]
    type: PhoneType
    text_keyword: NotRequired[str]
    description: NotRequired[str]
    hours: NotRequired[Hours]
    languages: NotRequired[list[str]]  # codes from data/taxonomy/languages.yaml


class Address(TypedDict):
    street: NotRequired[str]  # never for a confidential place (nor street2, postal_code)
    street2: NotRequired[str]
    city: str
    county: NotRequired[str]
    state: str
    postal_code: NotRequired[str]


class Geo(TypedDict):
    lat: float
    lon: float


class Location(TypedDict):
    id: str
    name: NotRequired[str]
    confidential: NotRequired[bool]
    address: Address
    geo: NotRequired[Geo]  # never for a confidential place
    accessibility: NotRequired[list[Accessibility]]
    safety: NotRequired[list[Safety]]
    description: NotRequired[str]


class Fees(TypedDict):
    type: FeeType
    description: NotRequired[str]


class HowToGetHelp(TypedDict, total=False):
    walk_in: bool
    call_first: bool
    referral_required: bool
    steps: str
    what_to_bring: list[str]


class Coverage(TypedDict):
    scope: Scope
    regions: NotRequired[list[str]]  # region codes; a local service has regions, counties or both
    counties: NotRequired[list[str]]  # county names without the word "County"


class HowToGetHelpEs(TypedDict, total=False):
    """The Spanish of how_to_get_help's text fields (the yes/no fields are not translated)."""

    steps: str
    what_to_bring: list[str]  # each item of what_to_bring, in the same order


class ServiceEs(TypedDict, total=False):
    """A service's reader-facing text in Spanish (i18n/README.md); each field needs its English twin."""

    name: str
    description: str
    eligibility: str
    fees: str  # the Spanish of fees.description
    how_to_get_help: HowToGetHelpEs


class Service(TypedDict):
    id: str
    name: str
    service_area: str  # a code from data/taxonomy/service_areas.yaml
    categories: NotRequired[list[str]]
    description: str
    populations: NotRequired[list[str]]
    languages: NotRequired[list[str]]
    interpretation: NotRequired[str]
    fees: NotRequired[Fees]
    eligibility: NotRequired[str]
    how_to_get_help: NotRequired[HowToGetHelp]
    hours: NotRequired[Hours]
    coverage: Coverage
    locations: NotRequired[list[str]]  # ids of this record's locations
    phones: NotRequired[list[Phone]]
    url: NotRequired[str]
    es: NotRequired[ServiceEs]


class Source(TypedDict):
    url: str
    title: NotRequired[str]
    seen: NotRequired[str]  # the date the source shows: YYYY, YYYY-MM or YYYY-MM-DD
    facts: NotRequired[list[Fact]]


class Verification(TypedDict):
    status: Status
    last_verified: NotRequired[str]  # YYYY-MM-DD; with `method`, required when verified
    method: NotRequired[Method]
    verified_by_role: NotRequired[str]
    sources: list[Source]
    notes: NotRequired[str]  # for maintainers; never published


class Retired(TypedDict):
    """Set by `ccci retire`: the program closed, or merged `into` another listing."""

    reason: RetiredReason
    into: NotRequired[str]  # required when the reason is "merged"
    date: str  # YYYY-MM-DD
    note: NotRequired[str]


class OrganizationEs(TypedDict, total=False):
    """The organization's reader-facing text in Spanish (i18n/README.md)."""

    name: str  # only an official Spanish name the organization publishes
    description: str


class Organization(TypedDict):
    """One file, data/organizations/<id>.yaml."""

    id: str
    name: str
    alternate_name: NotRequired[str]
    description: str
    website: NotRequired[str]
    email: NotRequired[str]
    phones: NotRequired[list[Phone]]
    locations: NotRequired[list[Location]]
    services: list[Service]
    verification: Verification
    tags: NotRequired[list[str]]
    retired: NotRequired[Retired]
    es: NotRequired[OrganizationEs]
