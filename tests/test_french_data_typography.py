"""French text that is data rather than a catalogue message follows the catalogue's typography
(``jalon.typography.french``: U+00A0 before « : ; ! ? » and inside « », ’ in « l’équipe »): the playbook the
advisor reads, the demo roadmap (copied from the French guide), and the SMART coach's and the advisor's own
sentences, including those put together at run time around the user's words. Quotations (a source's title, the
passage a figure comes from) keep their own typography and are not checked."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

import jalon
from jalon.engines import smart_messages
from jalon.engines.advisor_model import Reason, ReasonCode
from jalon.engines.smart import CoachContext, coach
from jalon.knowledge.loader import load_knowledge
from jalon.knowledge.reasons import TEMPLATES, reason_text
from jalon.knowledge.schema import Text, Words
from jalon.typography import NBSP, french

DEMO = Path(jalon.__file__).resolve().parent / "demo" / "cloud-kicks.yaml"


def french_texts(value: Any) -> Iterator[str]:
    """Every French text of a knowledge model: the ``fr`` side of each Text and Words."""
    if isinstance(value, Text):
        yield value.fr
    elif isinstance(value, Words):
        yield from value.fr
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from french_texts(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from french_texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from french_texts(item)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def wrong(texts: Iterable[str]) -> list[str]:
    """The texts that break the catalogue's rule, as tests/test_translations.py checks the catalogue."""
    return [text for text in texts if french(text) != text]


@pytest.mark.parametrize(
    "text",
    [
        "Source : Baymard.",  # a plain space before the colon
        "Source: Baymard.",  # no space at all
        "Un seuil trop haut ; trop bas.",
        "Pourquoi pas ?",
        "Les blocs « pour vous » au panier.",  # plain spaces inside the guillemets
        "Les blocs «pour vous» au panier.",
        "Sert l'objectif.",
        "10 € par mois, 5 % de plus",  # a plain space before a unit sign
        "{value} par € investi",  # a portfolio reason's ratio
        "sous 48 heures",  # a plain space between a number and its unit
    ],
)
def test_the_check_catches_a_plain_or_missing_space_and_a_straight_apostrophe(text: str) -> None:
    assert wrong([text]) == [text]
    assert wrong([french(text)]) == []


def test_the_playbooks_french_texts_follow_french_typography() -> None:
    knowledge = load_knowledge()
    parts = (
        knowledge.vocabulary,
        knowledge.metrics,
        knowledge.goals,
        knowledge.strategies,
        knowledge.tactics,
    )
    texts = [text for part in (*parts, knowledge.benchmarks) for text in french_texts(part)]
    assert len(texts) > 500  # the walk reaches the playbook's texts
    assert f"«{NBSP}Souvent achetés ensemble{NBSP}» au panier" in texts
    assert wrong(texts) == []


def test_the_demo_roadmaps_texts_follow_french_typography() -> None:
    texts = list(strings(yaml.safe_load(DEMO.read_text(encoding="utf-8"))))
    assert "Série d’e-mails de bienvenue" in texts
    assert f"Cloud Kicks{NBSP}: plan stratégique sur six mois" in texts
    assert wrong(texts) == []


def test_the_coachs_and_the_advisors_french_sentences_follow_french_typography() -> None:
    tables = (smart_messages._TEXTS, smart_messages._RULE_NAMES, smart_messages._ONE, TEMPLATES)
    sentences = [fr for table in tables for fr, _ in table.values()]
    assert len(sentences) > 60
    assert wrong(sentences) == []


def test_the_advisors_quote_of_the_users_words_uses_no_break_spaces_inside_the_guillemets() -> None:
    reason = Reason(ReasonCode.SHARED_WORDS, items=("panier", "relance"))
    said = reason_text(reason, lang="fr", knowledge=load_knowledge())
    assert said == f"Répond aux mots de l’objectif{NBSP}: «{NBSP}panier{NBSP}», «{NBSP}relance{NBSP}»."
    assert wrong([said]) == []


# Written as French is written (a no-break space before %): the verdict quotes it.
CART = "Réduire le taux d’abandon de panier de 70\u00a0% à 60\u00a0% d’ici fin 2026 pour augmenter les ventes"
HISTORY = CoachContext(baseline=70.0, history=((date(2026, 1, 31), 72.0), (date(2026, 2, 28), 70.0)))
# The objective's fields and its KPI say something else than the text: the verdict lists the conflicts.
FIELDS = CoachContext(
    baseline=70.0,
    target=55.0,
    unit="%",
    deadline=date(2027, 1, 31),
    kpi_name="Taux d’abandon",
    kpi_target=50.0,
)


@pytest.mark.parametrize(
    ("objective", "context"),
    [
        (CART, HISTORY),
        (CART, FIELDS),
        ("Améliorer le panier moyen", HISTORY),  # vague: the suggestion is put together from its parts
        ("Lancer l’application mobile", None),
    ],
    ids=["cart-with-history", "cart-with-fields", "vague", "deliverable"],
)
def test_the_coachs_french_verdict_follows_french_typography(
    objective: str, context: CoachContext | None
) -> None:
    verdict = coach(objective, lang="fr", today=date(2026, 3, 10), fiscal_year_start_month=2, context=context)
    criteria = (
        verdict.specific,
        verdict.measurable,
        verdict.achievable,
        verdict.relevant,
        verdict.time_bound,
    )
    said = [c.reason for c in criteria] + [verdict.suggestion, *verdict.warnings, *verdict.conflicts]
    assert said[0].startswith(f"Nomme ce qui change{NBSP}: «{NBSP}")
    assert context is not FIELDS or len(verdict.conflicts) == 3
    assert wrong(said) == []
