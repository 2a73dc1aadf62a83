"""A roadmap file with a small plan (themes, people, activities...) and its refused imports."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import import_roadmap
from jalon.history.models import Change
from jalon.planning.models import (
    Absence,
    Activity,
    Assignment,
    CommunicationItem,
    Dependency,
    Milestone,
    Person,
    Review,
    Risk,
    Theme,
)
from jalon.strategy.models import Objective, Roadmap
from jalon.workspaces.models import Workspace

PLAN_MODELS = (Roadmap, Objective, Theme, Person, Absence, Activity, Dependency, Assignment, Milestone, Risk,
               CommunicationItem, Review, Change)  # fmt: skip


def rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in PLAN_MODELS}


def small_plan() -> dict[str, Any]:
    """A valid file with one of everything the plan holds."""
    return {
        "format": "jalon/1",
        "roadmap": {"slug": "plan", "title": "Plan", "type": "campaign",
                    "horizon": {"start": "2026-02-01", "end": "2027-01-31"}},
        "objectives": [{"key": "ventes", "title": "Ventes"}],
        "strategies": [{"key": "fidelite", "objective": "ventes", "title": "Fidéliser",
                        "tactics": [{"key": "bienvenue", "title": "Bienvenue"}]}],
        "themes": [{"key": "crm", "name": "CRM", "colour": "#2f9e44", "budget": 1000.5},
                   {"key": "run", "name": "Run", "colour": "#868e96", "budget": 200, "maintenance": True}],
        "people": [{"key": "ana", "name": "Ana", "kind": "member", "capacity_hours_per_week": 35,
                    "absences": [{"start": "2026-08-03", "end": "2026-08-14", "note": "Congés"}]},
                   {"key": "studio", "name": "Studio", "kind": "agency", "capacity_hours_per_week": 20.5}],
        "activities": [
            {"key": "brief", "title": "Brief", "theme": "crm", "objectives": ["ventes"],
             "tactic": "fidelite/bienvenue", "owner": "ana", "status": "done", "start": "2026-03-02",
             "end": "2026-03-06", "cost": 99.99, "assignments": [{"person": "ana", "hours_per_week": 10}]},
            {"key": "envoi", "title": "Envoi", "status": "planned", "start": "2026-03-16", "duration_days": 5,
             "after": [{"activity": "brief", "lag_days": 3}],
             "assignments": [{"person": "studio", "hours_per_week": 40}]},
        ],
        "milestones": [{"key": "lancement", "title": "Lancement", "date": "2026-03-20",
                        "objectives": ["ventes"], "activities": ["envoi"]}],
        "risks": [{"key": "retard", "title": "Retard", "probability": 4, "impact": 2,
                   "contingency": "Décaler l'envoi."}],
        "communications": [{"key": "comex", "audience": "direction", "message": "Avancement",
                            "channel": "Comité", "frequency": "monthly", "next_date": "2026-04-01"}],
        "reviews": [{"key": "t1", "title": "Revue T1", "held_on": "2026-04-30", "decisions": "Continuer.",
                     "snapshot": {"format": 1, "activities": [{"key": "brief", "status": "done"}]}}],
    }  # fmt: skip


def as_yaml(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def refused(workspace: Workspace, document: dict[str, Any]) -> dict[str, str]:
    """Import a bad file; prove nothing was written; return its problems by path."""
    before = rows()
    with pytest.raises(FileProblems) as error:
        import_roadmap(actor=None, workspace=workspace, text=as_yaml(document), fmt="yaml")
    assert rows() == before
    return dict(error.value.problems)
