"""The framing in real Chromium, continued: the week calendar by channel and by persona, a channel over
its own ceiling, a prototype's thumbnail, a qualitative indicator rated on the objective page, and a
member who does not attend the workshop told they cannot vote (French, at 1440 px), and a closed vote
naming whose ballots counted at closing (French and English, at 1440 and 1280 px, axe)."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FRAMING = "/w/cloud-kicks/r/cloud-kicks/framing/"


def _page(new_context: Any, email: str) -> Any:
    page = new_context().new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.set_default_navigation_timeout(30_000)
    log_in(page, email)
    return page


def _two_email_actions(members: Any) -> Any:
    from jalon.framing import services
    from jalon.framing.models import Persona, PlanAction
    from jalon.strategy.models import Roadmap

    owner = members["owner"]
    framing = services.open_framing(actor=owner, roadmap=Roadmap.objects.get(slug="cloud-kicks"))
    persona = services.create(Persona, actor=owner, framing=framing, name="Sportive urbaine")
    for what, channel in (("Newsletter", "email"), ("Conseils running", "email"), ("Alerte stock", "push")):
        services.create(
            PlanAction, actor=owner, framing=framing, what=what, channel=channel, frequency="weekly",
            persona=persona if channel == "push" else None,
        )  # fmt: skip
    return framing


def test_the_week_calendar_shows_rows_by_channel_then_by_persona(
    new_context: Any, members: Any, shot: Any
) -> None:
    _two_email_actions(members)
    page = _page(new_context, "viewer@example.com")
    page.goto(FRAMING + "plan/")
    page.locator("select[name=view]").select_option("week")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_selector("#week-calendar")
    rows = page.locator("#week-calendar tbody th[scope=row]").all_inner_texts()
    assert rows == ["e-mail", "notification push"]
    assert page.locator("#week-calendar .contact").count() == 3
    page.locator("select[name=rows]").select_option("persona")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('#week-calendar tbody th')].map(t => t.textContent).join('|')"
        " === 'Sportive urbaine|tous les personae'"
    )
    shot(page)


def test_a_channel_over_its_own_ceiling_is_flagged_with_its_channel(
    new_context: Any, members: Any, shot: Any
) -> None:
    _two_email_actions(members)
    page = _page(new_context, "editor@example.com")
    page.goto(FRAMING + "plan/")
    assert page.locator("#pressure-ok").count() == 1
    page.locator("#id_ceiling_email").fill("1")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_function("() => document.querySelector('#pressure-flag') !== null")
    overloads = page.locator("#pressure-by-segment").inner_text()  # by segment; the weeks folded below
    assert "e-mail" in overloads and "2 / 1" in overloads and "Conseils running" in overloads
    assert "notification push" not in overloads
    assert "e-mail\u00a0: 1 par semaine" in page.locator("#channel-ceilings").inner_text()
    shot(page)


def test_an_uploaded_image_shows_its_thumbnail(
    new_context: Any, members: Any, shot: Any, tmp_path: Path
) -> None:
    picture = tmp_path / "maquette.png"
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (37, 99, 235)).save(out, format="PNG")
    picture.write_bytes(out.getvalue())
    page = _page(new_context, "editor@example.com")
    page.goto(FRAMING + "prototypes/")
    page.locator("#id_title").fill("Maquette e-mail")
    page.locator("#id_file").set_input_files(str(picture))
    page.get_by_role("button", name="Ajouter", exact=True).click()
    page.wait_for_url(re.compile(r"/framing/prototypes/$"))
    thumbnail = page.get_by_role("img", name="Vignette de Maquette e-mail")
    thumbnail.wait_for()
    page.wait_for_function("() => document.querySelector('img.prototype-thumbnail').naturalWidth === 320")
    shot(page)


def test_an_editor_rates_a_qualitative_indicator_on_the_objective_page(
    new_context: Any, members: Any, shot: Any
) -> None:
    from jalon.framing import services
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    framing = services.open_framing(actor=members["owner"], roadmap=roadmap)
    vote = services.open_vote(
        actor=members["owner"],
        framing=framing,
        title="Objectifs",
        points=2,
        proposals=["Recommandation", "Autre"],
    )
    services.set_closed(actor=members["owner"], vote=vote, closed=True)
    first = vote.options.first()
    assert first is not None
    [objective] = services.adopt(actor=members["owner"], vote=vote, option_ids=[first.pk])
    page = _page(new_context, "editor@example.com")
    page.goto(f"/w/cloud-kicks/r/cloud-kicks/o/{objective.key}/")
    page.get_by_role("link", name="Ajouter ou modifier les indicateurs qualitatifs").click()
    page.locator("#id_statement").fill("Les équipes magasin recommandent le programme")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    page.wait_for_url(re.compile(r"/o/[^/]+/#indicators$"))
    second_quarter = (roadmap.start.replace(day=1) + timedelta(days=100)).isoformat()[:7]
    options = page.locator("select[name=period] option").evaluate_all("os => os.map(o => o.value)")
    chosen = next(v for v in options if v[:7] >= second_quarter)
    page.locator("select[name=period]").select_option(chosen)
    page.locator("select[name=rating]").select_option("4")
    page.get_by_role("button", name="Noter", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('#indicators .indicator-ratings').textContent.includes('4/5')"
    )
    assert "Les équipes magasin recommandent le programme" in page.locator("#indicators").inner_text()
    shot(page)


def test_a_member_who_does_not_attend_the_workshop_is_told_they_cannot_vote(
    new_context: Any, members: Any, shot: Any
) -> None:
    from jalon.framing import services
    from jalon.framing.models import Stakeholder, Workshop
    from jalon.strategy.models import Roadmap

    owner = members["owner"]
    framing = services.open_framing(actor=owner, roadmap=Roadmap.objects.get(slug="cloud-kicks"))
    workshop = services.create(Workshop, actor=owner, framing=framing, kind="plan")
    services.create(
        Stakeholder, actor=owner, framing=framing, name="Inès Moreau", member=members["stakeholder"],
        workshops=[workshop],
    )  # fmt: skip
    vote = services.open_vote(
        actor=owner, framing=framing, title="Priorités", points=3, workshop=workshop, proposals=["A", "B"]
    )
    page = _page(new_context, "viewer@example.com")
    page.goto(FRAMING + "votes/")
    assert (
        page.locator(f"#not-a-participant-{vote.pk}").inner_text()
        == "Seuls les participants de l’atelier votent."
    )
    assert page.get_by_role("button", name="Enregistrer mon bulletin").count() == 0
    assert "Inès Moreau" in page.locator(f"#vote-section-{vote.pk} .vote-participants").inner_text()
    shot(page)


def test_before_any_orders_file_the_lifecycle_stages_count_nobody_as_a_dash(
    new_context: Any, members: Any, shot: Any
) -> None:
    """A new framing's stages have no customer count yet: a dash that says what gives one, never "None"."""
    from datetime import date

    from jalon.framing import services as framing
    from jalon.strategy import services
    from jalon.workspaces.models import Workspace

    roadmap = services.create_roadmap(
        actor=members["owner"], workspace=Workspace.objects.get(slug="cloud-kicks"), slug="neuve",
        title="Neuve", type="strategic", start=date(2026, 7, 1), end=date(2027, 6, 30),
    )  # fmt: skip
    framing.open_framing(actor=members["owner"], roadmap=roadmap)  # the kick-off's first save does this
    page = _page(new_context, "editor@example.com")
    page.goto("/w/cloud-kicks/r/neuve/framing/personas/")
    counts = page.locator("#stages tbody td.amount")
    assert counts.count() == 6
    assert set(counts.all_inner_texts()) == {"—"}
    assert counts.first.locator("span").get_attribute("title") == (
        "Envoyez un fichier de commandes pour compter les clients de chaque étape."
    )
    assert "None" not in page.locator("main").inner_text()
    assert (
        page.locator("#no-persona").bounding_box()["width"] > 1000
    )  # a line across the page, not a card's width
    shot(page)


@pytest.mark.parametrize(
    ("language", "counted"),
    [
        ("fr", "Votant dont le bulletin a compté à la clôture du vote : Inès Moreau (1 bulletin écarté)."),
        ("en", "Voter whose ballot counted when the vote was closed: Inès Moreau (1 ballot set aside)."),
    ],
    ids=("fr", "en"),
)
def test_a_closed_vote_names_whose_ballots_counted_at_1440_and_1280(
    new_context: Any, members: Any, shot: Any, language: str, counted: str
) -> None:
    from jalon.accounts.models import User
    from jalon.framing import services
    from jalon.framing.models import Stakeholder, Workshop
    from jalon.strategy.models import Roadmap
    from jalon.workspaces import services as workspaces
    from jalon.workspaces.models import Workspace
    from tests.e2e.look import Look

    owner = members["owner"]
    User.objects.filter(pk=owner.pk).update(language=language)
    framing = services.open_framing(actor=owner, roadmap=Roadmap.objects.get(slug="cloud-kicks"))
    workshop = services.create(Workshop, actor=owner, framing=framing, kind="plan")
    for name, role in (("Inès Moreau", "stakeholder"), ("Hugo Petit", "viewer")):
        services.create(
            Stakeholder, actor=owner, framing=framing, name=name, member=members[role], workshops=[workshop]
        )
    vote = services.open_vote(
        actor=owner, framing=framing, title="Priorités", points=3, workshop=workshop, proposals=["A", "B"]
    )
    first, second = (o.pk for o in vote.options.all())
    services.cast(actor=members["stakeholder"], vote=vote, points={first: 3})
    services.cast(actor=members["viewer"], vote=vote, points={second: 2})
    workspaces.remove_member(
        actor=owner, workspace=Workspace.objects.get(slug="cloud-kicks"), user=members["viewer"]
    )
    services.set_closed(actor=owner, vote=vote, closed=True)
    page = _page(new_context, owner.email)
    page.goto(FRAMING + "votes/")
    text = Look(shot, language, content=("Priorités", "Inès Moreau", "Hugo Petit"))(page, "closed-vote")
    assert counted in text
    assert "Hugo Petit" not in page.locator(f"#vote-section-{vote.pk} .vote-participants").inner_text()
