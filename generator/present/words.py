"""Record values as a page says them: dates, hours, languages and long text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.present import strings as interface
from generator.present.labels import DAYS
from generator.present.values import as_list, dicts, join_words, strings, txt
from generator.records.dataset import Taxonomy

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_ORDER = list(DAYS)


def _t(key: str, **values: Any) -> str:
    """The interface's words in the language in use (present/strings.py): English unless a page producer of
    another language's edition is running."""
    return interface.t(key, **values)


def month_year(day: dt.date) -> str:
    return _t("date.month_year", month=_t(f"month.{day.month}"), year=day.year)


def date_words(raw: str) -> str:
    """A source date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as people write it: '2024', 'May 2024'."""
    try:
        if len(raw) == 4:
            return str(int(raw))
        month = int(raw[5:7])
        if not 1 <= month <= 12:
            raise ValueError(raw)
        return _t("date.month_year", month=_t(f"month.{month}"), year=int(raw[:4]))
    except (ValueError, IndexError):
        return ""


def shorten(text: str, limit: int = 180) -> str:
    """The first sentence(s) of `text` within `limit` characters, or a cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", text) if m.end() <= limit]
    if ends and ends[-1] >= limit // 3:
        return text[: ends[-1]]
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def paragraphs(text: Any) -> list[str]:
    """Free text as paragraphs (blank lines split them; other line breaks are spaces)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", txt(text)) if p.strip()]


def _clock(hhmm: str) -> str:
    if hhmm in ("24:00", "00:00"):
        return _t("hours.midnight")
    if hhmm == "12:00":
        return _t("hours.noon")
    hour, minute = int(hhmm[:2]), hhmm[3:]
    suffix = _t("hours.am") if hour < 12 else _t("hours.pm")
    hour = hour % 12 or 12
    return f"{hour} {suffix}" if minute == "00" else f"{hour}:{minute} {suffix}"


def _days(days: list[str]) -> str:
    idx = sorted({DAY_ORDER.index(d) for d in days if d in DAYS})
    if len(idx) == 7:
        return _t("hours.every_day")
    if len(idx) >= 3 and idx == list(range(idx[0], idx[-1] + 1)):
        return _t("hours.range", first=_t(f"day.{DAY_ORDER[idx[0]]}"), last=_t(f"day.{DAY_ORDER[idx[-1]]}"))
    return join_words([_t(f"day.{DAY_ORDER[i]}") for i in idx])


def hours_lines(hours: Any) -> list[str]:
    """'24/7' or a weekly schedule as lines people read: 'Monday to Friday, 9 AM to 5 PM'."""
    if hours == "24/7":
        return [_t("hours.open_247")]
    if not isinstance(hours, dict):
        return []
    lines = []
    for block in dicts(hours.get("weekly")):
        opens, closes = block.get("opens"), block.get("closes")
        if (
            isinstance(opens, str)
            and isinstance(closes, str)
            and all(re.fullmatch(r"\d\d:\d\d", t) for t in (opens, closes))
        ):
            lines.append(
                f"{_days(as_list(block.get('days')))}, " + _t("hours.range", first=_clock(opens), last=_clock(closes))
            )
    if txt(hours.get("note")):
        lines.append(txt(hours["note"]))
    return lines


def language_names(codes: Any, tax: Taxonomy) -> str:
    return join_words([tax.language_name(c) for c in strings(codes)])
