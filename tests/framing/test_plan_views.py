"""The animation plan's week view (by channel and by persona) and the per-channel pressure ceilings."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from jalon.errors import ValidationFailed
from jalon.framing import plan, services
from jalon.framing.models import Framing, Persona, PlanAction
from tests.framing.pages import BASE, login, plan_with_actions


def test_the_week_view_puts_each_channel_on_its_row_and_each_contact_on_its_day(
    client: Client, members, demo
) -> None:
    framing = plan_with_actions(members, demo)
    login(client, members["viewer"])
    sales = framing.actions.get(what="Soldes").start
    assert sales is not None
    monday = sales - timedelta(days=sales.weekday()) + timedelta(weeks=1)
    page = client.get(BASE + f"plan/?view=week&week={monday.isoformat()}").content.decode()
    table = page[page.index('id="week-calendar"') : page.index("</table>", page.index('id="week-calendar"'))]
    assert 'id="month-calendar"' not in page
    rows = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert rows == ["e-mail"]  # the one-off SMS is on the 15th, not in this week
    weekly = [a for a in framing.actions.all() if a.frequency == "weekly"]
    assert table.count('class="contact channel-email"') == len(weekly)


def test_the_week_view_by_persona_gives_everyone_actions_a_row_of_their_own(
    client: Client, members, demo
) -> None:
    framing = plan_with_actions(members, demo)
    sales = framing.actions.get(what="Soldes").start
    assert sales is not None
    monday = sales - timedelta(days=sales.weekday())
    login(client, members["stakeholder"])
    page = client.get(BASE + f"plan/?view=week&rows=persona&week={monday.isoformat()}").content.decode()
    table = page[page.index('id="week-calendar"') : page.index("</table>", page.index('id="week-calendar"'))]
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == ["Sportive urbaine", "every persona"]
    assert "SMS · Soldes" in table
    only_sms = client.get(BASE + f"plan/?view=week&rows=persona&channel=sms&week={monday}").content.decode()
    assert "Sportive urbaine</th>" not in only_sms and "SMS · Soldes" in only_sms


def test_a_channel_over_its_own_ceiling_is_listed_with_its_channel_and_the_actions(members, demo) -> None:
    framing = plan_with_actions(members, demo)
    editor = members["editor"]
    framing = services.update_framing(
        actor=editor, framing=framing, expected_version=framing.version,
        changes={"ceiling_per_week": 50, "channel_ceilings": {"email": 3}, "channel_ceiling": 1},
    )  # fmt: skip
    actions = list(framing.actions.select_related("persona", "stage"))
    found = plan.pressure(framing, actions)
    assert found and {o.channel for o in found} == {"e-mail"}  # the SMS sends one a week: its default is 1
    assert all(o.contacts == 4 and o.ceiling == 3 for o in found)
    assert sorted(found[0].actions) == ["Newsletter", "Promo SMS", "Push nouveautés", "Relance panier"]
    framing = services.update_framing(
        actor=editor, framing=framing, expected_version=framing.version, changes={"channel_ceiling": 0}
    )
    assert {o.channel for o in plan.pressure(framing, actions)} == {"e-mail", "SMS"}


@pytest.mark.parametrize("ceilings", [{"email": 51}, {"fax": 2}, {"sms": -1}, {"sms": "2"}])
def test_a_channel_ceiling_out_of_range_or_unknown_changes_nothing(members, demo, ceilings) -> None:
    framing = plan_with_actions(members, demo)
    with pytest.raises(ValidationFailed) as raised:
        services.update_framing(
            actor=members["editor"], framing=framing, expected_version=framing.version,
            changes={"channel_ceilings": ceilings},
        )  # fmt: skip
    assert "channel_ceilings" in raised.value.errors
    framing.refresh_from_db()
    assert framing.channel_ceilings == {}


def test_the_ceilings_form_sets_a_channel_ceiling_and_the_page_lists_the_overloaded_channel(
    client: Client, members, demo
) -> None:
    plan_with_actions(members, demo)
    login(client, members["editor"], "fr")
    response = client.post(
        BASE + "plan/",
        {
            "op": "ceiling",
            "ceiling_per_week": "20",
            "ceiling_email": "2",
            "plan_start": demo.roadmap.start.isoformat(),
        },
    )
    assert response.status_code == 302
    assert Framing.objects.get().channel_ceilings == {"email": 2}
    page = client.get(BASE + "plan/").content.decode()
    overloads = page[page.index('id="overloads"') : page.index("</table>", page.index('id="overloads"'))]
    assert "<td>e-mail</td>" in overloads and "4 / 2" in overloads and "Newsletter" in overloads
    assert 'id="channel-ceilings"' in page
    refused = client.post(
        BASE + "plan/", {"op": "ceiling", "ceiling_per_week": "20", "ceiling_sms": "99",
                         "plan_start": demo.roadmap.start.isoformat()},
    )  # fmt: skip
    assert refused.status_code == 422
    assert Framing.objects.get().channel_ceilings == {"email": 2}


def test_an_invalid_plan_action_answers_422_like_every_other_form_and_adds_nothing(members, demo) -> None:
    framing = plan_with_actions(members, demo)
    client = Client()
    login(client, members["editor"], "fr")
    before = PlanAction.objects.filter(framing=framing).count()
    response = client.post(BASE + "plan/", {"op": "action", "what": "Pigeons", "channel": "pigeon",
                                            "frequency": "weekly"})  # fmt: skip
    assert response.status_code == 422 and "Sélectionnez un choix valide" in response.content.decode()
    assert PlanAction.objects.filter(framing=framing).count() == before


def test_an_actions_cost_is_written_as_money_in_the_pages_language(members, demo) -> None:
    framing = plan_with_actions(members, demo)
    action = framing.actions.all()[0]
    action.cost = 1500
    action.save()
    client = Client()
    login(client, members["viewer"], "fr")
    french = client.get(BASE + "plan/").content.decode()
    assert '<td class="amount">1\u202f500\u00a0€</td>' in french and " EUR</td>" not in french
    login(client, members["viewer"], "en")
    assert '<td class="amount">€1,500</td>' in client.get(BASE + "plan/").content.decode()


def test_an_action_at_the_largest_cost_a_form_saves_leaves_the_plan_its_calendar_and_pressure_readable(
    members, demo
) -> None:
    """The largest cost is an activity's (« put in the backlog » copies it there): 10^15 is refused in
    words, changing nothing, and 999,999,999,999.99 saves, reads, and goes to the backlog."""
    framing = plan_with_actions(members, demo)
    client = Client()
    login(client, members["editor"], "fr")
    action = {"op": "action", "what": "Campagne nationale", "channel": "email", "frequency": "weekly",
              "delay_days": "0"}  # fmt: skip
    refused = client.post(BASE + "plan/", action | {"cost": "1 000 000 000 000 000"})
    assert refused.status_code == 422
    assert (
        "Saisissez un montant compris entre 0 et 999\u202f999\u202f999\u202f999,99."
        in refused.content.decode()
    )
    assert not PlanAction.objects.filter(framing=framing, what="Campagne nationale").exists()
    saved = client.post(BASE + "plan/", action | {"cost": "999 999 999 999,99"})
    assert saved.status_code == 302
    largest = PlanAction.objects.get(framing=framing, what="Campagne nationale")
    assert largest.cost == 999_999_999_999.99
    page = client.get(BASE + "plan/")
    assert page.status_code == 200
    assert "999\u202f999\u202f999\u202f999,99\u00a0€" in page.content.decode()
    assert client.get(BASE + "plan/?view=week").status_code == 200
    assert client.get(BASE + "plan/calendar.ics").status_code == 200
    assert client.get(BASE.replace("framing/", "documents/")).status_code == 200
    assert client.post(BASE + "plan/", {"op": "backlog", "item": largest.pk}).status_code == 302
    largest.refresh_from_db()
    assert largest.activity is not None and largest.activity.cost == Decimal("999999999999.99")


def test_a_plan_over_its_ceiling_every_week_reads_by_segment_and_counts_in_the_pages_numbers(
    client: Client, members, demo
) -> None:
    """A ceiling of 1 under four weekly actions: every week of the year, for every persona and stage, is
    over it (some 2,750 rows in a walk, a page 240,000 px high when all were open). The page reads one line
    a segment first, folds the weeks, and writes their count as a number of its language (2,752 / 2 752:
    it said 2752)."""
    framing = plan_with_actions(members, demo)
    for name in ("Céline", "Hugo", "Inès", "Yasmin"):  # more segments, and two letters a week to all
        services.create(Persona, actor=members["editor"], framing=framing, name=name)
    for what in ("Lettre du lundi", "Lettre du jeudi"):
        weekly = {"what": what, "channel": "sms", "frequency": "weekly"}
        services.create(PlanAction, actor=members["editor"], framing=framing, **weekly)
    framing.refresh_from_db()
    services.update_framing(
        actor=members["editor"], framing=framing, expected_version=framing.version,
        changes={"ceiling_per_week": 1},
    )  # fmt: skip
    actions = list(framing.actions.select_related("persona", "stage"))
    everyone = plan.pressure(Framing.objects.get(), actions)
    assert len(everyone) > 1000, len(everyone)
    lines = len(plan.pressure_lines(plan.by_segment(everyone)))  # a persona's stages alike: one line
    login(client, members["viewer"], "en")
    page = client.get(BASE + "plan/").content.decode()
    start = page.index('id="pressure-by-segment"')
    summary = page[start : page.index("</table>", start)]
    assert summary.count("<tr>") == 1 + lines < 100  # the header and one line a segment (or stages alike)
    assert f"{len(everyone):,} weeks and segments over the ceiling." in page
    assert f"Week by week ({len(everyone):,} rows)" in page
    assert '<details id="overload-weeks" data-print-open>' in page  # folded
    login(client, members["viewer"], "fr")
    page = client.get(BASE + "plan/").content.decode()
    flag = page[page.index('id="pressure-flag"') : page.index("</p>", page.index('id="pressure-flag"'))]
    said = f"{len(everyone):,}\u00a0semaines et segments au-dessus du plafond.".replace(",", "\u202f")
    assert said in flag, flag


def test_an_action_that_cannot_become_an_activity_says_why_and_changes_nothing(members, demo) -> None:
    """« Put in the backlog » refused (posted again from a second tab, the action already in the backlog)
    went back to the page saying nothing."""
    from jalon.planning.models import Activity

    framing = plan_with_actions(members, demo)
    action = framing.actions.get(what="Soldes")
    client = Client()
    login(client, members["editor"], "fr")
    assert client.post(BASE + "plan/", {"op": "backlog", "item": action.pk}).status_code == 302
    before = Activity.objects.filter(roadmap=demo.roadmap).count()
    page = client.post(BASE + "plan/", {"op": "backlog", "item": action.pk}, follow=True)
    assert page.status_code == 200
    assert "Cette action est déjà dans le backlog." in page.content.decode()
    assert Activity.objects.filter(roadmap=demo.roadmap).count() == before
