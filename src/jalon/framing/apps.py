from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FramingConfig(AppConfig):
    name = "jalon.framing"
    verbose_name = _("Framing")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from jalon.framing.models import Prototype
        from jalon.framing.services.prototypes import forget_files
        from jalon.jobs import registry
        from jalon.strategy import advising
        from jalon.workspaces import awaiting

        post_delete.connect(forget_files, sender=Prototype, dispatch_uid="jalon.framing.forget_files")

        advising.register_audience("jalon.framing.audience.audience")
        registry.register_path("personas", "jalon.framing.orders_jobs.seed_job")
        awaiting.register("jalon.framing.awaiting.votes_awaiting")
