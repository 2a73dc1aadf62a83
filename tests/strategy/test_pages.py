"""The pages a marketing manager uses, through Django's test client: log in, read the SMART table in French
or English, edit it in place (htmx and without JavaScript), objective pages, the health check."""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format

from jalon.accounts.models import User
from jalon.strategy import services
from jalon.strategy.models import KPI, Measurement, Objective, Strategy, Tactic
from tests.conftest import DEMO_PASSWORD
from tests.factories import HTMX

NBSP = "\u00a0"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
OBJECTIVE = ROADMAP + "o/taux-conversion/"
IMPACT_CELL = OBJECTIVE + "cells/impact/"


def text(response: Any) -> str:
    """The page as a reader sees it: entities decoded."""
    return html.unescape(response.content.decode())


@pytest.fixture
def owner(members: dict[str, User]) -> User:
    return members["owner"]


@pytest.fixture
def owner_client(client: Client, owner: User) -> Client:
    client.force_login(owner)
    return client


@pytest.fixture
def editor_client(client: Client, members) -> Client:
    client.force_login(members["editor"])
    return client


def conversion() -> Objective:
    return Objective.objects.get(roadmap__workspace__slug="cloud-kicks", key="taux-conversion")


# Logging in ---------------------------------------------------------------------------------------


def test_login_page_is_in_french_by_default(client: Client, make_user) -> None:
    make_user("someone@example.com")  # without any account, /login/ leads to creating the first one
    page = text(client.get("/login/"))
    assert "Se connecter" in page
    assert 'lang="fr"' in page


def test_home_sends_an_anonymous_visitor_to_the_login_page(client: Client, db) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_logging_in_with_the_demo_password_opens_the_home_page(client: Client, demo) -> None:
    response = client.post("/login/", {"username": "demo@jalon.local", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_shows_an_error_and_does_not_log_in(client: Client, demo) -> None:
    response = client.post("/login/", {"username": "demo@jalon.local", "password": "wrong-password"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert client.get("/").status_code == 302


def test_home_lists_my_workspaces_and_their_roadmaps(owner_client: Client) -> None:
    page = text(owner_client.get("/"))
    assert "Cloud Kicks" in page
    assert "Cloud Kicks\u00a0: plan stratégique sur six mois" in page
    assert f'href="{ROADMAP}"' in page


def test_home_does_not_list_workspaces_i_do_not_belong_to(client: Client, members) -> None:
    client.force_login(members["outsider"])
    page = text(client.get("/"))
    assert "Other" in page
    assert "Cloud Kicks" not in page


# The SMART table in French and English ------------------------------------------------------------


def test_roadmap_page_shows_the_smart_table_headers_in_french(owner_client: Client) -> None:
    page = text(owner_client.get(ROADMAP))
    for header in (
        "Impact",
        "Spécifiques",
        "Mesurables",
        "Atteignables et réalistes",
        "Délimités dans le temps",
    ):
        assert f'<th scope="col">{header}</th>' in page


def test_roadmap_page_shows_the_vision_type_and_fiscal_month(owner_client: Client) -> None:
    page = text(owner_client.get(ROADMAP))
    assert "Fournir une expérience d’achat omni-canale simple" in page
    assert "Stratégique" in page
    assert "février" in page


def test_roadmap_page_shows_the_deadline_as_a_french_date_with_its_rule(owner_client: Client) -> None:
    page = text(owner_client.get(ROADMAP))
    assert '<time datetime="2027-01-31" class="deadline">31/01/2027</time>' in page
    assert "fin de l’exercice" in page.lower()


def test_roadmap_page_writes_numbers_the_french_way(owner_client: Client) -> None:
    page = text(owner_client.get(ROADMAP))
    assert f"2{NBSP}% → 4{NBSP}%" in page
    assert f"3,1{NBSP}%" in page
    assert "3.1%" not in page


def test_switching_to_english_is_saved_on_the_user(owner_client: Client, owner: User) -> None:
    response = owner_client.post("/language/", {"language": "en", "next": ROADMAP})
    assert response.status_code == 302
    assert response["Location"] == ROADMAP
    owner.refresh_from_db()
    assert owner.language == "en"


def test_roadmap_page_in_english_shows_english_headers_dates_and_rules(owner_client: Client) -> None:
    owner_client.post("/language/", {"language": "en", "next": ROADMAP})
    page = text(owner_client.get(ROADMAP))
    with translation.override("en"):
        english_date = date_format(date(2027, 1, 31), "SHORT_DATE_FORMAT")
    assert english_date == "31 Jan 2027"
    assert "Time-bound" in page
    assert "Achievable & realistic" in page
    assert "end of the fiscal year" in page.lower()
    assert f">{english_date}</time>" in page
    assert "2% → 4%" in page
    assert "Délimités dans le temps" not in page


def test_the_saved_language_follows_the_user_to_a_new_session(owner_client: Client, owner: User) -> None:
    owner_client.post("/language/", {"language": "en", "next": "/"})
    fresh = Client()
    fresh.force_login(owner)
    assert "Time-bound" in text(fresh.get(ROADMAP))


def test_an_unknown_language_changes_nothing(owner_client: Client, owner: User) -> None:
    owner_client.post("/language/", {"language": "de", "next": ROADMAP})
    owner.refresh_from_db()
    assert owner.language == "fr"
    assert "Délimités dans le temps" in text(owner_client.get(ROADMAP))


def test_the_language_switch_does_not_redirect_to_another_site(owner_client: Client) -> None:
    response = owner_client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_language_switch_works_on_the_login_page_through_a_cookie(client: Client, make_user) -> None:
    make_user("someone@example.com")
    client.post("/language/", {"language": "en", "next": "/login/"})
    assert "Log in" in text(client.get("/login/"))


# Editing in place ---------------------------------------------------------------------------------


def test_an_htmx_edit_request_returns_the_row_with_a_form(editor_client: Client) -> None:
    response = editor_client.get(IMPACT_CELL + "?edit=1", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<tr")
    assert "<form" in body and f'action="{IMPACT_CELL}"' in body
    assert 'name="version" value="1"' in body
    assert "Amélioration des ventes." in body
    assert "<html" not in body


def test_saving_a_cell_with_the_right_version_returns_the_updated_row(editor_client: Client) -> None:
    response = editor_client.post(IMPACT_CELL, {"impact": "Plus de ventes en ligne.", "version": "1"}, **HTMX)
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith("<tr")
    assert "Plus de ventes en ligne." in body
    assert "<form" not in body
    saved = conversion()
    assert (saved.impact, saved.version) == ("Plus de ventes en ligne.", 2)


def test_saving_a_stale_version_returns_409_with_the_conflict_and_changes_nothing(
    editor_client: Client, owner: User
) -> None:
    services.update_objective(
        actor=owner, objective=conversion(), expected_version=1, changes={"impact": "Version de Yasmin."}
    )
    response = editor_client.post(IMPACT_CELL, {"impact": "Ma version.", "version": "1"}, **HTMX)
    body = text(response)
    assert response.status_code == 409
    assert 'class="conflict"' in body
    assert "Impact métier" in body
    assert "Version de Yasmin." in body
    assert "Ma version." in body
    assert 'name="version" value="2"' in body
    saved = conversion()
    assert (saved.impact, saved.version) == ("Version de Yasmin.", 2)


def test_saving_again_after_a_conflict_keeps_my_version(editor_client: Client, owner: User) -> None:
    services.update_objective(
        actor=owner, objective=conversion(), expected_version=1, changes={"impact": "Version de Yasmin."}
    )
    editor_client.post(IMPACT_CELL, {"impact": "Ma version.", "version": "1"}, **HTMX)
    response = editor_client.post(IMPACT_CELL, {"impact": "Ma version.", "version": "2"}, **HTMX)
    assert response.status_code == 200
    assert conversion().impact == "Ma version."


def test_a_deadline_cell_with_neither_rule_nor_date_is_refused_with_422(editor_client: Client) -> None:
    response = editor_client.post(
        OBJECTIVE + "cells/deadline/",
        {"deadline_rule": "", "deadline": "", "term": "medium", "version": "1"},
        **HTMX,
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()
    assert conversion().deadline == date(2027, 1, 31)


def test_choosing_a_rule_in_the_deadline_cell_computes_the_date(editor_client: Client) -> None:
    response = editor_client.post(  # an objective without sub-objectives: its deadline may come earlier
        ROADMAP + "o/canal-mobile/cells/deadline/",
        {"deadline_rule": "fiscal_quarter_end:3", "deadline": "", "term": "short", "version": "1"},
        **HTMX,
    )
    assert response.status_code == 200
    saved = Objective.objects.get(roadmap__workspace__slug="cloud-kicks", key="canal-mobile")
    assert (saved.deadline_rule, saved.deadline) == ("fiscal_quarter_end:3", date(2026, 10, 31))
    assert "31/10/2026" in text(response)


def test_without_javascript_the_edit_link_opens_the_form_in_the_page(editor_client: Client) -> None:
    page = text(editor_client.get(ROADMAP + "?edit=taux-conversion:impact"))
    assert f'action="{IMPACT_CELL}"' in page
    assert page.count("<form") >= 2  # the cell form besides the header forms
    assert "<html" in page


def test_without_javascript_a_plain_post_redirects_back_to_the_row(editor_client: Client) -> None:
    response = editor_client.post(IMPACT_CELL, {"impact": "Sans JavaScript.", "version": "1"})
    assert response.status_code == 302
    assert response["Location"] == ROADMAP + "#obj-taux-conversion"
    assert conversion().impact == "Sans JavaScript."


def test_without_javascript_a_stale_post_shows_the_whole_page_with_the_conflict(
    editor_client: Client, owner: User
) -> None:
    services.update_objective(
        actor=owner, objective=conversion(), expected_version=1, changes={"impact": "Version de Yasmin."}
    )
    response = editor_client.post(IMPACT_CELL, {"impact": "Ma version.", "version": "1"})
    assert response.status_code == 409
    assert "<html" in response.content.decode()
    assert 'class="conflict"' in response.content.decode()


def test_an_unknown_cell_is_404(editor_client: Client) -> None:
    assert editor_client.get(OBJECTIVE + "cells/owner/?edit=1", **HTMX).status_code == 404


# The objective page -------------------------------------------------------------------------------


def test_objective_page_shows_its_facts(owner_client: Client) -> None:
    page = text(owner_client.get(OBJECTIVE))
    assert "Amélioration des ventes." in page
    assert "taux de conversion" in page
    assert f"2{NBSP}%" in page and f"4{NBSP}%" in page
    assert "31/01/2027" in page
    assert "moyen terme" in page.lower()


def test_objective_page_shows_the_kpi_and_its_measurements_table(owner_client: Client) -> None:
    page = text(owner_client.get(OBJECTIVE))
    assert "Taux de conversion" in page
    assert 'class="measurements"' in page
    assert f'<td class="numbers">3,1{NBSP}%</td>' in page
    assert '<time datetime="2026-10-31">31/10/2026</time>' in page


def test_objective_page_draws_an_svg_chart_with_the_target_line(owner_client: Client) -> None:
    page = owner_client.get(OBJECTIVE).content.decode()
    assert "<svg" in page
    assert 'class="target-line"' in page
    assert (
        page.count("<circle")
        >= KPI.objects.get(roadmap__slug="cloud-kicks", key="taux-conversion").measurements.count()
    )


def test_objective_page_groups_sub_objectives_by_term(owner_client: Client, owner: User) -> None:
    services.create_objective(
        actor=owner, roadmap=conversion().roadmap, term="long", deadline=date(2027, 1, 15),
        title="Augmenter la valeur vie client des nouveaux clients", parent=conversion(),
    )  # fmt: skip
    page = text(owner_client.get(OBJECTIVE))
    short, long = page.index("<h3>Court terme</h3>"), page.index("<h3>Long terme</h3>")
    assert short < page.index("Réduire l’abandon de panier", short) < long
    assert long < page.index("Augmenter la valeur vie client", long)


def test_objective_page_shows_the_goal_strategy_tactic_tree(owner_client: Client) -> None:
    page = text(owner_client.get(OBJECTIVE))
    goal = page.index("Objectif\u00a0:</strong> Augmenter les taux de conversion")
    strategy = page.index("Stratégie\u00a0:</strong> Améliorer la valeur vie client", goal)
    assert page.index("Tactique\u00a0:</strong> E-mail panier abandonné", strategy) > strategy


def test_an_editor_adds_a_measurement_by_hand(editor_client: Client) -> None:
    response = editor_client.post(
        ROADMAP + "kpis/taux-conversion/measurements/",
        {
            "taux-conversion-date": "2026-11-30",
            "taux-conversion-value": "3.3",
            "taux-conversion-source": "GA",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == OBJECTIVE + "#kpi-taux-conversion"
    measurement = Measurement.objects.get(kpi__key="taux-conversion", date=date(2026, 11, 30))
    assert (measurement.value, measurement.source) == (3.3, "GA")
    assert f"3,3{NBSP}%" in text(editor_client.get(OBJECTIVE))


def test_a_viewer_cannot_add_a_measurement(client: Client, members) -> None:
    client.force_login(members["viewer"])
    response = client.post(
        ROADMAP + "kpis/taux-conversion/measurements/",
        {"taux-conversion-date": "2026-11-30", "taux-conversion-value": "3.3"},
    )
    assert response.status_code == 403
    assert not Measurement.objects.filter(date=date(2026, 11, 30)).exists()


def test_an_editor_adds_renames_and_deletes_a_strategy(editor_client: Client) -> None:
    editor_client.post(OBJECTIVE + "strategies/", {"key": "acquisition", "title": "Acquérir"})
    strategy = Strategy.objects.get(key="acquisition")
    assert strategy.objective == conversion()
    editor_client.post(OBJECTIVE + "strategies/acquisition/", {"title": "Acquérir plus", "version": "1"})
    strategy.refresh_from_db()
    assert (strategy.title, strategy.version) == ("Acquérir plus", 2)
    response = editor_client.post(OBJECTIVE + "strategies/acquisition/", {"delete": "1"})
    assert response["Location"] == OBJECTIVE + "#strategies"
    assert not Strategy.objects.filter(key="acquisition").exists()


def test_an_editor_adds_renames_and_deletes_a_tactic(editor_client: Client) -> None:
    base = OBJECTIVE + "strategies/valeur-vie-client/tactics/"
    editor_client.post(base, {"key": "sms", "title": "SMS de relance", "description": "À J+1"})
    tactic = Tactic.objects.get(key="sms")
    assert (tactic.strategy.key, tactic.description) == ("valeur-vie-client", "À J+1")
    editor_client.post(base + "sms/", {"title": "SMS", "description": "À J+2", "version": "1"})
    tactic.refresh_from_db()
    assert (tactic.title, tactic.description) == ("SMS", "À J+2")
    editor_client.post(base + "sms/", {"delete": "1"})
    assert not Tactic.objects.filter(key="sms").exists()


def test_renaming_a_strategy_with_a_stale_version_is_refused_with_a_message(editor_client: Client) -> None:
    strategy = Strategy.objects.get(key="valeur-vie-client")
    url = OBJECTIVE + "strategies/valeur-vie-client/"
    editor_client.post(url, {"title": "Premier", "version": str(strategy.version)})
    response = editor_client.post(url, {"title": "Second", "version": str(strategy.version)}, follow=True)
    strategy.refresh_from_db()
    assert strategy.title == "Premier"
    assert 'class="message error"' in response.content.decode()


def test_a_duplicate_strategy_key_is_shown_beside_the_key_with_the_title_kept(editor_client: Client) -> None:
    response = editor_client.post(OBJECTIVE + "strategies/", {"key": "valeur-vie-client", "title": "Doublon"})
    page = text(response)
    assert response.status_code == 422
    assert Strategy.objects.filter(key="valeur-vie-client").count() == 1
    assert 'id="new-strategy-key-error">Cette clé est déjà utilisée dans cette feuille de route.' in page
    assert 'name="title" required maxlength="200" value="Doublon"' in page
    assert '<details class="advanced" open>' in page


# Health check -------------------------------------------------------------------------------------


def test_healthz_says_ok_when_the_database_answers(client: Client, db) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_healthz_is_503_with_a_reason_when_the_database_is_down(client: Client, db) -> None:
    down = OperationalError("could not connect to server: Connection refused\nIs the server running?")
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=down):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["database"] == "down"
    assert body["reason"] == "could not connect to server: Connection refused"


def test_favicon_ico_leads_to_the_sites_mark_for_anyone(client: Client, db) -> None:
    """Browsers ask for /favicon.ico for a document that names no icon (the health check's JSON)."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/jalon/favicon.svg"
    assert client.post("/favicon.ico").status_code == 405


# A fixed number of queries ------------------------------------------------------------------------


def count_queries(client: Client, path: str) -> int:
    client.get(path)  # warm per-process caches (content types, templates)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_roadmap_page_queries_do_not_grow_with_the_number_of_objectives(
    owner_client: Client, owner: User
) -> None:
    roadmap = conversion().roadmap
    before = count_queries(owner_client, ROADMAP)
    for n in range(20):
        extra = services.create_objective(
            actor=owner, roadmap=roadmap, key=f"extra-{n}", title=f"Objectif {n}", metric="visites",
            deadline_rule="fiscal_year_end", unit="%", baseline=1, target=2, direction="increase",
            parent=conversion(),
        )  # fmt: skip
        kpi = services.create_kpi(
            actor=owner, roadmap=roadmap, key=f"kpi-{n}", name=f"KPI {n}", unit="%", frequency="monthly",
            objective=extra, target=2,
        )  # fmt: skip
        for month in (9, 10):
            services.add_measurement(actor=owner, kpi=kpi, date=date(2026, month, 28), value=1 + month / 10)
    after = count_queries(owner_client, ROADMAP)
    assert after == before, f"{before} queries with the demo, {after} with 20 more objectives"
    assert before <= 20
