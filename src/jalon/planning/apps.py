from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "jalon.planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from jalon.jobs import registry

        registry.register_path("schedule", "jalon.planning.schedule.run.schedule_job")
        registry.register_path("portfolio", "jalon.planning.portfolio.runs.portfolio_job")
