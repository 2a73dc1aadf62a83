"""Every roadmap planning page, under ``w/<workspace>/r/<roadmap>/`` (each module owns its routes)."""

from __future__ import annotations

from jalon.documents import views_backlog as documents_backlog
from jalon.planning import (
    views_backlog,
    views_people,
    views_portfolio,
    views_portfolio_runs,
    views_registers,
    views_reviews,
    views_timeline,
)
from jalon.planning.schedule import views as views_schedule

urlpatterns = [
    *views_timeline.urlpatterns,
    *views_backlog.urlpatterns,
    *views_registers.urlpatterns,
    *views_people.urlpatterns,
    *views_reviews.urlpatterns,
    *views_portfolio.urlpatterns,
    *views_portfolio_runs.urlpatterns,
    *views_schedule.urlpatterns,
    *documents_backlog.urlpatterns,
]
