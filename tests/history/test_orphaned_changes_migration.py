"""history 0006 on real data: the changes of items deleted before 0003 (left without a roadmap) join the
roadmap of an item they name, or of a placed change naming them; what names nothing stays unplaced."""

from __future__ import annotations

from datetime import date

import pytest

from tests.migration_steps import latest, migrate, migrated_to, others_at_latest

BEFORE = ("history", "0005_origins_of_copies_restores_versions")

pytestmark = pytest.mark.django_db(transaction=True)


def test_deleted_items_changes_join_the_roadmap_their_links_name() -> None:
    with migrated_to([*others_at_latest("history"), BEFORE]) as old:
        Workspace = old.get_model("workspaces", "Workspace")
        Roadmap = old.get_model("strategy", "Roadmap")
        Theme = old.get_model("planning", "Theme")
        Activity = old.get_model("planning", "Activity")
        Change = old.get_model("history", "Change")
        ContentType = old.get_model("contenttypes", "ContentType")
        acme = Workspace.objects.create(slug="acme", name="Acme")
        year = {"type": "strategic", "start": date(2026, 1, 1), "end": date(2026, 12, 31)}
        north, south = (
            Roadmap.objects.create(workspace=acme, slug=slug, title=slug, **year)
            for slug in ("north", "south")
        )
        theme = Theme.objects.create(roadmap=south, key="notoriete", name="Notoriété")
        kept = Activity.objects.create(roadmap=north, key="salon", title="Salon")
        activities = ContentType.objects.get_for_model(Activity)
        themes = ContentType.objects.get_for_model(Theme)

        def change(content_type, object_id, fields, roadmap=None):
            Change.objects.create(
                workspace=acme, roadmap=roadmap, content_type=content_type, object_id=object_id, version=1,
                fields=fields, origin="unknown",
            )  # fmt: skip

        # a deleted activity that once moved to the south's theme: its changes go to the south
        change(activities, 901, {})
        change(activities, 901, {"theme": [None, theme.pk]})
        change(activities, 901, {"title": ["Webinaire", None]})
        # a deleted theme the north's activity left: named by a placed change, it goes to the north
        change(themes, 902, {"budget": ["100", "200"]})
        change(activities, kept.pk, {"theme": [902, None]}, roadmap=north)
        # a deleted activity whose changes name nothing: nothing tells its roadmap
        change(activities, 903, {"cost": ["10", "20"]})
        ids = {"north": north.pk, "south": south.pk}
    migrate(latest())
    from jalon.history.models import Change as Now

    def roadmaps_of(object_id: int) -> set[int | None]:
        return set(Now.objects.filter(object_id=object_id).values_list("roadmap_id", flat=True))

    assert roadmaps_of(901) == {ids["south"]}
    assert roadmaps_of(902) == {ids["north"]}
    assert roadmaps_of(903) == {None}
