"""Numbers, units and dates written many ways, reduced to one spelling each.

"85%", "85 percent", "85 per cent" and "eighty-five per cent" all become the term "85%";
"July 12" and "12th of July" both become "jul12" (plus the month, "jul").
"""

from __future__ import annotations

import re

_SMALL_TEXT = """
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen
"""
_TENS_TEXT = "twenty thirty forty fifty sixty seventy eighty ninety"
SMALL_NUMBERS = {word: value for value, word in enumerate(_SMALL_TEXT.split())}
TENS = {word: 10 * value for value, word in enumerate(_TENS_TEXT.split(), start=2)}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Suffixes written straight after digits: "10k", "1.5m", "2bn".
DIGIT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
NUMBER_WORDS = frozenset(SMALL_NUMBERS) | frozenset(TENS) | frozenset(SCALES)

PERCENT_WORDS = frozenset({"percent", "pct", "percentage"})
CURRENCY_SYMBOLS = {"$": "$", "£": "£", "€": "€"}
CURRENCY_WORDS = {
    "dollar": "$",
    "dollars": "$",
    "bucks": "$",
    "usd": "$",
    "pound": "£",
    "pounds": "£",
    "euro": "€",
    "euros": "€",
}

_MONTH_TEXT = (
    "january february march april may june july august september october november december"
)
MONTHS = {name: name[:3] for name in _MONTH_TEXT.split()}
MONTHS.update({"jan": "jan", "feb": "feb", "mar": "mar", "apr": "apr", "jun": "jun"})
MONTHS.update({"jul": "jul", "aug": "aug", "sep": "sep", "sept": "sep", "oct": "oct"})
MONTHS.update({"nov": "nov", "dec": "dec"})
# Month names that are also common words count as months only next to a day or a year.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "dec", "sep", "oct", "nov", "aug"})

_DATE_TERM = re.compile(r"^[a-z]{3}\d{1,2}$")
_NUMBER_TERM = re.compile(r"^[$£€]?\d[\d.]*(?:%|s)?$")


def format_number(value: float) -> str:
    """Spell a value the same way wherever it came from: 1500000, 3.5, 85."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def parse_digits(text: str) -> tuple[float, str] | None:
    """Read "1,200", "3.5", "10k" or "12th"; return the value and its letter suffix."""
    match = re.fullmatch(r"(\d+(?:[.,]\d+)*)([A-Za-z]*)", text)
    if match is None:
        return None
    digits, suffix = match.groups()
    # "1,200" groups thousands; "3.5" is a decimal; "1.200.000" groups thousands too.
    if "," in digits:
        digits = digits.replace(",", "")
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    suffix = suffix.lower()
    if suffix in DIGIT_SCALES:
        return value * DIGIT_SCALES[suffix], ""
    return value, suffix


def words_value(words: list[str]) -> float:
    """Add up number words the way they are read: "two hundred fifty thousand"."""
    total = 0.0
    current = 0.0
    for word in words:
        if word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
    return total + current


def is_date_term(term: str) -> bool:
    """Tell a day-of-month term such as "jul12" from other terms."""
    return bool(_DATE_TERM.match(term)) and term[:3] in MONTHS.values()


def number_unit(term: str) -> tuple[str, str] | None:
    """Return (unit, value) for a numeric term, or None for other terms.

    Units are "%", a currency symbol, "date", "year", "decade", or "count" for plain
    numbers: two texts that give the same unit only different values disagree.
    """
    if is_date_term(term):
        return "date", term
    if not _NUMBER_TERM.match(term):
        return None
    if term.endswith("%"):
        return "%", term[:-1]
    if term[0] in CURRENCY_SYMBOLS:
        return term[0], term[1:]
    if term.endswith("s"):
        return "decade", term
    if len(term) == 4 and term.isdigit() and 1800 <= int(term) <= 2100:
        return "year", term
    return "count", term
