"""Matching a KPI named in the user's words to a metric, in French and English."""

from __future__ import annotations

import pytest

from jalon.engines.metric_match import MatchSource, MetricEntry, MetricIndex, content_words, phrase_key, stem

pytestmark = pytest.mark.engine

CATALOGUE = (
    MetricEntry(
        "email_open_rate",
        (
            "taux d'ouverture",
            "taux d'ouverture des e-mails",
            "taux d'ouverture newsletter",
            "open rate",
            "email open rate",
        ),
    ),
    MetricEntry(
        "push_open_rate", ("taux d'ouverture push", "push open rate", "taux d'ouverture des notifications")
    ),
    MetricEntry("email_click_rate", ("taux de clic", "click rate", "click-through rate", "ctr")),
    MetricEntry(
        "cart_abandonment_rate",
        ("taux d'abandon de panier", "abandon de panier", "cart abandonment rate", "cart abandonment"),
        better="lower",
    ),
    MetricEntry("conversion_rate", ("taux de conversion", "conversion rate", "taux de transformation")),
    MetricEntry("email_order_rate", ("taux de conversion des e-mails", "email conversion rate")),
    MetricEntry("average_order_value", ("panier moyen", "average order value", "aov")),
)


@pytest.fixture(scope="module")
def index() -> MetricIndex:
    return MetricIndex.build(CATALOGUE)


def matched(index: MetricIndex, text: str) -> str | None:
    found = index.match(text)
    return found.metric_id if found else None


def test_plurals_are_folded_in_french_and_english() -> None:
    assert [stem(w) for w in ("paniers", "canaux", "rates", "categories", "taux")] == [
        "panier",
        "canal",
        "rate",
        "category",
        "taux",
    ]


def test_accents_case_apostrophes_and_email_spellings_do_not_matter() -> None:
    assert content_words("Taux d’ouverture des E-MAILS") == content_words("taux d'ouverture des emails")
    assert phrase_key("Réduire l'abandon de PANIERS") == "reduire abandon panier"


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("taux d'ouverture des newsletters", "email_open_rate"),
        ("Taux d'ouverture des e-mails", "email_open_rate"),
        ("taux d'abandon de panier", "cart_abandonment_rate"),
        ("Réduire l'abandon de panier", "cart_abandonment_rate"),
        ("Taux d'abandons des paniers", "cart_abandonment_rate"),
        ("Augmenter les taux de conversion de 2 %", "conversion_rate"),
        ("taux de conversion des emails", "email_order_rate"),
        ("taux d'ouverture des push", "push_open_rate"),
        ("panier moyen", "average_order_value"),
    ],
)
def test_french_kpi_names_match_their_metric(index: MetricIndex, text: str, metric: str) -> None:
    assert matched(index, text) == metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("open rate", "email_open_rate"),
        ("Open Rates", "email_open_rate"),
        ("newsletter open rate", "email_open_rate"),
        ("push open rates", "push_open_rate"),
        ("Reduce cart abandonment", "cart_abandonment_rate"),
        ("CTR", "email_click_rate"),
        ("email conversion rates", "email_order_rate"),
        ("AOV", "average_order_value"),
    ],
)
def test_english_kpi_names_match_their_metric(index: MetricIndex, text: str, metric: str) -> None:
    assert matched(index, text) == metric


def test_an_exact_synonym_matches_with_full_confidence(index: MetricIndex) -> None:
    found = index.match("taux d'abandon de panier")
    assert found is not None and found.confidence == 1.0 and found.source is MatchSource.SYNONYM
    assert found.phrase == "taux d'abandon de panier"


def test_a_close_misspelling_still_matches_with_less_confidence(index: MetricIndex) -> None:
    found = index.match("cart abandonement")
    assert found is not None and found.metric_id == "cart_abandonment_rate"
    assert 0.5 <= found.confidence < 1.0


def test_the_more_specific_synonym_wins_over_the_general_one(index: MetricIndex) -> None:
    found = index.match("taux d'ouverture des notifications")
    assert found is not None and found.metric_id == "push_open_rate"
    assert "email_open_rate" in [c.metric_id for c in found.alternatives]


def test_text_naming_no_known_metric_matches_nothing(index: MetricIndex) -> None:
    assert index.match("Documenter l'architecture des données") is None
    assert index.match("") is None
    assert index.candidates("bonjour") == ()


def test_a_user_correction_overrides_the_synonyms(index: MetricIndex) -> None:
    corrections = {phrase_key("taux de transformation du panier"): "cart_abandonment_rate"}
    found = index.match("Taux de transformation des paniers", corrections=corrections)
    assert found is not None
    assert found.metric_id == "cart_abandonment_rate"
    assert found.source is MatchSource.CORRECTION and found.confidence == 1.0


def test_a_correction_to_an_unknown_metric_is_ignored(index: MetricIndex) -> None:
    found = index.match("taux de conversion", corrections={phrase_key("taux de conversion"): "nope"})
    assert found is not None and found.metric_id == "conversion_rate" and found.source is MatchSource.SYNONYM


def test_a_device_named_in_the_text_is_reported(index: MetricIndex) -> None:
    found = index.match("taux de conversion sur mobile")
    assert found is not None and found.metric_id == "conversion_rate" and found.device == "mobile"
    desktop = index.match("conversion rate on desktop")
    assert desktop is not None and desktop.device == "desktop"


def test_two_metrics_nearly_tied_lower_the_confidence_and_are_flagged() -> None:
    twins = MetricIndex.build(
        (
            MetricEntry("a_rate", ("taux de retour produit",)),
            MetricEntry("b_rate", ("taux de retour client",)),
        )
    )
    found = twins.match("taux de retour", minimum=0.0)
    assert found is not None and found.ambiguous and found.confidence < 1.0


@pytest.mark.parametrize(
    "text",
    ["Grow repeat purchases among first-time buyers", "Augmenter le taux de réachat des primo-acheteurs"],
)
def test_the_kpi_named_first_wins_over_the_population_that_qualifies_it(text: str) -> None:
    index = MetricIndex.build(
        (
            MetricEntry("repeat_purchase_rate", ("repeat purchases", "taux de réachat")),
            MetricEntry("new_customers", ("first-time buyers", "primo-acheteurs")),
        )
    )
    found = index.match(text, minimum=0.0)
    assert found is not None and found.metric_id == "repeat_purchase_rate"
    assert [c.metric_id for c in found.alternatives] == ["new_customers"]


WORD_FORMS = (
    MetricEntry("customer_retention_rate", ("taux de fidélisation", "fidélisation", "retention rate")),
    MetricEntry("email_deliverability_rate", ("délivrabilité", "deliverability")),
    MetricEntry(
        "reactivation_rate",
        ("taux de réactivation", "win-back rate"),
        opposites=("clients inactifs", "inactive customers"),
    ),
)


def test_another_form_of_a_word_earns_part_of_the_credit() -> None:
    index = MetricIndex.build(WORD_FORMS)
    found = index.match("Fidéliser les clients")
    assert found is not None and found.metric_id == "customer_retention_rate" and found.confidence < 1.0


def test_a_word_much_shorter_than_the_synonyms_word_is_not_taken_for_another_form_of_it() -> None:
    assert MetricIndex.build(WORD_FORMS).match("Cut delivery times") is None


def test_a_name_of_the_opposite_quantity_matches_the_metric_and_says_so() -> None:
    index = MetricIndex.build(WORD_FORMS)
    opposite = index.match("Reduce inactive customers")
    plain = index.match("Augmenter le taux de réactivation")
    assert opposite is not None and opposite.metric_id == "reactivation_rate" and opposite.opposite
    assert plain is not None and plain.metric_id == "reactivation_rate" and not plain.opposite


FALSE_FRIENDS = (
    MetricEntry("revenue", ("revenue", "turnover", "chiffre d'affaires")),
    MetricEntry("click_and_collect_share", ("click and collect", "retrait en magasin")),
)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Increase turnover by 10% next year", "revenue"),
        ("Grow the turnover of the Lyon shop", "revenue"),
        ("Réduire le turnover des équipes en magasin", None),
        ("Baisser le turnover des vendeurs de 30 % à 20 %", None),
        ("Turnover", "revenue"),
    ],
)
def test_a_word_that_means_a_metric_in_one_language_only_names_nothing_in_the_other(
    text: str, metric: str | None
) -> None:
    assert matched(MetricIndex.build(FALSE_FRIENDS), text) == metric


@pytest.mark.parametrize(
    ("text", "written_out"),
    [
        ("Développer le click & collect", "Développer le click and collect"),
        ("More click&collect orders", "More click and collect orders"),
        ("Grow click-n-collect", "Grow click and collect"),
    ],
)
def test_click_and_collect_is_one_name_however_the_and_is_written(text: str, written_out: str) -> None:
    index = MetricIndex.build(FALSE_FRIENDS)
    found, expected = index.match(text), index.match(written_out)
    assert found is not None and expected is not None
    assert (found.metric_id, found.confidence) == ("click_and_collect_share", expected.confidence)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Augmenter le CA de 12 % en 2027", "revenue"),
        ("Faire en sorte que ça décolle", None),
        ("Ca marche mieux en boutique", None),
    ],
)
def test_an_abbreviation_that_is_a_plain_word_in_small_letters_names_its_kpi_in_capitals_only(
    text: str, metric: str | None
) -> None:
    assert matched(MetricIndex.build(FALSE_FRIENDS), text) == metric
