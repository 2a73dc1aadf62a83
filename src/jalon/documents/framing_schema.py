"""The ``framing`` section of a ``jalon/1`` file (an e-CRM framing: kick-off, workshops, stakeholders,
personas with their experience maps, lifecycle stages, the animation plan and the votes), and the
qualitative indicators of an objective. Same bounds as the rest of the file (``schema_types``); every
list has a ceiling so a hostile file cannot make the import build millions of objects.

Not in the file: prototypes (uploaded images and PDFs), who is which workspace member (stakeholders'
accounts) and the ballots (people's votes); results are counted again from the ballots of the new
roadmap.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from jalon.documents.schema_types import FloatMoney, Number, Ref, SaneDate, Text, _Strict

# The framing's keys are slugs, underscores included (the default stages: ``at_risk``).
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
ChannelName = Literal["email", "sms", "push", "post", "store", "web", "paid"]
ChannelCeiling = Annotated[int, Field(ge=0, le=50)]
MAX_ITEMS = 1000  # workshops, stakeholders, personas, stages, actions, votes per framing
MAX_STEPS = 200  # journey steps per persona


class WorkshopItem(_Strict):
    key: Key  # how stakeholders and votes name it in the file
    kind: Literal["kickoff", "personas", "journeys", "prototypes", "plan", "restitution"]
    day: SaneDate | None = None
    place: str = Field("", max_length=300)
    status: Literal["planned", "held", "cancelled"] = "planned"
    deliverable: str = Field("", max_length=300)


class StakeholderItem(_Strict):
    name: str = Field(min_length=1, max_length=200)
    role: str = Field("", max_length=200)
    workshops: list[Ref] = Field([], max_length=MAX_ITEMS)


class JourneyStepItem(_Strict):
    name: str = Field(min_length=1, max_length=200)
    touchpoint: str = Field("", max_length=200)
    kind: Literal["digital", "store"] = "digital"
    does: Text = ""
    thinks: Text = ""
    feels: int = Field(0, ge=-2, le=2)
    pains: Text = ""
    opportunities: Text = ""


class PersonaItem(_Strict):
    key: Key
    name: str = Field(min_length=1, max_length=200)
    segment: str = Field("", max_length=200)
    needs: Text = ""
    expectations: Text = ""
    frustrations: Text = ""
    journeys: Text = ""
    levers: Text = ""
    quote: Text = ""
    rfm_segment: str = Field("", max_length=40)
    customers: int | None = Field(None, ge=0, le=1_000_000_000)
    revenue_share: float | None = Field(None, ge=0, le=1)
    average_basket: Number | None = None
    orders_per_customer: Number | None = None
    recency_days: Number | None = None
    journey: list[JourneyStepItem] = Field([], max_length=MAX_STEPS)


class StageItem(_Strict):
    key: Key
    name: str = Field(min_length=1, max_length=200)
    definition: str = Field("", max_length=300)
    customers: int | None = Field(None, ge=0, le=1_000_000_000)


class PlanActionItem(_Strict):
    key: Key
    what: str = Field(min_length=1, max_length=300)
    persona: Ref | None = None
    stage: Ref | None = None
    channel: ChannelName
    frequency: Literal["one_off", "weekly", "monthly", "on_event"]
    trigger: str = Field("", max_length=200)
    delay_days: int = Field(0, ge=0, le=366)
    start: SaneDate | None = None
    end: SaneDate | None = None
    owner: str = Field("", max_length=200)
    cost: FloatMoney = 0  # bounded like the form's: « Mettre au backlog » copies it into an activity's cost
    activity: Ref | None = None  # the backlog activity it became


class VoteOptionItem(_Strict):
    title: str = Field(min_length=1, max_length=200)
    objective: Ref | None = None  # the objective it was adopted as


class VoteItem(_Strict):
    title: str = Field(min_length=1, max_length=300)
    workshop: Ref | None = None
    points: int = Field(3, ge=1, le=50)
    closed: bool = False
    options: list[VoteOptionItem] = Field(min_length=2, max_length=30)


class OrdersItem(_Strict):
    file: str = Field("", max_length=200)
    as_of: SaneDate | None = None
    customers: int = Field(0, ge=0, le=1_000_000_000)


class FramingItem(_Strict):
    stakes: Text = ""
    scope: Text = ""
    objectives: Text = ""
    ceiling_per_week: int = Field(3, ge=1, le=50)
    channel_ceiling: ChannelCeiling | None = None
    channel_ceilings: dict[ChannelName, ChannelCeiling] = {}
    plan_start: SaneDate | None = None
    orders: OrdersItem | None = None
    workshops: list[WorkshopItem] = Field([], max_length=MAX_ITEMS)
    stakeholders: list[StakeholderItem] = Field([], max_length=MAX_ITEMS)
    personas: list[PersonaItem] = Field([], max_length=MAX_ITEMS)
    stages: list[StageItem] = Field([], max_length=MAX_ITEMS)
    actions: list[PlanActionItem] = Field([], max_length=MAX_ITEMS)
    votes: list[VoteItem] = Field([], max_length=MAX_ITEMS)


class RatingItem(_Strict):
    period: SaneDate  # the first day of the period rated
    rating: int = Field(ge=1, le=5)
    note: str = Field("", max_length=300)


class QualitativeIndicatorItem(_Strict):
    statement: str = Field(min_length=1, max_length=300)
    period: Literal["month", "quarter", "half", "year"] = "quarter"
    ratings: list[RatingItem] = Field([], max_length=MAX_ITEMS)
