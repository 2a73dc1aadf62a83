"""The budget, milestone, risk and communication plan pages: who may read and write them, adding, editing in
place (htmx and without JavaScript), stale versions, inline errors, deleting, and a fixed query count.

Every test works on an empty roadmap of a small team (``tests/factories.py``): no demo to load.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from jalon.planning import services
from jalon.planning.models import Milestone, Theme
from jalon.strategy import services as strategy
from tests.factories import HTMX
from tests.planning import registers
from tests.planning.registers import PLAN, REGISTERS, add, add_theme, login, text

# The fixtures from registers.py that these tests ask for, bound here for pytest to find them by name.
members, roadmap = registers.members, registers.roadmap

NBSP, NNBSP = "\u00a0", "\u202f"


# Who may do what ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REGISTERS)
@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stakeholder"])
def test_every_member_reads_the_register_and_only_editors_get_the_forms(
    client: Client, members, roadmap, name, role
) -> None:
    add(roadmap, name, "first")
    page = text(login(client, members, role).get(PLAN + REGISTERS[name][0]))
    assert 'id="item-first"' in page
    can_edit = role in ("owner", "editor")
    assert ('class="register-create"' in page) is can_edit
    assert ('class="edit-link"' in page) is can_edit


@pytest.mark.parametrize("name", REGISTERS)
def test_an_outsider_finds_nothing_at_any_register_address(client: Client, members, roadmap, name) -> None:
    page, prefix, *_rest = REGISTERS[name]
    add(roadmap, name, "first")
    login(client, members, "outsider")
    for url in (page, f"{prefix}first/", f"{prefix}first/?edit=1", f"{prefix}first/delete/"):
        assert client.get(PLAN + url).status_code == 404, url
    assert client.post(PLAN + page, REGISTERS[name][3]).status_code == 404
    assert client.post(PLAN + f"{prefix}first/delete/").status_code == 404


@pytest.mark.parametrize("name", REGISTERS)
@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_cannot_add_edit_or_delete(client: Client, members, roadmap, name, role) -> None:
    page, prefix, kind, new, change = REGISTERS[name]
    item = add(roadmap, name, "first")
    login(client, members, role)
    assert client.post(PLAN + page, new).status_code == 403
    assert client.post(PLAN + f"{prefix}first/", {**change, "version": 1}).status_code == 403
    assert client.get(PLAN + f"{prefix}first/?edit=1").status_code == 403
    assert client.get(PLAN + f"{prefix}first/delete/").status_code == 403
    assert client.post(PLAN + f"{prefix}first/delete/").status_code == 403
    assert list(kind._default_manager.filter(roadmap=roadmap).values_list("key", "version")) == [
        (item.key, 1)
    ]


# Adding, editing, deleting --------------------------------------------------------------------------


@pytest.mark.parametrize("name", REGISTERS)
def test_an_editor_adds_edits_and_deletes_an_item_without_javascript(
    client: Client, members, roadmap, name
) -> None:
    page, prefix, kind, new, change = REGISTERS[name]
    login(client, members, "editor")
    created = client.post(PLAN + page, new)
    assert created.status_code == 302
    item = kind._default_manager.get(roadmap=roadmap)
    assert created["Location"] == f"{PLAN}{page}#item-{item.key}"
    assert f'id="item-{item.key}"' in text(client.get(PLAN + page))

    edited = client.post(PLAN + f"{prefix}{item.key}/", {**change, "version": item.version})
    assert edited.status_code == 302
    item.refresh_from_db()
    assert item.version == 2
    assert str(change.get("title") or change.get("name") or change["message"]) in text(
        client.get(PLAN + page)
    )

    confirm = text(client.get(PLAN + f"{prefix}{item.key}/delete/"))
    assert '<button type="submit" class="danger"' in confirm
    assert kind._default_manager.filter(pk=item.pk).exists()  # asking is not deleting
    deleted = client.post(PLAN + f"{prefix}{item.key}/delete/")
    assert deleted.status_code == 302 and deleted["Location"] == PLAN + page
    assert not kind._default_manager.filter(pk=item.pk).exists()


def test_the_key_comes_from_the_name_and_stays_unique(client: Client, members, roadmap) -> None:
    login(client, members, "owner")
    for name in (
        "Fidélisation client",
        "Fidélisation (client)",
    ):  # two names, one key (a twin name is refused)
        client.post(PLAN + "budget/", {"name": name, "colour": "#123456", "budget": "1"})
    assert sorted(roadmap.themes.values_list("key", flat=True)) == [
        "fidelisation-client",
        "fidelisation-client-2",
    ]


def test_a_key_already_used_is_an_inline_error(client: Client, members, roadmap) -> None:
    add(roadmap, "risks", "delay")
    response = login(client, members, "owner").post(
        PLAN + "risks/",
        {"title": "Other", "key": "delay", "probability": "1", "impact": "1", "status": "open"},
    )
    assert response.status_code == 422
    with translation.override("fr"):
        message = gettext("This key is already used in this roadmap.")
    assert re.search(
        r'id="id_new_key_error" role="alert">' + re.escape(html.escape(message)), response.content.decode()
    )


def test_a_missing_field_is_shown_inline_in_french_and_nothing_is_saved(
    client: Client, members, roadmap
) -> None:
    response = login(client, members, "owner").post(
        PLAN + "budget/", {"name": "", "colour": "#123456", "budget": "-5"}
    )
    assert response.status_code == 422
    page = text(response)
    assert '<div class="error" id="id_new_name_error" role="alert">Ce champ est obligatoire.</div>' in page
    assert "supérieure ou égale à 0" in page  # the budget, in Django's French
    assert 'aria-invalid="true"' in page
    assert not roadmap.themes.exists()


def test_the_edit_form_opens_in_place_with_htmx_and_focuses_its_first_field(
    client: Client, members, roadmap
) -> None:
    add(roadmap, "risks", "delay")
    response = login(client, members, "editor").get(PLAN + "risks/delay/?edit=1", **HTMX)
    assert response.status_code == 200
    page = text(response)
    assert '<tr id="item-delay" class="editing">' in page
    assert re.search(r'<input type="text" name="title" value="Risk delay"[^>]*autofocus', page)
    assert '<input type="hidden" name="version" value="1"' in page


def test_the_edit_form_opens_without_javascript_from_the_page_address(
    client: Client, members, roadmap
) -> None:
    add(roadmap, "milestones", "launch")
    page = text(login(client, members, "editor").get(PLAN + "milestones/?edit=launch"))
    assert '<tr id="item-launch" class="editing">' in page
    assert f'action="{PLAN}milestones/launch/"' in page


def test_saving_with_htmx_returns_the_register_with_the_focus_on_the_saved_item(
    client: Client, members, roadmap
) -> None:
    add(roadmap, "communications", "weekly")
    response = login(client, members, "editor").post(
        PLAN + "communication/weekly/",
        {
            "audience": "teams",
            "message": "Point hebdo",
            "channel": "Slack",
            "frequency": "weekly",
            "version": 1,
        },
        **HTMX,
    )
    assert response.status_code == 200
    page = text(response)
    assert 'id="register"' in page and "Point hebdo" in page and "editing" not in page
    assert re.search(r'class="edit-link" href="[^"]*\?edit=weekly#item-weekly"[^>]*autofocus', page)


def test_a_stale_version_is_refused_with_the_conflict_and_the_typed_values_kept(
    client: Client, members, roadmap
) -> None:
    theme = add_theme(roadmap, "acq", name="Acquisition")
    services.update(theme, actor=members["owner"], expected_version=1, changes={"budget": Decimal(2000)})
    response = login(client, members, "editor").post(
        PLAN + "budget/themes/acq/",
        {"name": "Acquisition web", "colour": "#1d4ed8", "budget": "3000", "version": 1},
    )
    assert response.status_code == 409
    page = text(response)
    with translation.override("fr"):
        assert gettext("Someone else saved this item while you were editing it.") in page
    assert '<input type="hidden" name="version" value="2"' in page  # saving again keeps this user's values
    assert 'value="Acquisition web"' in page
    theme.refresh_from_db()
    assert (theme.name, theme.budget, theme.version) == ("Acquisition", Decimal(2000), 2)


# A fixed number of queries -------------------------------------------------------------------------


def _count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", REGISTERS)
def test_a_register_page_costs_the_same_queries_for_2_and_25_items(
    client: Client, members, roadmap, name
) -> None:
    from jalon.planning.models import Activity

    objective = strategy.create_objective(
        actor=None, roadmap=roadmap, key="o", title="O", deadline=roadmap.end
    )

    def fill(keys: range) -> None:
        for n in keys:
            item = add(roadmap, name, f"item-{n}")
            theme = item if isinstance(item, Theme) else None
            activity = services.create(Activity, actor=None, roadmap=roadmap, key=f"a-{n}", title=f"A{n}",
                                       theme=theme, cost=Decimal(10), status="planned")  # fmt: skip
            if isinstance(item, Milestone):
                item.objectives.add(objective)
                item.activities.add(activity)

    login(client, members, "owner")
    fill(range(2))
    small = {
        url: _count(client, PLAN + url) for url in (REGISTERS[name][0], REGISTERS[name][0] + "?edit=item-1")
    }
    fill(range(2, 25))
    large = {url: _count(client, PLAN + url) for url in small}
    assert small == large
