"""Two workshops of one kind (two persona workshops, a month apart) are told apart wherever a form offers
them: the stakeholder's workshops to tick, the vote's and the prototype's workshop to choose. The walk of a
framing found three boxes labelled « personae » side by side."""

from __future__ import annotations

import re
from datetime import date

from django.test import Client

from jalon.framing import services
from jalon.framing.models import Workshop
from tests.framing.pages import BASE, login


def test_workshops_of_one_kind_are_offered_with_their_day(client: Client, members, demo) -> None:
    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    for day in (date(2027, 3, 1), date(2027, 4, 1), None):
        services.create(Workshop, actor=editor, framing=framing, kind="personas", day=day)
    login(client, editor, "fr")
    pages = {path: client.get(BASE + path).content.decode() for path in ("", "votes/", "prototypes/")}
    boxes = re.findall(r'<label for="id_workshops_\d+">\s*<input[^>]*>\s*([^<]+?)\s*</label>', pages[""])
    assert boxes == ["Personae (1er mars 2027)", "Personae (1er avril 2027)", "Personae (sans date)"]
    for path in ("votes/", "prototypes/"):
        options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', pages[path])
        assert "Personae (1er mars 2027)" in options and "Personae (1er avril 2027)" in options, path


def test_the_tables_name_a_stakeholders_and_a_prototypes_workshops_with_their_day(
    client: Client, members, demo
) -> None:
    """Once ticked, the workshops showed by kind alone again: « lancement, personae, lancement » in the
    stakeholders' table (the fifth walk's kick-off and final presentation, both planned as kick-offs), and
    « personae » beside a prototype."""
    from jalon.framing.models import Prototype, Stakeholder

    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    first, second = (
        services.create(Workshop, actor=editor, framing=framing, kind="personas", day=day)
        for day in (date(2027, 3, 1), date(2027, 4, 1))
    )
    person = services.create(Stakeholder, actor=editor, framing=framing, name="Inès")
    person.workshops.set([first, second])
    Prototype.objects.create(
        framing=framing,
        title="Maquette",
        workshop=second,
        file="prototypes/m.png",
        file_name="m.png",
        content_type="image/png",
    )
    login(client, editor, "fr")
    kickoff = client.get(BASE).content.decode()
    assert "Personae (1er mars 2027), Personae (1er avril 2027)" in kickoff
    prototypes = client.get(BASE + "prototypes/").content.decode()
    assert re.search(r"<td>\s*Personae \(1er avril 2027\)\s*</td>", prototypes)


def test_a_vote_names_its_workshop_with_its_day(client: Client, members, demo) -> None:
    """« Votants : les participants de l’atelier « personae » » did not say which of the two."""
    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    for day in (date(2027, 3, 1), date(2027, 4, 1)):
        workshop = services.create(Workshop, actor=editor, framing=framing, kind="personas", day=day)
    services.open_vote(
        actor=editor, framing=framing, title="Priorités", points=3, workshop=workshop, proposals=["A", "B"]
    )
    login(client, editor, "fr")
    page = " ".join(client.get(BASE + "votes/").content.decode().replace("\u00a0", " ").split())
    assert "les participants de l’atelier « Personae (1er avril 2027) »" in page
