"""The framing pages: kick-off, personas (upload, mapping, all or nothing), animation plan (calendar,
pressure, ICS, backlog), in both languages and for every role."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from icalendar import Calendar

from jalon.formatting import format_quantity
from jalon.framing import plan, services
from jalon.framing.models import Framing, Persona, PlanAction, Workshop
from tests.framing.pages import BASE, login, plan_with_actions


@pytest.mark.parametrize("path", ["", "personas/", "plan/", "plan/calendar.ics"])
def test_outsiders_get_404_and_every_member_reads(client: Client, members, path) -> None:
    login(client, members["outsider"])
    assert client.get(BASE + path).status_code == 404
    for role in ("owner", "editor", "viewer", "stakeholder"):
        login(client, members[role])
        assert client.get(BASE + path).status_code == 200


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_viewers_and_stakeholders_cannot_write_and_see_no_form(client: Client, members, role) -> None:
    login(client, members[role])
    page = client.get(BASE).content.decode()
    assert 'name="op" value="workshop"' not in page
    response = client.post(BASE, {"op": "workshop", "kind": "personas"})
    assert response.status_code == 403
    assert not Framing.objects.exists()


def test_the_roadmap_tabs_link_to_the_framing(client: Client, members) -> None:
    login(client, members["viewer"])
    page = client.get("/w/cloud-kicks/r/cloud-kicks/").content.decode()
    assert f'href="{BASE}"' in page


def test_an_editor_plans_a_workshop_and_names_who_attends(client: Client, members) -> None:
    login(client, members["editor"])
    client.post(
        BASE, {"op": "kickoff", "stakes": "Fidéliser", "scope": "France", "objectives": "+10 % de réachat"}
    )
    assert (
        client.post(
            BASE,
            {
                "op": "workshop",
                "kind": "personas",
                "day": "2026-03-02",
                "place": "https://meet.example/x",
                "status": "planned",
                "deliverable": "Fiches personae",
            },
        ).status_code
        == 302
    )
    workshop = Workshop.objects.get()
    assert (
        client.post(
            BASE, {"op": "stakeholder", "name": "Léa Martin", "role": "CRM", "workshops": [workshop.pk]}
        ).status_code
        == 302
    )
    page = client.get(BASE).content.decode()
    assert "Fidéliser" in page and "Léa Martin" in page and "Fiches personae" in page
    assert list(workshop.participants.values_list("name", flat=True)) == ["Léa Martin"]


def test_a_bad_workshop_shows_the_error_and_saves_nothing(client: Client, members) -> None:
    login(client, members["editor"], "fr")
    response = client.post(BASE, {"op": "workshop", "kind": "nope"})
    assert response.status_code == 422
    assert not Workshop.objects.exists()
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_the_kickoff_page_reads_in_french(client: Client, members) -> None:
    login(client, members["editor"], "fr")
    page = client.get(BASE).content.decode()
    assert "Cadrage" in page and "Calendrier des ateliers" in page and "Parties prenantes" in page
    assert "Workshop calendar" not in page and "Stakeholders" not in page


def plan_personas_workshops(client: Client, *days: str) -> None:
    """A personas workshop planned on each of ``days``, through the kick-off page's form."""
    for day in days:
        response = client.post(BASE, {"op": "workshop", "kind": "personas", "day": day, "status": "planned"})
        assert response.status_code == 302


@pytest.mark.parametrize(("language", "shown"), [("fr", "1er janvier 2027"), ("en", "1 January 2027")])
def test_the_kickoff_page_writes_a_workshop_on_the_first_of_a_month_1er_in_french(
    client: Client, members, language: str, shown: str
) -> None:
    login(client, members["editor"], language)
    plan_personas_workshops(client, "2027-01-01", "2027-01-02")
    page = client.get(BASE).content.decode()
    assert shown in page
    assert ("2 janvier 2027" if language == "fr" else "2 January 2027") in page
    assert "1 janvier 2027" not in page


def test_uploading_orders_proposes_personas_with_figures(client: Client, members, orders_bytes) -> None:
    login(client, members["editor"])
    response = client.post(
        BASE + "personas/", {"op": "upload", "file": SimpleUploadedFile("orders.csv", orders_bytes)}
    )
    assert response.status_code == 302
    page = client.get(BASE + "personas/").content.decode()
    assert 4 <= Persona.objects.count() <= 6
    assert "Share of revenue" in page and "400 customers" in page
    as_of = Framing.objects.get().orders_as_of
    assert as_of is not None
    assert f"Customers on {as_of.day} {as_of:%b %Y}</th>" in page  # the day the stages are counted at
    basket = Persona.objects.order_by("position", "pk")[0].average_basket
    assert f"<dd>€{basket:,.2f}</dd>" in page and " EUR</dd>" not in page  # money written the page's way


@pytest.mark.parametrize(
    ("language", "header"), [("en", "Customers on 1 Jul 1998"), ("fr", "Clients au 01/07/1998")]
)
def test_the_stages_customers_are_headed_by_the_orders_reference_date_not_today(
    client: Client, members, orders_bytes, language: str, header: str
) -> None:
    login(client, members["editor"], language)
    page = client.get(BASE + "personas/").content.decode()
    stages = page[page.index('id="stages"') :]
    before = "Customers" if language == "en" else "Clients"  # no file read yet: no day to name
    assert f'<th scope="col" class="stage-count">{before}</th>' in stages
    client.post(BASE + "personas/", {"op": "upload", "file": SimpleUploadedFile("orders.csv", orders_bytes)})
    Framing.objects.update(orders_as_of=date(1998, 7, 1))  # CDNOW's: the day after its last order
    page = client.get(BASE + "personas/").content.decode()
    stages = page[page.index('id="stages"') :]
    assert f'<th scope="col" class="stage-count">{header}</th>' in stages
    assert "today" not in stages and "aujourd" not in stages


def test_a_personas_share_and_basket_and_an_actions_cost_are_written_the_readers_way(
    client: Client, members, orders_bytes, demo
) -> None:
    login(client, members["editor"], "fr")
    client.post(BASE + "personas/", {"op": "upload", "file": SimpleUploadedFile("orders.csv", orders_bytes)})
    persona = Persona.objects.order_by("pk").first()
    assert persona is not None
    Persona.objects.filter(pk=persona.pk).update(revenue_share=0.987, average_basket=98765.4)
    services.create(
        PlanAction, actor=members["editor"], framing=persona.framing, what="Salon", channel="email",
        frequency="one_off", cost=1500,
    )  # fmt: skip
    currency = demo.roadmap.currency
    french_money = format_in("fr", 98765.4, currency)
    assert "<dd>99\u00a0%</dd>" in client.get(BASE + "personas/").content.decode()
    assert f"<dd>{french_money}</dd>" in client.get(BASE + "personas/").content.decode()
    assert format_in("fr", 1500, currency) in client.get(BASE + "plan/").content.decode()
    login(client, members["editor"], "en")
    assert "<dd>99%</dd>" in client.get(BASE + "personas/").content.decode()
    assert f"<dd>{format_in('en', 98765.4, currency)}</dd>" in client.get(BASE + "personas/").content.decode()


def format_in(language: str, value: float, unit: str) -> str:
    with translation.override(language):
        return format_quantity(value, unit)


def test_one_customer_and_one_day_are_singular_on_the_personas_page_in_french(client: Client, members):
    login(client, members["editor"], "fr")
    one_order = b"client;date;montant\nc-1;15/03/2026;1 234,50\n"
    response = client.post(
        BASE + "personas/", {"op": "upload", "file": SimpleUploadedFile("une.csv", one_order)}
    )
    assert response.status_code == 302
    page = re.sub(r"[ \t\n]+", " ", client.get(BASE + "personas/").content.decode())  # keeps the U+00A0
    assert "une.csv\u00a0: 1 client, récence comptée" in page
    assert "<dd>1\u00a0jour</dd>" in page
    assert "1 clients" not in page and "1\u00a0jours" not in page


def test_a_personas_recency_says_day_or_days_in_the_report() -> None:
    from django.utils import translation

    from jalon.reports.framing_model import recency_days_text

    with translation.override("fr"):
        assert [recency_days_text(d) for d in (1.2, 12.0)] == ["1\u00a0jour", "12\u00a0jours"]
    with translation.override("en"):
        assert [recency_days_text(d) for d in (0.6, 2.0)] == ["1 day", "2 days"]


def test_an_upload_with_unknown_headers_asks_the_columns_then_reads_them(
    client: Client, members, odd_headers_bytes
) -> None:
    login(client, members["editor"], "fr")
    response = client.post(
        BASE + "personas/", {"op": "upload", "file": SimpleUploadedFile("odd.csv", odd_headers_bytes)}
    )
    assert response.status_code == 422 and 'id="mapping-form"' in response.content.decode()
    assert not Persona.objects.exists()
    other = (
        f'<a href="{BASE}personas/" id="other-file">Choisir un autre fichier</a>'  # a way back to the upload
    )
    assert other in response.content.decode()
    assert 'id="upload-form"' in client.get(BASE + "personas/").content.decode()
    response = client.post(
        BASE + "personas/", {"op": "mapping", "customer": "who", "date": "when", "amount": "paid"}
    )
    assert response.status_code == 302
    assert sum(p.customers or 0 for p in Persona.objects.all()) == 200


def test_an_upload_with_a_bad_line_is_refused_whole_in_french(client: Client, members, orders_bytes) -> None:
    login(client, members["editor"], "fr")
    broken = orders_bytes + b"c-bad;31/02/2026;12,00\n"
    response = client.post(
        BASE + "personas/", {"op": "upload", "file": SimpleUploadedFile("orders.csv", broken)}
    )
    assert response.status_code == 422
    assert (
        "rien n’a été modifié" in response.content.decode()
        or "rien n’a été modifié" in response.content.decode()
    )
    assert not Persona.objects.exists() and not Framing.objects.exists()


def test_the_calendar_shows_the_dated_contacts_and_the_pressure_flags_the_weeks_over_the_ceiling(
    client: Client, members, demo
) -> None:
    plan_with_actions(members, demo)
    login(client, members["viewer"])
    page = client.get(BASE + "plan/").content.decode()
    assert 'id="month-calendar"' in page and page.count('class="contact channel-email"') >= 16
    assert "Soldes" in page and 'id="pressure-flag"' in page and "Newsletter, " in page
    only_sms = client.get(BASE + "plan/?channel=sms").content.decode()
    assert (
        only_sms.count('class="contact channel-email"') == 0
        and only_sms.count('class="contact channel-sms"') == 1
    )


def test_raising_the_ceiling_clears_the_pressure_flag(client: Client, members, demo) -> None:
    plan_with_actions(members, demo)
    login(client, members["editor"])
    client.post(
        BASE + "plan/",
        {"op": "ceiling", "ceiling_per_week": "6", "plan_start": demo.roadmap.start.isoformat()},
    )
    page = client.get(BASE + "plan/").content.decode()
    assert 'id="pressure-flag"' not in page and 'id="pressure-ok"' in page


def test_the_ics_export_has_one_event_per_dated_contact(client: Client, members, demo) -> None:
    framing = plan_with_actions(members, demo)
    login(client, members["stakeholder"])
    response = client.get(BASE + "plan/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == len(plan.dated_contacts(framing, list(framing.actions.all()))) >= 4 * 52 + 1
    assert any(str(e["summary"]).startswith("Soldes") for e in events)


def test_make_it_a_backlog_activity_from_the_page(client: Client, members, demo) -> None:
    plan_with_actions(members, demo)
    action = PlanAction.objects.get(what="Soldes")
    login(client, members["editor"])
    assert client.post(BASE + "plan/", {"op": "backlog", "item": action.pk}).status_code == 302
    action.refresh_from_db()
    assert action.activity is not None and action.activity.title == "Soldes"
    assert f"/activities/{action.activity.key}/" in client.get(BASE + "plan/").content.decode()


def test_the_plan_page_reads_in_french(client: Client, members, demo) -> None:
    plan_with_actions(members, demo)
    login(client, members["editor"], "fr")
    page = client.get(BASE + "plan/").content.decode()
    assert "Plan d’animation" in page
    assert "Pression marketing" in page and "Marketing pressure" not in page


def test_an_editor_edits_a_seeded_persona_and_a_stale_version_is_refused(
    client: Client, members, demo
) -> None:
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    persona = services.create(Persona, actor=members["editor"], framing=framing, name="Champions")
    login(client, members["editor"])
    page = client.get(BASE + f"personas/?edit=persona-{persona.pk}").content.decode()
    assert f'name="item" value="{persona.pk}"' in page and 'value="Champions"' in page
    fields = {"op": "persona", "item": persona.pk, "version": persona.version, "name": "Sportive urbaine",
              "quote": "Je commande le soir."}  # fmt: skip
    assert client.post(BASE + "personas/", fields).status_code == 302
    persona.refresh_from_db()
    assert (persona.name, persona.quote) == ("Sportive urbaine", "Je commande le soir.")
    stale = client.post(BASE + "personas/", fields | {"name": "Autre"})
    assert stale.status_code == 422 and "reload the page" in stale.content.decode()
    persona.refresh_from_db()
    assert persona.name == "Sportive urbaine"


def test_a_viewer_cannot_open_an_edit_form(client: Client, members, demo) -> None:
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    stage = framing.stages.first()
    assert stage is not None
    login(client, members["viewer"])
    page = client.get(BASE + f"personas/?edit=stage-{stage.pk}").content.decode()
    assert 'name="op" value="stage"' not in page and 'class="edit-link"' not in page


def test_the_stakeholder_form_says_to_plan_workshops_first(client: Client, members) -> None:
    login(client, members["editor"])
    assert "Plan the workshops first" in client.get(BASE).content.decode()
    client.post(BASE, {"op": "workshop", "kind": "personas", "status": "planned"})
    page = client.get(BASE).content.decode()
    assert "Plan the workshops first" not in page and 'name="workshops"' in page


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "n’est pas un tableau"),
        ("vide.csv", b"", "Le fichier est vide."),
        (
            "clients.csv",
            b"client;montant\nC1;12,50\nC2;7\n",
            "Aucune colonne de ce fichier ne contient de dates",
        ),
    ],
)
def test_a_file_that_cannot_be_orders_is_refused_at_upload_in_french_and_asks_no_column(
    client: Client, members, name: str, data: bytes, words: str
) -> None:
    login(client, members["editor"], "fr")
    response = client.post(BASE + "personas/", {"op": "upload", "file": SimpleUploadedFile(name, data)})
    page = response.content.decode()
    assert response.status_code == 422 and words in page
    assert "une commande par ligne" in page and 'id="mapping-form"' not in page
    assert "jalon_framing_orders" not in client.session and not Persona.objects.exists()


OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8  # an .xls workbook's OLE2 start


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "ancien classeur Excel (.xls), que Jalon ne lit pas\u00a0: ouvrez-le dans Excel ou "
         "LibreOffice, enregistrez-le au format XLSX ou CSV"),
        ("en", "old Excel workbook (.xls), which Jalon does not read: open it in Excel or LibreOffice, "
         "save it as XLSX or CSV"),
    ],
)  # fmt: skip
def test_an_old_excel_workbook_is_refused_at_upload_with_what_to_do(
    client: Client, members, language: str, words: str
) -> None:
    login(client, members["editor"], language)
    upload = SimpleUploadedFile("ventes.xls", OLD_EXCEL)
    response = client.post(BASE + "personas/", {"op": "upload", "file": upload})
    page = response.content.decode()
    assert response.status_code == 422 and words in page
    assert "not a table" not in page and "pas un tableau" not in page
    assert "jalon_framing_orders" not in client.session and not Persona.objects.exists()


def test_the_persona_and_stage_forms_name_their_fields_with_ids_of_their_own(client: Client, members) -> None:
    # both have a "name" field: with one id for both, the stage's label pointed at the persona's field
    login(client, members["editor"])
    page = client.get(BASE + "personas/").content.decode()
    ids = re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) and "id_stage_name" in ids
    assert '<label for="id_stage_name"' in page


@pytest.mark.parametrize(
    ("language", "past", "coming"),
    [("fr", "prévu (date passée)", "prévu"), ("en", "planned (date passed)", "planned")],
)
def test_a_workshop_still_planned_for_a_day_gone_by_says_its_date_has_passed_as_the_documents_do(
    client: Client, members, language: str, past: str, coming: str
) -> None:
    login(client, members["editor"], language)
    plan_personas_workshops(client, "2020-03-02", "2099-03-02")
    page = client.get(BASE).content.decode()
    assert page.count(f"<td>{past}</td>") == 1 and page.count(f"<td>{coming}</td>") == 1
