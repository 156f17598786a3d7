"""Policy: how a phone number is written, everywhere. Records store E.164 (generator/records/fmt.py writes it);
every output shows it through `display` and links it through `tel_href` / `sms_href`: record pages, hotlines
and print sheets, the CSV export, the finder's result documents, and the review aids.
"""

from __future__ import annotations

import re

import phonenumbers

from generator.records.fmt import normalise_phone

TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
_DIALABLE = re.compile(r"^\+?[0-9]{3,15}$")  # what a tel: or sms: link may hold


def e164(number: str) -> str:
    """The stored form: '(208) 630-6601' -> '+12086306601' (short codes as written)."""
    return normalise_phone(number)


def display(number: object) -> str:
    """'+12086306601' -> '208-630-6601'; '+18883737888' -> '1-888-373-7888'; '988' stays '988'."""
    if not isinstance(number, str):
        return ""
    if re.fullmatch(r"\+1[0-9]{10}", number):
        area, mid, end = number[2:5], number[5:8], number[8:]
        return f"1-{area}-{mid}-{end}" if area in TOLL_FREE else f"{area}-{mid}-{end}"
    if number.startswith("+"):
        try:
            return phonenumbers.format_number(
                phonenumbers.parse(number, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL
            )
        except phonenumbers.NumberParseException:
            return number
    return number


def dialable(number: object) -> bool:
    return isinstance(number, str) and bool(_DIALABLE.match(number))


def tel_href(number: object, extension: object = None) -> str | None:
    if not isinstance(number, str) or not dialable(number):
        return None
    ext = f";ext={extension}" if isinstance(extension, str) and extension.isdigit() else ""
    return f"tel:{number}{ext}"


def sms_href(number: object) -> str | None:
    return f"sms:{number}" if isinstance(number, str) and dialable(number) else None
