"""The SMART coach's second round of issue 17: phrasings found in a batch written in new voices."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.smart import Verdict, coach

pytestmark = pytest.mark.engine


def judge(text: str, lang: str = "en", today: str = "2026-03-09", fy: int = 1) -> Verdict:
    return coach(text, lang=lang, today=date.fromisoformat(today), fiscal_year_start_month=fy)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Recommendation 2: work on the average basket, currently €38, through Q3.", "en"),
        ("Recommandation n°2 : travailler le panier moyen, aujourd'hui de 38 €, jusqu'au T3.", "fr"),
    ],
)
def test_a_number_that_heads_the_statement_is_not_a_target(text: str, lang: str) -> None:
    verdict = judge(text, lang)
    assert verdict.specific.ok is True
    assert verdict.measurable.ok is False
    assert verdict.time_bound.ok is True


def test_a_labelled_reason_stays_a_reason_even_when_it_opens_with_a_verb() -> None:
    verdict = judge(
        "Objectif : ROAS social payant ; Cible : 4 ; Échéance : 30/09/2026 ; "
        "Justification : préserver la marge malgré la hausse des CPM.",
        "fr",
    )
    assert verdict.measurable.ok and verdict.relevant.ok
    assert verdict.target is not None and verdict.target.value == 4
    assert verdict.deadline == date(2026, 9, 30)


def test_a_verbless_fragment_with_to_and_a_number_is_the_goal_not_its_reason() -> None:
    verdict = judge("Click & collect to reach 30% of online orders in H1, cutting delivery costs.", fy=2)
    assert verdict.specific.ok and verdict.measurable.ok and verdict.relevant.ok
    assert verdict.deadline == date(2026, 7, 31)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Post on Instagram four times a week.", "en"),
        ("Publier sur Instagram quatre fois par semaine.", "fr"),
    ],
)
def test_a_posting_cadence_is_a_measurable_deliverable_but_no_deadline(text: str, lang: str) -> None:
    verdict = judge(text, lang)
    assert verdict.specific.ok and verdict.measurable.ok
    assert verdict.time_bound.ok is False


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Porter le taux de réachat de 22 % à 35 % d'ici le T4 2026, "
            "les clients fidèles portant l'essentiel de la marge.",
            "fr",
        ),
        ("Lift repeat purchase rate to 35% by Q4 2026, returning buyers carrying most of the margin.", "en"),
        ("Close the spring campaign with 800 leads by 5 June 2026 for the sales team's pipeline.", "en"),
        ("Run three landing page A/B tests by Friday, May 29 to find what lifts conversion.", "en"),
        ("Augmenter le ticket moyen de 6 % avant la fin de l'année afin d'augmenter les redevances.", "fr"),
        (
            "Transformer 25 % des devis en contrats d'ici fin d'année pour faire croître les cotisations.",
            "fr",
        ),
        ("Atteindre 110 % de NRR fin T2 2026 — l'expansion coûte moins cher que les nouveaux logos.", "fr"),
    ],
)
def test_absolute_clauses_for_phrases_and_more_stakes_make_a_reason(text: str, lang: str) -> None:
    assert judge(text, lang).relevant.ok is True


@pytest.mark.parametrize(
    "text",
    [
        "Increase revenue for the sales team.",
        "Lift repeat purchase rate to 35% by Q4 2026, the new team leading the work.",
    ],
)
def test_a_for_phrase_or_a_participle_without_a_stake_is_no_reason(text: str) -> None:
    assert judge(text).relevant.ok is False


@pytest.mark.parametrize(
    ("text", "lang", "today", "fy", "deadline"),
    [
        (
            "Get 40 of our 150 ABM target accounts to book a demo in Q1 FY27, to build pipeline.",
            "en",
            "2026-09-14",
            10,
            date(2026, 12, 31),
        ),
        ("Launch the spring menu between mid-January and the end of February 2027.", "en", "2026-12-07", 1,
         date(2027, 2, 28)),
        ("Lancer la carte de printemps entre mi-janvier et fin février 2027.", "fr", "2026-12-07", 1,
         date(2027, 2, 28)),
        ("Faire passer le CA abo à 1 M€ d'ici la fin de l'exo, pour l'EBITDA.", "fr", "2026-08-10", 1,
         date(2026, 12, 31)),
    ],
)  # fmt: skip
def test_causative_goals_ranges_from_mid_month_and_the_short_exo_resolve(
    text: str, lang: str, today: str, fy: int, deadline: date
) -> None:
    assert judge(text, lang, today, fy).deadline == deadline


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("To hire a content marketer by March 2026.", "en"),
        ("Ouvrir le nouvel espace de dégustation avant fin mars 2027.", "fr"),
    ],
)
def test_people_hired_and_places_opened_are_concrete_deliverables(text: str, lang: str) -> None:
    verdict = judge(text, lang)
    assert verdict.specific.ok and verdict.measurable.ok


def test_a_vague_object_after_open_is_still_no_deliverable() -> None:
    assert judge("Ouvrir de nouvelles perspectives d'ici fin 2026.", "fr").specific.ok is False


@pytest.mark.parametrize(
    ("text", "lang", "today", "fy", "deadline"),
    [
        ("We hope to sign up 1,200 card holders in the next half year, because they spend more.", "en",
         "2026-05-18", 1, date(2026, 11, 18)),
        ("Increase applications by 20% this academic year, since their fees fund the campus.", "en",
         "2026-11-09", 9, date(2027, 8, 31)),
        ("Augmenter de 20 % les candidatures sur l'année universitaire.", "fr", "2026-11-09", 9,
         date(2027, 8, 31)),
        ("Book 2,000 package holidays in our first fiscal quarter, to offset lower commission.", "en",
         "2026-01-12", 4, date(2026, 6, 30)),
    ],
)  # fmt: skip
def test_half_years_academic_years_and_our_first_fiscal_quarter_resolve(
    text: str, lang: str, today: str, fy: int, deadline: date
) -> None:
    assert judge(text, lang, today, fy).deadline == deadline


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Get the seasonal IPA labels printed by April 30th.", "en"),
        ("Conversion gratuit → payant : de 3 % à 5 % d'ici le T4 2026.", "fr"),
        ("More PQLs.", "en"),
        ("time to fill is too long, we need to shorten it", "en"),
    ],
)
def test_get_it_done_metric_arrows_and_business_abbreviations_are_read(text: str, lang: str) -> None:
    verdict = judge(text, lang)
    assert verdict.specific.ok is True
    if "→" in text or "printed" in text:
        assert verdict.measurable.ok is True


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ARR self-serve de 2 M€ au 31/12/2026, réduisant notre dépendance aux gros contrats.", "fr"),
        ("120 exposants inscrits au 15 octobre, les frais de stand finançant tout l'événement.", "fr"),
        ("Vendre 300 rendez-vous crédit d'ici fin T4 pour développer le PNB.", "fr"),
        ("Faire grossir le panier moyen, dans l'intérêt de nos marges.", "fr"),
    ],
)
def test_french_participles_banking_and_event_stakes_make_a_reason(text: str, lang: str) -> None:
    assert judge(text, lang).relevant.ok is True


@pytest.mark.parametrize(
    "text",
    [
        "Improve customer experience by June 2026.",
        "Increase customer loyalty by June 2026.",
        "Increase customer satisfaction by June 2026.",
    ],
)
def test_customer_before_an_aspiration_word_does_not_make_it_a_count(text: str) -> None:
    assert judge(text).specific.ok is False


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Set up a customer advisory board by June 2026.", "en"),
        ("Build a knowledge base by June 2026.", "en"),
        ("Create a white paper on B2B payments by June 2026.", "en"),
        ("Créer un livre blanc sur les paiements B2B d'ici juin 2026.", "fr"),
        ("Développer un configurateur produit d'ici juin 2026.", "fr"),
        ("Mettre en place un programme de parrainage d'ici juin 2026.", "fr"),
        ("Improve our billable hours by June 2026.", "en"),
        ("Améliorer notre BFR d'ici juin 2026.", "fr"),
    ],
)
def test_common_artefacts_and_metrics_are_recognised(text: str, lang: str) -> None:
    assert judge(text, lang).specific.ok is True


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Build trust by June 2026.", "en"), ("Créer des synergies d'ici juin 2026.", "fr")],
)
def test_vague_objects_after_a_generic_maker_stay_vague(text: str, lang: str) -> None:
    assert judge(text, lang).specific.ok is False


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Grow signups by 20% by June 2026 to increase renewals.", "en"),
        ("Grow signups by 20% by June 2026 to improve the P&L.", "en"),
        ("Augmenter les inscriptions de 20 % d'ici juin 2026 pour améliorer l'EBE.", "fr"),
        ("Augmenter les inscriptions de 20 % d'ici juin 2026 pour le taux de remplissage.", "fr"),
    ],
)
def test_renewals_p_and_l_ebe_and_occupancy_are_business_stakes(text: str, lang: str) -> None:
    assert judge(text, lang).relevant.ok is True


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Objective — 25% more qualified leads — deadline June 2026 — why: pipeline.", "en"),
        ("Objectif — +25 % de leads qualifiés — échéance juin 2026 — pourquoi : le pipe.", "fr"),
    ],
)
def test_a_dash_after_a_bare_label_opens_the_goal_not_a_reason(text: str, lang: str) -> None:
    verdict = judge(text, lang)
    assert verdict.specific.ok and verdict.measurable.ok and verdict.relevant.ok
    assert verdict.deadline == date(2026, 6, 30)


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        ("Our aim: qualified leads +25% by June 2026 (pipeline).", True),
        ("Grow leads by 25% by June 2026 for the revenue plan.", True),
        ("Grow online sales by 10% by June 2026 (CA).", False),
        ("Increase the open rate (18% in 2025) to 25% by June.", False),
    ],
)
def test_a_bracket_or_a_for_phrase_naming_a_stake_is_a_reason(text: str, relevant: bool) -> None:
    assert judge(text).relevant.ok is relevant


@pytest.mark.parametrize(
    ("text", "lang", "rank"),
    [
        ("Rank top 3 on Google for 'running shoes' by June 2026.", "en", 3),
        ("Be #1 on Google for 'vegan bakery Leeds' by June 2026.", "en", 1),
        ("Get to the first page of Google for our 10 main keywords by June 2026.", "en", 1),
        ("Être en première page de Google sur « boulangerie vegan » d'ici juin 2026.", "fr", 1),
    ],
)
def test_a_rank_to_reach_is_a_target(text: str, lang: str, rank: int) -> None:
    verdict = judge(text, lang)
    assert verdict.specific.ok and verdict.measurable.ok
    assert verdict.target is not None and verdict.target.value == rank


@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("Cut no-shows by June 2026.", True),
        ("Win back lapsed customers by June 2026.", True),
        ("Reduce the time it takes to answer a customer email by June 2026.", True),
        ("Get the word out by June 2026.", False),
    ],
)
def test_everyday_english_names_of_what_changes(text: str, specific: bool) -> None:
    assert judge(text).specific.ok is specific
