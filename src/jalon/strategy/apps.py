from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "jalon.strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from jalon.jobs import registry

        registry.register_path("kpi_source", "jalon.strategy.kpis.source_jobs.refresh_job")
        registry.register_path("kpi_forecasts", "jalon.strategy.kpis.forecast_store.refresh_job")
