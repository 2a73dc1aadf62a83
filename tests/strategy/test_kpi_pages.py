"""The KPI pages: the *Indicateurs / KPIs* tab, a KPI's page, creating and editing KPIs (409 on a stale
save), measurements typed, corrected, pasted and imported (all or nothing), lateness and odds shown."""

from __future__ import annotations

import html
import io
import re
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from jalon.strategy.models import KPI, Measurement, Objective
from tests.strategy.kpi_messages import MOVE_REFUSED

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
KPIS = ROADMAP + "kpis/"
CONVERSION = KPIS + "taux-conversion/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def as_role(client: Client, members):
    def login(role: str) -> Client:
        client.force_login(members[role])
        return client

    return login


def conversion() -> KPI:
    return KPI.objects.get(roadmap__workspace__slug="cloud-kicks", key="taux-conversion")


def new_kpi(**extra: str) -> dict[str, str]:
    return {
        "key": "panier-moyen", "name": "Panier moyen", "objective": "", "unit": "€", "direction": "increase",
        "baseline": "52,5", "baseline_date": "2026-01-31", "target": "60", "target_low": "",
        "target_high": "",
        "target_date": "2027-06-30", "frequency": "monthly", "owner": "", "benchmark_low": "50",
        "benchmark_high": "65", "benchmark_source": "Étude 2025", **extra,
    }  # fmt: skip


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_viewers_and_stakeholders_read_the_kpi_tab_without_edit_controls(as_role, role: str) -> None:
    page = text(as_role(role).get(KPIS))
    assert "Indicateurs / KPIs" in page and "Taux de conversion" in page
    assert "Ajouter un indicateur" not in page
    assert "Coller des mesures" not in text(as_role(role).get(CONVERSION))


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_viewers_and_stakeholders_cannot_write(as_role, role: str) -> None:
    client = as_role(role)
    assert client.post(KPIS + "new/", new_kpi()).status_code == 403
    assert client.post(CONVERSION + "paste/", {"table": "01/11/2026\t3,2"}).status_code == 403
    assert client.post(CONVERSION + "delete/").status_code == 403
    assert KPI.objects.filter(key="panier-moyen").count() == 0 and conversion().measurements.count() == 9


def test_an_outsider_gets_not_found(as_role) -> None:
    assert as_role("outsider").get(CONVERSION).status_code == 404


def test_an_editor_creates_a_kpi_with_every_field(as_role) -> None:
    response = as_role("editor").post(KPIS + "new/", new_kpi(owner="Yasmin Ahmad"))
    assert response.status_code == 302, text(response)
    kpi = KPI.objects.get(key="panier-moyen")
    assert (kpi.baseline, kpi.target, kpi.benchmark_high, kpi.owner) == (52.5, 60, 65, "Yasmin Ahmad")
    assert kpi.target_date == date(2027, 6, 30)


def test_a_first_kpi_typed_with_another_target_than_its_objectives_is_refused_in_words(
    as_role, members
) -> None:
    """The first KPI of an objective shares its target. Typed with another (3 % under sales of
    1 200 000 €), it was saved with the objective's target in silence: a rate whose target read
    1 200 000 %, outside its own 0 to 100 %. The form now says so and writes nothing; left empty, the
    target is the objective's."""
    from jalon.strategy import services

    sales = services.create_objective(
        actor=members["owner"], roadmap=Objective.objects.get(key="taux-conversion").roadmap, key="ventes",
        title="Augmenter les ventes", metric="ventes", unit="€", target=1_200_000.0, direction="increase",
    )  # fmt: skip
    client = as_role("editor")
    fields = new_kpi(name="Taux de conversion web", objective=str(sales.pk), unit="%", target="3", key="")
    refused = client.post(KPIS + "new/", fields)
    assert refused.status_code == 422
    said = " ".join(text(refused).replace("\u202f", " ").replace("\xa0", " ").split())
    assert (
        "Premier indicateur de « Augmenter les ventes », il en partage la cible : 1 200 000 €."
        " Laissez la cible vide ou écrivez celle-ci ; la page de l’objectif la change."
    ) in said
    assert not sales.kpis.exists()
    too_big = text(client.post(KPIS + "new/", {**fields, "target": "10000000000000000"}))
    assert "Saisissez un nombre fini" in too_big and "Premier indicateur" not in too_big  # the range first
    assert client.post(KPIS + "new/", {**fields, "target": ""}).status_code == 302
    assert sales.kpis.get().target == 1_200_000
    second = {**fields, "name": "Taux de rebond", "target": "40"}
    assert client.post(KPIS + "new/", second).status_code == 302  # a second KPI keeps its own target
    assert sales.kpis.get(name="Taux de rebond").target == 40


@pytest.mark.parametrize(("language", "said"), MOVE_REFUSED.items())
def test_moving_a_kpi_under_an_objective_without_kpis_refuses_another_target_on_the_edit_page(
    as_role, members, language: str, said: str
) -> None:
    """The edit page moved a KPI under an objective with no KPI yet and replaced its target with the
    objective's in silence. It now says both targets beside the target and changes nothing."""
    from jalon.strategy import services

    members["editor"].language = language
    members["editor"].save(update_fields=["language"])
    roadmap = Objective.objects.get(key="taux-conversion").roadmap
    sales = services.create_objective(
        actor=members["owner"], roadmap=roadmap, key="ventes", title="Augmenter les ventes", metric="ventes",
        unit="€", target=1_200_000.0, direction="increase",
    )  # fmt: skip
    bounce = services.create_kpi(
        actor=members["owner"], roadmap=roadmap, key="rebond", name="Taux de rebond", unit="%", target=40.0,
        frequency="monthly",
    )  # fmt: skip
    client = as_role("editor")
    fields = new_kpi(name="Taux de rebond", objective=str(sales.pk), unit="%", target="40", version=str(1))
    fields.pop("key")
    refused = client.post(KPIS + "rebond/edit/", fields)
    assert refused.status_code == 422
    page = " ".join(text(refused).replace("\u202f", " ").replace("\xa0", " ").split())
    assert said in page
    kept = KPI.objects.get(pk=bounce.pk)
    assert (kept.objective_id, kept.target, kept.version) == (None, 40.0, bounce.version)
    assert client.post(KPIS + "rebond/edit/", {**fields, "target": ""}).status_code == 302
    moved = KPI.objects.get(pk=bounce.pk)
    assert (moved.objective_id, moved.target) == (sales.pk, 1_200_000.0)


def test_every_label_of_the_kpi_form_starts_with_a_capital_like_the_other_forms(as_role) -> None:
    page = text(as_role("editor").get(KPIS + "new/"))
    labels = re.findall(r'<label for="id_[a-z_]+">([^<]+)</label>', page)
    assert "Responsable\u00a0:" in labels
    assert [label for label in labels if not label[0].isupper()] == []


def test_the_owner_is_chosen_among_the_team(as_role) -> None:
    response = as_role("editor").post(KPIS + "new/", new_kpi(owner="Someone Else"))
    assert response.status_code == 422
    assert not KPI.objects.filter(key="panier-moyen").exists()


def test_a_stale_kpi_save_is_refused_with_409_and_the_other_change(as_role) -> None:
    client = as_role("editor")
    kpi = conversion()
    form = {
        **new_kpi(name="Conversion (web)", objective=str(kpi.objective_id), target="4"),
        "version": kpi.version,
    }
    form.pop("key")
    assert client.post(CONVERSION + "edit/", form).status_code == 302
    stale = client.post(CONVERSION + "edit/", {**form, "name": "Conversion (app)"})
    assert stale.status_code == 409
    assert "Conversion (web)" in text(stale)
    assert conversion().name == "Conversion (web)"


def test_editing_the_main_kpis_target_changes_the_objectives(as_role) -> None:
    client = as_role("editor")
    kpi = conversion()
    form = {**new_kpi(name=kpi.name, objective=str(kpi.objective_id), target="3,8"), "version": kpi.version}
    form.pop("key")
    assert client.post(CONVERSION + "edit/", form).status_code == 302
    assert kpi.objective_id is not None
    assert Objective.objects.get(pk=kpi.objective_id).target == 3.8
    assert "3,8" in text(client.get(ROADMAP))


def test_pasting_french_measurements_adds_them(as_role) -> None:
    response = as_role("editor").post(
        CONVERSION + "paste/", {"table": "Date\tValeur\n31/10/2026\t3,2\n30/11/2026\t3,3"}
    )  # days before today: a measurement dated later is refused
    assert response.status_code == 302
    assert conversion().measurements.get(date=date(2026, 10, 31)).value == 3.2


def test_a_paste_with_bad_lines_adds_nothing_and_lists_every_line(as_role) -> None:
    response = as_role("editor").post(
        CONVERSION + "paste/", {"table": "30/11/2026\t3,2\nhier\t3\n31/12/2026\tx"}
    )
    page = text(response)
    assert response.status_code == 422
    assert "Ligne 2" in page and "Ligne 3" in page and "Rien n’a été ajouté" in page
    assert conversion().measurements.count() == 9


def test_importing_an_xlsx_file_adds_its_measurements(as_role) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Date", "Taux"])
    sheet.append([date(2026, 11, 30), 3.2])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("conversion.xlsx", buffer.getvalue())
    response = as_role("editor").post(CONVERSION + "import/", {"file": upload})
    assert response.status_code == 302
    assert conversion().measurements.get(date=date(2026, 11, 30)).source == "conversion.xlsx"


def test_a_csv_with_a_bad_line_imports_nothing(as_role) -> None:
    upload = SimpleUploadedFile("c.csv", b"date;valeur\n30/11/2026;3,2\n31/02/2026;3,3\n")
    response = as_role("editor").post(CONVERSION + "import/", {"file": upload})
    assert response.status_code == 422
    assert "Ligne 3" in text(response)
    assert conversion().measurements.count() == 9


def test_a_measurement_is_corrected_then_deleted(as_role) -> None:
    client = as_role("editor")
    first = conversion().measurements.first()
    assert first is not None
    prefix = f"m{first.pk}-"
    form = {prefix + "date": "2026-02-28", prefix + "value": "1,9", prefix + "source": ""}
    assert client.post(CONVERSION + f"measurements/{first.pk}/", form).status_code == 302
    assert Measurement.objects.get(pk=first.pk).value == 1.9
    assert client.post(CONVERSION + f"measurements/{first.pk}/", {"delete": "1"}).status_code == 302
    assert not Measurement.objects.filter(pk=first.pk).exists()


def test_a_kpi_is_deleted(as_role) -> None:
    assert as_role("editor").post(CONVERSION + "delete/").status_code == 302
    assert not KPI.objects.filter(key="taux-conversion").exists()


def test_a_kpi_whose_last_measurement_is_older_than_its_frequency_is_flagged_late(as_role) -> None:
    client = as_role("viewer")
    # The demo's last measurements are from October 2026: the monthly conversion KPI is late since.
    late = date.today() > date(2026, 11, 30)
    assert ("mesure en retard" in text(client.get(KPIS))) is late
    assert ("mesure en retard" in text(client.get(ROADMAP + "o/taux-conversion/"))) is late


def test_the_kpi_page_shows_the_odds_and_the_forecast_fan(as_role) -> None:
    page = text(as_role("viewer").get(CONVERSION))
    assert "Chances d’atteindre la cible" in page
    assert 'class="forecast-fan"' in page and 'class="target-line"' in page


def test_the_objective_page_shows_the_objectives_odds(as_role) -> None:
    page = text(as_role("viewer").get(ROADMAP + "o/taux-conversion/"))
    assert "Chances d’atteindre cet objectif" in page


def test_the_kpi_tab_is_complete_in_english(as_role) -> None:
    client = as_role("viewer")
    client.cookies["jalon_language"] = "en"
    page = text(client.get(KPIS))
    assert "Odds of reaching it" in page and "Chances" not in page


def test_the_charts_caption_names_only_what_the_chart_draws(as_role, members) -> None:
    """The caption read « Mesures (bleu), cible (rouge), fourchette de référence (vert) et prévision avec
    son intervalle à 80 % (violet) » under a chart with no band and no forecast (a walk's KPI of three
    measurements): it names what is drawn."""
    from jalon.strategy import services

    roadmap = Objective.objects.get(key="taux-conversion").roadmap
    kpi = services.create_kpi(
        actor=members["owner"], roadmap=roadmap, key="abonnes", name="Abonnés Zorglub", frequency="monthly",
        target=100.0, target_date=date(2027, 6, 30),
    )  # fmt: skip
    for day, value in ((date(2026, 9, 1), 10.0), (date(2026, 10, 1), 12.0)):
        services.add_measurement(actor=members["owner"], kpi=kpi, date=day, value=value)
    page = text(as_role("editor").get(KPIS + "abonnes/"))
    caption = re.search(r"<figcaption[^>]*>([^<]*)</figcaption>", page)
    assert caption is not None
    assert " ".join(caption.group(1).split()) == "Mesures (bleu) et cible (rouge)."
    conversion_page = text(as_role("editor").get(CONVERSION))
    full = re.search(r"<figcaption[^>]*>([^<]*)</figcaption>", conversion_page)
    assert full is not None
    assert " ".join(full.group(1).replace("\u202f", " ").split()) == (
        "Mesures (bleu), cible (rouge), fourchette de référence (vert) et prévision avec son intervalle à"
        " 80 % (violet)."
    )
