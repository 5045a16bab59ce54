"""Words the attribution rules look for: cue verbs, pronouns, group phrases, negation."""

from __future__ import annotations

# Lemmas of English reporting, attitude and meeting verbs whose subject is a speaker.
CUE_LEMMAS_EN = frozenset(
    """
say tell add note state stress emphasize emphasise underscore underline highlight reiterate
reaffirm agree reject urge welcome warn express condemn announce praise thank criticize
criticise denounce accuse demand insist affirm acknowledge recognize recognise confirm commit
pledge threaten deny vow speak meet discuss reply write press commend call ask request propose
describe applaud celebrate congratulate decry deplore dismiss question assure declare signal
voice raise convey complain protest lament regret refuse rule argue claim contend maintain
explain predict promise offer invite encourage support endorse oppose blame caution respond
underscore reassert restate tweet post review outline renew hail laud hold""".split()
)

# Spanish cue forms as written (no lemmatizer for Spanish): preterite and present, sg and pl.
CUE_FORMS_ES = frozenset(
    """
afirmó afirmaron afirma señaló señalaron señala dijo dijeron dice declaró declararon declara
sostuvo sostuvieron coincidió coincidieron coinciden reconoció reconocieron reconoce informó
informaron informa acordó acordaron acuerdan rechazó rechazaron rechaza exigió exigieron exige
destacó destacaron destaca expresó expresaron expresa reiteró reiteraron reitera subrayó
subrayaron subraya celebró celebraron celebra agradeció agradecieron agradece advirtió
advirtieron advierte manifestó manifestaron manifiesta exhortó exhortaron exhorta condenó
condenaron condena lamentó lamentaron lamenta anunció anunciaron anuncia pidió pidieron pide
solicitó solicitaron solicita enfatizó enfatizaron enfatiza insistió insistieron insiste
propuso propusieron propone comprometió comprometieron compromete conversó conversaron
dialogó dialogaron reunió reunieron reúne habló hablaron denunció denunciaron denuncia
criticó criticaron critica acusó acusaron acusa aseguró aseguraron asegura precisó precisaron
indicó indicaron indica explicó explicaron explica comentó comentaron respondió respondieron
planteó plantearon confirmó confirmaron calificó calificaron consideró consideraron resaltó
resaltaron refrendó refrendaron ratificó ratificaron externó externaron felicitó felicitaron
discutieron revisaron abordaron analizaron reclamó reclamaron cuestionó cuestionaron
descartó descartaron reprobó deploró aceptó aceptaron avaló respaldó respaldaron apoyó
apoyaron refutó negó negaron urgió instó instaron recordó recordaron adelantó
recibió recibieron envió enviaron añadió añadieron agregó agregaron
""".split()
)

# Passive or impersonal agreement: the participants speak jointly.
PASSIVE_EN = (("it", "was", "agreed"), ("it", "was", "decided"), ("it", "was", "noted"))
PASSIVE_ES = (("se", "acordó"), ("se", "acordaron"), ("se", "decidió"), ("se", "convino"))

SINGULAR_PRONOUNS = {"en": frozenset({"he", "she"}), "es": frozenset({"él", "ella"})}
PLURAL_PRONOUNS = {"en": frozenset({"they"}), "es": frozenset({"ellos", "ellas"})}
# Phrases referring to the two parties of a meeting or call.
GROUP_HEADS = {
    "en": frozenset({"both", "two"}),
    "es": frozenset({"ambos", "ambas", "dos"}),
}
GROUP_NOUNS = frozenset(
    """
sides leaders officials ministers secretaries presidents delegations governments countries nations
parties men women partes mandatarios funcionarios cancilleres gobiernos países naciones
delegaciones líderes presidentes secretarios
""".split()
)
COUNTRY_GROUP_NOUNS = frozenset(
    "governments countries nations gobiernos países naciones delegations delegaciones sides partes".split()
)

NEGATION = {
    "en": frozenset({"not", "n't", "never", "no", "neither", "nor", "without", "cannot"}),
    "es": frozenset({"no", "nunca", "ni", "sin", "tampoco", "jamás"}),
}
QUOTES = frozenset('"“”«»„')
# Words that may stand between a subject and its verb ("Rubio also said").
SKIPPABLE = frozenset(
    """
also later today yesterday then again further repeatedly separately jointly personally firmly
strongly publicly privately earlier once has had have will would could should may might did does
do is was were are be been then however too likewise
también hoy ayer además asimismo nuevamente igualmente posteriormente luego ya se le les lo
""".split()
)
COORDINATORS = frozenset({",", "and", "y", "e", "&"})
ATTRIBUTION_MARKERS = ("attributable to",)
ARTICLES = frozenset({"the", "el", "la", "los", "las"})
