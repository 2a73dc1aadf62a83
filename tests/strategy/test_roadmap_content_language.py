"""A roadmap takes the language of the page it is made from; its own form changes it. A consultant reading
Jalon in French who writes an English client's roadmap sets it to English: the SMART coach then reads the
objectives as English, and the framing names its lifecycle stages in English."""

from __future__ import annotations

import pytest
from django.test import Client

from jalon.framing.services.core import open_framing
from jalon.strategy.coaching import content_language
from jalon.strategy.models import Roadmap
from tests.factories import Team
from tests.strategy.test_roadmap_settings_edges import new_roadmap_form, post_new

pytestmark = pytest.mark.django_db


def edit(client: Client, team: Team, roadmap: Roadmap, **changes: str) -> int:
    form = {**new_roadmap_form(**changes), "version": str(roadmap.version)}
    form.pop("slug")
    return int(client.post(f"/w/{team.workspace.slug}/r/{roadmap.slug}/edit/", form).status_code)


def test_a_french_readers_roadmap_set_to_english_is_read_and_framed_in_english(
    client: Client, team: Team
) -> None:
    client.force_login(team.owner)
    assert post_new(client, team).status_code == 302  # a French page
    roadmap = Roadmap.objects.get(workspace=team.workspace)
    assert roadmap.language == "fr"
    page = client.get(f"/w/{team.workspace.slug}/r/{roadmap.slug}/edit/").content.decode()
    assert 'name="language"' in page and '<option value="fr" selected>' in page
    assert edit(client, team, roadmap, language="en") == 302
    roadmap.refresh_from_db()
    assert (roadmap.language, content_language(roadmap)) == ("en", "en")
    stages = open_framing(actor=team.owner, roadmap=roadmap).stages.values_list("name", flat=True)
    assert "New customer" in stages


def test_the_form_posted_without_the_language_leaves_it_as_it_was(client: Client, team: Team) -> None:
    client.force_login(team.owner)
    post_new(client, team)
    roadmap = Roadmap.objects.get(workspace=team.workspace)
    assert edit(client, team, roadmap, language="en") == 302
    roadmap.refresh_from_db()
    assert edit(client, team, roadmap, title="Plan 2028") == 302
    roadmap.refresh_from_db()
    assert (roadmap.title, roadmap.language) == ("Plan 2028", "en")
