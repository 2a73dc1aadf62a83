"""The framing in jalon/1 files: export -> import -> export is identical (workshops, stakeholders,
personas and their journeys, stages, actions and their backlog links, votes and adopted objectives,
per-channel ceilings, qualitative indicators), an old file without a framing still imports, and a
hostile framing section is refused with its paths and writes nothing."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
import yaml
from django.utils import translation

from jalon.accounts.models import User
from jalon.demo.framing import load_demo_framing
from jalon.demo.loader import DEMO_EMAIL
from jalon.documents.framing_schema import MAX_ITEMS
from jalon.documents.roadmap_file import Format
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.framing import services
from jalon.framing.models import (
    Framing,
    IndicatorRating,
    JourneyStep,
    Persona,
    PlanAction,
    QualitativeIndicator,
    Stakeholder,
    Vote,
    VoteOption,
    Workshop,
)
from jalon.workspaces.models import Workspace
from tests.documents.roadmap_files import as_yaml, base_document, refused_import

FRAMING_MODELS = (Framing, Workshop, Stakeholder, Persona, JourneyStep, PlanAction, Vote, VoteOption,
                  QualitativeIndicator, IndicatorRating)  # fmt: skip


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


def framing_rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in FRAMING_MODELS}


@pytest.fixture
def framed(demo):
    """The demo with its framing, a journey, a closed vote with an adopted winner, an action in the
    backlog, per-channel ceilings and a rated qualitative indicator."""
    roadmap = demo.roadmap
    framing = load_demo_framing(roadmap)
    persona = framing.personas.first()
    services.create(JourneyStep, actor=None, framing=framing, persona=persona, name="Découverte",
                    touchpoint="Instagram", feels=1, pains="Trop de choix", opportunities="Quiz")  # fmt: skip
    services.create(JourneyStep, actor=None, framing=framing, persona=persona, name="Achat", kind="store",
                    feels=-2)  # fmt: skip
    framing.refresh_from_db()
    services.update_framing(
        actor=None, framing=framing, expected_version=framing.version,
        changes={"channel_ceiling": 2, "channel_ceilings": {"sms": 1, "email": 3}},
    )  # fmt: skip
    services.action_to_activity(actor=None, action=framing.actions.get(frequency="one_off", channel="sms"))
    vote = framing.votes.get()
    owner = User.objects.get(email=DEMO_EMAIL)
    services.set_closed(actor=owner, vote=vote, closed=True)
    first = vote.options.first()
    assert first is not None
    [objective] = services.adopt(actor=owner, vote=vote, option_ids=[first.pk])
    indicator = services.add_indicator(
        actor=None, objective=objective, statement="Les équipes magasin recommandent le programme"
    )
    services.rate(actor=None, indicator=indicator, day=date(2026, 5, 12), rating=3, note="Premier trimestre")
    services.rate(actor=None, indicator=indicator, day=date(2026, 8, 1), rating=4)
    return roadmap


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_framing_round_trips_identically(framed, fmt: Format) -> None:
    first = export_roadmap(actor=None, roadmap=framed, fmt=fmt)
    copy_in = Workspace.objects.create(slug="copie", name="Copie")
    again = import_roadmap(actor=None, workspace=copy_in, text=first, fmt=fmt)
    assert export_roadmap(actor=None, roadmap=again, fmt=fmt) == first
    framing = Framing.objects.get(roadmap=again)
    original = Framing.objects.get(roadmap=framed)
    assert framing.channel_ceilings == {"sms": 1, "email": 3} and framing.channel_ceiling == 2
    for name in ("workshops", "stakeholders", "personas", "stages", "actions", "votes", "journey_steps"):
        assert getattr(framing, name).count() == getattr(original, name).count() > 0, name
    activity = framing.actions.exclude(activity=None).get().activity
    assert activity is not None and activity.roadmap == again
    adopted = VoteOption.objects.get(vote__framing=framing, objective__isnull=False)
    assert adopted.objective is not None and adopted.objective.roadmap == again
    assert [r.rating for r in IndicatorRating.objects.filter(indicator__objective=adopted.objective)] == [
        3,
        4,
    ]
    workshop = framing.votes.get().workshop
    assert workshop is not None and workshop.kind == "plan"


def test_the_exported_framing_reads_like_the_workshops(framed) -> None:
    tree = yaml.safe_load(export_roadmap(actor=None, roadmap=framed, fmt="yaml"))
    section = tree["framing"]
    assert [w["key"] for w in section["workshops"]][:2] == ["kickoff", "personas"]
    assert "plan" in section["stakeholders"][0]["workshops"]
    assert section["personas"][0]["journey"][1] == {"name": "Achat", "kind": "store", "feels": -2}
    assert section["votes"][0]["closed"] is True and section["votes"][0]["workshop"] == "plan"
    adopted = next(o for o in tree["objectives"] if o.get("qualitative_indicators"))
    assert adopted["qualitative_indicators"][0]["ratings"][0] == {
        "period": date(2026, 4, 1), "rating": 3, "note": "Premier trimestre"
    }  # fmt: skip


def test_a_file_without_a_framing_still_imports_and_makes_none(workspace: Workspace) -> None:
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(base_document()), fmt="yaml")
    assert not Framing.objects.filter(roadmap=roadmap).exists()
    assert "framing" not in yaml.safe_load(export_roadmap(actor=None, roadmap=roadmap, fmt="yaml"))


def _with_framing(section: dict[str, Any], **objective: Any) -> str:
    document = base_document()
    document["framing"] = section
    if objective:
        document["objectives"][3].update(objective)
    return as_yaml(document)


GOOD: dict[str, Any] = {
    "workshops": [{"key": "plan", "kind": "plan"}],
    "stakeholders": [{"name": "Inès", "workshops": ["plan"]}],
    "personas": [{"key": "fideles", "name": "Fidèles", "journey": [{"name": "Achat"}]}],
    "stages": [{"key": "new", "name": "Nouveau client"}],
    "actions": [{"key": "news", "what": "Newsletter", "channel": "email", "frequency": "weekly",
                 "persona": "fideles", "stage": "new"}],
    "votes": [{"title": "Objectifs", "workshop": "plan", "options": [{"title": "A"}, {"title": "B"}]}],
}  # fmt: skip


def test_a_small_framing_section_imports(workspace: Workspace) -> None:
    roadmap = import_roadmap(actor=None, workspace=workspace, text=_with_framing(GOOD), fmt="yaml")
    framing = Framing.objects.get(roadmap=roadmap)
    persona = framing.actions.get().persona
    assert framing.ceiling_per_week == 3 and persona is not None and persona.key == "fideles"
    assert list(framing.stakeholders.get().workshops.values_list("kind", flat=True)) == ["plan"]


def _bad(path: list[Any], value: Any) -> dict[str, Any]:
    section = copy.deepcopy(GOOD)
    node: Any = section
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return section


@pytest.mark.parametrize(
    ("section", "where"),
    [
        (_bad(["stakeholders", 0, "workshops"], ["nowhere"]), "framing.stakeholders[0].workshops[0]"),
        (_bad(["actions", 0, "persona"], "ghost"), "framing.actions[0].persona"),
        (_bad(["actions", 0, "activity"], "ghost"), "framing.actions[0].activity"),
        (_bad(["actions", 0, "channel"], "fax"), "framing.actions[0].channel"),
        (_bad(["actions", 0, "delay_days"], 400), "framing.actions[0].delay_days"),
        (_bad(["actions", 0, "start"], "1800-01-01"), "framing.actions[0].start"),
        (_bad(["actions", 0, "cost"], 1e300), "framing.actions[0].cost"),
        (_bad(["actions", 0, "frequency"], "on_event"), "framing.actions[0].trigger"),
        (_bad(["personas", 0, "journey", 0, "feels"], 3), "framing.personas[0].journey[0].feels"),
        (_bad(["personas", 0, "revenue_share"], 2), "framing.personas[0].revenue_share"),
        ({**GOOD, "personas": [{"key": "new", "name": "N"}], "actions": []}, "framing.personas[0].key"),
        (_bad(["votes", 0, "options"], [{"title": "A"}]), "framing.votes[0].options"),
        (_bad(["votes", 0, "options", 1, "title"], "A"), "framing.votes[0].options[1].title"),
        (_bad(["votes", 0, "options", 0, "objective"], "ghost"), "framing.votes[0].options[0].objective"),
        (
            _bad(["workshops"], [{"key": f"w{n}", "kind": "plan"} for n in range(MAX_ITEMS + 1)]),
            "framing.workshops",
        ),
        (_bad(["channel_ceilings"], {"fax": 1}), "framing.channel_ceilings.fax.[key]"),
        (_bad(["channel_ceilings"], {"sms": 99}), "framing.channel_ceilings.sms"),
        (_bad(["surprise"], 1), "framing.surprise"),
    ],
)
def test_a_bad_framing_is_refused_at_its_path_and_writes_nothing(
    workspace: Workspace, section: dict[str, Any], where: str
) -> None:
    before = framing_rows()
    problems = refused_import(workspace, _with_framing(section))
    assert where in dict(problems), problems
    assert framing_rows() == before


def test_a_plan_actions_cost_beyond_an_activitys_is_refused_in_the_money_range_and_its_maximum_imports(
    workspace: Workspace,
) -> None:
    """« Mettre au backlog » copies the cost into an activity's, which holds 999,999,999,999.99: the file
    is bounded like the form (10^15 was accepted, then the button could not copy it)."""
    with translation.override("en"):
        problems = refused_import(workspace, _with_framing(_bad(["actions", 0, "cost"], 1e15)))
    assert dict(problems)["framing.actions[0].cost"] == "Enter an amount between 0 and 999,999,999,999.99."
    roadmap = import_roadmap(
        actor=None,
        workspace=workspace,
        text=_with_framing(_bad(["actions", 0, "cost"], 999999999999.99)),
        fmt="yaml",
    )
    assert Framing.objects.get(roadmap=roadmap).actions.get().cost == 999999999999.99


@pytest.mark.parametrize(
    ("indicator", "where"),
    [
        ({"statement": "S", "ratings": [{"period": "2026-05-01", "rating": 3}]}, "ratings[0].period"),
        ({"statement": "S", "ratings": [{"period": "2026-04-01", "rating": 6}]}, "ratings[0].rating"),
        ({"statement": "S", "period": "month", "ratings": [{"period": "2026-05-01", "rating": 2}] * 2},
         "ratings[1].period"),
        ({"statement": "", "ratings": []}, "statement"),
    ],
)  # fmt: skip
def test_a_bad_qualitative_indicator_is_refused_at_its_path(
    workspace: Workspace, indicator: dict[str, Any], where: str
) -> None:
    problems = refused_import(workspace, _with_framing(GOOD, qualitative_indicators=[indicator]))
    assert f"objectives[3].qualitative_indicators[0].{where}" in dict(problems), problems


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "«\u00a0relance panièr\u00a0» se lit comme «\u00a0Relance panier\u00a0», déjà proposée\u00a0: "
               "donnez chaque proposition une seule fois."),
        ("en", "“relance panièr” reads like “Relance panier”, already proposed: give each proposal once."),
    ],
)  # fmt: skip
def test_proposals_that_read_alike_refuse_the_whole_file_naming_the_first(
    workspace: Workspace, language: str, message: str
) -> None:
    """As on the votes page: two proposals that read alike (case, accents and spaces aside) are refused,
    never merged, and the other votes of the file, good as they are, are not imported either."""
    section = copy.deepcopy(GOOD)
    section["votes"] = [
        GOOD["votes"][0],
        {"title": "Leviers", "options": [{"title": "Relance panier"}, {"title": "Parrainage"},
                                          {"title": "relance  panièr"}]},
    ]  # fmt: skip
    before = Vote.objects.count()
    with translation.override(language):
        problems = refused_import(workspace, _with_framing(section))
    assert ("framing.votes[1].options[2].title", message) in problems, problems
    assert Vote.objects.count() == before
