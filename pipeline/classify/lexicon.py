"""A lexicon baseline: keyword lists for each tag and event, English and Spanish.
It exists so the trained model's gain is visible, not to be used in production."""

from __future__ import annotations

import re

COOPERATION = r"""agree\w* accord\w* cooperat\w* partner\w* welcom\w* thank\w* prais\w* support\w*
    assist\w* aid donat\w* joint\w* together commit\w* productive constructive friend\w*
    acuerd\w* acord\w* cooperación colabor\w* agradec\w* celebr\w* apoy\w* ayuda conjunt\w*
    donación respald\w* reconoc\w* fortalec\w*"""
TENSION = r"""reject\w* condemn\w* accus\w* criticiz\w* denounc\w* threat\w* sanction\w* tariff\w*
    demand\w* urg\w* warn\w* protest\w* concern\w* expel\w* deploy\w* troops unacceptable
    refus\w* violat\w* pressure rechaz\w* conden\w* acus\w* critic\w* denunci\w* amenaz\w*
    sancion\w* arancel\w* exig\w* advirt\w* protest\w* preocupación expuls\w* despleg\w*
    tropas inaceptable nota diplomática lament\w*"""
EVENT_WORDS = {
    "AGREE": r"agree\w*|sign\w*|accord|acuerd\w*|acord\w*|firm\w*",
    "CONSULT": r"met|meet\w*|call|spoke|discuss\w*|visit\w*|talks|reun\w*|convers\w*|llamada",
    "COOPERATE": r"cooperat\w*|joint|coordinat\w*|extradit\w*|shar\w*|cooperación|conjunt\w*",
    "SUPPORT": r"prais\w*|thank\w*|welcom\w*|support\w*|agradec\w*|celebr\w*|respald\w*",
    "AID": r"aid|assistance|donat\w*|fund\w*|\$|million|ayuda|donación|millones",
    "YIELD": r"releas\w*|eas\w*|lift\w*|concede\w*|comply|liber\w*|levant\w*",
    "DEMAND": r"demand\w*|urg\w*|call\w* on|insist\w*|must|exig\w*|exhort\w*|pid\w*",
    "ACCUSE": r"accus\w*|criticiz\w*|denounc\w*|blam\w*|concern|acus\w*|critic\w*|denunci\w*",
    "REJECT": r"reject\w*|refus\w*|den\w*|rechaz\w*|neg\w*",
    "THREATEN": r"threat\w*|warn\w*|ultimatum|amenaz\w*|advirt\w*",
    "SANCTION": r"sanction\w*|tariff\w*|impos\w*|expel\w*|designat\w*|sancion\w*|arancel\w*",
    "PROTEST": r"protest\w*|summon\w*|diplomatic note|recall\w*|nota diplomática|convoc\w*",
    "MOBILIZE": r"deploy\w*|troops|military|naval|despleg\w*|tropas|militar\w*",
}


def _compile(words: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(words.split()) + r")\b", re.I)


_COOP, _TENSION = _compile(COOPERATION), _compile(TENSION)
_EVENTS = {e: re.compile(r"(?:^|\W)(?:" + p + r")(?:\W|$)", re.I) for e, p in EVENT_WORDS.items()}


def lexicon_predict(text: str) -> tuple[int, int, str]:
    """(cooperation, tension, event) by keywords. Example: ``lexicon_predict("They agreed")``."""
    coop = int(bool(_COOP.search(text)))
    tension = int(bool(_TENSION.search(text)))
    hits = [(len(rx.findall(text)), e) for e, rx in _EVENTS.items()]
    count, event = max(hits)
    return coop, tension, event if count else "NONE"
