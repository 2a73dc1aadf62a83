"""The framing in ``jalon/1`` files: export (``framing_document``, ``indicators_by_objective``), the checks
a file's framing must pass beyond its schema (``framing_problems``), and the import's objects built in
memory (``build_framing``, written at once with the rest of the roadmap by ``roadmap_write``).

Workshops get a key in the file (their kind, then ``kind-2``…) so stakeholders and votes can name them.
Not in the file: prototypes (uploaded files), stakeholders' workspace accounts and the ballots.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from jalon.documents.framing_schema import FramingItem, QualitativeIndicatorItem
from jalon.documents.planning_file import compact, number
from jalon.documents.safe_load import duplicate_keys
from jalon.documents.tables import excerpt
from jalon.framing.forms import workshop_keys
from jalon.framing.indicators import period_start
from jalon.framing.models import (
    Framing,
    IndicatorRating,
    JourneyStep,
    LifecycleStage,
    Persona,
    PlanAction,
    QualitativeIndicator,
    Stakeholder,
    Vote,
    VoteOption,
    Workshop,
)
from jalon.framing.votes import alike_proposal
from jalon.names import namesakes
from jalon.planning.models import Activity
from jalon.strategy.models import Objective, Roadmap

if TYPE_CHECKING:
    from jalon.documents.roadmap_write import _Builder

FRAMING_DEFAULTS: dict[str, Any] = {"ceiling_per_week": 3}


# Export ------------------------------------------------------------------------------------------------


def framing_document(roadmap: Roadmap) -> dict[str, Any] | None:
    """The roadmap's framing as the file's ``framing`` section (None when it has none)."""
    framing = Framing.objects.filter(roadmap=roadmap).first()
    if framing is None:
        return None
    workshops = list(framing.workshops.all())
    keys = workshop_keys(workshops)
    steps: dict[int, list[JourneyStep]] = {}
    for step in framing.journey_steps.all():
        steps.setdefault(step.persona_id, []).append(step)
    head = compact(
        {
            "stakes": framing.stakes,
            "scope": framing.scope,
            "objectives": framing.objectives,
            "channel_ceiling": framing.channel_ceiling,
            "channel_ceilings": dict(sorted((framing.channel_ceilings or {}).items())),
            "plan_start": framing.plan_start,
            "orders": compact(
                {
                    "file": framing.orders_file,
                    "as_of": framing.orders_as_of,
                    "customers": framing.orders_customers or None,
                }
            ),
        }
    )
    if framing.ceiling_per_week != FRAMING_DEFAULTS["ceiling_per_week"]:
        head["ceiling_per_week"] = framing.ceiling_per_week
    section = {
        **head,
        "workshops": [
            compact(
                {
                    "key": keys[w.pk],
                    "kind": w.kind,
                    "day": w.day,
                    "place": w.place,
                    "status": w.status if w.status != "planned" else None,
                    "deliverable": w.deliverable,
                }
            )
            for w in workshops
        ],
        "stakeholders": [
            compact(
                {
                    "name": s.name,
                    "role": s.role,
                    "workshops": [
                        keys[w.pk] for w in sorted(s.workshops.all(), key=lambda w: (w.position, w.pk))
                    ],
                }
            )
            for s in framing.stakeholders.prefetch_related("workshops")
        ],
        "personas": [_persona(p, steps.get(p.pk, [])) for p in framing.personas.all()],
        "stages": [
            compact({"key": s.key, "name": s.name, "definition": s.definition, "customers": s.customers})
            for s in framing.stages.all()
        ],
        "actions": [_action(a) for a in framing.actions.select_related("persona", "stage", "activity")],
        "votes": [
            compact(
                {
                    "title": v.title,
                    "workshop": keys.get(v.workshop_id) if v.workshop_id else None,
                    "points": v.points if v.points != 3 else None,
                    "closed": v.closed or None,
                    "options": [
                        compact({"title": o.title, "objective": o.objective.key if o.objective else None})
                        for o in v.options.select_related("objective")
                    ],
                }
            )
            for v in framing.votes.all()
        ],
    }
    return compact(section)


def _persona(persona: Persona, steps: list[JourneyStep]) -> dict[str, Any]:
    return compact(
        {
            "key": persona.key,
            "name": persona.name,
            "segment": persona.segment,
            "needs": persona.needs,
            "expectations": persona.expectations,
            "frustrations": persona.frustrations,
            "journeys": persona.journeys,
            "levers": persona.levers,
            "quote": persona.quote,
            "rfm_segment": persona.rfm_segment,
            "customers": persona.customers,
            "revenue_share": persona.revenue_share,
            "average_basket": number(persona.average_basket),
            "orders_per_customer": number(persona.orders_per_customer),
            "recency_days": number(persona.recency_days),
            "journey": [
                compact(
                    {
                        "name": s.name,
                        "touchpoint": s.touchpoint,
                        "kind": s.kind if s.kind != "digital" else None,
                        "does": s.does,
                        "thinks": s.thinks,
                        "feels": s.feels or None,
                        "pains": s.pains,
                        "opportunities": s.opportunities,
                    }
                )
                for s in steps
            ],
        }
    )


def _action(action: PlanAction) -> dict[str, Any]:
    return compact(
        {
            "key": action.key,
            "what": action.what,
            "persona": action.persona.key if action.persona else None,
            "stage": action.stage.key if action.stage else None,
            "channel": action.channel,
            "frequency": action.frequency,
            "trigger": action.trigger,
            "delay_days": action.delay_days or None,
            "start": action.start,
            "end": action.end,
            "owner": action.owner,
            "cost": number(action.cost) or None,
            "activity": action.activity.key if action.activity else None,
        }
    )


def indicators_by_objective(roadmap: Roadmap) -> dict[int, list[dict[str, Any]]]:
    """Each objective's qualitative indicators as the file writes them (one query for the roadmap)."""
    found: dict[int, list[dict[str, Any]]] = {}
    for indicator in QualitativeIndicator.objects.filter(objective__roadmap=roadmap).prefetch_related(
        "ratings"
    ):
        found.setdefault(indicator.objective_id, []).append(
            compact(
                {
                    "statement": indicator.statement,
                    "period": indicator.period if indicator.period != "quarter" else None,
                    "ratings": [
                        compact({"period": r.period_start, "rating": r.rating, "note": r.note})
                        for r in indicator.ratings.all()
                    ],
                }
            )
        )
    return found


# Checks beyond the schema ------------------------------------------------------------------------------


def framing_problems(
    framing: FramingItem | None, *, objectives: set[str], activities: set[str]
) -> list[tuple[str, str]]:
    """Keys used once per list and every reference known (workshops, personas, stages, activities,
    objectives)."""
    if framing is None:
        return []
    problems: list[tuple[str, str]] = []
    for name in ("workshops", "personas", "stages", "actions"):
        problems += duplicate_keys([item.key for item in getattr(framing, name)], f"framing.{name}")
    workshops = {w.key for w in framing.workshops}
    personas = {p.key for p in framing.personas}
    stages = {s.key for s in framing.stages}

    def unknown(where: str, key: str | None, known: set[str], message: str) -> None:
        if key is not None and key not in known:
            problems.append((where, message.format(key=excerpt(key))))

    for index, stakeholder in enumerate(framing.stakeholders):
        for w_index, key in enumerate(stakeholder.workshops):
            unknown(
                f"framing.stakeholders[{index}].workshops[{w_index}]",
                key,
                workshops,
                _("No workshop has the key {key}."),
            )
    for index, action in enumerate(framing.actions):
        where = f"framing.actions[{index}]"
        unknown(f"{where}.persona", action.persona, personas, _("No persona has the key {key}."))
        unknown(f"{where}.stage", action.stage, stages, _("No lifecycle stage has the key {key}."))
        unknown(f"{where}.activity", action.activity, activities, _("No activity has the key {key}."))
    for index, vote in enumerate(framing.votes):
        where = f"framing.votes[{index}]"
        unknown(f"{where}.workshop", vote.workshop, workshops, _("No workshop has the key {key}."))
        for o_index, option in enumerate(vote.options):
            unknown(
                f"{where}.options[{o_index}].objective",
                option.objective,
                objectives,
                _("No objective has the key {key}."),
            )
        # Two proposals that read alike are refused as on the votes page, naming the first: never merged.
        for o_index, title, other in namesakes(option.title for option in vote.options):
            problems.append(
                (f"{where}.options[{o_index}].title", alike_proposal(excerpt(title), excerpt(other)))
            )
    return problems


def indicator_problems(indicators: list[QualitativeIndicatorItem], where: str) -> list[tuple[str, str]]:
    """Each rating on the first day of its period, one rating per period."""
    problems: list[tuple[str, str]] = []
    for index, indicator in enumerate(indicators):
        seen: set[Any] = set()
        for r_index, rating in enumerate(indicator.ratings):
            at = f"{where}.qualitative_indicators[{index}].ratings[{r_index}].period"
            if period_start(indicator.period, rating.period) != rating.period:
                problems.append((at, _("Give the first day of the period rated.")))
            elif rating.period in seen:
                problems.append((at, _("Two ratings for the same period.")))
            seen.add(rating.period)
    return problems


# Import ------------------------------------------------------------------------------------------------


def build_indicators(
    b: _Builder, objective: Objective, items: list[QualitativeIndicatorItem], where: str
) -> None:
    indicators: list[QualitativeIndicator] = []
    ratings: list[IndicatorRating] = []
    for index, item in enumerate(items):
        indicator = QualitativeIndicator(
            objective=objective, statement=item.statement, period=item.period, position=index
        )
        b.checked(indicator, f"{where}.qualitative_indicators[{index}]")
        indicators.append(indicator)
        ratings += [
            IndicatorRating(indicator=indicator, period_start=r.period, rating=r.rating, note=r.note)
            for r in item.ratings
        ]
    b.batch.add(indicators)
    b.batch.add(ratings)


# What a framing holds beside its own fields (the kick-off, the pressure ceilings, the plan's start).
_FRAMING_ITEMS = {"orders", "workshops", "stakeholders", "personas", "stages", "actions", "votes"}


def build_framing(b: _Builder, roadmap: Roadmap, item: FramingItem | None) -> None:
    """The framing's objects, checked in memory and added to the import's batch."""
    if item is None:
        return
    orders = item.orders
    framing = Framing(
        roadmap=roadmap,
        **item.model_dump(exclude=_FRAMING_ITEMS),
        orders_file=orders.file if orders else "",
        orders_as_of=orders.as_of if orders else None,
        orders_customers=orders.customers if orders else 0,
    )
    b.checked(framing, "framing")
    b.batch.add([framing])
    workshops = {
        w.key: Workshop(framing=framing, position=i, **w.model_dump(exclude={"key"}))
        for i, w in enumerate(item.workshops)
    }
    _add(b, "framing.workshops", list(workshops.values()))
    stakeholders = [
        Stakeholder(framing=framing, position=i, name=s.name, role=s.role)
        for i, s in enumerate(item.stakeholders)
    ]
    _add(b, "framing.stakeholders", stakeholders)
    b.batch.add(
        [
            Stakeholder.workshops.through(stakeholder=stakeholder, workshop=workshops[key])
            for stakeholder, s_item in zip(stakeholders, item.stakeholders, strict=True)
            for key in dict.fromkeys(s_item.workshops)
        ]
    )
    personas = {
        p.key: Persona(framing=framing, position=i, **p.model_dump(exclude={"journey"}))
        for i, p in enumerate(item.personas)
    }
    _add(b, "framing.personas", list(personas.values()))
    steps = [
        JourneyStep(framing=framing, persona=personas[p.key], position=s_index, **step.model_dump())
        for p in item.personas
        for s_index, step in enumerate(p.journey)
    ]
    b.batch.add(steps)  # the schema bounds every field of a step
    stages = {
        s.key: LifecycleStage(framing=framing, position=i, **s.model_dump())
        for i, s in enumerate(item.stages)
    }
    # A stage's key names no page (the default ``new`` stage is a route word elsewhere): the schema checks it.
    _add(b, "framing.stages", list(stages.values()), exclude=("key",))
    actions = [
        PlanAction(
            framing=framing,
            position=i,
            **a.model_dump(exclude={"persona", "stage", "activity"}),
            persona=personas[a.persona] if a.persona else None,
            stage=stages[a.stage] if a.stage else None,
            activity=_activity(b.activities, a.activity),
        )
        for i, a in enumerate(item.actions)
    ]
    _add(b, "framing.actions", actions)
    votes = [
        Vote(
            framing=framing,
            position=i,
            title=v.title,
            points=v.points,
            closed=v.closed,
            workshop=workshops[v.workshop] if v.workshop else None,
        )
        for i, v in enumerate(item.votes)
    ]
    _add(b, "framing.votes", votes)
    b.batch.add(
        [
            VoteOption(
                vote=vote,
                position=o_index,
                title=option.title,
                objective=b.objectives[option.objective] if option.objective else None,
            )
            for vote, v_item in zip(votes, item.votes, strict=True)
            for o_index, option in enumerate(v_item.options)
        ]
    )


def _activity(activities: dict[str, Activity], key: str | None) -> Activity | None:
    return activities[key] if key else None


def _add(b: _Builder, where: str, objects: list[Any], *, exclude: tuple[str, ...] = ()) -> None:
    for index, obj in enumerate(objects):
        b.checked(obj, f"{where}[{index}]", exclude=exclude)
    b.batch.add(objects)
