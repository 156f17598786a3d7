"""Today's date for every check and page: the real date, or CCCI_TODAY=YYYY-MM-DD (so tests and reviews of old
data are repeatable)."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """Today, or CCCI_TODAY=YYYY-MM-DD."""
    forced = os.environ.get("CCCI_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()
