"""Attribution of claims to the publication, named or unnamed sources."""

from __future__ import annotations

import pytest

from claimcheck.analysis.attribution import attribute


@pytest.mark.parametrize(
    ("text", "kind", "source", "cue", "quote"),
    [
        (
            "The Taliban claim to control 85% of Afghan territory",
            "named",
            "the Taliban",
            "claim",
            False,
        ),
        (
            "According to a local correspondent for Agence France-Presse, the Taliban are "
            "steadily gaining ground there.",
            "named",
            "a local correspondent for Agence France-Presse",
            "according to",
            False,
        ),
        (
            '"We will win this war," said Defence Minister John Smith.',
            "named",
            "Defence Minister John Smith",
            "said",
            True,
        ),
        (
            "A senior official, who asked not to be named, told Reuters that 300 died.",
            "unnamed",
            "a senior official",
            "told",
            False,
        ),
        (
            "The withdrawal is 90% complete, U.S. officials said.",
            "unnamed",
            "U.S. officials",
            "said",
            False,
        ),
        (
            "Sources close to the investigation said the suspect fled.",
            "unnamed",
            "Sources close to the investigation",
            "said",
            False,
        ),
        (
            "The Pentagon announced on Tuesday that troops would leave.",
            "named",
            "the Pentagon",
            "announced",
            False,
        ),
        (
            "The ministry denied that 2,000 people had fled.",
            "unnamed",
            "the ministry",
            "denied",
            False,
        ),
    ],
)
def test_attribution_source_cue_and_quote(
    text: str, kind: str, source: str, cue: str, quote: bool
) -> None:
    result = attribute(text)
    assert (result.kind, result.source, result.cue, result.quote) == (kind, source, cue, quote)


def test_unattributed_sentence_is_publication_voice() -> None:
    result = attribute("This withdrawal is already 90% effective for the US military.")
    assert (result.kind, result.source, result.cue) == ("publication", None, None)


def test_noun_claim_is_not_a_reporting_cue() -> None:
    assert attribute("The claim that inflation fell is false.").kind == "publication"
