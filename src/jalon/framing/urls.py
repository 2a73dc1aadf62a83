"""The framing routes: kick-off, personas, animation plan."""

from __future__ import annotations

from django.urls import path

from jalon.framing import (
    views,
    views_indicators,
    views_journeys,
    views_orders,
    views_prototypes,
    views_votes,
)

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/framing/"

urlpatterns = [
    path(ROADMAP, views.kickoff, name="framing"),
    path(ROADMAP + "personas/", views.personas, name="framing_personas"),
    *views_orders.ORDERS_JOB.urls(ROADMAP + "personas/jobs/<int:job>/", views_orders.personas_job),
    path(ROADMAP + "journeys/", views_journeys.journeys, name="framing_journeys"),
    path(ROADMAP + "prototypes/", views_prototypes.prototypes_page, name="framing_prototypes"),
    path(
        ROADMAP + "prototypes/<int:pk>/file", views_prototypes.prototype_file, name="framing_prototype_file"
    ),
    path(
        ROADMAP + "prototypes/<int:pk>/thumbnail",
        views_prototypes.prototype_thumbnail,
        name="framing_prototype_thumbnail",
    ),
    path(ROADMAP + "plan/", views.plan_page, name="framing_plan"),
    path(ROADMAP + "plan/calendar.ics", views.plan_ics, name="framing_plan_ics"),
    path(ROADMAP + "votes/", views_votes.votes_page, name="framing_votes"),
    path(
        ROADMAP + "indicators/<slug:objective>/", views_indicators.indicators_page, name="framing_indicators"
    ),
]
