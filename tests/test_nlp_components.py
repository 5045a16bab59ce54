"""The registry ruler and mention resolution on spacy.blank pipelines (no trained model)."""

from __future__ import annotations

from datetime import date

import spacy

from pipeline.nlp.matcher import PhraseIndex
from pipeline.nlp.mentions import find_mentions
from pipeline.nlp.pipelines import RULER, load_spanish
from pipeline.nlp.tokens import from_spacy


def blank_english(registry):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(RULER).use(registry, "en")
    return nlp


def mentions(nlp, registry, text, on=date(2025, 3, 4), issuer="USA"):
    parsed = from_spacy([(0, nlp(text))], text)
    return [(m.text, m.actor, m.kind) for m in find_mentions(parsed, registry, on, issuer)]


def test_ruler_sets_entities_with_actor_ids(registry):
    doc = blank_english(registry)("Secretary Rubio called Mexico.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("Secretary Rubio", "marco-rubio"), ("Mexico", "MEX")]


def test_acronyms_match_only_in_capitals(registry):
    found = mentions(blank_english(registry), registry, "Let us thank the US and the DEA.")
    assert ("US", "USA", "name") in found and all(t != "us" for t, _, _ in found)


def test_longest_match_wins(registry):
    found = mentions(blank_english(registry), registry, "The President of Mexico spoke.")
    assert found == [("President of Mexico", "claudia-sheinbaum", "role")]


def test_role_nouns_resolve_by_date(registry):
    nlp = blank_english(registry)
    assert mentions(nlp, registry, "The Secretary spoke.", date(2025, 3, 4))[0][1] == "marco-rubio"
    assert mentions(nlp, registry, "The Secretary spoke.", date(2022, 3, 4))[0][1] == "antony-blinken"


def test_demonym_is_a_country_mention_unless_it_qualifies_a_person(registry):
    nlp = blank_english(registry)
    assert mentions(nlp, registry, "Mexican officials met.") == [("Mexican", "MEX", "demonym")]
    found = mentions(nlp, registry, "Mexican Foreign Secretary Juan Ramón de la Fuente met them.")
    assert found == [("Juan Ramón de la Fuente", "juan-ramon-de-la-fuente", "name")]


def test_spanish_folds_case_and_accents(registry):
    nlp = load_spanish(registry)
    for text in ("El Canciller habló.", "el canciller habló.", "EL CANCILLER habló."):
        found = mentions(nlp, registry, text, date(2025, 3, 4), "MEX")
        assert found and found[0][1] == "juan-ramon-de-la-fuente", text
    found = mentions(nlp, registry, "La Cancilleria y la Secretaría de Relaciones Exteriores.", issuer="MEX")
    assert [a for _, a, _ in found] == ["MEX-SRE", "MEX-SRE"]


def test_index_is_language_independent_for_names(registry):
    index = PhraseIndex(registry, "es")
    hits = index.find("Estados Unidos y México firmaron.")
    assert [h.keys for h in hits] == [("USA",), ("MEX",)]
