"""The strategy routes: the roadmap's SMART table, its objectives, KPIs, strategies and tactics."""

from __future__ import annotations

from django.urls import include, path

from jalon.strategy import views, views_lifecycle
from jalon.strategy import views_advisor as advisor
from jalon.strategy import views_tree as tree
from jalon.strategy.kpis import views as kpi_views

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"
OBJECTIVE = ROADMAP + "o/<slug:key>/"

urlpatterns = [
    path("w/<slug:workspace>/roadmaps/new/", views.roadmap_new, name="roadmap_new"),
    path(ROADMAP, views.roadmap_page, name="roadmap"),
    path(ROADMAP + "edit/", views.roadmap_edit, name="roadmap_edit"),
    path(ROADMAP + "copy/", views_lifecycle.roadmap_copy, name="roadmap_copy"),
    path(ROADMAP + "archive/", views_lifecycle.roadmap_archive, name="roadmap_archive"),
    path(ROADMAP + "restore/", views_lifecycle.roadmap_restore, name="roadmap_restore"),
    path(ROADMAP + "delete/", views_lifecycle.roadmap_delete, name="roadmap_delete"),
    path(ROADMAP + "objectives/new/", views.objective_edit, name="objective_new"),
    path(ROADMAP + "objectives/coach/", views.objective_coach, name="objective_coach"),
    path(ROADMAP + "smart-check/", views.smart_check, name="smart_check"),
    path(ROADMAP + "kpis/<slug:kpi>/measurements/", tree.add_measurement, name="measurement_add"),
    path(ROADMAP + "kpis/<slug:kpi>/benchmark/", advisor.kpi_benchmark_metric, name="kpi_benchmark_metric"),
    path(ROADMAP, include(kpi_views.urlpatterns)),
    path(OBJECTIVE, views.objective_page, name="objective"),
    path(OBJECTIVE + "edit/", views.objective_edit, name="objective_edit"),
    path(OBJECTIVE + "cells/<slug:field>/", views.objective_cell, name="objective_cell"),
    path(OBJECTIVE + "strategies/", tree.add_strategy, name="strategy_add"),
    path(OBJECTIVE + "strategies/<slug:strategy>/", tree.edit_strategy, name="strategy_edit"),
    path(OBJECTIVE + "strategies/<slug:strategy>/tactics/", tree.add_tactic, name="tactic_add"),
    path(
        OBJECTIVE + "strategies/<slug:strategy>/tactics/<slug:tactic>/", tree.edit_tactic, name="tactic_edit"
    ),
]
