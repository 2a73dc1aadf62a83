"""Round 4 of issue 17: phrasings found by the ninth fresh batch (``y…``) and its development rows."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.smart import coach
from jalon.engines.smart_types import Verdict

TODAY = date(2026, 7, 6)


def verdict(text: str, lang: str) -> Verdict:
    return coach(text, lang=lang, today=TODAY, text_lang=lang)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Proposition 7", "fr"),
        ("Proposal 7.", "en"),
        ("Piste 4", "fr"),
        ("AXE 2 - FIDELISATION", "fr"),
        ("WORKSTREAM 2 - ACQUISITION", "en"),
        ("Initiative 3 – notre image de marque", "fr"),
    ],
)
def test_the_number_of_a_bare_heading_is_no_target_and_names_nothing_that_changes(
    text: str, lang: str
) -> None:
    judged = verdict(text, lang)
    assert judged.target is None
    assert (judged.specific.ok, judged.measurable.ok, judged.relevant.ok) == (False, False, False)


def test_a_heading_number_is_not_offered_as_the_current_value_in_the_suggestion() -> None:
    judged = verdict("Objective 1: Improve the brand's image with young people in 2027.", "en")
    assert "from <current value>" in judged.suggestion


@pytest.mark.parametrize(
    ("text", "lang", "metric"),
    [
        ("Proposition 12 – lancer 3 webinaires d'ici fin 2026", "fr", None),
        ("Axe 3 – +15 % de CA d'ici fin 2026 pour financer la croissance", "fr", "CA"),
        ("Proposal 7: 500 trial sign-ups by December", "en", None),
    ],
)
def test_the_goal_after_a_numbered_heading_keeps_its_own_target(
    text: str, lang: str, metric: str | None
) -> None:
    judged = verdict(text, lang)
    assert judged.target is not None and judged.target.value in (3, 15, 500)
    assert judged.specific.ok is True and judged.time_bound.ok is True
    if metric:
        assert judged.metric == metric


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        (
            "BANQUE – 20 000 ouvertures de compte en ligne d'ici fin 2026 pour réduire le coût d'acquisition",
            "fr",
            20000,
        ),
        ("B2B SaaS - 450 MQLs by Q3 2027 to feed the sales pipeline", "en", 450),
        ("Charity - 1,500 monthly donors by December so we can fund our field work", "en", 1500),
    ],
)
def test_a_short_tag_before_a_dash_opens_the_goal_rather_than_ending_it(
    text: str, lang: str, value: int
) -> None:
    judged = verdict(text, lang)
    assert judged.target is not None and judged.target.value == value
    assert (judged.specific.ok, judged.measurable.ok, judged.time_bound.ok, judged.relevant.ok) == (
        True, True, True, True,
    )  # fmt: skip
    assert judged.metric is not None and "SaaS" not in judged.metric and "BANQUE" not in judged.metric


def test_a_metric_named_before_a_dash_stays_the_metric() -> None:
    judged = verdict("Conversion rate - 3% by June", "en")
    assert judged.metric == "Conversion rate"
    assert judged.target is not None and judged.target.value == 3


def test_a_dash_after_a_goal_still_gives_its_reason() -> None:
    judged = verdict("Double the demo requests by December - that is what fills the pipeline", "en")
    assert judged.relevant.ok is True


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Faire monter le panier moyen à 35 € au moins, parceque nos marges sont trop faibles", "fr"),
        ("Refaire la vitrine d'ici juin, cela fera venir de nouveaux clients", "fr"),
        ("We want people talking about us, that's how we'll win new customers", "en"),
    ],
)
def test_a_glued_or_consequence_marker_opens_the_reason(text: str, lang: str) -> None:
    judged = verdict(text, lang)
    assert judged.relevant.ok is True
    assert "clients" not in (judged.metric or "") and "customers" not in (judged.metric or "")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gagner 25 % de visites sur le site, ce qui devrait générer plus de devis", "fr"),
        ("25% more website visits, which should bring in more quote requests", "en"),
        ("Augmenter les nuitées hors saison pour que les hôteliers du territoire gagnent plus", "fr"),
        ("Increase off-season overnight stays so local hotels earn more", "en"),
        ("Cut claim handling time to 5 days so policyholders renew", "en"),
    ],
)
def test_quotes_earnings_and_renewals_are_business_stakes(text: str, lang: str) -> None:
    judged = verdict(text, lang)
    assert judged.relevant.ok is True
    assert judged.specific.ok is True


def test_word_of_mouth_before_its_reason_stays_a_vague_wish() -> None:
    judged = verdict("On veut que les gens parlent de nous, ça ramènera des clients", "fr")
    assert (judged.specific.ok, judged.relevant.ok) == (False, True)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("FY27 : CA e-commerce à 3,2 M€ (vs 2,4 M€ FY26) pour financer deux magasins", "fr"),
        ("FY27: e-com revenue at £3.2M (vs £2.4M in FY26) to fund two new stores", "en"),
        ("FY2027: 500 new members", "en"),
    ],
)
def test_a_fiscal_year_opening_the_statement_is_its_deadline(text: str, lang: str) -> None:
    judged = coach(text, lang=lang, today=date(2026, 10, 5), fiscal_year_start_month=4, text_lang=lang)  # type: ignore[arg-type]
    assert judged.deadline == date(2027, 3, 31)


def test_a_fiscal_year_already_over_after_in_qualifies_a_figure_and_is_no_deadline() -> None:
    judged = coach(
        "Grow e-com revenue to £3.2M, up from £2.4M in FY26", lang="en", today=date(2026, 10, 5),
        fiscal_year_start_month=4, text_lang="en",
    )  # fmt: skip
    assert judged.deadline is None
    assert judged.time_bound.ok is False


def test_a_fiscal_year_already_over_after_by_is_still_a_past_deadline() -> None:
    judged = coach(
        "Reach £3.2M of e-com revenue by FY26", lang="en", today=date(2026, 10, 5), fiscal_year_start_month=4,
        text_lang="en",
    )  # fmt: skip
    assert judged.deadline == date(2026, 3, 31)


def test_ds_is_read_as_dans_before_a_duration() -> None:
    judged = coach(
        "Lancer l'appli de prise de RDV ds les 3 mois", lang="fr", today=date(2026, 4, 13), text_lang="fr"
    )
    assert judged.deadline == date(2026, 7, 13)


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        (
            "Black Friday : 80 k€ de CA en ligne le jour J, pour tenir le budget de ventes",
            "fr",
            date(2026, 11, 27),
        ),
        ("Cyber Monday: $80k in online revenue, to hit our Q4 sales budget", "en", date(2026, 11, 30)),
        ("Noël : 2 000 coffrets vendus", "fr", date(2026, 12, 25)),
    ],
)
def test_a_holiday_heading_its_clause_with_a_colon_is_the_deadline(text: str, lang: str, day: date) -> None:
    judged = coach(text, lang=lang, today=date(2026, 10, 12), text_lang=lang)  # type: ignore[arg-type]
    assert judged.deadline == day
    assert judged.time_bound.ok is True


@pytest.mark.parametrize("text", ["Black Friday sales up 20%", "Grow Black Friday sales: +20%"])
def test_a_holiday_naming_what_is_sold_is_no_deadline(text: str) -> None:
    assert coach(text, lang="en", today=date(2026, 10, 12), text_lang="en").deadline is None


@pytest.mark.parametrize(
    ("text", "lang", "low"),
    [
        ("ROAS Google Ads entre 4 et 5", "fr", 4),
        ("Google Ads ROAS between 4 and 5", "en", 4),
        ("NPS between 40 and 50 by June", "en", 40),
    ],
)
def test_a_band_of_bare_numbers_closing_its_clause_is_a_target(text: str, lang: str, low: int) -> None:
    judged = verdict(text, lang)
    assert judged.measurable.ok is True
    assert judged.target is not None and judged.target.value == low


def test_a_band_of_things_is_still_a_scope_not_a_target() -> None:
    judged = verdict("Refresh the brand image in between 20 and 30 stores", "en")
    assert judged.target is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Customer webinar every month starting in Q2", "en"),
        ("Post on LinkedIn weekly, beginning in March", "en"),
    ],
)
def test_when_a_cadence_starts_is_not_its_deadline(text: str, lang: str) -> None:
    judged = verdict(text, lang)
    assert judged.deadline is None
    assert judged.time_bound.ok is False


def test_a_deadline_after_a_start_is_still_the_deadline() -> None:
    assert verdict("Sell 500 kits by June, starting in March", "en").deadline == date(2027, 6, 30)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Pricing page redesign in Q2", "en"),
        ("CRM migration by June", "en"),
        ("New brochure site live by 3/31", "en"),
        ("Agency brief + autumn collection photo shoot wrapped by 7/15", "en"),
        ("Newsletter prête pour le 15 mars", "fr"),
        ("Customer webinar every month", "en"),
        ("Webinar client tous les mois à partir du T2", "fr"),
    ],
)
def test_an_artefact_followed_by_its_change_done_state_or_cadence_is_a_deliverable(
    text: str, lang: str
) -> None:
    judged = verdict(text, lang)
    assert (judged.specific.ok, judged.measurable.ok) == (True, True)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Brand refresh", "en"),
        ("Newsletter open rate every month", "en"),
        ("Image de marque tous les mois", "fr"),
    ],
)
def test_no_artefact_or_a_metric_before_the_cadence_is_no_deliverable(text: str, lang: str) -> None:
    assert verdict(text, lang).measurable.ok is False


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Fill all 12 places in each puppy class.", "en", 12),
        ("Remplir les 40 chambres de l'hôtel chaque week-end", "fr", 40),
        ("Vendre toutes les 300 places du gala", "fr", 300),
    ],
)
def test_filling_or_selling_all_of_a_count_makes_the_count_the_target(
    text: str, lang: str, value: int
) -> None:
    judged = verdict(text, lang)
    assert judged.target is not None and judged.target.value == value


@pytest.mark.parametrize(
    ("text", "lang"), [("Vendre nos 3 gammes", "fr"), ("Sell our 40 products in all 12 stores", "en")]
)
def test_selling_our_products_counts_a_scope_not_a_target(text: str, lang: str) -> None:
    assert verdict(text, lang).target is None


def test_balancing_a_named_budget_is_a_business_stake() -> None:
    judged = verdict("Sell 800 concert tickets by Independence Day to balance the charity's budget.", "en")
    assert judged.relevant.ok is True


@pytest.mark.parametrize("word", ["cover", "compete"])
def test_a_reason_verb_is_never_repaired_into_another_word(word: str) -> None:
    from jalon.engines.smart_lexicon import FIXER

    assert FIXER.fix(word) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Reach 78% occupancy this financial year to cover fixed costs", "en"),
        ("Grow keg sales 25% within 4 months to pay off the new tank", "en"),
        ("2k e-bike rentals within 10 weeks so the fleet pays for itself", "en"),
        ("Augmenter de 25 % les ventes de fûts dans les 4 mois pour amortir la nouvelle cuve", "fr"),
        ("2 000 locations de vélos sous 10 semaines afin de rembourser la flotte", "fr"),
        (
            "Le musée vise 120 000 visiteurs cette année, ce qui assurerait l'équilibre de la billetterie",
            "fr",
        ),
        ("Sign 30 new small-business clients as our fee income is flat", "en"),
    ],
)
def test_paying_back_an_investment_and_a_clause_after_as_give_the_business_reason(
    text: str, lang: str
) -> None:
    assert verdict(text, lang).relevant.ok is True


def test_as_before_a_noun_is_no_reason() -> None:
    assert verdict("Sell 30 gift cards as our Christmas offer", "en").relevant.ok is False


def test_a_holiday_after_for_is_the_deadline() -> None:
    judged = coach(
        "Florist: 400 bouquets sold for Valentine's Day to make February our best revenue month",
        lang="en", today=date(2026, 3, 23), text_lang="en",
    )  # fmt: skip
    assert judged.deadline == date(2027, 2, 14)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bookshop window display redone by April 30", "en"),
        ("Vitrine de la librairie refaite pour le 30 avril", "fr"),
        ("Nouvelle version de l'extranet client en ligne d'ici fin S1", "fr"),
    ],
)
def test_a_display_or_a_portal_with_its_done_state_is_a_deliverable(text: str, lang: str) -> None:
    judged = verdict(text, lang)
    assert (judged.specific.ok, judged.measurable.ok) == (True, True)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Station de ski - la moitié des forfaits vendus en ligne", "fr"),
        ("Ski resort - half of lift passes sold online", "en"),
    ],
)
def test_a_share_in_words_after_a_tag_opens_the_goal(text: str, lang: str) -> None:
    judged = verdict(text, lang)
    assert judged.target is not None and judged.target.value == 50


@pytest.mark.parametrize(
    ("text", "lang"), [("Post weekly, beginning on March 15", "en"), ("Webinar mensuel dès le 15 mars", "fr")]
)
def test_the_day_something_starts_is_no_target(text: str, lang: str) -> None:
    judged = verdict(text, lang)
    assert judged.target is None
    assert judged.deadline is None


def test_the_article_des_before_a_number_is_no_start() -> None:
    judged = verdict("Vendre 500 coffrets des 3 gammes d'ici fin 2026", "fr")
    assert judged.target is not None and judged.target.value == 500


@pytest.mark.parametrize(
    "text",
    [
        "Faire passer le chiffre d'affaires mensuel en ligne de 40 000 € à 55 000 € d'ici fin 2027.",
        "Faire passer le chiffre d’affaires mensuel en ligne de 40 000 € à 55 000 € d’ici fin 2027.",
    ],
)
def test_the_coach_names_the_turnover_whole_not_its_first_word(text: str) -> None:
    """The first hour's objective read « Nomme ce qui change : « chiffre » »: « d'affaires » is part of it."""
    judged = verdict(text, "fr")
    assert judged.specific.ok
    assert "chiffre d" in judged.specific.reason and "affaires mensuel" in judged.specific.reason
