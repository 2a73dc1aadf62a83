"""The knowledge page: every benchmark with its source and every playbook entry, searchable (GET ``q``)."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from jalon.knowledge.advice import point_report
from jalon.knowledge.loader import Knowledge, load_knowledge


def _fold(text: str) -> str:
    """Lower case without accents: "énergie" finds "Energie"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _matches(words: list[str], *texts: str) -> bool:
    haystack = _fold(" ".join(texts))
    return all(word in haystack for word in words)


def _benchmarks(knowledge: Knowledge, lang: str, words: list[str]) -> list[dict[str, Any]]:
    vocab = knowledge.vocabulary
    rows = []
    for item in knowledge.benchmarks.values():
        metric = knowledge.metrics[item.metric]
        source = item.source
        texts = (
            metric.name.fr,
            metric.name.en,
            source.title,
            source.publisher,
            vocab.sectors[item.sector].get(lang),
        )
        if not _matches(words, *texts, str(item.year)):
            continue
        row = point_report(item, knowledge, lang)
        rows.append({**row, "metric": metric.name.get(lang), "unit": metric.unit, "read_on": source.read_on})
    return sorted(rows, key=lambda r: (r["metric"], -r["year"], r["id"]))


def _tactics(knowledge: Knowledge, lang: str, words: list[str]) -> list[dict[str, Any]]:
    rows = []
    for tactic in knowledge.tactics.values():
        strategies = [knowledge.strategies[s] for s in tactic.strategies]
        texts = (
            tactic.title.fr,
            tactic.title.en,
            tactic.description.fr,
            tactic.description.en,
            *tactic.keywords.all(),
            *(s.title.get(lang) for s in strategies),
        )
        if not _matches(words, *texts):
            continue
        rows.append(
            {
                "id": tactic.id,
                "title": tactic.title.get(lang),
                "description": tactic.description.get(lang),
                "strategies": [s.title.get(lang) for s in strategies],
                "kpis": [knowledge.metrics[m].name.get(lang) for m in tactic.kpis],
            }
        )
    return rows


@login_required
def knowledge_page(request: HttpRequest) -> HttpResponse:
    lang = "en" if (get_language() or "fr").startswith("en") else "fr"
    query = request.GET.get("q", "").strip()[:200]
    words = _fold(query).split()
    knowledge = load_knowledge()
    strategies = [
        {
            "id": s.id,
            "title": s.title.get(lang),
            "description": s.description.get(lang),
            "goal": knowledge.goals[s.goal].title.get(lang),
        }
        for s in knowledge.strategies.values()
        if _matches(words, s.title.fr, s.title.en, s.description.fr, s.description.en)
    ]
    return render(
        request,
        "knowledge/index.html",
        {
            "q": query,
            "benchmarks": _benchmarks(knowledge, lang, words),
            "strategies": strategies,
            "tactics": _tactics(knowledge, lang, words),
        },
    )
