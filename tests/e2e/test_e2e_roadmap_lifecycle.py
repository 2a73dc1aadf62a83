"""A roadmap's life in the browser, in French and in English: next year's plan made by copying this year's
with every date moved by 12 months, the copy archived (listed apart, a banner, no edit button), restored,
then deleted once its title is typed back. Each page fits at 1440 and 1280 px, has no serious or critical
axe-core fault and no word of the other language (tests/e2e/look.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from .conftest import log_in
from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/acme/r/plan-2027/"
WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Plan 2027", "objective": "Augmenter les ventes en ligne",
        "activity": "Campagne de printemps",
        "copy": "Copier la feuille de route", "make": "Faire la copie", "next": "Plan 2028",
        "archive": "Archiver la feuille de route", "archived": "Feuilles de route archivées",
        "banner": "Cette feuille de route est archivée", "restore": "Restaurer",
        "delete": "Supprimer la feuille de route", "edit": "Modifier la feuille de route",
        "title_label": "Titre de la copie", "months_label": "Décaler toutes les dates de (mois)",
        "confirm_label": "Titre de la feuille de route",
    },
    "en": {
        "title": "Plan 2027", "objective": "Grow online sales", "activity": "Spring campaign",
        "copy": "Copy the roadmap", "make": "Make the copy", "next": "Plan 2028",
        "archive": "Archive the roadmap", "archived": "Archived roadmaps",
        "banner": "This roadmap is archived", "restore": "Restore",
        "delete": "Delete the roadmap", "edit": "Edit the roadmap",
        "title_label": "Title of the copy", "months_label": "Move every date by (months)",
        "confirm_label": "The roadmap's title",
    },
}  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_copy_next_year_archive_restore_and_delete_a_roadmap(language, team, new_context, shot) -> None:
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Milestone
    from jalon.strategy import services as strategy
    from jalon.strategy.models import Roadmap

    words = WORDS[language]
    roadmap = strategy.create_roadmap(
        actor=team.owner, workspace=team.workspace, slug="plan-2027", title=words["title"], type="strategic",
        start=date(2027, 1, 1), end=date(2027, 12, 31),
    )  # fmt: skip
    strategy.create_objective(actor=team.owner, roadmap=roadmap, title=words["objective"],
                              deadline_rule="fiscal_year_end")  # fmt: skip
    planning.create(Activity, actor=team.owner, roadmap=roadmap, title=words["activity"], status="done",
                    start=date(2027, 3, 1), end=date(2027, 3, 31))  # fmt: skip
    planning.create(Milestone, actor=team.owner, roadmap=roadmap, title="Go", date=date(2027, 2, 28))
    team.owner.language = language
    team.owner.save(update_fields=["language"])
    look = Look(shot, language, (words["title"], words["next"], words["objective"], words["activity"], "Go"))
    page = log_in(new_context().new_page(), team.owner.email)

    # Next year's plan: a copy with every date moved by 12 months.
    page.goto(ROADMAP)
    look(page, f"roadmap-{language}")
    page.get_by_role("link", name=words["copy"]).click()
    page.wait_for_url(re.compile(r"/copy/$"))
    look(page, f"copy-form-{language}")
    page.get_by_label(words["title_label"]).fill(words["next"])
    page.get_by_label(words["months_label"]).fill("12")
    page.get_by_role("button", name=words["make"]).click()
    page.wait_for_url(re.compile(r"/r/plan-2028/$"))
    assert words["next"] in look(page, f"copy-made-{language}")
    copied = Roadmap.objects.get(workspace=team.workspace, slug="plan-2028")
    assert (copied.start, copied.end) == (date(2028, 1, 1), date(2028, 12, 31))
    assert list(copied.milestones.values_list("date", flat=True)) == [date(2028, 2, 29)]  # a month's end
    assert list(copied.activities.values_list("status", "start")) == [("idea", date(2028, 3, 1))]

    # Archived: listed apart, a banner, no edit button.
    page.get_by_role("button", name=words["archive"]).click()
    page.wait_for_url(re.compile(r"/w/acme/$"))
    text = look(page, f"workspace-archived-{language}")
    assert text.index(words["archived"]) < text.rindex(words["next"])
    assert words["next"] not in page.locator("ul.roadmap-list").first.inner_text()  # not in the main list
    page.get_by_role("link", name=words["next"]).click()
    page.wait_for_url(re.compile(r"/r/plan-2028/$"))
    text = look(page, f"roadmap-archived-{language}")
    assert words["banner"] in text and words["edit"] not in text

    # Restored, then deleted once its title is typed back.
    page.get_by_role("button", name=words["restore"]).click()
    page.wait_for_url(re.compile(r"/r/plan-2028/$"))
    assert words["banner"] not in look(page, f"roadmap-restored-{language}")
    page.get_by_role("link", name=words["delete"]).click()
    page.wait_for_url(re.compile(r"/delete/$"))
    look(page, f"delete-{language}")
    page.get_by_label(words["confirm_label"]).fill(words["next"])
    page.get_by_role("button", name=words["delete"]).click()
    page.wait_for_url(re.compile(r"/w/acme/$"))
    assert not Roadmap.objects.filter(slug="plan-2028").exists()
    assert Roadmap.objects.filter(slug="plan-2027").exists()
