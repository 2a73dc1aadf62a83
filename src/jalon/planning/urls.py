"""Every roadmap planning page, under ``w/<workspace>/r/<roadmap>/`` (each module owns its routes)."""

from __future__ import annotations

from jalon.planning.backlog import advised_views as views_advised
from jalon.planning.backlog import views as views_backlog
from jalon.planning.people import views as views_people
from jalon.planning.portfolio import run_views as views_portfolio_runs
from jalon.planning.portfolio import views as views_portfolio
from jalon.planning.registers import views as views_registers
from jalon.planning.reviews import views as views_reviews
from jalon.planning.schedule import views as views_schedule
from jalon.planning.start import views as views_start
from jalon.planning.timeline import views as views_timeline

urlpatterns = [
    *views_start.urlpatterns,
    *views_timeline.urlpatterns,
    *views_backlog.urlpatterns,
    *views_advised.urlpatterns,
    *views_registers.urlpatterns,
    *views_people.urlpatterns,
    *views_reviews.urlpatterns,
    *views_portfolio.urlpatterns,
    *views_portfolio_runs.urlpatterns,
    *views_schedule.urlpatterns,
]
