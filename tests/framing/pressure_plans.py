"""Plans that put pressure on the framing's tables (and the documents that print them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from jalon.framing import services
from jalon.framing.models import Persona, PlanAction


def four_emails(editor: Any, framing: Any, suffix: str, **fields: Any) -> None:
    """Four e-mail actions (one more than the default ceiling of 3 a week), their titles ending ``suffix``."""
    for what in ("Newsletter", "Relance panier", "Promo", "Nouveautés"):
        services.create(
            PlanAction, actor=editor, framing=framing, what=f"{what}{suffix}", channel="email", **fields
        )


def big_plan(editor: Any, roadmap: Any) -> None:
    """Three personas, each sent four weekly e-mails (one more than the ceiling of 3) and a one-off SMS:
    every week of the plan year over the ceiling for each persona."""
    framing = services.open_framing(actor=editor, roadmap=roadmap)
    for name in ("Sportive urbaine", "Marcheur du dimanche", "Trailer confirmé"):
        persona = services.create(Persona, actor=editor, framing=framing, name=name)
        four_emails(editor, framing, f" {name}", frequency="weekly", persona=persona)
    services.create(
        PlanAction, actor=editor, framing=framing, what="Soldes", channel="sms", frequency="one_off",
        start=date(roadmap.start.year, roadmap.start.month, 15),
    )  # fmt: skip
