from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from jalon import views
from jalon.accounts import views as accounts
from jalon.knowledge import views as knowledge_views
from jalon.workspaces import views as workspaces

handler400 = "jalon.views.bad_request"
handler403 = "jalon.views.permission_denied"
handler404 = "jalon.views.page_not_found"
handler500 = "jalon.busy.handler500"

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("language/", views.set_language, name="set_language"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("setup/", accounts.setup, name="setup"),
    path("signup/", accounts.signup, name="signup"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", workspaces.home, name="home"),
    path("knowledge/", knowledge_views.knowledge_page, name="knowledge"),
    path("", include("jalon.workspaces.urls")),
    path("", include("jalon.planning.people.workspace_views")),
    path("w/<slug:workspace>/", workspaces.workspace_page, name="workspace"),
    path("", include("jalon.strategy.urls")),
    path(ROADMAP, include("jalon.planning.urls")),
    path("", include("jalon.documents.urls")),
    path("", include("jalon.history.urls")),
    path("", include("jalon.reports.urls")),
    path("", include("jalon.framing.urls")),
]
