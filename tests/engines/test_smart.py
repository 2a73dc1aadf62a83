"""The SMART coach's verdicts, targets, reasons and suggestions (issue 4)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from jalon.engines.smart import Benchmark, CoachContext, Verdict, coach, coach_many

pytestmark = pytest.mark.engine

CASES = Path(__file__).parent / "fixtures" / "smart_cases.jsonl"
CRITERIA = ("specific", "measurable", "time_bound", "relevant")


def judge(text: str, lang: str = "fr", today: str = "2026-03-10", fy: int = 1, **context: object) -> Verdict:
    ctx = CoachContext(**context) if context else None  # type: ignore[arg-type]
    return coach(
        text,
        lang=lang,  # type: ignore[arg-type]
        today=date.fromisoformat(today),
        fiscal_year_start_month=fy,
        context=ctx,
    )


def _cases() -> list[dict[str, object]]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the team's own labelled cases: every rule, both languages ---------------------------------


def test_own_cases_cover_both_languages_and_every_criterion_value() -> None:
    rows = _cases()
    assert len(rows) >= 120
    assert {row["lang"] for row in rows} == {"fr", "en"}
    for criterion in CRITERIA:
        assert {row["labels"][criterion] for row in rows} == {True, False}  # type: ignore[index]


@pytest.mark.parametrize("criterion", CRITERIA)
def test_own_cases_reach_the_95_percent_bar_per_criterion(criterion: str) -> None:
    rows = _cases()
    verdicts = coach_many(rows)
    pairs = zip(verdicts, rows, strict=True)
    right = sum(getattr(v, criterion).ok == row["labels"][criterion] for v, row in pairs)  # type: ignore[index]
    assert right / len(rows) >= 0.95


def test_own_cases_resolve_at_least_95_percent_of_deadlines_exactly() -> None:
    rows = _cases()
    verdicts = coach_many(rows)
    right = sum(
        (v.deadline.isoformat() if v.deadline else None) == row["deadline"]
        for v, row in zip(verdicts, rows, strict=True)
    )
    assert right / len(rows) >= 0.95


# --- the Cloud Kicks example -------------------------------------------------------------------


def test_cloud_kicks_conversion_objective_is_smart() -> None:
    verdict = judge(
        "+2 % d'augmentation du taux de conversion d'ici la fin de l'exercice fiscal, "
        "pour améliorer les ventes.",
        fy=2,
    )
    assert verdict.is_smart
    assert verdict.deadline == date(2027, 1, 31)
    assert verdict.deadline_rule == "fiscal_year_end"
    assert verdict.target is not None
    assert (verdict.target.value, verdict.target.unit, verdict.target.relative) == (2, "%", True)
    assert verdict.target.direction == "increase"


def test_cloud_kicks_data_architecture_has_no_business_reason() -> None:
    verdict = judge("Examiner et documenter l'architecture des données d'ici fin T2.", fy=2)
    assert verdict.measurable.ok is True
    assert verdict.relevant.ok is False
    assert verdict.deadline == date(2026, 7, 31)


def test_the_same_text_becomes_relevant_when_the_impact_is_filled_in() -> None:
    text = "Examiner et documenter l'architecture des données d'ici fin T2."
    verdict = judge(text, fy=2, impact="Réduire les coûts de campagne")
    assert verdict.relevant.ok is True
    assert "Réduire les coûts de campagne" in verdict.relevant.reason


# --- specific and measurable -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Améliorer notre marketing.", "fr"),
        ("Be better on social.", "en"),
        ("Donner un coup de jeune à nos salons d'ici fin 2026.", "fr"),
    ],
)
def test_vague_wishes_are_neither_specific_nor_measurable(text: str, lang: str) -> None:
    verdict = judge(text, lang)
    assert verdict.specific.ok is False
    assert verdict.measurable.ok is False


def test_a_metric_without_a_number_is_specific_but_not_measurable() -> None:
    verdict = judge("Increase the email open rate significantly.", "en")
    assert verdict.specific.ok is True
    assert verdict.measurable.ok is False
    assert verdict.metric == "email open rate"


def test_a_deliverable_with_a_done_state_is_measurable_without_a_number() -> None:
    verdict = judge("Launch the preference center by June 2027.", "en")
    assert verdict.measurable.ok is True
    assert verdict.target is None


def test_scope_counts_are_not_targets() -> None:
    verdict = judge("Mettre davantage en avant la collection sur nos 4 comptes Instagram.")
    assert verdict.target is None
    assert verdict.measurable.ok is False


def test_a_cadence_is_measurable_but_not_a_deadline() -> None:
    verdict = judge("Publier 4 vidéos par mois sur YouTube.")
    assert verdict.measurable.ok is True
    assert verdict.time_bound.ok is False
    assert verdict.deadline is None


# --- number formats ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit", "direction", "relative"),
    [
        ("Atteindre un taux de clic de 2,5 % d'ici fin 2026.", "fr", 2.5, "%", "reach", False),
        ("Vendre pour 1 234,5 € de cartes cadeaux.", "fr", 1234.5, "EUR", "reach", False),
        ("Générer 15 k€ de ventes additionnelles.", "fr", 15000, "EUR", "reach", False),
        ("Générer 2 M€ de pipeline.", "fr", 2_000_000, "EUR", "reach", False),
        ("Reach a 2.5% click-through rate.", "en", 2.5, "%", "reach", False),
        ("Grow pipeline to $1.2M.", "en", 1_200_000, "USD", "increase", False),
        ("Reach 15k followers.", "en", 15000, "count", "reach", False),
        ("Gagner +2 points de notoriété.", "fr", 2, "pts", "increase", True),
        ("Augmenter les ventes en ligne de +15 %.", "fr", 15, "%", "increase", True),
        ("Faire passer le taux de conversion de 1,8 % à 2,5 %.", "fr", 2.5, "%", "increase", False),
        ("Réduire le taux de rebond de 70 % à 60 %.", "fr", 60, "%", "decrease", False),
        ("Raise opt-ins from 3,000 to 12,000.", "en", 12000, "count", "increase", False),
        ("Cut churn by 3 percentage points.", "en", 3, "pts", "decrease", True),
        ("Keep the unsubscribe rate below 0.3%.", "en", 0.3, "%", "maintain", False),
        ("Obtenir une note de 4,7/5 sur Google.", "fr", 4.7, "score", "reach", False),
    ],
)
def test_targets_are_read_in_french_and_english_formats(
    text: str, lang: str, value: float, unit: str, direction: str, relative: bool
) -> None:
    target = judge(text, lang).target
    assert target is not None
    assert target.value == pytest.approx(value)
    assert (target.unit, target.direction, target.relative) == (unit, direction, relative)


def test_a_from_to_target_keeps_its_first_number_as_baseline_evidence() -> None:
    verdict = judge("Faire passer le taux d'opt-in de 41 % à 55 % d'ici le 31 août 2026.", today="2026-02-09")
    assert verdict.evidence.baseline == 41
    assert verdict.evidence.target_level == 55


# --- relevant ----------------------------------------------------------------------------------


def test_a_reason_that_is_only_internal_comfort_is_not_relevant() -> None:
    verdict = judge("Refondre nos gabarits d'e-mails d'ici juin 2027, pour que l'équipe s'y retrouve.")
    assert verdict.relevant.ok is False


def test_a_sentence_may_open_with_its_business_reason() -> None:
    verdict = judge("Pour relancer les ventes, lancer la nouvelle boutique en ligne d'ici septembre 2026.")
    assert verdict.relevant.ok is True
    assert verdict.measurable.ok is True


# --- time-bound --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Augmenter les ventes de 10 % bientôt.", "Doubler les leads à terme.", "Grow sales by 10% ASAP."],
)
def test_undated_words_are_not_time_bound(text: str) -> None:
    assert judge(text, "en" if text.startswith("Grow") else "fr").time_bound.ok is False


def test_a_deadline_already_past_is_time_bound_with_a_warning() -> None:
    verdict = judge("Grow direct traffic by 15% by end of Q3 2026.", "en", today="2027-01-10")
    assert verdict.time_bound.ok is True
    assert verdict.deadline == date(2026, 9, 30)
    assert len(verdict.warnings) == 1
    assert "2026" in verdict.warnings[0]


def test_a_year_that_qualifies_something_else_is_not_a_deadline() -> None:
    assert judge("Beat our 2027 revenue target for the outlet.", "en").deadline is None
    assert judge("Faire mieux qu'en 2025 sur le trafic.", today="2026-03-10").deadline is None


# --- achievable --------------------------------------------------------------------------------

TEXT = "Augmenter le taux de conversion de 2,0 % à 2,6 % d'ici le 31 décembre 2026, pour les ventes."


def test_without_baseline_or_history_achievability_is_not_guessed() -> None:
    verdict = judge("Atteindre 5 000 inscrits d'ici fin 2026, pour les ventes.")
    assert verdict.achievable.ok is None
    assert "historique" in verdict.achievable.reason


def test_a_target_on_the_observed_trend_is_realistic() -> None:
    history = [(date(2025, m, 1), 1.4 + 0.06 * m) for m in range(1, 13)]
    verdict = judge(TEXT, history=history)
    assert verdict.achievable.ok is True
    assert "Réaliste" in verdict.achievable.reason


def test_a_target_far_beyond_the_observed_pace_is_out_of_reach_with_its_numbers() -> None:
    history = [(date(2025, m, 1), 2.0 + 0.001 * (m % 2)) for m in range(1, 13)]
    verdict = judge(TEXT.replace("2,6 %", "6 %"), history=history)
    assert verdict.achievable.ok is False
    assert "Hors de portée" in verdict.achievable.reason
    assert verdict.evidence.required_per_month is not None
    assert verdict.evidence.required_per_month > 0.4
    assert "réaliste" in verdict.suggestion


def test_a_published_range_judges_a_target_when_there_is_no_history() -> None:
    bench = Benchmark(low=1.5, high=3.5)
    assert judge(TEXT, baseline=2.0, benchmark=bench).achievable.ok is True
    assert judge(TEXT.replace("2,6 %", "9 %"), baseline=2.0, benchmark=bench).achievable.ok is False


def test_a_baseline_alone_gives_the_required_pace_but_no_verdict() -> None:
    verdict = judge("Atteindre 5 000 inscrits d'ici le 31 décembre 2026, pour les ventes.", baseline=2000)
    assert verdict.achievable.ok is None
    assert verdict.evidence.required_per_month == pytest.approx(3000 / (296 / (365.25 / 12)), rel=1e-3)


# --- suggestions, languages, batch, JSON shape ---------------------------------------------------


def test_the_suggestion_fixes_a_missing_deadline_with_the_real_fiscal_year_end() -> None:
    verdict = judge("Augmenter le taux de clic de 10 %, pour soutenir les ventes.", fy=2)
    assert "31 janvier 2027" in verdict.suggestion


def test_the_suggestion_asks_for_a_reason_in_english_when_missing() -> None:
    verdict = judge("Reach 500 demo requests by June 2027.", "en")
    assert "business reason" in verdict.suggestion
    assert verdict.suggestion.startswith("Reach 500 demo requests")


def test_a_smart_objective_is_suggested_unchanged() -> None:
    text = "Vendre 2 500 cartes cadeaux d'ici le 20 décembre 2026 pour soutenir le chiffre d'affaires."
    assert judge(text).suggestion == text


def test_reasons_follow_the_requested_language() -> None:
    text = "Increase the open rate by 5 points by June 2027."
    assert judge(text, "en").specific.reason.startswith("Names")
    assert judge(text, "fr").specific.reason.startswith("Nomme")


def test_to_dict_has_the_json_shape_the_issue_names() -> None:
    data = judge("Reach 500 demo requests by June 2027 to grow sales.", "en").to_dict()
    for key in ("specific", "measurable", "achievable", "relevant", "time_bound"):
        assert set(data[key]) == {"ok", "reason"}
    assert data["deadline"] == "2027-06-30"
    assert data["deadline_rule"] == "month_end:2027-06"
    assert data["target"] == {"value": 500, "unit": "count", "direction": "reach", "relative": False}
    assert json.loads(json.dumps(data)) == data


def test_an_unknown_language_or_fiscal_month_is_refused() -> None:
    with pytest.raises(ValueError):
        judge("Grow sales.", "de")
    with pytest.raises(ValueError):
        judge("Grow sales.", fy=13)


def test_the_coach_writes_money_with_its_cents_and_other_figures_without_trailing_zeros() -> None:
    from jalon.engines.smart_messages import format_number

    assert format_number(2500.5, "fr", "EUR") == "2\u202f500,50\u00a0€"
    assert format_number(2500.5, "en", "USD") == "$2,500.50"
    assert format_number(2500, "fr", "EUR") == "2\u202f500\u00a0€"
    assert format_number(12.5, "fr", "%") == "12,5\u00a0%"


@pytest.mark.parametrize(
    ("value", "unit", "french", "english"),
    [
        (0, "pts", "0\u00a0point", "0\u00a0points"),
        (1, "days", "1\u00a0jour", "1\u00a0day"),
        (1.5, "days", "1,5\u00a0jour", "1.5\u00a0days"),
        (-1, "pts", "-1\u00a0point", "-1\u00a0point"),
        (2, "weeks", "2\u00a0semaines", "2\u00a0weeks"),
        (1, "months", "1\u00a0mois", "1\u00a0month"),
        (10_000, "count", "10\u202f000", "10,000"),
        (4, "%", "4\u00a0%", "4%"),
        (1_234_567.5, "EUR", "1\u202f234\u202f567,50\u00a0€", "€1,234,567.50"),
        (12, "days", "12\u00a0jours", "12\u00a0days"),
        (2.5, "pts", "2,5\u00a0points", "2.5\u00a0points"),
    ],
)
def test_the_coach_writes_numbers_by_the_apps_one_rule(
    value: float, unit: str, french: str, english: str
) -> None:
    """Thousands apart by a narrow no-break space and a no-break space before the unit in French, as the
    pages write them (jalon.formatting); never a plain space that a line could break on."""
    from jalon.engines.smart_messages import format_number

    assert format_number(value, "fr", unit) == french
    assert format_number(value, "en", unit) == english


def test_the_coachs_sentences_keep_a_figure_and_its_unit_together() -> None:
    verdict = judge("Atteindre 10 000 clients actifs et 4 % de conversion d'ici fin 2027.", target=10000.0)
    reasons = " ".join(c.reason for c in (verdict.measurable, verdict.achievable))
    assert "10\u202f000" in reasons and "10 000" not in reasons
