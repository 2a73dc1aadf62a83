"""A roadmap's copy form sent twice makes one copy: the second request lands on the first one's copy.

Two tabs open on the copy form and sent at the same instant made two copies (the second titled "… (2)" by
the import, its title taken meanwhile); the same form sent again once the first copy was made was refused
("already called…"), for a copy it had asked for and that was there. The
same submission is now told by its fingerprint, made as a background job's is (``jobs.services.
fingerprint``: who asks what of which roadmap) from what the form asked (title, months, measurements,
workspace) and from the token rendered into it (``form_token``). The copy's record (``RoadmapCopy``)
keeps that fingerprint, written in the transaction that writes the copy, under a unique constraint: of
two requests racing, one copy is written and the other is refused with its whole copy, then finds the
first one's (``made_by``). The record is written by ``documents.services``.

The token is the last copy this person made of this roadmap when the form was shown: two tabs showing the
form carry the same one, and the form shown once a copy is made carries another, so the same title
typed again on purpose later (the first copy renamed, say) makes a new copy.
"""

from __future__ import annotations

from decimal import Decimal

from jalon.accounts.models import User
from jalon.jobs.services import fingerprint
from jalon.strategy.models import Roadmap, RoadmapCopy
from jalon.workspaces.models import Workspace

KIND = "roadmap_copy"


class MadeAlready(Exception):
    """This copy form was sent before and made ``copy``: the request lands on it."""

    def __init__(self, copy: Roadmap) -> None:
        super().__init__(copy.slug)
        self.copy = copy


def form_token(actor: User, roadmap: Roadmap) -> str:
    """What the copy form of ``roadmap`` carries for ``actor``: the last copy they made of it ("0": none)."""
    made = RoadmapCopy.objects.filter(source=roadmap, actor=actor).order_by("-pk")
    return str(made.values_list("pk", flat=True).first() or 0)


def copy_fingerprint(
    *,
    actor: User | None,
    roadmap: Roadmap,
    token: str,
    title: str,
    months: int | Decimal,
    measurements: bool,
    into: Workspace,
) -> str:
    """The copy asked by a form carrying ``token``; empty without a token (the command line, a script)."""
    if not token:
        return ""
    asked = {
        "token": token, "title": title, "months": int(months), "measurements": bool(measurements),
        "into": into.pk,
    }  # fmt: skip
    return fingerprint(kind=KIND, roadmap=roadmap, actor=actor, params=asked)


def made_by(key: str) -> Roadmap | None:
    """The copy the form of fingerprint ``key`` made, if it made one (and it was not deleted since)."""
    if not key:
        return None
    found = RoadmapCopy.objects.filter(fingerprint=key).select_related("copy__workspace").first()
    return found.copy if found is not None else None
