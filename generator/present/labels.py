"""Policy: the words for each code of the schema's enums (schema/organization.schema.json), for every output:
record pages, exports (CSV, HSDS), the finder and the review aids.

Each table has exactly the codes of its enum (tests/test_policies.py checks it), so a record that passes
validation has a word for every code. A code that is not in its table is an error (`UnknownCode`), never
dropped without a word: it means the data skipped validation or the schema grew without this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from generator.present import strings

# /$defs/location/properties/accessibility/items
ACCESSIBILITY = {
    "wheelchair-accessible": "Wheelchair accessible",
    "accessible-parking": "Accessible parking",
    "accessible-restroom": "Accessible restroom",
    "elevator": "Elevator",
    "asl-on-site": "ASL on site",
    "service-animals-welcome": "Service animals welcome",
    "near-public-transit": "Near public transit",
}
# /$defs/location/properties/safety/items
SAFETY = {
    "secure-entrance": "Secure entrance",
    "staff-trained-in-safety": "Staff trained in safety",
    "security-staff": "Security staff on site",
    "private-meeting-room": "Private meeting room",
    "separate-entrance": "Separate entrance",
}
# /$defs/service/properties/fees/properties/type
FEES = {
    "free": "Free",
    "sliding-scale": "Sliding scale: the cost depends on income",
    "insurance": "Takes insurance",
    "fee": "There is a cost",
}
# /$defs/verification/properties/method: "Last verified: May 2025 by phone"
METHODS = {
    "phone": "by phone",
    "email": "by email",
    "site-visit": "by a site visit",
    "website": "on the program's own website",
}
# /$defs/phone/properties/type: the verb on a page's phone link, and the line's name in plain text
PHONE_ACTIONS = {"voice": "Call", "text": "Text", "tty": "TTY", "fax": "Fax", "hotline": "Call"}
PHONE_KINDS = {"voice": "phone", "text": "text line", "tty": "TTY line", "fax": "fax", "hotline": "crisis line"}
# .../weekly/items/properties/days/items
DAYS = {
    "mo": "Monday",
    "tu": "Tuesday",
    "we": "Wednesday",
    "th": "Thursday",
    "fr": "Friday",
    "sa": "Saturday",
    "su": "Sunday",
}
DAYS_SHORT = {"mo": "Mon", "tu": "Tue", "we": "Wed", "th": "Thu", "fr": "Fri", "sa": "Sat", "su": "Sun"}

# schema pointer of each enum -> its table (tests/test_policies.py compares them)
# (in the schema's order: the order of DAYS is the order of the week)
ENUMS: dict[str, Mapping[str, str]] = {
    "/$defs/location/properties/accessibility/items": ACCESSIBILITY,
    "/$defs/location/properties/safety/items": SAFETY,
    "/$defs/service/properties/fees/properties/type": FEES,
    "/$defs/verification/properties/method": METHODS,
    "/$defs/phone/properties/type": PHONE_ACTIONS,
    "/$defs/hours/oneOf/1/properties/weekly/items/properties/days/items": DAYS,
}


class UnknownCode(ValueError):
    """A code with no word: validation (the schema's enum) should have refused the record."""


# The rows of the interface's strings table (present/strings.py) that say these words in another language: a
# page of the Spanish edition gets them; every other output (exports, review aids) keeps the English here.
_KEYS = {
    id(ACCESSIBILITY): "access",
    id(SAFETY): "safety",
    id(FEES): "fee",
    id(METHODS): "verify.method",
    id(DAYS): "day",
}


def word(table: Mapping[str, str], code: object) -> str:
    if not isinstance(code, str) or code not in table:
        raise UnknownCode(f"{code!r} is not one of {', '.join(table)}: run `ccci validate`")
    if strings.current() != strings.DEFAULT:
        if table is PHONE_ACTIONS:
            return strings.t(f"phone.{table[code].lower()}")
        if id(table) in _KEYS:
            return strings.t(f"{_KEYS[id(table)]}.{code.replace('-', '_')}")
    return table[code]


def words(table: Mapping[str, str], codes: Iterable[object]) -> list[str]:
    return [word(table, code) for code in codes]
