from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from jalon import views
from jalon.documents import views as documents
from jalon.strategy import views as strategy
from jalon.strategy import views_tree as tree
from jalon.strategy.kpis import views as kpi_views
from jalon.workspaces import views as workspaces

handler500 = "jalon.busy.handler500"

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"
OBJECTIVE = ROADMAP + "o/<slug:key>/"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("language/", views.set_language, name="set_language"),
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", workspaces.home, name="home"),
    path("w/<slug:workspace>/", workspaces.workspace_page, name="workspace"),
    path("w/<slug:workspace>/import/", documents.import_file, name="import"),
    path(ROADMAP, strategy.roadmap_page, name="roadmap"),
    path(ROADMAP + "edit/", strategy.roadmap_edit, name="roadmap_edit"),
    path(ROADMAP, include("jalon.planning.urls")),
    path(ROADMAP + "export.<str:fmt>", documents.export, name="export"),
    path(ROADMAP + "objectives/new/", strategy.objective_edit, name="objective_new"),
    path(ROADMAP + "objectives/coach/", strategy.objective_coach, name="objective_coach"),
    path(ROADMAP + "smart-check/", strategy.smart_check, name="smart_check"),
    path(ROADMAP + "kpis/<slug:kpi>/measurements/", tree.add_measurement, name="measurement_add"),
    path(ROADMAP, include(kpi_views.urlpatterns)),
    path(OBJECTIVE, strategy.objective_page, name="objective"),
    path(OBJECTIVE + "edit/", strategy.objective_edit, name="objective_edit"),
    path(OBJECTIVE + "cells/<slug:field>/", strategy.objective_cell, name="objective_cell"),
    path(OBJECTIVE + "strategies/", tree.add_strategy, name="strategy_add"),
    path(OBJECTIVE + "strategies/<slug:strategy>/", tree.edit_strategy, name="strategy_edit"),
    path(OBJECTIVE + "strategies/<slug:strategy>/tactics/", tree.add_tactic, name="tactic_add"),
    path(
        OBJECTIVE + "strategies/<slug:strategy>/tactics/<slug:tactic>/", tree.edit_tactic, name="tactic_edit"
    ),
]
