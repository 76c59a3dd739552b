"""Explicit dates in a sentence, resolved against the article's publication date."""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTH_NUMBERS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?\b"
_DATE = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})\b"
    r"|\b" + _MONTH + r"\.?\s+" + _DAY + r"(?:,?\s+(\d{4})\b)?"
    r"|\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"\b\.?(?:,?\s+(\d{4})\b)?"
    r"|\b" + _MONTH + r"\.?,?\s+(?:of\s+)?(\d{4})\b"
    r"|\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
    r"|\b(?:in|since|by|until|from|through|during|before|after)\s+((?:19|20)\d\d)\b(?!\s*%)"
)
# A bare month name is a date only after a word like these ("in May", "the end of August").
_MONTH_LEAD = re.compile(
    r"\b(?:in|since|by|until|till|from|through|during|early|late|mid|last|next|this|of|"
    r"before|after)[\s-]+$",
    re.IGNORECASE,
)
_NINE_ELEVEN = re.compile(r"\s+attacks?\b")
# A date written without a year is taken as the publication year, unless that puts it
# more than about half a year after publication: then it is the previous year's.
_FUTURE_SLACK = timedelta(days=183)


def _full_date(year: int, month: int, day: int) -> str | None:
    """Return the ISO date, or None when the day does not exist."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int, published: date) -> int:
    """Return the year of a day and month written without one."""
    try:
        candidate = date(published.year, month, day)
    except ValueError:
        return published.year
    return published.year - 1 if candidate - published > _FUTURE_SLACK else published.year


def find_dates(text: str, published: date | None = None) -> list[str]:
    """Return the explicit dates in text as ISO strings ("2021-07-12", "2018-09", "2001")."""
    found: list[str] = []
    for m in _DATE.finditer(text):
        value: str | None = None
        if m.group(1):
            value = _full_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif m.group(4):
            month, day = _MONTH_NUMBERS[m.group(4).lower()], int(m.group(5))
            if month == 9 and day == 11 and not m.group(6) and _NINE_ELEVEN.match(text, m.end()):
                value = "2001-09-11"
            elif m.group(6):
                value = _full_date(int(m.group(6)), month, day)
            elif published:
                value = _full_date(_year_for(month, day, published), month, day)
        elif m.group(7):
            month, day = _MONTH_NUMBERS[m.group(8).lower()], int(m.group(7))
            if m.group(9):
                value = _full_date(int(m.group(9)), month, day)
            elif published:
                value = _full_date(_year_for(month, day, published), month, day)
        elif m.group(10):
            value = f"{int(m.group(11)):04d}-{_MONTH_NUMBERS[m.group(10).lower()]:02d}"
        elif m.group(12):
            if published and _MONTH_LEAD.search(text, max(0, m.start() - 12), m.start()):
                month = _MONTH_NUMBERS[m.group(12).lower()]
                value = f"{_year_for(month, 1, published):04d}-{month:02d}"
        else:
            value = m.group(13)
        if value and value not in found:
            found.append(value)
    return found
