"""French text that is data rather than a catalogue message follows the catalogue's apostrophe rule: the
playbook the advisor reads, the demo roadmap (copied from the French guide, which writes ’ too), and the SMART
coach's and the advisor's own sentences. Quotations (a source's title, the passage a figure comes from) keep
their own typography and are not checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

import jalon
from jalon.engines import smart_messages
from jalon.knowledge.loader import load_knowledge
from jalon.knowledge.reasons import TEMPLATES
from jalon.knowledge.schema import Text, Words
from jalon.typography import apostrophes

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


def wrong(texts: Iterator[str]) -> list[str]:
    return [text for text in texts if apostrophes(text) != text]


def test_the_playbooks_french_texts_use_the_typographic_apostrophe() -> None:
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
    assert wrong(iter(texts)) == []


def test_the_demo_roadmaps_texts_use_the_typographic_apostrophe() -> None:
    texts = list(strings(yaml.safe_load(DEMO.read_text(encoding="utf-8"))))
    assert "Série d’e-mails de bienvenue" in texts
    assert wrong(iter(texts)) == []


def test_the_coachs_and_the_advisors_french_sentences_use_the_typographic_apostrophe() -> None:
    french = [fr for fr, _ in (*smart_messages._TEXTS.values(), *smart_messages._RULE_NAMES.values())]
    assert wrong(iter([*french, *(fr for fr, _ in TEMPLATES.values())])) == []
