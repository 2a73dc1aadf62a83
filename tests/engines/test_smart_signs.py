"""A change's sign against its verb, and a change of nothing.

"Augmenter le taux de conversion de -10 %" used to be read as +10 % with no word said: a minus sign under a
change verb is now warned of as a contradiction (or, under "reduce", as a doubled and ambiguous sign), in the
reader's language. "De 0 %" / "by 0%" names no level to reach, so it is not a measurable target. A plus
sign under "reduce", a from/to pair going against its verb ("augmenter de 5 % à 3 %") and a dash set apart
before a number ("de – 10 %") are read and warned of too.
"""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.smart import CoachContext, Verdict, coach

TODAY = date(2026, 12, 5)


def judged(text: str, lang: str = "en", context: CoachContext | None = None) -> Verdict:
    return coach(text, lang=lang, today=TODAY, context=context)  # type: ignore[arg-type]


_CONTRADICTION = ("contradicts itself", "“increase”", "se contredit", "«\u00a0augmenter\u00a0»")
_DOUBLED = ("ambiguous", "“decrease”", "ambigu", "«\u00a0diminuer\u00a0»")
_NOT_ABOVE = ("is not above", "“increase”", "n’est pas au-dessus", "«\u00a0augmenter\u00a0»")
_NOT_BELOW = ("is not below", "“decrease”", "n’est pas en dessous", "«\u00a0diminuer\u00a0»")
_PLUS_DECREASE = ("is positive", "“decrease”", "est positive", "«\u00a0diminuer\u00a0»")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Augmenter le taux de conversion de -10 % d'ici fin 2027 pour les ventes.", _CONTRADICTION),
        ("Augmenter le taux de conversion de −10 % d'ici fin 2027.", _CONTRADICTION),
        ("Accroître les ventes de -15 % d'ici fin 2027.", _CONTRADICTION),
        ("Hausse de -10 % du CA d'ici fin 2027.", _CONTRADICTION),
        ("Augmenter le taux de conversion de -2 points d'ici juin 2027.", _CONTRADICTION),
        ("Increase the conversion rate by -10% by the end of 2027 to grow sales.", _CONTRADICTION),
        ("We want to grow sales by -15% by June 2027.", _CONTRADICTION),
        ("Boost newsletter sign-ups by -20% by Q3 2027.", _CONTRADICTION),
        ("Raise the repeat purchase rate by -3 points by June 2027.", _CONTRADICTION),
        ("Réduire le taux de churn de -5 % d'ici fin 2027.", _DOUBLED),
        ("Baisser le coût d'acquisition de -20 € d'ici fin 2027.", _DOUBLED),
        ("Reduce churn by -3 points by June 2027.", _DOUBLED),
        ("Cut CAC by -20% by Q3 2027.", _DOUBLED),
        ("Réduire le taux de rebond de +5 % d’ici juin 2027.", _PLUS_DECREASE),
        ("Reduce the bounce rate by +5% by June 2027.", _PLUS_DECREASE),
        ("Augmenter le taux de clics de 5 % à 3 % d’ici juin 2027", _NOT_ABOVE),
        ("Increase the click-through rate from 5% to 3% by June 2027.", _NOT_ABOVE),
        ("Augmenter le CA de 5 % à 5 % d’ici juin 2027.", _NOT_ABOVE),
        ("Réduire le churn de 3 % à 5 % d’ici juin 2027.", _NOT_BELOW),
        ("Reduce churn from 3% to 5% by June 2027.", _NOT_BELOW),
    ],
)
def test_a_sign_or_a_from_to_pair_against_its_change_verb_is_warned_of_in_the_readers_language(
    text: str, words: tuple[str, str, str, str]
) -> None:
    """Under "increase" a minus contradicts the verb; under "decrease" after "by"/"de" it doubles it, and a
    plus contradicts it. A from/to pair obeys the fields' rule: "increase" from 5 % to 3 % is warned of."""
    english = judged(text, "en")
    french = judged(text, "fr")
    assert any(words[0] in w and words[1] in w for w in english.warnings)
    assert any(words[2] in w and words[3] in w for w in french.warnings)


def test_the_warning_shows_the_change_as_written_with_its_minus_sign() -> None:
    verdict = judged("Augmenter le taux de conversion de -10 % d'ici fin 2027.", "fr")
    assert any("(-10\u00a0%)" in w for w in verdict.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "Augmenter le taux de conversion de 10 % d'ici fin 2027.",
        "Augmenter le taux de conversion de +10 % d'ici fin 2027.",
        "Réduire le churn de 5 % d'ici fin 2027.",
        "Increase the conversion rate by +10% by 2027.",
        "Cut CAC by 20% by Q3 2027.",
        "Faire passer le taux de conversion de 2 % à 2,5 % d'ici fin 2027.",
        "Lower CPA (-15%) and keep it there until the end of 2027, so we can scale spend profitably.",
        "Baisser le CPA (-15 %) d'ici fin 2027, pour augmenter les dépenses de façon rentable.",
        "Réduire le taux de churn : -5 % d'ici fin 2027.",
    ],
)
def test_a_change_whose_sign_agrees_with_its_verb_gets_no_sign_warning(text: str) -> None:
    for lang in ("fr", "en"):
        verdict = judged(text, lang)
        assert verdict.warnings == ()
        assert verdict.measurable.ok is True


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("Augmenter le taux de conversion de 0 % d'ici fin 2027 pour les ventes.", "fr", "variation de zéro"),
        ("Augmenter le CA de 0,0 % d'ici fin 2027.", "fr", "variation de zéro"),
        ("Baisser le coût par lead de 0 € d'ici fin 2027.", "fr", "variation de zéro"),
        ("Réduire le taux de rebond de 0 point d'ici juin 2027.", "fr", "variation de zéro"),
        ("Increase conversion by 0% by June 2027.", "en", "change of zero"),
        ("Grow revenue by 0 % by June 2027 to fund hiring.", "en", "change of zero"),
        ("Reduce churn by 0 points by June 2027.", "en", "change of zero"),
        ("Augmenter le taux de conversion de 0 % d'ici fin 2027.", "en", "change of zero"),
    ],
)
def test_a_change_of_zero_is_not_a_measurable_target(text: str, lang: str, words: str) -> None:
    verdict = judged(text, lang)
    assert verdict.specific.ok is True
    assert verdict.measurable.ok is False
    assert words in verdict.measurable.reason
    assert verdict.target is None
    assert verdict.is_smart is False


@pytest.mark.parametrize(
    "text",
    [
        "Reach 0 complaints by June 2027.",
        "Atteindre 0 rupture de stock d'ici fin 2027.",
        "Augmenter le nombre d'abonnés de 0 à 500 d'ici juin 2027.",
        "Increase followers from 0 to 500 by June 2027.",
    ],
)
def test_a_level_of_zero_or_a_start_from_zero_stays_a_target(text: str) -> None:
    verdict = judged(text)
    assert verdict.measurable.ok is True
    assert verdict.target is not None


def test_a_target_field_is_judged_even_when_the_text_changes_by_zero() -> None:
    verdict = judged(
        "Augmenter le taux de conversion de 0 % d'ici fin 2027.",
        "fr",
        CoachContext(target=2.5, unit="%", direction="increase"),
    )
    assert verdict.measurable.ok is True
    assert verdict.target is not None and verdict.target.value == 2.5


def test_the_pair_warning_names_the_statements_numbers() -> None:
    verdict = judged("Augmenter le taux de clics de 5 % à 3 % d’ici juin 2027", "fr")
    assert verdict.warnings == (
        "La cible (3\u00a0%) n’est pas au-dessus de la valeur de départ (5\u00a0%) alors que le sens est "
        "«\u00a0augmenter\u00a0».",
    )


def test_fields_and_text_saying_the_same_contradiction_warn_once() -> None:
    verdict = judged(
        "Increase the click-through rate from 5% to 3% by June 2027.",
        "en",
        CoachContext(baseline=5, target=3, unit="%", direction="increase"),
    )
    assert len(verdict.warnings) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Augmenter le taux de clics de 3 % à 5 % d’ici juin 2027.",
        "Reduce churn from 5% to 3% by June 2027.",
        "Improve CPA from €50 to €40 by June 2027.",
        "Améliorer le délai de livraison de 5 jours à 3 jours d’ici juin 2027.",
        "Speed up delivery from 5 days to 3 days by June 2027.",
        "Faire passer le taux de rebond de 60 % à 45 % d’ici juin 2027.",
        "Augmenter le taux de conversion de +10 % d’ici juin 2027.",
        "Contenir la hausse du coût par clic à +3 % d’ici juin 2027.",
        "Limiter la hausse des coûts de +3 % d’ici juin 2027.",
    ],
)
def test_numbers_going_the_verbs_way_or_under_a_verb_of_better_get_no_direction_warning(text: str) -> None:
    for lang in ("fr", "en"):
        assert judged(text, lang).warnings == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Augmenter le taux de conversion de – 10 % d’ici juin 2027.", 10),
        ("Augmenter le taux de conversion de - 10 % d’ici juin 2027.", 10),
        ("Augmenter le taux de conversion de − 10 % d’ici juin 2027.", 10),
        ("Réduire le taux de churn de – 5 % d’ici juin 2027.", 5),
        ("Increase the conversion rate by – 10% by June 2027.", 10),
    ],
)
def test_a_dash_set_apart_before_a_number_reads_as_a_minus(text: str, value: int) -> None:
    verdict = judged(text, "fr")
    assert verdict.target is not None and verdict.target.value == value
    assert any(f"(-{value}\u00a0%)" in w for w in verdict.warnings), verdict.warnings


@pytest.mark.parametrize(
    "text",
    [
        "Augmenter le taux de conversion de 10–20 % d’ici juin 2027.",
        "Augmenter le taux de conversion de 5 - 10 % d’ici juin 2027.",
        "Augmenter le taux de conversion de 10 % d’ici juin 2027 – 20 % de leads en plus.",
    ],
)
def test_a_range_or_a_dash_between_clauses_is_not_read_as_a_minus(text: str) -> None:
    assert not any("-" in w or "négative" in w for w in judged(text, "fr").warnings)
