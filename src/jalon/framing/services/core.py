"""Use cases on a roadmap's framing: the kick-off, workshops and stakeholders, personas (seeded from an
orders file), lifecycle stages and the animation plan.

Each function checks permission, runs in one transaction, validates, and records history.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext, ngettext_lazy
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.documents.orders_file import (
    MappingNeeded,
    OrdersFileError,
    describe_bad_line,
    describe_error,
    read_orders,
)
from jalon.documents.tables import LinesRead, boolean_words
from jalon.engines import rfm, rfm_stages
from jalon.errors import ValidationFailed
from jalon.framing.models import (
    Framing,
    InFraming,
    JourneyStep,
    LifecycleStage,
    Persona,
    PlanAction,
    Prototype,
    Stakeholder,
    Workshop,
)
from jalon.framing.stage_words import stage_definition
from jalon.history.services import apply_changes, delete_recorded, record
from jalon.keys import free_key
from jalon.planning import services as planning
from jalon.planning.models import Activity
from jalon.services import only, save_new
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor, role_of

T = TypeVar("T", bound=InFraming)

FRAMING_FIELDS = frozenset({
    "stakes", "scope", "objectives", "ceiling_per_week", "channel_ceiling", "channel_ceilings", "plan_start",
})  # fmt: skip
FIELDS: dict[type[InFraming], frozenset[str]] = {
    Workshop: frozenset({"kind", "day", "place", "status", "deliverable"}),
    Stakeholder: frozenset({"name", "role", "workshops", "member"}),
    Persona: frozenset({
        "name", "segment", "needs", "expectations", "frustrations", "journeys", "levers", "quote",
    }),
    LifecycleStage: frozenset({"name", "definition"}),
    Prototype: frozenset({"title", "workshop", "status", "comments"}),
    JourneyStep: frozenset({
        "persona", "name", "touchpoint", "kind", "does", "thinks", "feels", "pains", "opportunities",
    }),
    PlanAction: frozenset({
        "what", "persona", "stage", "channel", "frequency", "trigger", "delay_days", "start", "end",
        "owner", "cost",
    }),
}  # fmt: skip
KEYED = (Persona, LifecycleStage, PlanAction)
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def framing_for(roadmap: Roadmap) -> Framing:
    """The roadmap's framing as stored, or an empty unsaved one (reading never writes)."""
    found = Framing.objects.filter(roadmap=roadmap).first()
    return found if found is not None else Framing(roadmap=roadmap)


def open_framing(*, actor: User | None, roadmap: Roadmap) -> Framing:
    """The roadmap's framing, created on the first write with the default lifecycle stages."""
    require_actor(actor, "edit", roadmap)
    found = Framing.objects.filter(roadmap=roadmap).first()
    if found is not None:
        return found
    language = "fr" if (roadmap.language or get_language() or "fr").startswith("fr") else "en"
    with transaction.atomic(), translation.override(language):  # names and definitions in one language
        framing = Framing(roadmap=roadmap, plan_start=roadmap.start)
        save_new(framing, actor=actor)
        for position, rule in enumerate(rfm_stages.DEFAULT_STAGES):
            LifecycleStage.objects.create(
                framing=framing, key=rule.key, name=rule.name(language), position=position,
                definition=stage_definition(rule),
            )  # fmt: skip
    return framing


def update_framing(
    *, actor: User | None, framing: Framing, expected_version: int, changes: Mapping[str, Any]
) -> Framing:
    require_actor(actor, "edit", framing.roadmap)
    return apply_changes(
        framing, actor=actor, expected_version=expected_version, changes=only(FRAMING_FIELDS, changes)
    )


# Items of a framing (workshops, stakeholders, personas, stages, actions) ---------------------------


def _check_links(framing: Framing, values: Mapping[str, Any]) -> None:
    for name in ("persona", "stage", "workshop"):
        linked = values.get(name)
        if linked is not None and linked.framing_id != framing.pk:
            raise ValidationFailed({name: [_("This must belong to the same framing.")]})
    for workshop in values.get("workshops", ()):
        if workshop.framing_id != framing.pk:
            raise ValidationFailed({"workshops": [_("This must belong to the same framing.")]})
    member = values.get("member")
    if member is not None and role_of(member, framing.roadmap.workspace) is None:
        raise ValidationFailed({"member": [_("Choose a member of this workspace.")]})


def create(kind: type[T], /, *, actor: User | None, framing: Framing, **fields: Any) -> T:
    require_actor(actor, "edit", framing.roadmap)
    values = only(FIELDS[kind], fields)
    _check_links(framing, values)
    workshops = values.pop("workshops", None)
    with transaction.atomic():
        items = kind._default_manager.filter(framing=framing)
        extra: dict[str, Any] = {}
        if kind in KEYED:
            source = str(values.get("name") or values.get("what") or "")
            extra["key"] = free_key(items, source, fallback=kind.__name__.lower())
        item = kind(framing=framing, position=items.count(), **extra, **values)
        save_new(item, actor=actor)
        if workshops is not None:
            item.workshops.set(workshops)  # type: ignore[attr-defined]
    return item


def update(item: T, *, actor: User | None, expected_version: int, changes: Mapping[str, Any]) -> T:
    require_actor(actor, "edit", item.framing.roadmap)
    values = only(FIELDS[type(item)], changes)
    _check_links(item.framing, values)
    workshops = values.pop("workshops", None)
    with transaction.atomic():
        saved = apply_changes(item, actor=actor, expected_version=expected_version, changes=values)
        if workshops is not None:
            saved.workshops.set(workshops)  # type: ignore[attr-defined]
    return saved


def delete(item: InFraming, *, actor: User | None) -> None:
    """Delete ``item``. What later steps rely on is kept, and ValidationFailed names them: a persona or a
    stage that plan actions are aimed at (deleting it would aim them at everyone), a workshop that votes
    are held at (its participants are their voters: deleting it would let every stakeholder vote)."""
    require_actor(actor, "edit", item.framing.roadmap)
    with transaction.atomic():
        used = _used_by(item)
        if used:
            raise ValidationFailed({"__all__": [used]})
        delete_recorded(item, actor=actor, named_by="id")


_AIMED_AT = ngettext_lazy(
    "“{name}” is the audience of an action of the animation plan ({actions}): aim it at "
    "another audience or delete it first.",
    "“{name}” is the audience of {count} actions of the animation plan ({actions}): aim them "
    "at another audience or delete them first.",
    "count",
)
_HELD_AT = ngettext_lazy(
    "A vote is held at this workshop ({votes}); its participants are the voters: hold it at "
    "another workshop or delete it first.",
    "{count} votes are held at this workshop ({votes}); its participants are the voters: hold "
    "them at another workshop or delete them first.",
    "count",
)


def _used_by(item: InFraming) -> str:
    """Why ``item`` must stay (the later steps that use it, named), or ""."""
    if isinstance(item, Persona | LifecycleStage):
        users, words, listed = list(item.actions.values_list("what", flat=True)), _AIMED_AT, "actions"
    elif isinstance(item, Workshop):
        users, words, listed = list(item.votes.values_list("title", flat=True)), _HELD_AT, "votes"
    else:
        return ""
    return words.format(name=item, count=len(users), **{listed: ", ".join(users)}) if users else ""


# Personas from an orders file ------------------------------------------------------------------------


def read_orders_upload(
    data: bytes,
    *,
    filename: str,
    mapping: Mapping[str, str] | None = None,
    on_lines: LinesRead | None = None,
    today: date | None = None,
) -> rfm.Orders:
    """The orders of an uploaded file, or ValidationFailed (MappingNeeded passes through); ``on_lines``
    hears how far the reading is. An order dated after ``today`` (by default the site's day, read now) is a
    bad line: recency would be counted to a day that has not come."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise file_refused(lambda: [_("The file is larger than 50 MB.")])
    try:
        found = read_orders(
            data,
            filename=filename,
            mapping=dict(mapping or {}),
            on_lines=on_lines,
            latest=today or timezone.localdate(),
            booleans=boolean_words(_),
        )
    except OrdersFileError as error:
        problem = error  # kept past the except clause, for the words said again
        raise file_refused(lambda: [describe_error(problem, _)]) from error
    if found.bad_lines:
        bad_lines = found.bad_lines
        count = len({bad.line for bad in bad_lines})

        def said() -> list[str]:
            summary = ngettext(
                "{count} bad line: nothing was changed.", "{count} bad lines: nothing was changed.", count
            ).format(count=count)
            return [summary, *(describe_bad_line(bad, _) for bad in bad_lines[:20])]

        raise file_refused(said)
    if len(found.orders.customer_ids) == 0:
        raise file_refused(lambda: [_("The file holds no order.")])
    return found.orders


def file_refused(say: Callable[[], list[str]]) -> ValidationFailed:
    """An orders file's refusal, ``say`` its messages in the active language: worded now, and again in each
    reader's language when a background job read the file (``ValidationFailed.worded``)."""
    return ValidationFailed({"file": say()}, say=lambda: {"file": say()})


def seed_personas(
    *, actor: User | None, roadmap: Roadmap, orders: rfm.Orders, filename: str, segments: int | None = None
) -> list[Persona]:
    """Segment the customers (RFM) and propose one persona per segment; a persona already seeded from
    the same segment keeps its text and gets the new figures. Lifecycle stages get their counts."""
    require_actor(actor, "edit", roadmap)
    result = rfm.segment(orders, segments=segments, seed=0)
    language = "fr" if (get_language() or "fr").startswith("fr") else "en"
    with transaction.atomic():
        framing = open_framing(actor=actor, roadmap=roadmap)
        framing = Framing.objects.select_for_update().get(pk=framing.pk)
        seeded = {p.rfm_segment: p for p in framing.personas.exclude(rfm_segment="")}
        touched: list[Persona] = []
        for found in result.segments:
            figures = {
                "customers": found.customers,
                "revenue_share": found.revenue_share,
                "average_basket": found.average_basket,
                "orders_per_customer": found.orders_per_customer,
                "recency_days": found.recency_days,
            }
            persona = seeded.pop(found.name.key, None)
            if persona is None:
                name = found.name.fr if language == "fr" else found.name.en
                persona = create(Persona, actor=actor, framing=framing, name=name, segment=name)
                persona.rfm_segment = found.name.key
            for field, value in figures.items():
                setattr(persona, field, value)
            persona.save()
            touched.append(persona)
        for stale in seeded.values():  # a segment the new file no longer has: its figures are gone
            for field in (
                "customers",
                "revenue_share",
                "average_basket",
                "orders_per_customer",
                "recency_days",
            ):
                setattr(stale, field, None)
            stale.save()
        _count_stages(framing, result.profiles)
        Framing.objects.filter(pk=framing.pk).update(
            orders_file=filename[:200], orders_as_of=result.as_of, orders_customers=result.customers
        )
        record(
            framing, actor=actor, before={"orders_file": framing.orders_file}, after={"orders_file": filename}
        )
    return touched


def _count_stages(framing: Framing, profiles: rfm.Profiles) -> None:
    """Count the customers of each stage whose key has a rule in RFM terms (the default stages)."""
    rules = {rule.key: rule for rule in rfm_stages.DEFAULT_STAGES}
    stages = list(framing.stages.all())
    known = [rules[stage.key] for stage in stages if stage.key in rules]
    counts = {c.stage.key: c.customers for c in rfm_stages.count(profiles, known).stages} if known else {}
    for stage in stages:
        stage.customers = counts.get(stage.key)
        stage.save(update_fields=["customers"])


def persona_range_warning(personas: Sequence[Persona]) -> str:
    """A warning when the framing has fewer than 4 or more than 6 personas (the method's range)."""
    if not personas or 4 <= len(personas) <= 6:
        return ""
    return ngettext(
        "The method expects 4 to 6 personas; this framing has {n}.",
        "The method expects 4 to 6 personas; this framing has {n}.",
        len(personas),
    ).format(n=len(personas))


# The animation plan into the backlog -----------------------------------------------------------------


def action_to_activity(*, actor: User | None, action: PlanAction) -> Activity:
    """Make a backlog activity of an action (title, channel, audience, cost and dates carried over)."""
    roadmap = action.framing.roadmap
    require_actor(actor, "edit", roadmap)
    if action.activity_id is not None:
        raise ValidationFailed({"activity": [_("This action is already in the backlog.")]})
    audience = ", ".join(str(x) for x in (action.persona, action.stage) if x is not None)
    with transaction.atomic():
        activity = planning.create(
            Activity, actor=actor, roadmap=roadmap, title=action.what[:200], audience=audience[:200],
            channel=str(action.get_channel_display())[:100], cost=action.cost,
            start=action.start, end=action.end,
        )  # fmt: skip
        PlanAction.objects.filter(pk=action.pk).update(activity=activity)
        action.activity = activity
        record(action, actor=actor, before={"activity": None}, after={"activity": activity.pk})
    return activity


__all__ = ["MappingNeeded"]
