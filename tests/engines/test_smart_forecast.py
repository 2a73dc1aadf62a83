"""The coach's achievable verdict follows the forecast engine's odds when the page gives them, in both
languages, with the same thresholds as the executive view."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.forecast_model import AT_RISK_ODDS, ON_TRACK_ODDS
from jalon.engines.smart import CoachContext, coach
from jalon.engines.smart_types import ForecastEvidence

TEXT = "Augmenter le taux de conversion de 2,0 % à 2,6 % d'ici le 31 décembre 2026, pour les ventes."
# A history whose observed pace alone would call the target realistic.
RISING = tuple((date(2025, m, 1), 1.4 + 0.06 * m) for m in range(1, 13))


def achievable(probability: float, lang: str = "fr") -> tuple[bool | None, str]:
    forecast = ForecastEvidence(probability, 12, projection=2.5, low=2.2, high=2.8)
    verdict = coach(
        TEXT, lang=lang, today=date(2026, 3, 10), fiscal_year_start_month=1,  # type: ignore[arg-type]
        context=CoachContext(history=RISING, forecast=forecast),
    )  # fmt: skip
    return verdict.achievable.ok, verdict.achievable.reason


@pytest.mark.parametrize(
    ("probability", "ok", "word"),
    [(0.85, True, "Réaliste"), (ON_TRACK_ODDS, True, "Réaliste"), (0.45, True, "Ambitieux"),
     (AT_RISK_ODDS - 0.01, False, "Peu probable")],
)  # fmt: skip
def test_the_achievable_verdict_follows_the_forecasts_odds(probability: float, ok: bool, word: str) -> None:
    verdict, reason = achievable(probability)
    assert verdict is ok
    assert reason.startswith(word)
    assert f"{round(probability * 100)}\u00a0%" in reason and "2,8\u00a0%" in reason


def test_the_forecast_verdict_is_explained_in_english_to_an_english_reader() -> None:
    ok, reason = achievable(0.12, "en")
    assert ok is False
    assert reason.startswith("Unlikely") and "12%" in reason


# The demo's conversion objective as the SMART check read it: « Peu probable … projection 3,32 % » beside
# « Formulation proposée : … (cible réaliste au rythme observé : 3,47) », the straight line's, unitless.
FAR = "Augmenter le taux de conversion de 2,0 % à 4 % d'ici le 31 décembre 2026, pour les ventes."


@pytest.mark.parametrize(("lang", "said"), [("fr", "3,32\u00a0%"), ("en", "3.32%")])
def test_the_suggested_rewrite_proposes_the_forecasts_projection_with_its_unit(lang: str, said: str) -> None:
    forecast = ForecastEvidence(0.07, 9, projection=3.32, low=2.8, high=3.89)
    verdict = coach(
        FAR, lang=lang, today=date(2026, 3, 10), fiscal_year_start_month=1,  # type: ignore[arg-type]
        context=CoachContext(history=RISING, forecast=forecast),
    )  # fmt: skip
    assert verdict.achievable.ok is False and said in verdict.achievable.reason
    assert verdict.evidence.projected == 3.32
    assert verdict.suggestion.rstrip(".").endswith(f"{said})"), verdict.suggestion


def test_without_a_forecast_the_rewrite_proposes_the_observed_pace_with_its_unit() -> None:
    verdict = coach(
        FAR, lang="fr", today=date(2026, 3, 10), fiscal_year_start_month=1,
        context=CoachContext(history=RISING),
    )  # fmt: skip
    projected = verdict.evidence.projected
    assert verdict.achievable.ok is False and projected is not None and projected < 4
    shown = f"{projected:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "\u00a0%"
    assert shown in verdict.achievable.reason and verdict.suggestion.rstrip(".").endswith(f"{shown})")
