"""The pages this work changed, in Chromium, French and English: a closed vote (final, its ballot set aside
at closing said), the members page with the workspace's name and its former names (a refused rename
shown in words), and a review whose date was changed after it was recorded. On each: no serious or
critical accessibility fault, one language, nothing wider than the window; the French pages saved as
screenshots in test-artifacts/screenshots/ (governance-*)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.e2e.faults import page_faults

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_closed_vote_the_workspace_name_and_the_moved_review_read_well(
    language: str, members: dict[str, Any], logged_in_page: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from jalon.accounts.models import User
    from jalon.framing import services as framing
    from jalon.framing.models import Stakeholder, Workshop
    from jalon.planning.reviews import services as reviews
    from jalon.strategy.models import Roadmap
    from jalon.workspaces import services as workspaces
    from jalon.workspaces.models import Workspace

    owner = members["owner"]
    User.objects.filter(email=DEMO).update(language=language)
    roadmap = Roadmap.objects.get(workspace__slug="cloud-kicks", slug="cloud-kicks")
    opened = framing.open_framing(actor=owner, roadmap=roadmap)
    workshop = framing.create(Workshop, actor=owner, framing=opened, kind="plan")
    for name, user in (("Yasmin Ahmad", owner), ("Hugo Lefèvre", members["viewer"])):
        framing.create(Stakeholder, actor=owner, framing=opened, name=name, member=user, workshops=[workshop])
    vote = framing.open_vote(
        actor=owner, framing=opened, title="Priorités", points=3, workshop=workshop,
        proposals=["Relance panier", "Parrainage"],
    )  # fmt: skip
    for user in (owner, members["viewer"]):
        framing.cast(actor=user, vote=vote, points={vote.options.get(title="Parrainage").pk: 2})
    workspaces.remove_member(actor=owner, workspace=roadmap.workspace, user=members["viewer"])
    framing.set_closed(actor=owner, vote=vote, closed=True)  # Hugo's ballot did not count at closing
    workspace = Workspace.objects.get(slug="cloud-kicks")
    workspaces.rename_workspace(actor=owner, workspace=workspace, name="Cloud Kicks Marketing")
    review = reviews.create_review(
        actor=owner, roadmap=roadmap, key="t1", title="Revue T1", held_on=date(2026, 10, 2)
    )
    reviews.update_review(
        actor=owner, review=review, expected_version=review.version, changes={"held_on": date(2026, 10, 1)}
    )
    page = logged_in_page(DEMO)
    axe = Axe()
    faults = page_faults(page, axe, ROADMAP + "framing/votes/", language, "governance-closed-vote")
    assert page.locator("#closed-" + str(vote.pk)).is_visible()
    assert page.locator("#set-aside-" + str(vote.pk)).is_visible()
    faults += page_faults(page, axe, ROADMAP + "reviews/t1/", language, "governance-review-moved")
    assert page.locator("#figures-elsewhen").is_visible()
    faults += page_faults(page, axe, "/w/cloud-kicks/members/", language, "governance-members")
    assert page.locator(".former-names li").count() == 1
    page.fill("#rename-name", "  ")
    page.click("text=" + ("Renommer l’espace de travail" if language == "fr" else "Rename the workspace"))
    page.locator("#rename .errorlist").first.wait_for()  # refused in words, on the same page
    assert Workspace.objects.get(slug="cloud-kicks").name == "Cloud Kicks Marketing"
    assert not faults, "\n".join(faults)
