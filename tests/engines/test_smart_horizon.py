"""The SMART coach against the roadmap's horizon: a deadline before the roadmap starts or after it ends is
said in the reader's language (not as "already passed" on a day that is not today), and the suggested
wording ends with one full stop whatever the vision it borrows ends with."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines import smart
from jalon.engines.smart_types import CoachContext

START, END = date(2027, 1, 1), date(2027, 12, 31)


def coach(lang: smart.Lang, **context: object) -> smart.Verdict:
    ctx = CoachContext(horizon=(START, END), **context)  # type: ignore[arg-type]
    return smart.coach("Augmenter les ventes en ligne", lang=lang, today=START, context=ctx, text_lang="fr")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "L’échéance (1er juin 2031) tombe après la fin de la feuille de route (31 décembre 2027)."),
        ("en", "The deadline (1 June 2031) falls after the roadmap’s end (31 December 2027)."),
    ],
)
def test_a_deadline_after_the_roadmaps_end_is_said(lang: smart.Lang, said: str) -> None:
    assert said in coach(lang, deadline=date(2031, 6, 1)).warnings


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "L’échéance (1er juin 2026) tombe avant le début de la feuille de route (1er janvier 2027)."),
        ("en", "The deadline (1 June 2026) falls before the roadmap’s start (1 January 2027)."),
    ],
)
def test_a_deadline_before_the_roadmaps_start_is_said_as_such_not_as_passed(
    lang: smart.Lang, said: str
) -> None:
    warnings = coach(lang, deadline=date(2026, 6, 1)).warnings
    assert warnings == (said,)


def test_a_deadline_inside_the_horizon_warns_of_nothing() -> None:
    assert coach("fr", deadline=date(2027, 12, 31)).warnings == ()
    assert coach("en", deadline=date(2027, 1, 1)).warnings == ()


def test_without_a_horizon_the_coach_says_nothing_of_it() -> None:
    verdict = smart.coach("Augmenter les ventes de 10 % d’ici juin 2031", lang="fr", today=START)
    assert not any("feuille de route" in warning for warning in verdict.warnings)


@pytest.mark.parametrize("vision", ["Devenir la marque préférée des coureurs.", "Be loved!", "Grandir…"])
def test_the_suggested_wording_ends_with_one_stop_whatever_the_vision_ends_with(vision: str) -> None:
    verdict = coach("fr", vision=vision)
    assert verdict.suggestion is not None
    assert not verdict.suggestion.endswith(("..", "!.", "….")), verdict.suggestion
    assert verdict.suggestion.endswith((".", "!", "…"))


@pytest.mark.parametrize(
    ("statement", "lang", "said"),
    [
        ("Augmenter les ventes de 10 % d’ici le 29 février 2027", "fr", "29 février 2027"),
        ("Augmenter les ventes de 10 % d’ici le 31/04/2027", "fr", "31 avril 2027"),
        ("Grow sales 10% by February 29, 2027", "en", "29 February 2027"),
        ("Grow sales 10% by 2027-02-30", "en", "30 February 2027"),
    ],
)
def test_a_deadline_on_no_calendar_is_named_not_called_missing(
    statement: str, lang: smart.Lang, said: str
) -> None:
    verdict = smart.coach(statement, lang=lang, today=START)
    assert verdict.time_bound.ok is False
    assert said in verdict.time_bound.reason, verdict.time_bound.reason
    assert "soon" not in verdict.time_bound.reason and "bientôt" not in verdict.time_bound.reason


def test_29_february_of_a_leap_year_is_a_deadline() -> None:
    verdict = smart.coach("Augmenter les ventes de 10 % d’ici le 29 février 2028", lang="fr", today=START)
    assert verdict.deadline == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "lang", "said"),
    [
        ("decrease", 10.0, 20.0, "fr", "La cible (20) n’est pas en dessous de la valeur de départ (10)"),
        ("increase", 0.0, 0.0, "fr", "La cible (0) n’est pas au-dessus de la valeur de départ (0)"),
        ("increase", 120.0, 100.0, "en", "The target (100) is not above the baseline (120)"),
    ],
)
def test_a_target_on_the_wrong_side_of_the_baseline_for_its_direction_is_said(
    direction: str, baseline: float, target: float, lang: smart.Lang, said: str
) -> None:
    verdict = coach(lang, direction=direction, baseline=baseline, target=target, deadline=END)
    assert any(said in warning for warning in verdict.warnings), verdict.warnings


def test_a_target_on_the_right_side_or_to_reach_warns_of_nothing() -> None:
    assert coach("fr", direction="increase", baseline=10.0, target=20.0, deadline=END).warnings == ()
    assert coach("fr", direction="reach", baseline=10.0, target=10.0, deadline=END).warnings == ()


SMART_TEXT = "Faire passer les ventes en ligne de 100 000 € à 120 000 € d’ici le 30 septembre 2027"


def smart_verdict(**context: object) -> smart.Verdict:
    ctx = CoachContext(horizon=(START, END), impact="Chiffre d’affaires", **context)  # type: ignore[arg-type]
    return smart.coach(SMART_TEXT, lang="fr", today=START, context=ctx, text_lang="fr")


def test_a_smart_objective_with_nothing_to_check_passes_the_check() -> None:
    verdict = smart_verdict()
    assert verdict.is_smart and verdict.passes_check


def test_a_smart_objective_due_in_1900_is_smart_but_fails_the_check() -> None:
    verdict = smart_verdict(deadline=date(1900, 12, 31))
    assert verdict.is_smart and verdict.warnings and not verdict.passes_check


def test_a_smart_objective_whose_fields_disagree_with_its_text_fails_the_check() -> None:
    verdict = smart_verdict(target=150_000.0, unit="€", metric="ventes en ligne")
    assert verdict.conflicts and not verdict.passes_check
