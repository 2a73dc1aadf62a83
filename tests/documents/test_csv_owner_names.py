"""Owners and themes of a CSV import are matched by their name folded the Unicode way: accents fold
(``Élodie`` is ``elodie``), names in other scripts keep their letters (``王伟`` is not ``李娜``), and a name
that folds to nothing matches no one. New team members named only in another script get keys of their own."""

from __future__ import annotations

import pytest
from django.utils import translation

from jalon.documents.csv_import import CsvProblems
from jalon.documents.csv_write import import_activities
from jalon.documents.tables import normalise
from jalon.planning.models import Person, Staffing
from jalon.strategy.models import Roadmap


def team_member(roadmap: Roadmap, key: str, name: str) -> Person:
    person = Person.objects.create(workspace=roadmap.workspace, key=key, name=name)
    Staffing.objects.create(roadmap=roadmap, person=person)
    return person


def owners(roadmap: Roadmap, *names: str, create_people: bool = False) -> list[Person | None]:
    text = "Card Name,List Name,Members\n" + "".join(f"T{n},Idées,{name}\n" for n, name in enumerate(names))
    created = import_activities(actor=None, roadmap=roadmap, text=text, create_people=create_people)
    return [activity.owner for activity in created]


@pytest.mark.parametrize(
    ("one", "other"),
    [("Élodie", "elodie"), ("  ÉLODIE   Dupont ", "elodie dupont"), ("Ελένη", "ΕΛΕΝΗ"), ("Zoë", "zoe")],
)
def test_accents_case_and_spaces_fold(one: str, other: str) -> None:
    assert normalise(one) == normalise(other) != ""


@pytest.mark.parametrize(
    ("one", "other"),
    [("王伟", "李娜"), ("Мария", "Анна"), ("Νίκος", "Γιώργος"), ("カトウ", "ガトウ"), ("김민준", "이서연")],
)
def test_names_in_other_scripts_keep_their_letters(one: str, other: str) -> None:
    assert normalise(one) != normalise(other)
    assert normalise(one) and normalise(other)


def test_headers_still_drop_signs_that_are_not_letters() -> None:
    assert normalise("N° client") == "n client"
    assert normalise("Date d’achat") == "date d'achat"
    assert normalise("\u0301") == ""  # a lone accent: nothing, which names no one


def test_an_owner_in_another_script_is_not_taken_for_someone_else(demo) -> None:
    wang = team_member(demo.roadmap, "wang-wei", "王伟")
    with translation.override("en"), pytest.raises(CsvProblems) as error:
        owners(demo.roadmap, "李娜")
    assert error.value.problems == [
        (
            "line 2",
            "No team member is called 李娜: add them to the team first, or tick “Add missing team members”.",
        )
    ]
    assert owners(demo.roadmap, "王伟") == [wang]


def test_an_owner_written_without_accents_is_the_team_member_with_them(demo) -> None:
    elodie = team_member(demo.roadmap, "elodie", "Élodie Martin")
    assert owners(demo.roadmap, "ELODIE MARTIN", "élodie  martin") == [elodie, elodie]


def test_owners_named_in_another_script_become_distinct_team_members_with_usable_keys(demo) -> None:
    wang, li, wang_again = owners(demo.roadmap, "王伟", "李娜", "王伟", create_people=True)
    assert wang is not None and li is not None
    assert (wang.name, li.name, wang_again) == ("王伟", "李娜", wang)
    assert (wang.key, li.key) == ("p-1", "p-2")  # in no language: the initial and a number


def test_a_new_team_member_never_gets_a_reserved_key(demo) -> None:
    (new,) = owners(demo.roadmap, "New", create_people=True)
    assert new is not None and new.key == "new-2"


def test_a_theme_in_another_script_is_not_taken_for_another(demo) -> None:
    demo.roadmap.themes.create(key="marketing", name="营销", position=90)
    text = "key,title,theme\nx1,Titre,销售\n"
    with translation.override("en"), pytest.raises(CsvProblems) as error:
        import_activities(actor=None, roadmap=demo.roadmap, text=text)
    assert error.value.problems == [("line 2", "No thematic group is called 销售.")]


def test_a_jira_estimate_under_its_sigma_header_is_still_read(demo) -> None:
    text = "Summary,Issue key,Status,Σ Original Estimate\nAudit,MKT-1,To Do,57600\n"
    (audit,) = import_activities(actor=None, roadmap=demo.roadmap, text=text)
    assert audit.effort_days == 2
