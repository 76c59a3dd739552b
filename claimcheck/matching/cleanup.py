"""Remove what a pasted tweet carries besides its claim: signature, links, handles, hashtags."""

from __future__ import annotations

import html
import re
import unicodedata

# "— Name (@handle) July 12, 2016" as Twitter's embed code ends a quoted tweet.
_SIGNATURE = re.compile(
    r"\s*[—–]\s*([^—–\n]{0,80})\(@\w{1,30}\)\s*(?:[A-Z][a-z]+\.? \d{1,2},? \d{4})?\s*$"
)
_LINK = re.compile(
    r"(?:https?://|www\.)\S*"
    r"|pic\.twitter\.com/\w*"
    r"|\b(?:t\.co|bit\.ly|tl\.gd|ow\.ly|goo\.gl|tinyurl\.com|fb\.me|buff\.ly|dlvr\.it)/\S*",
    re.IGNORECASE,
)
_RETWEET = re.compile(r"^\s*RT\s+@\w+:?\s*|\bvia\s+@\w+", re.IGNORECASE)
# A handle glued to a word is still a handle ("@CNN@HillaryClinton").
_TAG = re.compile(r"(?<![&\w])(#)(\w+)|(@)(\w+)")
# Splits "BernieSanders" and "MakeAmericaGreatAgain"; keeps "NRAFail" as "NRA Fail".
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": " - ",
        "\u2014": " - ",
        "\u2026": "... ",
        "\u00a0": " ",
    }
)


def _split_tag(match: re.Match[str]) -> str:
    """Turn "@BernieSanders" into "Bernie Sanders" and "#Dec24" into "Dec 24"."""
    body = (match.group(2) or match.group(4)).replace("_", " ")
    return " " + " ".join(_CAMEL.findall(body) or [body]) + " "


def split_signature(text: str) -> tuple[str, str]:
    """Return (the tweet without its signature, the display name that signed it)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "&" in text:
        text = html.unescape(text)
    match = _SIGNATURE.search(text) if "(@" in text else None
    if match is None:
        return text, ""
    return text[: match.start()], match.group(1).strip()


def clean_text(text: str) -> str:
    """Return the claim-bearing part of a text, with quotes and dashes made plain."""
    # The checks before each pattern only skip work: most claims have no link or handle.
    if "/" in text or "www." in text:
        text = _LINK.sub(" ", text)
    if "@" in text or "#" in text:
        text = _RETWEET.sub(" ", text)
        text = _TAG.sub(_split_tag, text)
    return text if text.isascii() else text.translate(_PUNCTUATION)
