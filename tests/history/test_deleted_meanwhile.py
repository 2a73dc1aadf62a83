"""A save that reaches an item deleted in another tab (a KPI, an objective, an activity, a measurement) gets a
page in the user's language that says the item was deleted, by whom and when when the change log knows
(410 Gone), with a link back to its list; one mechanism for every edit (``jalon.history.deleted``). A
stranger to the roadmap still gets the plain "page not found"."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
from django.test import Client

from jalon.planning import services as planning
from jalon.planning.models import Activity, CommunicationItem, Milestone, Person, Risk, Theme
from jalon.planning.reviews import services as reviews
from jalon.strategy import services
from jalon.strategy.kpis import services as measurements
from jalon.strategy.models import KPI, Roadmap
from tests.factories import Team, make_roadmap

pytestmark = pytest.mark.django_db

PLAN = "/w/acme/r/plan/"


def text(response: Any) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\u00a0", " ").split())


@pytest.fixture
def plan(team: Team) -> Roadmap:
    return make_roadmap(team.workspace, team.owner)


@pytest.fixture
def editor(client: Client, team: Team) -> Client:
    client.force_login(team.users["editor"])
    return client


def english(client: Client) -> Client:
    client.post("/language/", {"language": "en", "next": "/"})
    return client


def kpi_deleted_by_the_owner(team: Team, plan: Roadmap) -> KPI:
    kpi = services.create_kpi(actor=team.owner, roadmap=plan, name="Visites du site", frequency="monthly")
    services.delete_kpi(actor=team.owner, kpi=kpi)
    return kpi


def test_saving_a_kpi_deleted_in_another_tab_says_who_deleted_it_in_french(
    editor: Client, team: Team, plan: Roadmap
) -> None:
    kpi = kpi_deleted_by_the_owner(team, plan)
    response = editor.post(f"{PLAN}kpis/{kpi.key}/edit/", {"name": "Visites", "version": "1"})
    page = text(response)
    assert response.status_code == 410
    assert "Cet élément a été supprimé" in page
    assert f"« Visites du site » a été supprimé par {team.owner}" in page
    assert "vos modifications n’ont pas été enregistrées" in page
    assert f'href="{PLAN}kpis/">Retour à la liste</a>' in page
    assert "Page introuvable" not in page


def test_saving_a_kpi_deleted_in_another_tab_says_who_deleted_it_in_english(
    editor: Client, team: Team, plan: Roadmap
) -> None:
    kpi = kpi_deleted_by_the_owner(team, plan)
    response = english(editor).post(f"{PLAN}kpis/{kpi.key}/edit/", {"name": "Visites", "version": "1"})
    page = text(response)
    assert response.status_code == 410
    assert "This item was deleted" in page
    assert f"“Visites du site” was deleted by {team.owner} on" in page
    assert f'href="{PLAN}kpis/">Back to the list</a>' in page
    assert "supprimé" not in page


def test_saving_an_objective_deleted_meanwhile_leads_back_to_the_smart_table(
    editor: Client, team: Team, plan: Roadmap
) -> None:
    objective = services.create_objective(
        actor=team.owner, roadmap=plan, title="Fidéliser", deadline=date(2026, 6, 30)
    )
    services.delete_objective(actor=team.owner, objective=objective)
    response = editor.post(f"{PLAN}o/{objective.key}/edit/", {"title": "Fidéliser", "version": "1"})
    page = text(response)
    assert response.status_code == 410
    assert f"« Fidéliser » a été supprimé par {team.owner}" in page
    assert f'href="{PLAN}">Retour à la liste</a>' in page


def test_saving_an_activity_deleted_meanwhile_is_told_the_same_way(
    editor: Client, team: Team, plan: Roadmap
) -> None:
    activity = planning.create(Activity, actor=team.owner, roadmap=plan, title="Salon")
    planning.delete(activity, actor=team.owner)
    response = english(editor).post(
        f"{PLAN}activities/{activity.key}/edit/", {"title": "Salon", "version": "1"}
    )
    assert response.status_code == 410
    assert f"“Salon” was deleted by {team.owner} on" in text(response)


def test_a_measurement_deleted_meanwhile_is_said_gone_without_a_name_the_log_does_not_tie(
    editor: Client, team: Team, plan: Roadmap
) -> None:
    kpi = services.create_kpi(actor=team.owner, roadmap=plan, name="Visites", frequency="monthly")
    measurements.add_measurements(actor=team.owner, kpi=kpi, rows=[(date(2026, 2, 1), 10.0)])
    measurement = kpi.measurements.get()
    pk = measurement.pk
    measurements.delete_measurement(actor=team.owner, measurement=measurement)
    url = f"{PLAN}kpis/{kpi.key}/measurements/{pk}/"
    response = editor.post(url, {f"m{pk}-date": "2026-02-01", f"m{pk}-value": "12"})
    page = text(response)
    assert response.status_code == 404
    assert "Cet élément a été supprimé" in page and "Vos modifications n’ont pas été enregistrées." in page
    assert f'href="{PLAN}kpis/{kpi.key}/">Retour à la liste</a>' in page  # the KPI's measurements


def _deleted(team: Team, plan: Roadmap, kind: str) -> tuple[str, dict[str, str], str]:
    """An item of ``kind`` the owner deleted: the address its form was sent to, what it sent, and the list
    the item was shown in (after ``PLAN``)."""
    owner = team.owner

    def planned(model: Any, key: str, **fields: Any) -> Any:
        item = planning.create(model, actor=owner, roadmap=plan, key=key, **fields)
        planning.delete(item, actor=owner)
        return item

    if kind == "activity":
        planned(Activity, "salon", title="Salon")
        return "activities/salon/edit/", {"title": "Salon", "version": "1"}, "backlog/"
    if kind == "milestone":
        planned(Milestone, "launch", title="Launch", date=date(2026, 6, 1))
        return "milestones/launch/", {"title": "Launch", "date": "2026-06-01", "version": "1"}, "milestones/"
    if kind == "risk":
        planned(Risk, "delay", title="Delay", probability=2, impact=2)
        return "risks/delay/", {"title": "Delay", "version": "1"}, "risks/"
    if kind == "communication":
        planned(
            CommunicationItem, "news", audience="teams", message="News", channel="Email", frequency="weekly"
        )
        return "communication/news/", {"message": "News", "version": "1"}, "communication/"
    if kind == "theme":
        planned(Theme, "acq", name="Acquisition")
        return "budget/themes/acq/", {"name": "Acquisition", "version": "1"}, "budget/"
    if kind == "review":
        review = reviews.create_review(
            actor=owner, roadmap=plan, key="t1", title="Revue T1", held_on=date(2026, 4, 2)
        )
        planning.delete(review, actor=owner)
        return "reviews/t1/", {"title": "Revue T1", "held_on": "2026-04-02", "version": "1"}, "reviews/"
    if kind == "person":
        person = planning.create(Person, actor=owner, roadmap=plan, key="ada", name="Ada")
        planning.delete(person, actor=owner)
        return "people/ada/assignments/", {"activity": "salon", "hours_per_week": "5"}, "people/"
    if kind == "kpi":
        kpi = kpi_deleted_by_the_owner(team, plan)
        return f"kpis/{kpi.key}/edit/", {"name": "Visites", "version": "1"}, "kpis/"
    if kind == "objective":
        objective = services.create_objective(actor=owner, roadmap=plan, key="grow", title="Grow")
        services.delete_objective(actor=owner, objective=objective)
        return "o/grow/edit/", {"title": "Grow", "version": "1"}, ""
    if kind == "strategy":  # its objective is still there: its page holds the goal → strategy → tactic tree
        objective = services.create_objective(actor=owner, roadmap=plan, key="grow", title="Grow")
        way = services.create_strategy(actor=owner, roadmap=plan, objective=objective, key="seo", title="SEO")
        services.delete_strategy(actor=owner, strategy=way)
        return "o/grow/strategies/seo/", {"title": "SEO", "version": "1"}, "o/grow/"
    # kind == "predecessor": a dependency's predecessor deleted; the activity's page lists its dependencies
    planning.create(Activity, actor=owner, roadmap=plan, key="launch", title="Launch")
    planned(Activity, "brief", title="Brief")
    return "activities/launch/dependencies/brief/delete/", {}, "activities/launch/"


@pytest.mark.parametrize(
    "kind",
    [
        "activity", "milestone", "risk", "communication", "theme", "review", "person", "kpi", "objective",
        "strategy", "predecessor",
    ],
)  # fmt: skip
def test_the_page_after_saving_a_deleted_item_leads_back_to_the_list_it_was_in(
    editor: Client, team: Team, plan: Roadmap, kind: str
) -> None:
    """An activity goes back to the backlog (not the roadmap's page), a strategy to its objective's page,
    a dependency whose predecessor went to the activity's page: where the item was listed."""
    address, data, back = _deleted(team, plan, kind)
    response = editor.post(PLAN + address, data)
    assert response.status_code in (404, 410)
    page = text(response)
    assert "Cet élément a été supprimé" in page, kind
    assert f'href="{PLAN}{back}">Retour à la liste</a>' in page, kind


def test_a_persona_deleted_meanwhile_is_said_on_the_personas_page(
    editor: Client, team: Team, plan: Roadmap
) -> None:
    """The framing's items are saved from their list page, with the item in the form: the refusal comes back
    on that page, which is the list already."""
    from jalon.framing import services as framing
    from jalon.framing.models import Persona

    opened = framing.open_framing(actor=team.owner, roadmap=plan)
    persona = framing.create(Persona, actor=team.owner, framing=opened, name="Léa")
    framing.delete(persona, actor=team.owner)
    response = editor.post(
        f"{PLAN}framing/personas/", {"op": "persona", "item": str(persona.pk), "name": "Léa", "version": "1"}
    )
    assert response.status_code == 422
    page = text(response)
    assert "Cet élément n’existe plus." in page
    assert "<title>Personae · Plan" in page  # the personas page (French: « Personae »)


def test_a_stranger_to_the_roadmap_still_gets_the_plain_page_not_found(
    client: Client, team: Team, plan: Roadmap
) -> None:
    kpi = kpi_deleted_by_the_owner(team, plan)
    client.force_login(team.users["outsider"])
    response = client.post(f"{PLAN}kpis/{kpi.key}/edit/", {"name": "Visites", "version": "1"})
    page = text(response)
    assert response.status_code == 404
    assert "Page introuvable" in page and "Visites du site" not in page


def test_opening_a_deleted_items_page_says_who_deleted_it_without_a_lost_change(
    editor: Client, team: Team, plan: Roadmap
) -> None:
    """Back to a deleted item's page, or a link on a page the browser kept from before the deletion."""
    kpi = kpi_deleted_by_the_owner(team, plan)
    response = editor.get(f"{PLAN}kpis/{kpi.key}/")
    page = text(response)
    assert response.status_code == 410
    assert "« Visites du site » a été supprimé le" in page and f"par {team.owner}." in page
    assert "enregistrées" not in page, "nothing was being saved"
    assert f'href="{PLAN}kpis/">Retour à la liste</a>' in page


def test_opening_an_address_the_change_log_never_deleted_keeps_the_plain_page_not_found(
    editor: Client, team: Team, plan: Roadmap
) -> None:
    kpi_deleted_by_the_owner(team, plan)
    response = editor.get(f"{PLAN}kpis/visites-du-sitee/")
    assert response.status_code == 404
    assert "Page introuvable" in text(response)


def test_the_deletion_is_found_in_the_database_not_by_reading_the_whole_change_log(
    team: Team, plan: Roadmap
) -> None:
    """Every key or id change of the roadmap used to be read into Python to find one deletion: a change
    log of 100,000 rows was read whole on each such save. Only the deletions of the address's keys are
    read now, whether the item is named by its key or by its id (a number in the log)."""
    from django.db.models.signals import post_init

    from jalon.history.deleted import _deletion
    from jalon.history.models import Change

    for n in range(30):
        activity = planning.create(Activity, actor=team.owner, roadmap=plan, title=f"Atelier {n}")
        planning.delete(activity, actor=team.owner)
    salon = planning.create(Activity, actor=team.owner, roadmap=plan, title="Salon")
    planning.delete(salon, actor=team.owner)
    numbered = Change.objects.filter(roadmap=plan).latest("pk")
    gone = {"id": [4242, None], "title": ["Hypothèse", None]}  # an item named by its id, as the framing's
    Change.objects.create(
        workspace=plan.workspace, roadmap=plan, label="Hypothèse", content_type=numbered.content_type,
        object_id=4242, version=2, actor=team.owner, fields=gone,
    )  # fmt: skip
    read: list[Change] = []

    def count(sender: Any, instance: Any, **kwargs: Any) -> None:
        read.append(instance)

    post_init.connect(count, sender=Change)
    try:
        found, found_key = _deletion(plan, [salon.key])
        by_id, _ = _deletion(plan, ["4242"])
        missing, missing_key = _deletion(plan, ["nothing-here"])
    finally:
        post_init.disconnect(count, sender=Change)
    assert found is not None and found.label == "Salon" and found_key == salon.key
    assert by_id is not None and by_id.label == "Hypothèse"
    assert missing is None and missing_key == "nothing-here"
    assert len(read) == 2, [change.label for change in read]


def test_a_page_not_found_that_no_middleware_saw_is_a_plain_page_not_found() -> None:
    """A static file that does not exist is answered by the site's 404 handler with a request that went
    through no middleware (no ``user``): asking it about a deletion was a server error (500)."""
    from django.http import Http404
    from django.test import RequestFactory

    from jalon.views import page_not_found

    request = RequestFactory().get("/static/jalon/missing.css")
    assert page_not_found(request, Http404()).status_code == 404
