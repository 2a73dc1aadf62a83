"""A small roadmap file (jalon/1) and how the tests write and import it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from jalon.documents.roadmap_file import FileProblems, Format
from jalon.documents.safe_load import QuotingDumper
from jalon.documents.services import import_roadmap
from jalon.history.models import Change
from jalon.strategy.models import KPI, Measurement, Objective, Roadmap, Strategy, Tactic
from jalon.workspaces.models import Workspace

MODELS = (Roadmap, Objective, KPI, Measurement, Strategy, Tactic, Change)


def rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def base_document() -> dict[str, Any]:
    """A small valid file: four objectives (one nested), two KPIs with measurements, a strategy."""
    return {
        "format": "jalon/1",
        "roadmap": {
            "slug": "plan-2027",
            "title": "Plan 2027",
            "type": "campaign",
            "vision": "Être la marque préférée.",
            "horizon": {"start": "2026-02-01", "end": "2027-01-31"},
            "fiscal_year_start_month": 2,
            "language": "fr",
            "currency": "EUR",
        },
        "objectives": [
            {
                "key": "ventes",
                "title": "Ventes",
                "deadline": "2027-01-31",
                "deadline_rule": "fiscal_year_end",
            },
            {"key": "marge", "title": "Marge", "deadline": "2026-12-31", "term": "medium"},
            {
                "key": "panier",
                "title": "Panier",
                "parent": "ventes",
                "measurable": {"metric": "panier moyen", "unit": "€", "baseline": 50, "target": 60},
            },
            {"key": "fidelite", "title": "Fidélité", "deadline": "2026-07-31"},
        ],
        "kpis": [
            {
                "key": "ca",
                "name": "Chiffre d'affaires",
                "objective": "ventes",
                "frequency": "monthly",
                "measurements": [{"date": "2026-02-28", "value": 10}, {"date": "2026-03-31", "value": 12.5}],
            },
            {"key": "nps", "name": "NPS", "objective": "fidelite", "frequency": "quarterly"},
        ],
        "strategies": [
            {
                "key": "upsell",
                "objective": "ventes",
                "title": "Vendre plus",
                "tactics": [{"key": "bundle", "title": "Offres groupées"}],
            }
        ],
    }


def as_yaml(document: dict[str, Any]) -> str:
    """``document`` as YAML that quotes every text a YAML 1.1 or 1.2 reader would take for a number."""
    return yaml.dump(document, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False)


def refused_import(workspace: Workspace, text: str, fmt: Format = "yaml") -> list[tuple[str, str]]:
    """Import a bad file; prove nothing was written; return its problems."""
    before = rows()
    with pytest.raises(FileProblems) as refused:
        import_roadmap(actor=None, workspace=workspace, text=text, fmt=fmt)
    assert rows() == before
    return refused.value.problems
