"""One language per page or file: the interface words that give the other language away, and the demo's own
French content taken out of a text before looking for them. The browser test
(tests/e2e/test_e2e_one_language.py) reads the pages with it, tests/reports/test_documents_one_language.py
the files Jalon writes."""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DEMO_CONTENT = Path(__file__).resolve().parents[1] / "src" / "jalon" / "demo" / "cloud-kicks.yaml"

# Words of the interface that give the other language away. The demo's own content (objective titles,
# descriptions, people's names) is French on an English page too, as its authors wrote it: it is taken out
# of the page's text before the search.
GIVEAWAYS = {
    "fr": [
        "not scheduled",
        "owner",
        "Not Found",
        "Save",
        "Cancel",
        "Delete",
        "Edit",
        "Add",
        "week",
        "weeks",
        "Today",
        "hours",
        "days",
        "Workload",
        "Milestones",
        "Objectives",
        "Risks",
        "Team",
        "Filter",
        "Show",
        "None",
        "Yes",
        "Submit",
        "Download",
        "Upload",
        "Search",
        "Loading",
        "the",
        "and",
        "with",
        "of",
        "per month",
        "per week",
        "Due",
        "Status",
        "Priority",
        "Owner",
        "Start",
        "End",
        "Undo",
        # the default lifecycle stages: Jalon's words while nobody renamed them (jalon.framing.stage_words)
        "New customer",
        "Loyal customer",
        "Active customer",
        "At-risk customer",
        "Inactive customer",
        "no order",
    ],
    "en": [
        "Enregistrer",
        "Annuler",
        "Supprimer",
        "Modifier",
        "Ajouter",
        "semaine",
        "semaines",
        "responsable",
        "Aujourd'hui",
        "Aujourd’hui",
        "heures",
        "Aucun",
        "Aucune",
        "non planifié",
        "Filtrer",
        "Télécharger",
        "Rechercher",
        "Objectifs",
        "Jalons",
        "Risques",
        "Équipe",
        "Échéance",
        "Statut",
        "Priorité",
        "Début",
        "Fin",
        "par mois",
        "Importer",
        "Exporter",
        "Afficher",
        "Choisir",
        "Retour",
        "les",
        "des",
        "pour",
        "avec",
        "une",
        "est",
        "sur",
        "dans",
        "Nouveau client",
        "Client fidèle",
        "Client actif",
        "Client à risque",
        "Client inactif",
        "aucune commande",
    ],
}


@cache
def demo_texts() -> tuple[str, ...]:
    """Every text of the demo's YAML, longest first (so a title goes before a word inside it)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) > 3:
            found.append(value.strip())

    walk(yaml.safe_load(DEMO_CONTENT.read_text(encoding="utf-8")))
    # the titles of the benchmarks' sources are cited as published, in their own language
    from jalon.knowledge.loader import load_knowledge

    found += [b.source.title for b in load_knowledge().benchmarks.values()]
    return tuple(sorted(set(found), key=len, reverse=True))


def interface_text(text: str, content: tuple[str, ...] = ()) -> str:
    """``text`` without the demo's own texts, nor ``content`` (more texts that are data, longest first).

    With ``content`` (a file's text rather than a page's), a demo text a table or a page wrapped into pieces
    is taken out too: every run of words that follow each other in one of the demo's texts."""
    text = re.sub(r"\s+", " ", text)
    # A label cut short first (« ✓ Entretiens et te… », a timeline bar's), before a word inside it that is a
    # demo text on its own is taken out and leaves the rest of the label as if it were ours.
    text = re.sub(r"[\w'’ -]{2,80}…", _unless_demo_prefix, text)
    # content and demo texts together, longest first: a word of ``content`` taken out first ("douze", a
    # refused value typed in a test) cut a demo title it stands in, whose other pieces were then left
    for written in sorted({*content, *demo_texts()}, key=len, reverse=True):
        if " " in written or not written.isalpha():
            text = text.replace(re.sub(r"\s+", " ", written), " ")
        else:  # a single word ("once", "weekly") only as a whole word, not inside « Conception »
            text = re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", " ", text)
    text = re.sub(r"[\w'’ -]{2,80}…", _unless_demo_prefix, text)
    return _without_demo_runs(text, content) if content else text


@cache
def _demo_pairs(content: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for written in (*content, *demo_texts()):
        pairs |= set(itertools.pairwise(written.lower().split()))
    return frozenset(pairs)


def _without_demo_runs(text: str, content: tuple[str, ...]) -> str:
    words = text.split(" ")
    lowered = [word.lower().rstrip("…") for word in words]
    demo = [False] * len(words)
    for index, pair in enumerate(itertools.pairwise(lowered)):
        if pair in _demo_pairs(content):
            demo[index] = demo[index + 1] = True
    return " ".join(word for word, taken in zip(words, demo, strict=True) if not taken)


def _unless_demo_prefix(match: re.Match[str]) -> str:
    """A label cut short to fit ("Pilote SMS sur les relanc…") is the start of a demo text: taken out too."""
    fragment = match.group(0)
    for start in [0] + [m.end() for m in re.finditer(r"\s+", fragment)]:
        head = fragment[start:-1].strip()
        if len(head) >= 2 and any(content.startswith(head) for content in demo_texts()):
            return fragment[:start] + " "
    return fragment


def giveaways(
    text: str, language: str, *, words: tuple[str, ...] = (), content: tuple[str, ...] = ()
) -> list[str]:
    """The giveaway words of the other language in ``text`` (``GIVEAWAYS`` and ``words``), each in its
    context, once the demo's texts and ``content`` are taken out."""
    text = interface_text(text, content)
    found = []
    for word in (*GIVEAWAYS[language], *words):
        match = re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text, re.IGNORECASE)
        if match:  # the word in its context, so the fault can be found in the templates
            found.append(f"{word!r} in “…{text[max(0, match.start() - 40) : match.end() + 40]}…”")
    return found
