"""What gives a confidential place away in text: street-address shapes, ZIP codes, coordinates and map links.

One set of patterns, used twice: `rules.py` refuses them (located errors) in every text of a record that has a
confidential place, and `redact.py` cuts them out of what is published, for data that skipped validation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from generator.records.geo import idaho_rows

_SUFFIX = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|circle|cir|"
    r"highway|hwy|parkway|pkwy|trail|trl|terrace|ter|loop|route|rte|pike|alley|aly|square|sq"
)
_WORD = r"(?:[A-Z][\w'’-]*\.?|\d{1,3}(?:st|nd|rd|th)|[NSEW]{1,2}\.?)"  # Franklin, 5th, W., NE
# "711 W. Franklin St", "1 Hidden Lane", "4455 N Maple Grove Rd": a house number, capitalised words (or an
# ordinal, or a direction) and a street type. Lower-case words in between ("24 hours at St. Luke's") are not one.
_STREET = re.compile(
    rf"\b\d{{1,6}}(?:-?[A-Za-z])?\s+(?:{_WORD}\s+){{0,4}}(?i:{_SUFFIX})\b"
    rf"|\b(?:on|at|off|near)\s+(?:{_WORD}\s+){{1,3}}(?i:street|avenue|road|boulevard|lane|drive|"
    rf"highway)\b|\b(?i:highway|hwy|interstate|state route|us)[ -]\d{{1,3}}\b"
    r"|(?i:\b\d{1,6}\s+(?:[nsew]\.?\s+)?(?:\d{1,3}(?:st|nd|rd|th)|[a-z]+)(?:\s+[a-z]+)?\s+"
    r"(?:street|avenue|road|boulevard|blvd|ave|rd|ln|lane|hwy)\b)"
)
# Idaho's rural grid addresses: "1234 W 500 S", "N 2150 E 400"; and routes or boxes.
_GRID = re.compile(
    r"\b\d{1,6}\s+[NSEW]\.?\s+\d{1,5}\s+[NSEW]\b|\b[NSEW]\.?\s+\d{2,5}\s+[NSEW]\.?\s+\d{2,5}\b"
    r"|\b(?:rural route|RR|HC|star route)\s*\d+\s*,?\s*box\s*\d+",
    re.IGNORECASE,
)
# Directions that pin a place down without a number.
_DIRECTIONS = re.compile(
    r"\b(?:corner of|intersection of|cross[- ]streets?|mile ?marker|mile ?post|milepost"
    r"|across (?:the street )?from|next door to)\b",
    re.IGNORECASE,
)
_ZIP = re.compile(r"(?<![\w$.,+/-])\d{5}(?:-\d{4})?(?!\w|[.,]\d)")
_COORD = re.compile(
    r"[-+]?\d{1,3}\.\d{2,}\s*°?\s*[NSns]?\s*[,;/ ]\s*[-+]?\d{1,3}\.\d+"
    r"|\d{1,3}\s*°\s*\d{1,2}\s*['′]"
    r"|\b(?:lat|latitude|lon|lng|long|longitude)\b\s*[:=]?\s*[-+]?\d{1,3}\.\d+",
    re.IGNORECASE,
)
# Open Location Codes ("8FQJ+2V") and what3words ("///filled.count.soap").
_PLUS_CODE = re.compile(r"\b[23456789CFGHJMPQRVWX]{4,8}\+[23456789CFGHJMPQRVWX]{2,3}\b")
_W3W = re.compile(r"///\w+\.\w+\.\w+")
_MAP_LINK = re.compile(
    r"\bgeo:\s*[-+\d]|\bmaps?\.(?:google|apple|app\.goo|bing|here|yandex)\b|goo\.gl/maps"
    r"|google\.[a-z.]+/maps|\bbing\.com/maps|openstreetmap\.org|\bosm\.org|\bwaze\.com"
    r"|mapquest\.com|\bmaps\.[a-z0-9-]+\.[a-z]|what3words|\bw3w\.co|plus\.codes"
    r"|[?&](?:ll|q|daddr|saddr|center)=[-+]?\d{1,3}\.\d",
    re.IGNORECASE,
)


_TOKEN = re.compile(r"\S+")
# Every pattern above needs a digit, a map word or a street word: text without any is quickly let through.
_MAYBE = re.compile(
    r"\d|°|///|geo:|map|w3w|osm|waze|plus\.codes|corner|intersection|cross|mile|across|next door"
    r"|street|avenue|road|boulevard|lane|drive|highway",
    re.IGNORECASE,
)

KINDS = (
    (_MAP_LINK, "a map link"),
    (_W3W, "a map link"),
    (_COORD, "coordinates"),
    (_PLUS_CODE, "a map code"),
    (_STREET, "a street address"),
    (_GRID, "a street address"),
    (_DIRECTIONS, "directions to the place"),
    (_ZIP, "a ZIP code"),
)


def find(text: str) -> str | None:
    """What in `text` could give a confidential place away ('a street address', ...), or None."""
    if not _MAYBE.search(text):  # most text has none of what every pattern needs: one search instead of eight
        return None
    for pattern, what in KINDS:
        if pattern.search(text):
            return what
    return None


def find_in_id(ident: str) -> str | None:
    """The same for an id, whose words are joined by hyphens ('123-main-st')."""
    return find(" ".join(w.capitalize() if w.isalpha() else w for w in ident.replace("_", "-").split("-")))


def scrub(text: str, mark: str = "[removed]") -> str:
    """`text` with everything `find` would report replaced by `mark`."""
    if find(text) is None:  # nothing to cut (most text): searches, not nine substitutions and a call per word
        return text
    text = _TOKEN.sub(lambda m: mark if _MAP_LINK.search(m.group(0)) else m.group(0), text)  # the whole link
    for pattern, _what in KINDS:
        text = pattern.sub(mark, text)
    return text


def matches(text: str) -> Iterator[str]:
    for pattern, _what in KINDS:
        for m in pattern.finditer(text):
            yield m.group(0)


def normal_state(value: object) -> str | None:
    """'ID', ' id\\n', 'Idaho' -> 'ID'; other text -> its letters upper-cased; not text -> None.

    Checks must never be skipped by a near-miss such as "ID\\n": they look at this, not at the raw value."""
    if not isinstance(value, str):
        return None
    letters = "".join(ch for ch in value if ch.isalpha()).upper()
    return "ID" if letters in ("ID", "IDAHO") else letters


@lru_cache(maxsize=1)
def idaho_places() -> dict[str, str]:
    """Every Idaho place name the `zipcodes` table knows (city and accepted alternatives), lower-case -> as
    written there."""
    out: dict[str, str] = {}
    for z in idaho_rows():
        for name in [z["city"], *(z.get("acceptable_cities") or [])]:
            out.setdefault(" ".join(str(name).split()).lower(), str(name))
    return out


def idaho_place(city: object) -> str | None:
    """The place as the table writes it if `city` is a real Idaho place name, else None."""
    if not isinstance(city, str):
        return None
    return idaho_places().get(" ".join(city.split()).lower())
