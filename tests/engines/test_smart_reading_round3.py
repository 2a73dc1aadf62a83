"""Round 3 of issue 17: English phrasings the coach now reads (found by the eighth probe batch)."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.smart import coach
from jalon.engines.smart_types import Verdict

TODAY = date(2026, 3, 2)


def verdict(text: str, lang: str = "en") -> Verdict:
    return coach(text, lang=lang, today=TODAY, text_lang=lang)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Have the booking app in the App Store by June.",
        "Get our cider on the shelves of Amazon by May.",
        "Put the bakery on Google Maps by April 30.",
        "Get the menus reprinted by 31 March.",
        "Balance the club's budget by the end of the year.",
    ],
)
def test_a_placement_or_a_done_state_is_a_deliverable_so_specific_and_measurable(text: str) -> None:
    judged = verdict(text)
    assert judged.specific.ok is True
    assert judged.measurable.ok is True


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Grow our TikTok.", "en"),
        ("Boost the YouTube channel.", "en"),
        ("Increase GitHub stars.", "en"),
        ("Improve our local SEO.", "en"),
        ("Améliorer notre référencement local.", "fr"),
        ("Cibler les retraités pour augmenter les réservations en semaine.", "fr"),
        ("Target students to increase app installs.", "en"),
    ],
)
def test_a_channel_or_a_metric_without_a_number_is_specific_not_measurable(text: str, lang: str) -> None:
    judged = verdict(text, lang)
    assert judged.specific.ok is True
    assert judged.measurable.ok is False


@pytest.mark.parametrize(
    "text", ["Build developer love.", "Get our name out there.", "Cibler les étudiants."]
)
def test_an_idiom_or_a_bare_means_is_not_specific(text: str) -> None:
    assert verdict(text, "fr" if text.startswith("Cibler") else "en").specific.ok is False


def test_a_design_with_an_identity_after_a_concrete_artefact_stays_a_deliverable() -> None:
    assert verdict("Design a new logo and visual identity by April 2026.").specific.ok is True


def test_a_gerund_subject_with_would_gives_its_reason() -> None:
    judged = verdict("Reaching 300 demo requests by June would fill the sales pipeline.")
    assert judged.relevant.ok is True
    assert verdict("Marketing will source 40 leads by June.").relevant.ok is False


@pytest.mark.parametrize(
    "text",
    [
        "Sell 40 tickets by June because each seat brings a booking fee.",
        "Reach 5,000 users by June because our Series A depends on it.",
        "Win 30 clients by June so we stop drawing on reserves.",
    ],
)
def test_fees_funding_rounds_and_reserves_are_business_stakes(text: str) -> None:
    assert verdict(text).relevant.ok is True
