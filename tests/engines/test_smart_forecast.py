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
