"""The advisor engine on a small playbook: which tactics rank first for an objective, and why."""

from __future__ import annotations

import pytest

from jalon.engines.advisor import Advisor, advise
from jalon.engines.advisor_model import (
    AdviceStatus,
    AdvisorError,
    GoalEntry,
    Objective,
    Playbook,
    ReasonCode,
    StrategyEntry,
    TacticEntry,
)
from jalon.engines.metric_match import MetricEntry

pytestmark = pytest.mark.engine

METRICS = (
    MetricEntry(
        "cart_abandonment_rate",
        ("taux d'abandon de panier", "abandon de panier", "cart abandonment"),
        "lower",
        ("conversion_rate",),
    ),
    MetricEntry(
        "conversion_rate", ("taux de conversion", "conversion rate"), "higher", ("cart_abandonment_rate",)
    ),
    MetricEntry("email_open_rate", ("taux d'ouverture", "open rate"), "higher", opposites=("non-ouvreurs",)),
)
GOALS = (
    GoalEntry("reduce-abandonment", {"cart_abandonment_rate": "decrease"}, ("Réduire l'abandon de panier",)),
    GoalEntry("convert", {"conversion_rate": "increase"}, ("Convertir davantage",)),
    GoalEntry("engage", {"email_open_rate": "increase"}, ("Faire lire les e-mails",)),
)
STRATEGIES = (
    StrategyEntry(
        "recover",
        "reduce-abandonment",
        {"cart_abandonment_rate": "decrease"},
        ("Relancer les paniers",),
        ("Relancer les paniers",),
    ),
    StrategyEntry(
        "simplify",
        "reduce-abandonment",
        {"cart_abandonment_rate": "decrease"},
        ("Simplifier la commande",),
        ("Simplifier la commande",),
    ),
    StrategyEntry(
        "pages", "convert", {"conversion_rate": "increase"}, ("Fiches produit",), ("Fiches produit",)
    ),
    StrategyEntry(
        "deliverability", "engage", {"email_open_rate": "increase"}, ("Délivrabilité",), ("Délivrabilité",)
    ),
)


def tactic(tactic_id: str, strategy: str, metrics: dict[str, str], **extra: object) -> TacticEntry:
    title = str(extra.pop("title", tactic_id.replace("-", " ")))
    return TacticEntry(
        id=tactic_id,
        strategy_ids=(strategy,),
        metrics=metrics,  # type: ignore[arg-type]
        words=(title,),
        titles=(title,),
        **extra,  # type: ignore[arg-type]
    )


TACTICS = (
    tactic(
        "cart-emails",
        "recover",
        {"cart_abandonment_rate": "decrease"},
        title="E-mails de panier abandonné",
        channels=frozenset({"email"}),
        effort="low",
        cost="low",
        delay="weeks",
    ),
    tactic(
        "cart-sms",
        "recover",
        {"cart_abandonment_rate": "decrease"},
        title="SMS de panier abandonné",
        channels=frozenset({"sms"}),
        effort="low",
        cost="low",
        delay="weeks",
    ),
    tactic(
        "express-checkout",
        "simplify",
        {"cart_abandonment_rate": "decrease"},
        title="Paiement express",
        channels=frozenset({"website"}),
        effort="low",
        cost="low",
        delay="weeks",
    ),
    tactic(
        "one-page-checkout",
        "simplify",
        {},
        title="Tunnel en une page",
        channels=frozenset({"website"}),
        effort="high",
        cost="high",
        delay="quarters",
    ),
    tactic(
        "reviews",
        "pages",
        {"conversion_rate": "increase"},
        title="Avis clients",
        channels=frozenset({"website"}),
        personas=frozenset({"researcher"}),
        effort="low",
        cost="low",
        delay="weeks",
    ),
    tactic(
        "dkim",
        "deliverability",
        {"email_open_rate": "increase"},
        title="Authentification des envois",
        channels=frozenset({"email"}),
        effort="low",
        cost="low",
        delay="weeks",
    ),
)
PLAYBOOK = Playbook(METRICS, GOALS, STRATEGIES, TACTICS)


def ids(advice_tactics: tuple[object, ...]) -> list[str]:
    return [t.tactic_id for t in advice_tactics]  # type: ignore[attr-defined]


def test_tactics_that_move_the_objectives_metric_rank_first_with_the_reason() -> None:
    advice = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier"))
    assert advice.status is AdviceStatus.MATCHED
    assert advice.metric is not None and advice.metric.metric_id == "cart_abandonment_rate"
    assert advice.direction == "decrease"
    assert set(ids(advice.tactics)[:3]) == {"cart-emails", "cart-sms", "express-checkout"}
    first = advice.tactics[0]
    assert any(
        r.code is ReasonCode.MOVES_METRIC and r.metric_id == "cart_abandonment_rate" for r in first.reasons
    )


def test_a_tactic_of_a_strategy_that_moves_the_metric_is_proposed_below_direct_ones() -> None:
    advice = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier"))
    ranked = ids(advice.tactics)
    assert "one-page-checkout" in ranked
    assert ranked.index("one-page-checkout") > ranked.index("express-checkout")
    via = next(t for t in advice.tactics if t.tactic_id == "one-page-checkout")
    assert any(r.code is ReasonCode.VIA_STRATEGY and r.strategy_id == "simplify" for r in via.reasons)


def test_a_related_metric_brings_in_tactics_with_a_lower_score() -> None:
    advice = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier"))
    reviews = next(t for t in advice.tactics if t.tactic_id == "reviews")
    assert any(
        r.code is ReasonCode.RELATED_METRIC and r.metric_id == "conversion_rate" for r in reviews.reasons
    )
    assert reviews.score < advice.tactics[0].score


def test_unrelated_tactics_are_not_proposed() -> None:
    advice = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier"))
    assert "dkim" not in ids(advice.tactics)


def test_strategies_are_ranked_and_carry_their_best_tactics() -> None:
    advice = advise(PLAYBOOK, Objective(text="Reduce cart abandonment"))
    assert [s.strategy_id for s in advice.strategies][:2] in (
        ["recover", "simplify"],
        ["simplify", "recover"],
    )
    recover = next(s for s in advice.strategies if s.strategy_id == "recover")
    assert {t.tactic_id for t in recover.tactics} == {"cart-emails", "cart-sms"}
    assert recover.goal_id == "reduce-abandonment"


def test_the_direction_comes_from_the_verb_else_from_the_metric() -> None:
    advisor = Advisor(PLAYBOOK)
    assert advisor.advise(Objective(text="Augmenter le taux d'ouverture")).direction == "increase"
    assert advisor.advise(Objective(text="Taux d'abandon de panier")).direction == "decrease"
    assert advisor.advise(Objective(metric_text="open rate", direction="decrease")).direction == "decrease"


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Améliorer le taux d'abandon de panier", "decrease"),
        ("Optimise cart abandonment on mobile", "decrease"),
        ("Accélérer le taux d'abandon de panier", "decrease"),
        ("Improve the conversion rate", "increase"),
    ],
)
def test_a_verb_that_says_better_not_more_follows_the_way_the_metric_is_better(
    text: str, direction: str
) -> None:
    assert Advisor(PLAYBOOK).advise(Objective(text=text)).direction == direction


def test_a_change_of_the_opposite_quantity_reads_as_the_other_way_for_the_metric() -> None:
    advisor = Advisor(PLAYBOOK)
    fewer = advisor.advise(Objective(text="Réduire les non-ouvreurs"))
    assert fewer.metric is not None and fewer.metric.metric_id == "email_open_rate"
    assert fewer.direction == "increase" and "deliverability" in [s.strategy_id for s in fewer.strategies]
    stated = advisor.advise(Objective(metric_text="non-ouvreurs", direction="decrease"))
    assert stated.direction == "increase"


def test_tactics_moving_the_metric_the_wrong_way_are_dropped() -> None:
    advice = advise(PLAYBOOK, Objective(metric_text="taux d'abandon de panier", direction="increase"))
    assert "cart-emails" not in ids(advice.tactics)


def test_a_short_term_objective_prefers_quick_wins_and_says_so() -> None:
    short = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier", term="short"))
    long = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier", term="long"))
    score = {t.tactic_id: t.score for t in short.tactics}
    later = {t.tactic_id: t.score for t in long.tactics}
    assert score["express-checkout"] > later["express-checkout"]
    assert score["one-page-checkout"] < later["one-page-checkout"]
    express = next(t for t in short.tactics if t.tactic_id == "express-checkout")
    assert any(r.code is ReasonCode.QUICK_WIN for r in express.reasons)


def test_the_roadmaps_channels_favour_tactics_that_use_them() -> None:
    advice = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier", channels=frozenset({"email"})))
    ranked = ids(advice.tactics)
    assert ranked.index("cart-emails") < ranked.index("cart-sms")
    sms = next(t for t in advice.tactics if t.tactic_id == "cart-sms")
    assert any(r.code is ReasonCode.NEW_CHANNEL and r.items == ("sms",) for r in sms.reasons)


def test_a_tactic_sharing_one_of_its_channels_beats_unknown_framing_which_beats_none() -> None:
    both = tactic(
        "cart-email-sms", "recover", {"cart_abandonment_rate": "decrease"}, title="Relance e-mail et SMS",
        channels=frozenset({"email", "sms"}), effort="low", cost="low", delay="weeks",
    )  # fmt: skip
    playbook = Playbook(METRICS, GOALS, STRATEGIES, (*TACTICS, both))
    text = "Réduire l'abandon de panier"

    def score(channels: frozenset[str]) -> float:
        advice = advise(playbook, Objective(text=text, channels=channels))
        return next(t.score for t in advice.tactics if t.tactic_id == "cart-email-sms")

    assert score(frozenset({"email"})) > score(frozenset()) > score(frozenset({"store"}))


def test_the_roadmaps_persona_kinds_or_stages_favour_tactics_addressing_them_and_say_so() -> None:
    aimed = tactic(
        "vip-recovery", "recover", {"cart_abandonment_rate": "decrease"}, title="Relance des clients VIP",
        channels=frozenset({"email"}), personas=frozenset({"vip"}), stages=frozenset({"loyal"}),
        effort="low", cost="low", delay="weeks",
    )  # fmt: skip
    generic = tactic(
        "new-recovery", "recover", {"cart_abandonment_rate": "decrease"}, title="Relance des nouveaux",
        channels=frozenset({"email"}), personas=frozenset({"first-time-buyer"}),
        stages=frozenset({"first-purchase"}), effort="low", cost="low", delay="weeks",
    )  # fmt: skip
    playbook = Playbook(METRICS, GOALS, STRATEGIES, (aimed, generic))
    text = "Réduire l'abandon de panier"
    neutral = ids(advise(playbook, Objective(text=text)).tactics)
    assert neutral == ["new-recovery", "vip-recovery"], "ties go by id without a framing"
    for objective in (
        Objective(text=text, personas=frozenset({"vip"})),
        Objective(text=text, stages=frozenset({"loyal"})),
    ):
        advice = advise(playbook, objective)
        assert ids(advice.tactics) == ["vip-recovery", "new-recovery"]
        codes = {r.code for r in advice.tactics[0].reasons}
        assert codes & {ReasonCode.PERSONA_FIT, ReasonCode.STAGE_FIT}
    both = advise(playbook, Objective(text=text, personas=frozenset({"vip"}), stages=frozenset({"loyal"})))
    reasons = {r.code: r.items for r in both.tactics[0].reasons}
    assert reasons[ReasonCode.PERSONA_FIT] == ("vip",) and reasons[ReasonCode.STAGE_FIT] == ("loyal",)


def test_what_the_roadmap_already_does_is_demoted_and_flagged() -> None:
    objective = Objective(
        text="Réduire l'abandon de panier",
        existing_titles=("E-MAILS de paniers abandonnés",),
        existing_tactic_ids=frozenset({"cart-sms"}),
    )
    advice = advise(PLAYBOOK, objective)
    flagged = {t.tactic_id for t in advice.tactics if t.in_roadmap}
    assert flagged == {"cart-emails", "cart-sms"}
    assert ids(advice.tactics)[0] == "express-checkout"


def test_without_a_known_metric_the_objectives_words_rank_the_playbook() -> None:
    advice = advise(PLAYBOOK, Objective(text="Mettre en place le paiement express"))
    assert advice.status is AdviceStatus.TEXT_ONLY
    assert ids(advice.tactics)[0] == "express-checkout"
    assert any(r.code is ReasonCode.SHARED_WORDS for r in advice.tactics[0].reasons)


def test_an_objective_unrelated_to_the_playbook_gets_no_advice() -> None:
    advice = advise(PLAYBOOK, Objective(text="Organiser le séminaire annuel"))
    assert advice.status is AdviceStatus.NO_MATCH
    assert advice.tactics == () and advice.strategies == ()


def test_the_ranking_is_deterministic_and_serialisable() -> None:
    first = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier")).to_dict()
    second = advise(PLAYBOOK, Objective(text="Réduire l'abandon de panier")).to_dict()
    assert first == second
    assert first["metric"]["id"] == "cart_abandonment_rate"
    assert all(0.0 <= t["score"] <= 1.0 for t in first["tactics"])


def test_an_inconsistent_playbook_is_refused() -> None:
    broken = (*TACTICS, tactic("orphan", "no-such-strategy", {}))
    with pytest.raises(AdvisorError, match="unknown strategy no-such-strategy"):
        Playbook(METRICS, GOALS, STRATEGIES, broken)


LIGHT_VERBS = Playbook(
    METRICS,
    GOALS,
    STRATEGIES,
    (
        *TACTICS,
        tactic("react", "deliverability", {}, title="Faire réagir les abonnés"),
        tactic("faster", "simplify", {}, title="Make checkout faster"),
        tactic("done", "simplify", {}, title="Get it done in one page"),
    ),
)


@pytest.mark.parametrize(
    "text",
    ["Faire connaître la marque", "Se faire connaître", "Make the brand known", "Do more, get known"],
)
def test_a_verb_that_says_nothing_of_the_subject_brings_no_tactic(text: str) -> None:
    """« Faire connaître la marque » shares « faire » with « Faire réagir les abonnés » and nothing else:
    faire, make, do, get… carry no subject, so they neither propose a tactic nor count as shared words."""
    advice = advise(LIGHT_VERBS, Objective(text=text))
    assert advice.status is AdviceStatus.NO_MATCH, [(t.tactic_id, t.reasons) for t in advice.tactics]
    assert advice.tactics == () and advice.strategies == ()


def test_the_words_that_carry_the_subject_still_rank_the_playbook_beside_a_light_verb() -> None:
    advice = advise(LIGHT_VERBS, Objective(text="Faire réagir davantage les abonnés"))
    assert ids(advice.tactics)[0] == "react"
    shared = next(r for r in advice.tactics[0].reasons if r.code is ReasonCode.SHARED_WORDS)
    assert shared.items == ("abonnés", "réagir")  # not « faire »
    english = advise(LIGHT_VERBS, Objective(text="Make checkout faster"))
    assert "faster" in ids(english.tactics)
    assert all("make" not in r.items for t in english.tactics for r in t.reasons)


def test_a_title_reads_as_one_in_the_roadmap_exactly_when_difflibs_ratio_says_so() -> None:
    """``_same_title`` skips the comparisons its bounds rule out (lengths, then letters), and says what
    the plain ratio says, hostile 20,000-character titles included."""
    import difflib

    from jalon.engines.advisor import _SAME_TITLE_RATIO, _same_title, _title_key

    titles = [
        "E-mails de paniers abandonnés", "E-MAILS de panier abandonné", "Emails paniers abandonnes",
        "SMS de relance", "Relance SMS", "Paiement express", "Paiement expres", "Programme VIP", "VIP",
        "Programme de fidélité VIP", "y" * 20_000, "y" * 19_000 + " panier",
        "🚀 مرحبا\u200b " + "a" * 2_000, "",
    ]  # fmt: skip

    def said_by_the_ratio(title: str, other: str) -> bool:
        key, other_key = _title_key(title), _title_key(other)
        return bool(other_key) and (
            key == other_key or difflib.SequenceMatcher(None, key, other_key).ratio() >= _SAME_TITLE_RATIO
        )

    for title in titles:
        for other in titles:
            expected = bool(title.strip()) and said_by_the_ratio(title, other)
            assert _same_title([title], [other]) is expected, (title[:30], other[:30])
    assert _same_title(titles[:3], titles[3:6]) is False and _same_title(titles[3:7], titles[:2]) is False
    assert _same_title(["SMS de relance", "Paiement expres"], ["Programme VIP", "Paiement express"]) is True
