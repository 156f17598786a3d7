"""Today's date for every check and page: the real date, or CCCI_TODAY=YYYY-MM-DD (so tests and reviews of old
data are repeatable); and STALE_DAYS, how old a verification may be before validation warns and pages say
"over a year ago"."""

from __future__ import annotations

import datetime as dt
import os

STALE_DAYS = 365


def today() -> dt.date:
    """Today, or CCCI_TODAY=YYYY-MM-DD."""
    forced = os.environ.get("CCCI_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()
