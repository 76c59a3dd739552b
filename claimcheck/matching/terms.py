"""Turn a claim or a tweet into comparable terms.

A term is a stem ("ban"), a number with its unit ("85%", "$100"), a date ("jul12"),
a month ("jul") or a canonical short form ("usa"). Four one-character marks travel
in front of a term, so one tuple of strings carries everything the scorer needs:

- ``!`` the term follows a negation ("do not *control*"),
- ``~`` a capitalised word directly before another ("*Angela* Merkel"), so a text that
  names only the surname is not counted as missing it,
- ``^`` an acronym made from a capitalised phrase ("Centers for Disease Control" -> "cdc"),
  counted only when the other text has it,
- ``@`` a word of the name that signed a pasted tweet ("— Newt Gingrich (@newtgingrich)"):
  weak evidence, since fact-checks are often about what a public figure posted, but most
  signatures are nobody the claims mention.
"""

from __future__ import annotations

import re

from claimcheck.matching.cleanup import clean_text, split_signature
from claimcheck.matching.numbers import (
    AMBIGUOUS_MONTHS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_SUFFIXES,
    PERCENT_WORDS,
    SCALES,
    format_number,
    parse_digits,
    words_value,
)
from claimcheck.matching.shortforms import (
    ALIAS_STARTS,
    ALIASES,
    DOTTED_ALIASES,
    EXACT_ALIASES,
    NOT_THE_COUNTRY,
)
from claimcheck.matching.stemming import STOP_WORDS, stem

NEGATED = "!"
NAME_LEAD = "~"
ALTERNATIVE = "^"
AUTHOR = "@"
MARKS = NEGATED + NAME_LEAD + ALTERNATIVE + AUTHOR

_TOKEN = re.compile(
    r"(?P<dotted>(?:[A-Za-z]\.){2,})"
    r"|(?P<number>\d+(?:[.,]\d+)*[A-Za-z]*)"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<symbol>[%$£€])"
    r"|(?P<boundary>[.!?;:,()\"|\[\]]|\s-\s)"
)
_NEGATION_TEXT = """
not no never cannot nor neither none nobody nothing nowhere dont doesnt didnt isnt arent wasnt
werent wont cant couldnt shouldnt wouldnt hasnt havent hadnt aint
"""
_NEGATIONS = frozenset(_NEGATION_TEXT.split())
_CONTRACTIONS = frozenset({"s", "m", "re", "ve", "ll", "d"})
# Words read the same wherever they stand are cached (stop words as ""); these are not.
_CONTEXTUAL = frozenset({"a", "an", "but"}) | AMBIGUOUS_MONTHS | ALIAS_STARTS
_CACHE_SIZE = 200_000
_plain_words: dict[str, str] = {}
_CONNECTORS = frozenset({"of", "for", "and", "the", "on"})


def base_term(term: str) -> str:
    """Return a term without its marks."""
    return term.lstrip(MARKS)


def _read(text: str) -> tuple[str, ...]:
    """Return the marked terms of a text without a signature."""
    tokens = [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(clean_text(text))]
    return _Reader(tokens).read()


def analyse(text: str) -> tuple[str, ...]:
    """Return the marked terms of a text in reading order, then those of its signature."""
    body, author = split_signature(text)
    terms = _read(body)
    if not author or not terms:
        return terms
    signed = {AUTHOR + base_term(t) for t in _read(author) if ALTERNATIVE not in t}
    return terms + tuple(sorted(signed))


def _is_shout(text: str) -> bool:
    """Tell an all-capitals word of two letters or more."""
    return len(text) >= 2 and text.isupper()


class _Reader:
    """One left-to-right pass over tokens; state is the pending negation and emitted terms."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.terms: list[str] = []
        self.capitalised: list[bool] = []
        self.sources: list[int] = []
        self.negate_next = False
        words = [text for kind, text in tokens if kind == "word"]
        loud = [kind == "word" and _is_shout(text) for kind, text in tokens] + [False]
        # loud[-1] is False, so the first and last tokens' missing neighbours are quiet.
        self.shouted = [loud[i] and (loud[i - 1] or loud[i + 1]) for i in range(len(tokens))]
        content = [w for w in words if len(w) > 3 and w.lower() not in STOP_WORDS]
        upper = sum(w[0].isupper() for w in content)
        self.title_case = len(content) >= 3 and upper >= 0.7 * len(content)

    def _word(self, i: int) -> str:
        """Return the word token at i, or "" when there is none."""
        if 0 <= i < len(self.tokens) and self.tokens[i][0] in ("word", "dotted"):
            return self.tokens[i][1]
        return ""

    def _emit(self, term: str, source: int, capitalised: bool = False) -> None:
        """Add a term, marked as negated when a negation is pending."""
        if self.negate_next:
            term = NEGATED + term
            self.negate_next = False
        self.terms.append(term)
        self.capitalised.append(capitalised)
        self.sources.append(source)

    def read(self) -> tuple[str, ...]:
        """Return the marked terms of all tokens."""
        i = 0
        while i < len(self.tokens):
            kind, text = self.tokens[i]
            if kind == "boundary":
                self.negate_next = False
                i += 1
            elif kind == "symbol":
                next_kind = self.tokens[i + 1][0] if i + 1 < len(self.tokens) else ""
                currency = CURRENCY_SYMBOLS.get(text)
                i = self._number(i + 1, currency) if currency and next_kind == "number" else i + 1
            elif kind == "number":
                i = self._number(i, None)
            else:
                i = self._word_at(i)
        self._mark_names()
        self._add_acronyms()
        return tuple(self.terms)

    def _word_at(self, i: int) -> int:
        """Read the word at i (a short form, month, number word, negation or content word)."""
        kind, text = self.tokens[i]
        known = _plain_words.get(text)
        if known is not None:
            if known:
                self._emit(known, i, capitalised=text[0].isupper())
            return i + 1
        lower = text.lower()
        if kind == "dotted":
            plain = lower.replace(".", "")
            self._emit(DOTTED_ALIASES.get(plain, plain), i)
            return i + 1
        alias = self._alias(i)
        if alias is not None:
            term, after = alias
            self._emit(term, i)
            return after
        if lower in MONTHS and self._is_month(i):
            return self._month(i)
        next_lower = self._word(i + 1).lower()
        if lower in NUMBER_WORDS or (lower in ("a", "an") and next_lower in SCALES):
            return self._number(i, None)
        head, _, tail = lower.partition("'")
        if lower in _NEGATIONS or tail == "t":
            self.negate_next = True
            return i + 1
        if lower == "but":
            self.negate_next = False
        if tail in _CONTRACTIONS:
            lower = head
        lower = lower.replace("'", "")
        is_acronym = _is_shout(text) and len(text) <= 5 and not self.shouted[i]
        if is_acronym:
            self._emit(lower, i, capitalised=True)
        else:
            term = "" if lower in STOP_WORDS else stem(lower)
            if term:
                self._emit(term, i, capitalised=text[0].isupper() and not self.shouted[i])
            if kind == "word" and not _is_shout(text) and text.lower() not in _CONTEXTUAL:
                if len(_plain_words) >= _CACHE_SIZE:
                    _plain_words.clear()
                _plain_words[text] = term
        return i + 1

    def _alias(self, i: int) -> tuple[str, int] | None:
        """Return the canonical term of a short or long form starting at i, and where it ends."""
        text = self.tokens[i][1]
        if text in EXACT_ALIASES and not self.shouted[i]:
            return EXACT_ALIASES[text], i + 1
        if text.lower() not in ALIAS_STARTS:
            return None
        for length in (4, 3, 2, 1):
            words = tuple(self._word(i + k).lower() for k in range(length))
            if words in ALIASES:
                if words == ("america",) and self._word(i - 1).lower() in NOT_THE_COUNTRY:
                    return None
                return ALIASES[words], i + length
        return None

    def _is_month(self, i: int) -> bool:
        """Tell "May 18" and "June" (months) from "may" and "march" (words)."""
        text = self.tokens[i][1]
        if text.lower() not in AMBIGUOUS_MONTHS:
            return True
        beside = [self.tokens[j][0] for j in (i - 1, i + 1) if 0 <= j < len(self.tokens)]
        return text[0].isupper() and "number" in beside

    def _day_after(self, i: int) -> tuple[str, int] | None:
        """Return the day number written at i (skipping an abbreviation's dot) and its end."""
        if i < len(self.tokens) and self.tokens[i] == ("boundary", "."):
            i += 1
        if i >= len(self.tokens) or self.tokens[i][0] != "number":
            return None
        parsed = parse_digits(self.tokens[i][1])
        if parsed is None:
            return None
        value, suffix = parsed
        follows = self.tokens[i + 1][1] if i + 1 < len(self.tokens) else ""
        is_day = suffix in ("", *ORDINAL_SUFFIXES) and 1 <= value <= 31 and value == int(value)
        if is_day and follows != "%" and follows.lower() not in SCALES:
            return format_number(value), i + 1
        return None

    def _month(self, i: int) -> int:
        """Emit a month, and a day-of-month term when a day follows ("July 12")."""
        month = MONTHS[self.tokens[i][1].lower()]
        self._emit(month, i)
        day = self._day_after(i + 1)
        if day is None:
            return i + 1
        self.terms.append(month + day[0])
        self.capitalised.append(False)
        self.sources.append(i + 1)
        return day[1]

    def _number(self, i: int, currency: str | None) -> int:
        """Emit one number with its unit; "one" alone is left out as a pronoun."""
        kind, text = self.tokens[i]
        ordinal = False
        suffix_word = ""
        if kind == "number":
            parsed = parse_digits(text)
            if parsed is None:
                return i + 1
            value, suffix = parsed
            ordinal = suffix in ORDINAL_SUFFIXES
            if suffix and not ordinal:
                suffix_word = suffix
            j = i + 1
            while self._word(j).lower() in SCALES:
                value *= SCALES[self._word(j).lower()]
                j += 1
        else:
            words: list[str] = []
            j = i
            while True:
                word = self._word(j).lower()
                after = self._word(j + 1).lower()
                if word in NUMBER_WORDS or (not words and word in ("a", "an")):
                    words.append(word)
                elif word == "and" and words and after in NUMBER_WORDS:
                    pass
                else:
                    break
                j += 1
            value = words_value(words)
            if words == ["one"] and self._unit_at(j)[0] is None:
                return j
        unit, j = self._unit_at(j)
        unit = currency or unit
        if unit is None and suffix_word == "s" and value >= 1000:
            self._emit(format_number(value) + "s", i)
            return j
        if unit is None and not suffix_word and 1 <= value <= 31 and value == int(value):
            k = j + 1 if self._word(j).lower() == "of" else j
            month = self._word(k)
            if month.lower() in MONTHS and (
                month[0].isupper() or month.lower() not in AMBIGUOUS_MONTHS
            ):
                name = MONTHS[month.lower()]
                self._emit(name, k)
                self.terms.append(name + format_number(value))
                self.capitalised.append(False)
                self.sources.append(i)
                return k + 1
        number = format_number(value)
        if unit == "%":
            self._emit(number + "%", i)
        elif unit is not None:
            self._emit(unit + number, i)
        else:
            self._emit(number, i)
        if suffix_word and suffix_word != "s":
            self._emit(stem(suffix_word), i)
        return j

    def _unit_at(self, j: int) -> tuple[str | None, int]:
        """Return the unit written at j ("%", "percent", "per cent", "dollars") and its end."""
        if j < len(self.tokens) and self.tokens[j] == ("symbol", "%"):
            return "%", j + 1
        word = self._word(j).lower()
        if word in PERCENT_WORDS:
            return "%", j + 1
        if word == "per" and self._word(j + 1).lower() == "cent":
            return "%", j + 2
        if word in CURRENCY_WORDS:
            return CURRENCY_WORDS[word], j + 1
        return None, j

    def _mark_names(self) -> None:
        """Mark capitalised words directly followed by another: given names and the like."""
        if self.title_case:
            return
        for j in range(len(self.terms) - 1):
            if (
                self.capitalised[j]
                and self.capitalised[j + 1]
                and self.sources[j + 1] == self.sources[j] + 1
            ):
                self.terms[j] = NAME_LEAD + self.terms[j]

    def _add_acronyms(self) -> None:
        """Add "cdc" for "Centers for Disease Control" (and longer runs' three-letter starts)."""
        if self.title_case:
            return
        initials = ""
        for i, (kind, text) in enumerate([*self.tokens, ("boundary", ".")]):
            capital = kind == "word" and text[0].isupper() and not self.shouted[i]
            if capital and not (not initials and text.lower() in STOP_WORDS):
                initials += text[0].lower()
            elif kind == "word" and text.lower() in _CONNECTORS and initials:
                continue
            else:
                if len(initials) >= 3:
                    self.terms.append(ALTERNATIVE + initials)
                    if len(initials) > 3:
                        self.terms.append(ALTERNATIVE + initials[:3])
                initials = ""
