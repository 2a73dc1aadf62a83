"""A level to keep is judged by the objective's side of it: "Garder 300 adhérents" with 20 members today is
not sustainable (round 3 of issue 17), whatever side of the level the current value happens to be on."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.smart import CoachContext, coach

TODAY = date(2026, 12, 5)
STEADY_90S = ((date(2026, 6, 1), 95.0), (date(2026, 11, 1), 95.0))


def judged(
    text: str, lang: str, baseline: float | None = None, history: tuple[tuple[date, float], ...] = ()
) -> tuple[bool | None, str]:
    verdict = coach(
        text, lang=lang, today=TODAY,  # type: ignore[arg-type]
        context=CoachContext(baseline=baseline, history=history),
    )  # fmt: skip
    return verdict.achievable.ok, verdict.achievable.reason


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Garder 300 adhérents d'ici fin 2027.", "fr", "Pas tenable"),
        ("Keep 300 members by the end of 2027.", "en", "Not sustainable"),
        ("Maintenir au moins 300 adhérents d'ici fin 2027.", "fr", "Pas tenable"),
        ("Maintain at least 300 members by the end of 2027.", "en", "Not sustainable"),
    ],
)
def test_a_level_to_keep_far_above_the_current_value_is_not_sustainable(
    text: str, lang: str, word: str
) -> None:
    ok, reason = judged(text, lang, baseline=20)
    assert ok is False
    assert reason.startswith(word)
    assert "20" in reason and "300" in reason


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Maintenir le taux de désabonnement sous 2 % d'ici fin 2027.", "fr"),
        ("Keep the churn rate below 2% by the end of 2027.", "en"),
    ],
)
def test_a_ceiling_already_exceeded_is_not_sustainable_even_though_the_value_is_above_it(
    text: str, lang: str
) -> None:
    ok, _ = judged(text, lang, baseline=5)
    assert ok is False


def test_a_ceiling_respected_today_and_by_the_trend_is_sustainable() -> None:
    history = ((date(2026, 6, 1), 1.2), (date(2026, 11, 1), 1.4))
    ok, reason = judged("Maintenir le taux de désabonnement sous 2 % d'ici fin 2027.", "fr", history=history)
    assert ok is True
    assert reason.startswith("Tenable")


def test_a_floor_held_today_and_by_the_trend_is_sustainable_in_english() -> None:
    ok, reason = judged(
        "Keep satisfaction at 90% or more, at least 90% by the end of 2027.", "en", history=STEADY_90S
    )
    assert ok is True
    assert reason.startswith("Sustainable")


def test_a_floor_is_not_judged_a_ceiling_because_the_value_is_above_it() -> None:
    falling = ((date(2026, 6, 1), 99.0), (date(2026, 11, 1), 95.0))
    ok, reason = judged("Maintenir la satisfaction à au moins 90 % d'ici fin 2027.", "fr", history=falling)
    assert ok is False
    assert reason.startswith("Menacé")


def test_a_bare_level_already_reached_keeps_the_sustainable_verdict() -> None:
    ok, reason = judged(
        "Keep 300 members by the end of 2027.",
        "en",
        history=((date(2026, 6, 1), 305.0), (date(2026, 11, 1), 310.0)),
    )
    assert ok is True
    assert reason.startswith("Sustainable")


def test_the_reason_is_in_the_readers_language_whatever_the_statements() -> None:
    verdict = coach(
        "Keep 300 members by the end of 2027.", lang="fr", today=TODAY, context=CoachContext(baseline=20)
    )
    assert verdict.achievable.reason.startswith("Pas tenable")
