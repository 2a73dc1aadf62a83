from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FramingConfig(AppConfig):
    name = "jalon.framing"
    verbose_name = _("Framing")

    def ready(self) -> None:
        from jalon.strategy import advising

        advising.register_audience("jalon.framing.audience.audience")
