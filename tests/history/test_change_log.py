"""The roadmap's change log: every recorded change in words, filtered, paged, exported, scoped to the
roadmap, and gone with the roadmap."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from jalon.accounts.models import User
from jalon.history import journal
from jalon.history.models import Change
from jalon.planning import services as planning
from jalon.planning.models import Activity, Risk, Theme
from jalon.strategy import services as strategy
from jalon.strategy.models import Measurement, Roadmap
from jalon.workspaces.permissions import Forbidden
from tests.factories import make_roadmap, make_team
from tests.history.change_log import exported, speaking, text_of
from tests.one_language import giveaways

pytestmark = pytest.mark.django_db


def journal_url(roadmap: Roadmap, suffix: str = "journal/") -> str:
    return f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/history/{suffix}"


EMAILS = tuple(f"{role}@acme.example" for role in ("owner", "editor", "viewer", "stakeholder"))


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def plan(team):
    """A roadmap with a theme and an activity whose cost, status, theme, dates and notes were changed."""
    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner, title="Plan de lancement")
    theme = planning.create(Theme, actor=owner, roadmap=roadmap, name="Notoriété", budget=Decimal("5000"))
    activity = planning.create(
        Activity, actor=owner, roadmap=roadmap, title="Salon Vivatech", status="idea",
        start=date(2026, 3, 2), end=date(2026, 3, 6), cost=Decimal("1000"),
    )  # fmt: skip
    planning.update(
        activity, actor=owner, expected_version=activity.version,
        changes={"cost": Decimal("1500.50"), "status": "planned", "theme": theme, "start": date(2026, 3, 16),
                 "end": date(2026, 3, 20), "description": "Long texte. " * 30},
    )  # fmt: skip
    return roadmap


def test_a_change_reads_in_french_with_labels_and_values_as_people_see_them(
    client: Client, team, plan
) -> None:
    client.force_login(team.owner)
    page = client.get(journal_url(plan), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    text = text_of(page)
    assert "Coût" in text and "1 000 €" in text.replace("\u202f", " ").replace("\xa0", " ")
    assert "1 500,5 €" in text.replace("\u202f", " ").replace("\xa0", " ") or "1 500,50 €" in text.replace(
        "\u202f", " "
    ).replace("\xa0", " ")
    assert "16/03/2026" in text and "02/03/2026" in text  # dates dd/mm/yyyy
    assert "idée → devient planifiée" in text  # the status by its label, not "planned"
    assert "Notoriété" in text  # the theme by its name, not its id
    assert f">{plan.activities.get().title}</a>" in page  # linked to its page while it exists
    assert "<details" in page  # the long description shortened, the whole of it a click away
    for raw in ("cost", "status", "theme", "description", "planned", "idea"):
        assert not re.search(rf"\b{raw}\b", text), raw
    assert giveaways(text, "fr", content=("Plan de lancement", "Salon Vivatech", "Notoriété", *EMAILS)) == []


def test_the_same_change_reads_in_english_on_an_english_page(client: Client, team, plan) -> None:
    client.force_login(speaking(team.owner, "en"))
    page = client.get(journal_url(plan)).content.decode()
    text = text_of(page)
    assert "Cost" in text and "16 Mar 2026" in text and "idea → becomes planned" in text
    assert (
        giveaways(
            text, "en", content=("Plan de lancement", "Salon Vivatech", "Notoriété", "Long texte.", *EMAILS)
        )
        == []
    )


def test_creation_and_deletion_lines_keep_the_last_known_name(team) -> None:
    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner)
    risk = planning.create(Risk, actor=owner, roadmap=roadmap, title="Grève des transports")
    planning.update(risk, actor=owner, expected_version=risk.version, changes={"title": "Grève SNCF"})
    planning.delete(Risk.objects.get(pk=risk.pk), actor=owner)
    found = journal.entries(roadmap, list(journal.changes_of(roadmap)))
    about_risk = [e for e in found if e.kind == "Risque" or e.kind == "Risk"]
    assert [e.event for e in about_risk] == ["deleted", "changed", "created"]
    assert {e.name for e in about_risk} == {"Grève SNCF"}  # the last name it had, even on older lines
    assert all(e.url == "" for e in about_risk)


def test_a_change_by_a_deleted_account_says_so(team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    editor = team.users["editor"]
    planning.create(Theme, actor=editor, roadmap=roadmap, name="Acquisition")
    editor.delete()
    newest = journal.entries(roadmap, list(journal.changes_of(roadmap)[:1]))[0]
    assert newest.who in ("quelqu’un dont le compte a été supprimé", "someone whose account was deleted")
    assert journal.actors_of(roadmap)[-1][0] == 0


def test_filters_keep_one_person_one_kind_one_period(team) -> None:
    owner, editor = team.owner, team.users["editor"]
    roadmap = make_roadmap(team.workspace, owner)
    planning.create(Theme, actor=editor, roadmap=roadmap, name="Acquisition")
    planning.create(Risk, actor=owner, roadmap=roadmap, title="Budget coupé")
    Change.objects.filter(roadmap=roadmap, label="Budget coupé").update(
        at=timezone.now() - timedelta(days=10)
    )
    by_editor = journal.changes_of(roadmap, journal.Filters(actor=editor.pk))
    assert {c.label for c in by_editor} == {"Acquisition"}
    risks = journal.changes_of(roadmap, journal.Filters(kind=ContentType.objects.get_for_model(Risk).pk))
    assert {c.label for c in risks} == {"Budget coupé"}
    today = timezone.localdate()
    recent = journal.changes_of(roadmap, journal.Filters(since=today - timedelta(days=1), until=today))
    assert "Budget coupé" not in {c.label for c in recent} and "Acquisition" in {c.label for c in recent}


def test_a_wrong_date_filter_is_said_and_not_applied(client: Client, team, plan) -> None:
    client.force_login(team.owner)
    page = client.get(journal_url(plan) + "?since=31/02/2026", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "aria-invalid" in page
    assert "Salon Vivatech" in page


def test_two_workspaces_and_two_roadmaps_never_mix(client: Client, team) -> None:
    other_team = make_team("globex", "Globex")
    mine = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    sibling = make_roadmap(team.workspace, team.owner, slug="plan-b", title="Plan B")
    foreign = make_roadmap(other_team.workspace, other_team.owner, slug="plan", title="Plan")
    planning.create(Theme, actor=team.owner, roadmap=mine, key="t", name="Mine")
    planning.create(Theme, actor=team.owner, roadmap=sibling, key="t", name="Sibling secret")
    planning.create(Theme, actor=other_team.owner, roadmap=foreign, key="t", name="Foreign secret")
    client.force_login(team.owner)
    page = client.get(journal_url(mine)).content.decode()
    export = exported(client.get(journal_url(mine, "journal.csv")))
    for shown in (page, export):
        assert "Mine" in shown
        assert "Sibling secret" not in shown and "Foreign secret" not in shown
    assert client.get(journal_url(foreign).replace("globex", "acme")).status_code == 200  # my own "plan"
    client.force_login(other_team.users["outsider"])
    assert client.get(journal_url(mine)).status_code == 404


def test_a_page_costs_no_more_queries_for_a_hundred_changes_than_for_ten(
    client: Client, team, django_assert_max_num_queries
) -> None:
    def roadmap_with(count: int, slug: str) -> Roadmap:
        roadmap = make_roadmap(team.workspace, team.owner, slug=slug, title=slug)
        theme = planning.create(Theme, actor=team.owner, roadmap=roadmap, name="T")
        for n in range(count // 2):
            item = planning.create(
                Activity, actor=team.owner, roadmap=roadmap, title=f"A{n}", cost=Decimal(n)
            )
            planning.update(item, actor=team.owner, expected_version=1, changes={"theme": theme})
        return roadmap

    client.force_login(team.owner)
    small, large = roadmap_with(10, "small"), roadmap_with(100, "large")
    with django_assert_max_num_queries(40) as small_queries:
        client.get(journal_url(small))
    with django_assert_max_num_queries(len(small_queries.captured_queries)) as large_queries:
        assert client.get(journal_url(large)).status_code == 200
    # a full page of 50 (of 101 changes) costs no more than a page of 11: no query per line
    assert len(large_queries.captured_queries) <= len(small_queries.captured_queries) <= 15


def test_the_csv_export_follows_the_page_language(client: Client, team, plan) -> None:
    client.force_login(team.owner)
    french = exported(client.get(journal_url(plan, "journal.csv"), HTTP_ACCEPT_LANGUAGE="fr"))
    rows = list(csv.reader(io.StringIO(french), delimiter=";"))
    assert rows[0][:3] == ["Date et heure", "Personne", "Type d’élément"]
    cost = next(row for row in rows if row[4] == "Coût")
    assert "1 500,5" in cost[6].replace("\u202f", " ").replace("\xa0", " ")
    assert any(row[4] == "Description" and len(row[6]) > 300 for row in rows)  # the whole text
    client.force_login(speaking(team.owner, "en"))
    english = exported(client.get(journal_url(plan, "journal.csv")))
    rows = list(csv.reader(io.StringIO(english)))
    assert rows[0][:3] == ["Date and time", "Person", "Kind of item"]
    assert any(row[4] == "Cost" and "1,500.5" in row[6] for row in rows)


def test_deleting_a_roadmap_deletes_its_change_log_and_keeps_the_others(team) -> None:
    doomed = make_roadmap(team.workspace, team.owner, slug="doomed", title="Doomed")
    kept = make_roadmap(team.workspace, team.owner, slug="kept", title="Kept")
    for roadmap in (doomed, kept):
        planning.create(Theme, actor=team.owner, roadmap=roadmap, name="T")
    kept_changes = set(Change.objects.filter(roadmap=kept).values_list("pk", flat=True))
    doomed_pk = doomed.pk
    strategy.delete_roadmap(actor=team.owner, roadmap=doomed, typed_title="Doomed")
    assert not Change.objects.filter(roadmap_id=doomed_pk).exists()
    assert not Change.objects.filter(label="Doomed").exists()  # not even its deletion
    assert set(Change.objects.filter(roadmap=kept).values_list("pk", flat=True)) == kept_changes


def test_a_refused_roadmap_deletion_keeps_its_change_log(team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    before = Change.objects.filter(roadmap=roadmap).count()
    with pytest.raises(Forbidden):
        strategy.delete_roadmap(actor=team.users["editor"], roadmap=roadmap, typed_title=roadmap.title)
    assert Change.objects.filter(roadmap=roadmap).count() == before > 0


def test_readers_may_read_and_export_the_change_log(client: Client, team, plan) -> None:
    for role in ("viewer", "stakeholder"):
        client.force_login(team.users[role])
        assert client.get(journal_url(plan)).status_code == 200
        assert client.get(journal_url(plan, "journal.csv")).status_code == 200


def test_every_change_names_its_roadmap_and_what_it_was_called(team, plan) -> None:
    changes = Change.objects.filter(workspace=team.workspace).exclude(content_type__app_label="workspaces")
    assert not changes.filter(roadmap__isnull=True).exists()  # the memberships' are the workspace's
    assert set(changes.values_list("label", flat=True)) >= {
        "Plan de lancement",
        "Notoriété",
        "Salon Vivatech",
    }


def test_old_changes_are_placed_in_their_roadmap_by_the_migration(team, plan) -> None:
    from importlib import import_module

    from django.apps import apps

    of_roadmaps = Change.objects.exclude(content_type__app_label="workspaces")
    of_roadmaps.update(roadmap=None)
    import_module("jalon.history.migrations.0003_change_roadmap_label").place_changes(apps, None)
    assert of_roadmaps.exists() and not of_roadmaps.filter(roadmap__isnull=True).exists()
    assert User.objects.exists()


def test_every_kind_of_change_of_the_demo_reads_without_stored_names(demo, members) -> None:
    """Roadmap settings, an objective, a KPI and its measurement, a dependency, an assignment, archiving:
    every line has a translated label and values as people read them."""
    from django.utils import translation

    from jalon.planning.models import Person
    from jalon.strategy.kpis import services as kpis

    owner, roadmap = members["owner"], demo.roadmap
    Change.objects.filter(roadmap=roadmap).delete()  # the import's lines aside: only these edits
    roadmap = strategy.update_roadmap(
        actor=owner, roadmap=roadmap, expected_version=roadmap.version,
        changes={"sector": "retail", "fiscal_year_start_month": 4, "language": "en", "type": "campaign"},
    )  # fmt: skip
    # One with no sub-objective: a parent's deadline may not come before its sub-objectives'.
    objective = (
        roadmap.objectives.filter(children__isnull=True, deadline_rule="fiscal_year_end")
        .order_by("pk")
        .first()
    )
    assert objective is not None
    strategy.update_objective(
        actor=owner, objective=objective, expected_version=objective.version,
        changes={"deadline": date(2026, 12, 31), "term": "long"},
    )  # fmt: skip
    measurement = Measurement.objects.filter(kpi__roadmap=roadmap).order_by("pk").first()
    assert measurement is not None
    kpis.update_measurement(actor=owner, measurement=measurement, date=measurement.date, value=2.5)
    kpi = measurement.kpi
    strategy.update_kpi(
        actor=owner, kpi=kpi, expected_version=kpi.version,
        changes={"benchmark_metric": "cart_abandonment_rate", "frequency": "quarterly"},
    )  # fmt: skip
    first, second = roadmap.activities.order_by("pk")[:2]
    planning.add_dependency(actor=owner, predecessor=first, successor=second, lag_days=3)
    person = Person.objects.filter(staffing__roadmap=roadmap).first()
    assert person is not None
    planning.assign(actor=owner, activity=first, person=person, hours_per_week=7.5, confirm=True)
    strategy.archive_roadmap(actor=owner, roadmap=roadmap)
    with translation.override("fr"):
        found = journal.entries(roadmap, list(journal.changes_of(roadmap)))
    lines = [(entry.kind, line) for entry in found for line in entry.lines]
    labels = {line.label for _kind, line in lines}
    assert {
        "Secteur",
        "Type",
        "Échéance",
        "Vient après",
        f"Affectation de {person.name}",
        "Archivée le",
    } <= labels
    texts = " | ".join(f"{line.label}: {line.before.text} → {line.after.text}" for _kind, line in lines)
    assert "Autre détail" not in texts and "(inconnu)" not in texts, texts
    assert "Commerce de détail" in texts and "Anglais" in texts and "31/12/2026" in texts, texts
    assert "7,5\xa0h par semaine" in texts and "(3\xa0jours plus tard)" in texts, texts
    assert "fin de l’exercice → —" in texts and "février → avril" in texts, texts
    assert "→ Taux d’abandon de panier" in texts and "cart_abandonment_rate" not in texts, texts
    assert not re.search(r"\d{4}-\d{2}-\d{2}", texts), texts  # no ISO date, no stored value


def test_a_deleted_item_keeps_its_own_name_when_another_roadmap_logged_the_same_id(team) -> None:
    """The last known name is read in this roadmap's log only, even where another roadmap (of another
    workspace) has changes recorded under the same kind and id."""
    other_team = make_team("globex", "Globex")
    mine = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    foreign = make_roadmap(other_team.workspace, other_team.owner, slug="plan", title="Plan")
    theme = planning.create(Theme, actor=team.owner, roadmap=mine, key="t", name="Mine")
    planning.create(Theme, actor=other_team.owner, roadmap=foreign, key="t", name="Foreign")
    planning.delete(Theme.objects.get(pk=theme.pk), actor=team.owner)
    Change.objects.create(  # logged after the deletion: the newest change of that kind and id
        workspace=other_team.workspace, roadmap=foreign, label="Foreign secret",
        content_type=ContentType.objects.get_for_model(Theme), object_id=theme.pk, version=9,
        fields={"name": ["a", "b"]},
    )  # fmt: skip
    found = journal.entries(mine, list(journal.changes_of(mine)))
    assert {entry.name for entry in found if entry.kind in ("Groupe thématique", "Thematic group")} == {
        "Mine"
    }
    assert all("Foreign" not in entry.name for entry in found)
    assert journal.actors_of(mine) == [(team.owner.pk, str(team.owner))]  # the filter's people: mine only


def test_the_csv_export_streams_every_change_once_batch_after_batch(
    client: Client, team, plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch of 3 changes at a time, several changes at the very same moment: each is in the file once
    (the next batch starts after the last change of the one before, by time then id), newest first."""
    from jalon.history import journal_views

    for n in range(7):
        planning.create(Theme, actor=team.owner, roadmap=plan, key=f"t{n}", name=f"Thème {n}")
    same_moment = timezone.now()
    Change.objects.filter(roadmap=plan, label__startswith="Thème").update(at=same_moment)
    monkeypatch.setattr(journal_views, "CSV_BATCH", 3)
    client.force_login(team.owner)
    response = client.get(journal_url(plan, "journal.csv"))
    rows = list(csv.reader(io.StringIO(exported(response)), delimiter=";"))[1:]
    names = [row[3] for row in rows if row[3].startswith("Thème ")]
    assert names == [f"Thème {n}" for n in range(6, -1, -1)]  # once each, the latest recorded first
    assert len(rows) == sum(
        max(1, len(e.lines)) for e in journal.entries(plan, list(journal.changes_of(plan)))
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [("fr", "Filtré : personne {actor} · à partir du 2 mars 2026 · jusqu’au 20 mars 2026"),
     ("en", "Filtered: person {actor} · from 2 March 2026 · until 20 March 2026")],
)  # fmt: skip
def test_a_filtered_change_log_says_its_filters_in_a_line_for_paper_and_none_unfiltered(
    client: Client, team, plan, language: str, said: str
) -> None:
    """The change log's filter bar is left off the paper (print.css): a line that only paper shows names the
    person and the period it keeps, in the page's language."""
    owner = speaking(team.owner, language)
    client.force_login(owner)
    actor = dict(journal.actors_of(plan))[owner.pk]
    query = f"?actor={owner.pk}&since=2026-03-02&until=2026-03-20"
    page = client.get(journal_url(plan) + query).content.decode()
    line = re.search(r'<p class="print-only print-filters">([^<]*)</p>', page)
    assert line is not None and text_of(line.group(1)).replace("\u00a0", " ") == said.format(actor=actor)
    assert "print-filters" not in client.get(journal_url(plan)).content.decode()
