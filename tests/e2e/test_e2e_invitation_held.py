"""The invitation held on the invitee's side, in Chromium, French and English: the invitee, asked to own
« Cloud Kicks » while owning « Cloud Kícks », reads why on the link's page before trying (no join button);
the inviter reads the invitation not accepted with a reason that names none of the invitee's workspaces.
Each page fits at 1440 and 1280 px (screenshots invitation-held-*), has no serious or critical axe fault, and
is in one language."""

from __future__ import annotations

from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HERS = "Cloud Kícks"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_held_invitation_reads_well_for_the_invitee_and_the_inviter(
    language: str, members: dict[str, Any], logged_in_page: Any, shot: Any
) -> None:
    from jalon.accounts.models import User
    from jalon.workspaces import services
    from jalon.workspaces.models import Workspace

    owner = members["owner"]
    zoe = User.objects.create_user(email="zoe@example.com", password="zoe-password-1", display_name="Zoé")
    services.create_workspace(actor=zoe, name=HERS)
    User.objects.filter(pk__in=[owner.pk, zoe.pk]).update(language=language)
    sent = services.invite(
        actor=owner, workspace=Workspace.objects.get(slug="cloud-kicks"), email=zoe.email, role="owner",
        link_for=lambda token: f"/invitations/{token}/",
    )  # fmt: skip
    look = Look(shot, language, content=(HERS, "Cloud Kicks", "Zoé", "zoe@example.com"))

    page = logged_in_page(zoe.email)
    page.goto(sent.link)
    told = look(page, f"invitation-held-invitee-{language}")
    assert HERS in told
    assert page.locator("main button[type=submit]").count() == 0

    page = logged_in_page(owner.email)
    page.goto("/w/cloud-kicks/members/")
    seen = look(page, f"invitation-held-inviter-{language}")
    assert ("Not accepted" if language == "en" else "Pas encore acceptée") in seen
    assert "Kícks" not in seen
