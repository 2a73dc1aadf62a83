"""CSV import of activities: Jalon's own export and the CSV exports of Trello, Asana and Jira become
activities of the roadmap; a file with one bad row writes nothing and lists every bad row with its line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from jalon.demo.loader import DEMO_FILE
from jalon.documents.backlog_export import backlog_csv
from jalon.documents.csv_cells import BadCell, parse_date, parse_money, parse_number, status_from_name
from jalon.documents.csv_headers import detect_source
from jalon.documents.csv_import import CsvProblems
from jalon.documents.csv_write import import_activities
from jalon.documents.services import import_roadmap
from jalon.documents.tables import decode, read_table
from jalon.history.models import Change
from jalon.planning.models import Activity, Dependency, Person
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Workspace

FIXTURES = Path(__file__).with_name("fixtures")


def fixture(name: str) -> str:
    return decode((FIXTURES / name).read_bytes())


def counts() -> tuple[int, int, int, int]:
    return (
        Activity.objects.count(),
        Dependency.objects.count(),
        Person.objects.count(),
        Change.objects.count(),
    )


def refused(roadmap: Roadmap, text: str, **options: Any) -> list[tuple[str, str]]:
    """Import a bad file; prove nothing was written; return its problems."""
    before = counts()
    with pytest.raises(CsvProblems) as error:
        import_activities(actor=None, roadmap=roadmap, text=text, **options)
    assert counts() == before
    return error.value.problems


def imported(roadmap: Roadmap, text: str, **options: Any) -> dict[str, Activity]:
    created = import_activities(actor=None, roadmap=roadmap, text=text, **options)
    return {activity.key: activity for activity in created}


# Each tool's export -------------------------------------------------------------------------------


def test_a_trello_board_becomes_activities(demo) -> None:
    created = imported(demo.roadmap, fixture("trello.csv"))
    quiz = created["quiz-trouvez-votre-pointure"]
    assert quiz.title == "Quiz « Trouvez votre pointure »"
    assert (quiz.status, quiz.start, quiz.end) == ("in_progress", date(2026, 12, 7), date(2026, 12, 18))
    assert quiz.owner is not None and quiz.owner.key == "camille"  # "Camille Petit (camillepetit)"
    assert quiz.theme is not None and quiz.theme.key == "conversion"  # the label "… (orange)"
    assert quiz.description.startswith("Un quiz de trois questions")
    statuses = {key: activity.status for key, activity in created.items()}
    assert statuses == {
        "quiz-trouvez-votre-pointure": "in_progress",  # list "En cours"
        "relance-des-avis-clients-apres-livraison": "planned",  # list "À faire"
        "pages-magasins-a-jour-horaires-de-fetes": "done",  # Due Complete
        "partenariat-avec-des-influenceurs-running": "idea",  # list "Idées"
    }


def test_an_asana_project_becomes_activities(demo) -> None:
    created = imported(demo.roadmap, fixture("asana.csv"))
    guide = created["guide-des-tailles-interactif"]
    assert (guide.status, guide.owner.key, guide.theme.key) == ("in_progress", "leo", "experience-achat")  # type: ignore[union-attr]
    assert created["banniere-de-rentree"].status == "done"  # Completed At is filled
    ambassadors = created["programme-dambassadeurs"]
    assert (ambassadors.status, ambassadors.owner, ambassadors.start) == (
        "idea",
        None,
        None,
    )  # section Backlog


def test_an_asana_completed_at_cell_saying_false_leaves_the_task_not_done(demo) -> None:
    """A team that edited the export in a spreadsheet may write FALSE (or FAUX, 0) in Completed At."""
    lines = fixture("asana.csv").splitlines()
    assert ",2026-11-06,2026-11-06,Bannière de rentrée,Done," in lines[2]
    lines[2] = (
        lines[2]
        .replace(",2026-11-06,2026-11-06,Bannière", ",FALSE,2026-11-06,Bannière")
        .replace(",Done,", ",In Progress,")
    )
    created = imported(demo.roadmap, "\n".join(lines) + "\n")
    assert created["banniere-de-rentree"].status == "in_progress"


def test_a_jira_search_becomes_activities(demo) -> None:
    created = imported(demo.roadmap, fixture("jira.csv"))
    tracking = created["suivi-des-conversions-cote-serveur"]
    assert (tracking.start, tracking.end) == (date(2026, 11, 16), date(2026, 12, 18))  # 16/Nov/26, 18/Dec/26
    assert tracking.effort_days == 4  # Original Estimate 115200 s = 32 h
    assert tracking.theme is not None and tracking.theme.key == "donnees-crm"  # first Labels column
    assert created["tests-a-b-de-la-page-panier"].status == "planned"  # To Do
    assert created["migration-des-anciens-gabarits-e-mail"].status == "done"
    assert created["chatbot-daide-a-la-commande"].status == "dropped"  # Won't Do


def test_a_french_excel_file_with_semicolons_and_a_byte_order_mark_imports(demo) -> None:
    raw = (FIXTURES / "jalon-excel-fr.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    created = imported(demo.roadmap, decode(raw))
    brief, sales = created["brief-soldes"], created["soldes-hiver"]
    assert (brief.start, brief.end, brief.status) == (date(2027, 1, 4), date(2027, 1, 8), "planned")
    assert (brief.effort_days, brief.cost, brief.value) == (2.5, Decimal("1500.00"), 12000)
    assert sales.cost == Decimal("7500.50")
    assert [o.key for o in sales.objectives.all()] == ["taux-conversion", "abandon-panier"]
    link = sales.predecessor_links.get()
    assert (link.predecessor.key, link.lag_days) == ("brief-soldes", 2)
    assert created["etude-de-prix-des-concurrents"].status == "idea"  # no key: made from the title


def test_an_excel_file_saved_in_windows_1252_is_read() -> None:
    text = decode("Titre;Statut\nÉtude de prix;Idée\n".encode("cp1252"))
    assert read_table(text) == (["Titre", "Statut"], [(2, ["Étude de prix", "Idée"])])


@pytest.mark.parametrize(
    ("name", "source"),
    [("trello.csv", "trello"), ("asana.csv", "asana"), ("jira.csv", "jira"), ("jalon-excel-fr.csv", "jalon")],
)
def test_the_source_is_recognised_from_the_header_row(name: str, source: str) -> None:
    header, _rows = read_table(fixture(name))
    assert detect_source(header) == source


def test_the_source_chosen_by_the_user_wins_over_recognition(demo) -> None:
    text = "Name,Section/Column\nAtelier persona,Done\n"
    assert detect_source(read_table(text)[0]) == "asana"
    created = imported(
        demo.roadmap, text, source="trello"
    )  # Trello also names a card "Name", its list "List"
    assert created["atelier-persona"].status == "idea"


def test_unrecognised_columns_are_refused(demo) -> None:
    with translation.override("fr"):
        problems = refused(demo.roadmap, "Foo,Bar\n1,2\n")
    assert problems == [
        ("en-tête", "Ces colonnes ne correspondent pas à un export Jalon, Trello, Asana ou Jira.")
    ]


# Reading cells ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("To Do", "planned"), ("In Progress", "in_progress"), ("Done", "done"), ("Backlog", "idea"),
        ("À faire", "planned"), ("En cours", "in_progress"), ("Terminé ✅", "done"), ("Idées", "idea"),
        ("Won't Do", "dropped"), ("Sprint 12", "planned"), ("Not started", "planned"), ("Reopened", "idea"),
        ("", "idea"),
    ],
)  # fmt: skip
def test_list_section_and_status_names_map_to_jalon_statuses(name: str, status: str) -> None:
    assert status_from_name(name) == status


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-09-01", date(2026, 9, 1)), ("2026-09-01T17:00:00.000Z", date(2026, 9, 1)),
        ("01/09/2026", date(2026, 9, 1)), ("1.9.2026", date(2026, 9, 1)),
        ("01/Sep/26 9:15 AM", date(2026, 9, 1)), ("18/déc./26 12:00", date(2026, 12, 18)), ("", None),
    ],
)  # fmt: skip
def test_dates_are_read_in_iso_french_and_jira_formats(text: str, day: date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "number"),
    [("2,5", 2.5), ("1 234,50", 1234.5), ("1\u202f234,5 €", 1234.5), ("1,234.50", 1234.5), ("12", 12.0),
     ("", None), ("1,234,567", 1234567.0), ("1.234.567", 1234567.0), ("1,234", 1.234), ("0,125", 0.125),
     ("1 234 567,5", 1234567.5), ("1 234,50 EUR", 1234.5), ("USD 1,200.5", 1200.5), ("12 %", 12.0),
     ("−0", 0.0), (" -   € ", None), ("€", None)],
)  # fmt: skip
def test_numbers_are_read_with_a_decimal_comma_or_point(text: str, number: float | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "amount"),
    [("1,234", 1234.0), ("1.234 €", 1234.0), ("$1,234", 1234.0), ("12,345,678", 12345678.0), ("1,23", 1.23),
     ("0,125", 0.125), ("1,234.5", 1234.5), ("1234,567", 1234.567), ("1,234 EUR", 1234.0), ("- €", None)],
)  # fmt: skip
def test_an_amount_with_three_digits_after_one_separator_groups_thousands(
    text: str, amount: float | None
) -> None:
    """An amount of money has cents at most: « 1,234 » in a cost column is 1 234, never 1,23."""
    assert parse_money(text) == amount


def test_a_negative_written_with_the_typographic_minus_is_refused_as_negative_not_as_no_number() -> None:
    with translation.override("en"), pytest.raises(BadCell) as refused:
        parse_number("\u221212")
    assert "cannot be negative" in str(refused.value)


# Bad rows: every one reported with its line, nothing written ---------------------------------------


BAD_TRELLO = (
    "Card Name,Card Description,List Name,Members,Start Date,Due Date\n"
    'Bonne carte,"Une description\nsur deux lignes",À faire,,2026-12-01,2026-12-04\n'
    ",,À faire,,,\n"
    "Dates à l'envers,,À faire,,2026-12-10,2026-12-01\n"
    "Date illisible,,À faire,,demain,\n"
    "Inconnu,,En cours,Paul Durand (pauld),,\n"
)


def test_every_bad_row_is_listed_with_its_line_and_nothing_is_written(demo) -> None:
    with translation.override("fr"):
        problems = refused(demo.roadmap, BAD_TRELLO)
    assert problems == [
        ("ligne 4", "Le titre est vide."),  # line 2 spans two lines of the file
        ("ligne 5", "La fin est avant le début."),
        ("ligne 6", "Start Date\u00a0: demain n’est pas une date (format attendu AAAA-MM-JJ ou JJ/MM/AAAA)."),
        ("ligne 7", "Aucun membre de l’équipe ne s’appelle Paul Durand\u00a0: ajoutez-le d’abord à "
                    "l’équipe ou cochez «\u00a0Ajouter les membres manquants\u00a0»."),
    ]  # fmt: skip


def test_row_problems_are_in_english_when_english_is_active(demo) -> None:
    with translation.override("en"):
        problems = refused(demo.roadmap, BAD_TRELLO)
    assert problems[0] == ("line 4", "The title is empty.")


def test_unknown_owners_become_team_members_when_asked(demo) -> None:
    text = "Card Name,List Name,Members\nA,À faire,Paul Durand (pauld)\nB,À faire,paul durand\n"
    created = imported(demo.roadmap, text, create_people=True)
    paul = demo.roadmap.people.get(name="Paul Durand")
    assert (paul.key, created["a"].owner, created["b"].owner) == ("paul-durand", paul, paul)


def test_keys_come_from_titles_and_never_collide(demo) -> None:
    text = "Card Name,List Name\nAudit du parcours d’achat actuel,Idées\nÉté 2027 !,Idées\nÉté 2027 !,Idées\n"
    created = imported(demo.roadmap, text)
    assert sorted(created) == ["audit-du-parcours-dachat-actuel", "ete-2027", "ete-2027-2"]
    assert demo.roadmap.activities.filter(title="Audit du parcours d’achat actuel").count() == 2  # a new one


def test_jalon_rows_with_bad_cells_are_all_reported(demo) -> None:
    text = (
        "key,title,theme,objectives,status,cost,impact,dependencies\n"
        "audit-parcours,Existe déjà,,,,,,\n"
        "nouvelle,Nouvelle,Inconnu,absent,Plus tard,-5,7,fantome\n"
        "Mauvaise Clé,Clé,,,,,,\n"
    )
    with translation.override("en"):
        problems = refused(demo.roadmap, text)
    assert problems == [
        ("line 2", "An activity with the key audit-parcours already exists."),
        ("line 3", "No thematic group is called Inconnu."),
        ("line 3", "No objective has the key absent."),
        (
            "line 3",
            "status: Unknown status Plus tard (expected one of: Idea, Planned, In progress, Done, Dropped).",
        ),
        ("line 3", "cost: Enter an amount between 0 and 999,999,999,999.99."),
        ("line 3", "impact: 7 must be a whole number from 1 to 5."),
        ("line 3", "No activity has the key fantome."),
        ("line 4", "The key Mauvaise Clé must use lowercase letters, digits and hyphens (60 at most)."),
    ]


def test_a_dependency_cycle_in_the_file_is_refused(demo) -> None:
    text = "key;title;dependencies\na;A;b\nb;B;a\nc;C;c\n"
    with translation.override("en"):
        problems = refused(demo.roadmap, text)
    assert problems == [
        ("line 2", "The dependency on b makes a cycle."),
        ("line 3", "The dependency on a makes a cycle."),
        ("line 4", "An activity cannot depend on itself."),
    ]


def test_a_misspelt_jalon_column_is_refused_rather_than_ignored(demo) -> None:
    with translation.override("en"):
        problems = refused(demo.roadmap, "title,cots\nA,12\n")
    assert problems == [
        ("header", "Unknown column cots: rename it as a column of Jalon's export, or tick “Ignore the other "
                   "columns”.")
    ]  # fmt: skip


def test_an_empty_file_and_a_file_without_rows_are_refused(demo) -> None:
    with translation.override("en"):
        assert refused(demo.roadmap, "") == [("file", "The file is empty.")]
        assert refused(demo.roadmap, "Card Name,List Name\n") == [("file", "The file has no activity rows.")]


def test_a_dependency_on_an_existing_activity_is_kept(demo) -> None:
    created = imported(demo.roadmap, "key,title,dependencies\nsuite,Suite,audit-parcours+5\n")
    link = created["suite"].predecessor_links.get()
    assert (link.predecessor.key, link.lag_days) == ("audit-parcours", 5)


def test_the_import_records_history_through_the_services(demo, members) -> None:
    created = import_activities(actor=members["editor"], roadmap=demo.roadmap, text=fixture("asana.csv"))
    changes = Change.objects.filter(
        content_type=ContentType.objects.get_for_model(Activity), object_id__in=[a.pk for a in created]
    )
    assert changes.count() == len(created)
    assert {change.actor for change in changes} == {members["editor"]}


def test_a_viewer_cannot_import(demo, members) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_activities(actor=members["viewer"], roadmap=demo.roadmap, text=fixture("trello.csv"))


# Export -> import ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_backlog_export_imports_into_another_roadmap_unchanged(demo, language: str) -> None:
    """Same themes, people and objectives, no activities: the CSV alone rebuilds the same backlog."""
    document = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    del document["activities"], document["milestones"]
    other = import_roadmap(
        actor=None, workspace=Workspace.objects.create(slug="copie", name="Copie"),
        text=yaml.safe_dump(document, allow_unicode=True), fmt="yaml",
    )  # fmt: skip
    with translation.override(language):
        exported = backlog_csv(actor=None, roadmap=demo.roadmap)
        import_activities(actor=None, roadmap=other, text=decode(exported))
        assert backlog_csv(actor=None, roadmap=other) == exported
