"""Stop words and a light suffix stripper, so "banned", "bans" and "ban" meet in one term."""

from __future__ import annotations

_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing done down during each either
else even ever every few for from further get gets got had has have having he her here hers
herself him himself his how however i if in into is it its itself just let lets like may me
might more most much must my myself of off on once one only or other our ours ourselves out
over own per rather really same say says said she should since so some still such than that
the their theirs them themselves then there these they this those though through thus to too
under until up upon us very via was we were what when where whether which while who whom
whose why will with within would yet you your yours yourself yourselves s t ll ve re d m amp
rt lol omg wtf
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Words that end like a plural or a past tense but are not one; stripping them would
# merge unrelated words ("news" with "new", "bias" with "bia").
_KEEP_TEXT = """
news gas bus bias always perhaps series species crisis analysis thesis basis virus campus
census status texas kansas christmas isis paris this plus minus bonus genius chaos lens atlas
alias canvas corpus focus hiv aids covid united red bed bred shed hundred seed weed speed feed
need breed
"""
_KEEP = frozenset(_KEEP_TEXT.split())
# Irregular forms no suffix rule reaches, mapped to the form the rules then stem.
_IRREGULAR_TEXT = """
died=die dies=die dying=die dead=die death=die deaths=die made=make took=take taken=take
went=go gone=go ran=run paid=pay bought=buy sold=sell won=win lost=lose found=find
children=child women=woman men=man flew=fly flown=fly wore=wear worn=wear shot=shoot
began=begin begun=begin told=tell held=hold fell=fall fallen=fall drove=drive driven=drive
ate=eat eaten=eat wrote=write written=write spoke=speak spoken=speak stole=steal
stolen=steal chose=choose chosen=choose gave=give given=give knew=know known=know saw=see
seen=see grew=grow grown=grow threw=throw thrown=throw hid=hide hidden=hide fought=fight
caught=catch taught=teach thought=think brought=bring sent=send spent=spend built=build
felt=feel kept=keep slept=sleep sang=sing sung=sing swam=swim struck=strike
"""
_IRREGULAR = dict(pair.split("=") for pair in _IRREGULAR_TEXT.split())
_VOWELS = frozenset("aeiouy")
_UNDOUBLED = frozenset("bdfgmnprt")


def _has_vowel(part: str) -> bool:
    """Tell whether a candidate stem still holds a vowel (so "sing" keeps its "ing")."""
    return any(letter in _VOWELS for letter in part)


# Claims reuse a small vocabulary, so each word is stemmed once; the bound keeps a
# stream of odd words from growing the cache without end.
_CACHE_SIZE = 200_000
_stems: dict[str, str] = {}


def stem(word: str) -> str:
    """Strip plural, past, gerund and adverb endings from a lower-case word."""
    found = _stems.get(word)
    if found is None:
        if len(_stems) >= _CACHE_SIZE:
            _stems.clear()
        found = _stems[word] = _strip(word)
    return found


def _strip(word: str) -> str:
    """Do the stripping for stem()."""
    word = _IRREGULAR.get(word, word)
    if len(word) == 3 and word[2] == "s" and word[1] not in _VOWELS and word not in _KEEP:
        return word[:2]
    if len(word) <= 3 or word in _KEEP or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses") or word.endswith(("ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and _has_vowel(base):
            word = base
            # "banned" -> "bann" -> "ban", so it meets "ban".
            if word[-1] == word[-2] and word[-1] in _UNDOUBLED:
                word = word[:-1]
            break
    if word.endswith("ly") and len(word) > 5:
        word = word[:-2]
    # "controlled" -> "controll" meets "control"; short words keep theirs ("kill").
    if word.endswith("ll") and len(word) > 5:
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word
