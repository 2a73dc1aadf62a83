"""The Cloud Kicks demo: a workspace, its owner and the roadmap file shipped beside this module."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from jalon.accounts.models import User
from jalon.demo.dates import demo_document
from jalon.documents.roadmap_file import dump
from jalon.documents.safe_load import load
from jalon.documents.services import import_roadmap
from jalon.history import origin
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Role, Workspace
from jalon.workspaces.services import set_membership

DEMO_FILE = Path(__file__).with_name("cloud-kicks.yaml")
DEMO_EMAIL = "demo@jalon.local"


@dataclass(frozen=True)
class DemoOutcome:
    workspace: Workspace
    roadmap: Roadmap
    email: str
    generated_password: str | None


@origin.acting(origin.Origin.DEMO)  # the change log says « Demo », not a deleted account
def load_demo(
    *, workspace_slug: str = "cloud-kicks", password: str | None = None, today: date | None = None
) -> DemoOutcome:
    """Create or refresh the demo (idempotent). Its user is made the workspace's owner as anyone is
    (``set_membership``): a ``ValidationFailed``, nothing written, when they own another workspace whose name
    reads alike. A password is generated only for a new demo user. Every date moves with ``today`` (by
    default the local day), so that the demo looks as it does loaded on ``jalon.demo.dates.AS_WRITTEN``
    (see jalon.demo.dates)."""
    day = today or timezone.localdate()
    text = demo_text(day)
    with transaction.atomic():
        workspace, _ = Workspace.objects.get_or_create(slug=workspace_slug, defaults={"name": "Cloud Kicks"})
        user, generated = demo_owner(password=password)
        # As anyone made an owner: refused (nothing written) if the demo user owns another workspace that
        # reads like this one; a re-run, the user already its owner, passes.
        set_membership(actor=None, workspace=workspace, user=user, role=Role.OWNER)
    # The demo is refreshed like any replace-import: the roadmap as it was stays in its history.
    roadmap = import_roadmap(
        actor=None, workspace=workspace, text=text, fmt="yaml", replace=True, confirmed=True,
        day_rules=day == timezone.localdate(),  # loaded for another day: its story is told as of that day
    )  # fmt: skip
    return DemoOutcome(workspace=workspace, roadmap=roadmap, email=DEMO_EMAIL, generated_password=generated)


def demo_text(today: date) -> str:
    """The demo file, its dates moved for a load on ``today``."""
    return dump(demo_document(load(DEMO_FILE.read_text(encoding="utf-8"), "yaml"), today), "yaml")


def demo_owner(*, password: str | None = None) -> tuple[User, str | None]:
    """The demo user (created when missing), and the password generated for a new one (shown once)."""
    user = User.objects.filter(email=DEMO_EMAIL).first()
    if user is None:
        generated = None if password else secrets.token_urlsafe(9)
        user = User.objects.create_user(
            email=DEMO_EMAIL, password=password or generated, display_name="Yasmin Ahmad", language="fr"
        )
        return user, generated
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, None
