from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "jalon.reports"
    label = "reports"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from jalon.jobs import registry

        registry.register_path("report", "jalon.reports.jobs.report_job")
