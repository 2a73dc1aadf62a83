"""The activity page and its forms: create, edit (French decimals, duration, stale versions), delete after
confirmation, dependencies (cycles refused), assignments (an overload is shown before saving), roles."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from jalon.planning import services
from jalon.planning.models import Activity, Assignment, Dependency, Milestone, Person, Theme
from tests.factories import HTMX
from tests.planning import backlog as backlog
from tests.planning.activity_forms import ACTIVITIES, BRIEF, activity, form_data
from tests.planning.backlog import ROADMAP, add_activity, new_roadmap, text

# The backlog tests' fixtures: a small team, and a roadmap with themes, people and three activities.
members, owner_client, plan = backlog.members, backlog.owner_client, backlog.plan


# Reading -------------------------------------------------------------------------------------------


@pytest.fixture
def detailed(plan, members):
    """The brief comes after the survey; Alice works on it; it belongs to a milestone."""
    owner = members["owner"]
    services.add_dependency(actor=owner, predecessor=plan["survey"], successor=plan["brief"], lag_days=2)
    services.add_dependency(actor=owner, predecessor=plan["brief"], successor=plan["launch"], lag_days=3)
    services.assign(actor=owner, activity=plan["brief"], person=plan["alice"], hours_per_week=7.5)
    milestone = services.create(
        Milestone, actor=owner, roadmap=plan["roadmap"], key="go", title="Go campagne", date=date(2026, 9, 30)
    )
    milestone.activities.set([plan["brief"]])
    return plan


def test_activity_page_shows_its_fields_scores_links_people_and_milestones(owner_client, detailed):
    response = owner_client.get(BRIEF)
    page = text(response)
    assert response.status_code == 200
    assert "<h1>Brief agence" in page
    expected = (
        "Acquisition", "Alice Martin", "07/09/2026", "11/09/2026", "1 000 €", "5 000 €", "3,5", "80 %",
        "Augmenter les taux de conversion", "gain rapide", "Go campagne",
    )  # fmt: skip
    for shown in expected:
        assert shown in page, shown
    dependencies = page[page.index('id="dependencies"') : page.index('id="assignments"')]
    assert "Enquête clients" in dependencies and "Lancement" in dependencies
    assert "Vient après" in dependencies and "Suivie de" in dependencies
    assignments = page[page.index('id="assignments"') :]
    assert "Alice Martin" in assignments and 'value="7,5"' in assignments


def test_activity_page_shows_who_changed_what(owner_client, plan, members):
    services.update(plan["brief"], actor=members["editor"], expected_version=1, changes={"title": "Brief v2"})
    history = text(owner_client.get(BRIEF)).split('id="history-title"')[1]
    assert members["editor"].email in history
    assert "Titre : Brief agence → Brief v2" in history


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_see_the_activity_without_any_edit_control(client, detailed, members, role):
    client.force_login(members[role])
    response = client.get(BRIEF)
    page = text(response)
    assert response.status_code == 200
    assert "Alice Martin" in page
    assert "/edit/" not in page and "/delete/" not in page
    assert '<form method="post" action="/w/' not in page  # no add/remove/assign form


def test_an_outsider_gets_not_found_for_the_activity(client, plan, members):
    client.force_login(members["outsider"])
    assert client.get(BRIEF).status_code == 404
    assert client.post(BRIEF + "edit/", form_data(plan["brief"], title="Pwned")).status_code == 404
    assert activity("brief").title == "Brief agence"


def test_an_activity_of_another_roadmap_is_not_found_here(owner_client, plan, members, team):
    other = new_roadmap(team.workspace, members["owner"], "other")
    add_activity(other, members["owner"], "elsewhere")
    assert owner_client.get(ACTIVITIES + "elsewhere/").status_code == 404
    assert owner_client.get(ACTIVITIES + "elsewhere/edit/").status_code == 404
    assert owner_client.post(ACTIVITIES + "elsewhere/delete/").status_code == 404
    assert Activity.objects.filter(key="elsewhere").exists()


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("new/", {"title": "Sneaky"}),
        ("brief/edit/", {"title": "Sneaky", "status": "idea", "version": "1"}),
        ("brief/delete/", {}),
        ("brief/dependencies/", {"predecessor": "launch", "lag_days": "0"}),
        ("brief/assignments/", {"person": "bob", "hours_per_week": "5"}),
        ("brief/assignments/alice/delete/", {}),
    ],
)
def test_readers_cannot_write(client, detailed, members, role, url, data):
    client.force_login(members[role])
    before = (Activity.objects.count(), Dependency.objects.count(), Assignment.objects.count())
    assert client.post(ACTIVITIES + url, data).status_code == 403
    assert (Activity.objects.count(), Dependency.objects.count(), Assignment.objects.count()) == before
    assert activity("brief").title == "Brief agence"


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_cannot_open_the_forms(client, plan, members, role):
    client.force_login(members[role])
    assert client.get(ACTIVITIES + "new/").status_code == 403
    assert client.get(BRIEF + "edit/").status_code == 403
    assert client.get(BRIEF + "delete/").status_code == 403


# Creating and editing -------------------------------------------------------------------------------


def test_the_form_offers_only_this_roadmaps_themes_people_and_objectives(owner_client, plan, members, team):
    other = new_roadmap(team.workspace, members["owner"], "other")
    services.create(Theme, actor=members["owner"], roadmap=other, key="x", name="Thème ailleurs")
    services.create(Person, actor=members["owner"], roadmap=other, key="y", name="Personne ailleurs")
    page = text(owner_client.get(ACTIVITIES + "new/"))
    assert "Acquisition" in page and "Alice Martin" in page and "Augmenter les taux de conversion" in page
    assert "Thème ailleurs" not in page and "Personne ailleurs" not in page
    assert page.count("Augmenter les taux de conversion") == 1


def test_editor_creates_an_activity_with_french_decimals_and_a_duration(client, plan, members):
    client.force_login(members["editor"])
    response = client.post(ACTIVITIES + "new/", form_data(
        title="Webinaire produit", theme=plan["brief"].theme.pk, owner=plan["bob"].pk, status="planned",
        start="2026-11-02", duration_days="3", effort_days="2,5", cost="1234,50", value="8000", impact="3",
        feasibility="4", confidence="60", objectives=[plan["conversion"].pk],
    ))  # fmt: skip
    assert response.status_code == 302
    created = activity("webinaire-produit")
    assert response["Location"] == ACTIVITIES + "webinaire-produit/"
    assert (created.effort_days, created.cost, created.end) == (2.5, Decimal("1234.50"), date(2026, 11, 4))
    assert list(created.objectives.all()) == [plan["conversion"]]
    assert created.owner == plan["bob"]


def test_a_new_activity_gets_a_free_key_from_its_title(owner_client, plan):
    for _ in range(2):
        assert owner_client.post(ACTIVITIES + "new/", form_data(title="Brief")).status_code == 302
    assert set(Activity.objects.filter(title="Brief").values_list("key", flat=True)) == {"brief-2", "brief-3"}


def test_the_key_new_is_refused_because_it_is_the_creation_address(owner_client, plan):
    response = owner_client.post(ACTIVITIES + "new/", form_data(title="X", key="new"))
    assert response.status_code == 422
    assert "« new » est un mot des adresses" in text(response)  # text() makes no-break spaces plain


def test_a_used_key_is_an_inline_error(owner_client, plan):
    response = owner_client.post(ACTIVITIES + "new/", form_data(title="X", key="brief"))
    assert response.status_code == 422
    assert "Cette clé est déjà utilisée dans cette feuille de route." in text(response)
    assert Activity.objects.filter(roadmap=plan["roadmap"], key="brief").count() == 1


def test_errors_are_shown_inline_in_french_and_nothing_is_saved(owner_client, plan):
    response = owner_client.post(ACTIVITIES + "new/", form_data(
        title="", start="2026-10-10", end="2026-10-01", impact="9", cost="abc"
    ))  # fmt: skip
    page = text(response)
    assert response.status_code == 422
    assert "Rien n’a été enregistré" in page
    assert "Ce champ est obligatoire." in page  # the title
    assert "La fin ne peut pas précéder le début." in page
    assert "« abc » n’est pas un nombre." in page  # the cost (text() makes no-break spaces plain)
    assert 'aria-invalid="true"' in page
    assert Activity.objects.filter(roadmap=plan["roadmap"]).count() == 3


def test_an_end_and_a_different_duration_are_refused(owner_client, plan):
    response = owner_client.post(ACTIVITIES + "new/", form_data(
        title="X", start="2026-10-01", end="2026-10-31", duration_days="3"
    ))  # fmt: skip
    assert response.status_code == 422
    assert "Indiquez soit une date de fin, soit une durée, pas les deux." in text(response)


def test_a_theme_of_another_roadmap_is_not_a_valid_choice(owner_client, plan, members, team):
    other = new_roadmap(team.workspace, members["owner"], "other")
    foreign = services.create(Theme, actor=members["owner"], roadmap=other, key="x", name="Ailleurs")
    response = owner_client.post(BRIEF + "edit/", form_data(plan["brief"], theme=foreign.pk))
    assert response.status_code == 422
    assert "Sélectionnez un choix valide." in text(response)
    assert activity("brief").theme == plan["brief"].theme


def test_edit_form_shows_the_current_values_in_french(owner_client, plan):
    page = owner_client.get(BRIEF + "edit/").content.decode()
    assert 'name="effort_days" value="3,5"' in page
    assert 'name="start" value="07/09/2026"' in page
    assert 'name="version" value="1"' in page


def test_editing_saves_and_shows_the_activity(owner_client, plan):
    response = owner_client.post(
        BRIEF + "edit/", form_data(plan["brief"], title="Brief agence v2", spent="250,5")
    )
    assert response.status_code == 302 and response["Location"] == BRIEF
    saved = activity("brief")
    assert (saved.title, saved.spent, saved.version) == ("Brief agence v2", Decimal("250.50"), 2)
    assert "Activité enregistrée." in text(owner_client.get(BRIEF))


def test_a_stale_version_is_a_conflict_showing_what_changed(owner_client, plan, members):
    form = form_data(plan["brief"], title="Mon titre")
    services.update(
        plan["brief"], actor=members["editor"], expected_version=1, changes={"title": "Leur titre"}
    )
    response = owner_client.post(BRIEF + "edit/", form)
    page = text(response)
    assert response.status_code == 409
    assert "Quelqu’un d’autre a enregistré cet élément pendant que vous le modifiiez." in page
    assert "Leur titre" in page and 'value="Mon titre"' in page
    assert 'name="version" value="2"' in page  # saving again keeps this user's values
    assert activity("brief").title == "Leur titre"
    assert owner_client.post(BRIEF + "edit/", {**form, "version": "2"}).status_code == 302
    assert activity("brief").title == "Mon titre"


def test_delete_asks_first_then_deletes(owner_client, detailed):
    confirm = text(owner_client.get(BRIEF + "delete/"))
    assert "Supprimer « Brief agence » ? Cette action est irréversible." in confirm
    assert "2 dépendances seront supprimées avec elle." in confirm
    assert "1 affectation sera supprimée avec elle." in confirm
    assert Activity.objects.filter(key="brief").exists()
    response = owner_client.post(BRIEF + "delete/")
    assert response.status_code == 302 and response["Location"] == ROADMAP + "backlog/"
    assert not Activity.objects.filter(key="brief").exists()
    assert "Activité « Brief agence » supprimée." in text(owner_client.get(ROADMAP + "backlog/"))


# Dependencies --------------------------------------------------------------------------------------


def test_add_a_dependency_with_a_lag(owner_client, plan):
    response = owner_client.post(BRIEF + "dependencies/", {"predecessor": "survey", "lag_days": "4"})
    assert response.status_code == 302 and response["Location"] == BRIEF + "#dependencies"
    link = Dependency.objects.get(successor=plan["brief"])
    assert (link.predecessor.key, link.lag_days) == ("survey", 4)


def test_a_dependency_cycle_is_refused_with_a_clear_error(owner_client, plan, members):
    services.add_dependency(actor=members["owner"], predecessor=plan["brief"], successor=plan["launch"])
    response = owner_client.post(BRIEF + "dependencies/", {"predecessor": "launch", "lag_days": "0"}, **HTMX)
    page = text(response)
    assert response.status_code == 422
    assert page.startswith('<section id="dependencies"')  # htmx: the section alone
    assert "Cette dépendance créerait un cycle." in page
    assert not Dependency.objects.filter(successor=plan["brief"]).exists()


def test_an_activity_cannot_be_chosen_as_its_own_predecessor(owner_client, plan):
    page = owner_client.get(BRIEF).content.decode()
    options = re.search(r'<select name="predecessor".*?</select>', page, re.S)
    assert (
        options is not None
        and 'value="brief"' not in options.group(0)
        and 'value="launch"' in options.group(0)
    )


def test_remove_a_dependency(owner_client, detailed):
    response = owner_client.post(BRIEF + "dependencies/survey/delete/", **HTMX)
    assert response.status_code == 200
    assert "Elle n’attend aucune autre activité." in text(response)
    assert not Dependency.objects.filter(successor=detailed["brief"]).exists()


def test_removing_a_link_the_activity_does_not_have_is_not_found_and_removes_nothing(owner_client, detailed):
    # The launch waits for the brief and Alice works on the brief: neither is a link of the launch.
    launch = ACTIVITIES + "launch/"
    assert owner_client.post(launch + "dependencies/survey/delete/", **HTMX).status_code == 404
    assert owner_client.post(launch + "assignments/alice/delete/", **HTMX).status_code == 404
    assert Dependency.objects.filter(successor=detailed["brief"]).count() == 1
    assert Assignment.objects.filter(activity=detailed["brief"]).count() == 1


# Assignments and overload ---------------------------------------------------------------------------


def test_assign_within_capacity_saves_at_once(owner_client, plan):
    response = owner_client.post(BRIEF + "assignments/", {"person": "bob", "hours_per_week": "10,5"})
    assert response.status_code == 302 and response["Location"] == BRIEF + "#assignments"
    assert Assignment.objects.get(activity=plan["brief"], person=plan["bob"]).hours_per_week == 10.5


def test_assigning_beyond_capacity_warns_before_saving_then_saves_on_confirm(owner_client, plan):
    response = owner_client.post(BRIEF + "assignments/", {"person": "alice", "hours_per_week": "40"})
    page = text(response)
    assert response.status_code == 200
    assert "Affecter Alice Martin dépasserait sa capacité :" in page
    assert "Alice Martin travaillerait 40 h la semaine du 7 septembre 2026 pour une capacité de 35 h" in page
    assert "Affecter quand même" in page
    assert re.search(r'<input type="hidden" name="confirm" value="1">', page)
    assert not Assignment.objects.filter(activity=plan["brief"]).exists()

    confirmed = owner_client.post(
        BRIEF + "assignments/", {"person": "alice", "hours_per_week": "40", "confirm": "1"}
    )
    assert confirmed.status_code == 302
    assert Assignment.objects.get(activity=plan["brief"], person=plan["alice"]).hours_per_week == 40


def test_the_overload_question_comes_back_as_the_assignments_section_with_htmx(owner_client, plan):
    response = owner_client.post(
        BRIEF + "assignments/", {"person": "alice", "hours_per_week": "37,5"}, **HTMX
    )
    page = text(response)
    assert response.status_code == 200
    assert page.startswith('<section id="assignments"')
    assert 'name="hours_per_week" value="37,5"' in page  # posted again as typed, in French
    assert 'role="alert"' in page


def test_changing_hours_and_unassigning(owner_client, detailed):
    assert (
        owner_client.post(BRIEF + "assignments/", {"person": "alice", "hours_per_week": "12"}).status_code
        == 302
    )
    assert Assignment.objects.get(activity=detailed["brief"]).hours_per_week == 12
    response = owner_client.post(BRIEF + "assignments/alice/delete/", **HTMX)
    assert response.status_code == 200
    assert "Personne n’est encore affecté." in text(response)
    assert not Assignment.objects.filter(activity=detailed["brief"]).exists()


def test_a_person_of_another_roadmap_cannot_be_assigned(owner_client, plan, members, team):
    other = new_roadmap(team.workspace, members["owner"], "other")
    services.create(Person, actor=members["owner"], roadmap=other, key="zoe", name="Zoé")
    response = owner_client.post(BRIEF + "assignments/", {"person": "zoe", "hours_per_week": "5"})
    assert response.status_code == 422
    assert not Assignment.objects.filter(activity=plan["brief"]).exists()


def test_negative_hours_are_an_inline_error(owner_client, plan):
    response = owner_client.post(BRIEF + "assignments/", {"person": "bob", "hours_per_week": "-3"}, **HTMX)
    assert response.status_code == 422
    assert "supérieure ou égale à 0" in text(response)


# English -------------------------------------------------------------------------------------------


def test_the_activity_page_and_overload_warning_in_english(client, plan, members):
    owner = members["owner"]
    owner.language = "en"
    owner.save(update_fields=["language"])
    client.force_login(owner)
    page = text(client.get(BRIEF))
    assert "Comes after" in page and "Assign a team member" in page and "7 Sep 2026" in page
    warning = text(client.post(BRIEF + "assignments/", {"person": "alice", "hours_per_week": "40.5"}))
    assert "Assigning Alice Martin would exceed their capacity:" in warning
    assert "Assign anyway" in warning
    assert 'name="hours_per_week" value="40.5"' in warning


def test_the_activity_page_costs_the_same_queries_for_3_and_30_activities(owner_client, detailed, members):
    small = backlog.queries_on(owner_client, BRIEF)
    backlog.grow_backlog(detailed["roadmap"], members["owner"], 27)
    for n in range(0, 27, 3):  # more links and people around it, too
        services.add_dependency(
            actor=members["owner"], predecessor=activity(f"a{n}"), successor=detailed["brief"]
        )
    assert backlog.queries_on(owner_client, BRIEF) == small
