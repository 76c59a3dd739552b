"""Short forms and long forms of names that claims use interchangeably.

Each maps to one canonical term, so "U.S.", "US", "USA", "America" and "United States"
all meet. Ambiguous short forms are read case-sensitively ("US" is the country, "us" is
not), and "America" is not the country after "North", "South", "Latin" or "Central".
"""

from __future__ import annotations

# Written exactly so, unless the text around them is shouted in capitals.
EXACT_ALIASES = {
    "US": "usa",
    "USA": "usa",
    "UN": "unitednations",
    "UK": "uk",
    "EU": "eu",
    "GOP": "republican",
    "Dems": "democrat",
    "Dem": "democrat",
    "POTUS": "president",
    "NYC": "newyork",
}
# Word sequences, compared in lower case.
ALIASES = {
    ("united", "states", "of", "america"): "usa",
    ("united", "states"): "usa",
    ("america",): "usa",
    ("usa",): "usa",
    ("united", "nations"): "unitednations",
    ("united", "kingdom"): "uk",
    ("great", "britain"): "uk",
    ("britain",): "uk",
    ("european", "union"): "eu",
    ("new", "york", "city"): "newyork",
    ("new", "york"): "newyork",
}
ALIAS_STARTS = frozenset(words[0] for words in ALIASES)
DOTTED_ALIASES = {"us": "usa", "usa": "usa", "un": "unitednations", "uk": "uk", "eu": "eu"}
NOT_THE_COUNTRY = frozenset({"north", "south", "latin", "central"})
