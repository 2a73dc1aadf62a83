"""Hostile roadmap files and CSV files: each is refused with a short problem at its path or line, fast,
writes nothing, and never echoes the raw input (issue 13, item 1)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from jalon.documents.csv_cells import without_note
from jalon.documents.roadmap_file import FileProblems, parse
from jalon.documents.safe_load import MAX_DEPTH, depth
from jalon.documents.services import import_roadmap
from jalon.planning.models import Activity, Review
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Workspace
from tests.documents.hostile_files import csv_problems, problems_of
from tests.documents.roadmap_files import as_yaml, base_document
from tests.factories import Team, roadmap_with_activities


def with_review(snapshot_yaml: str) -> str:
    text = as_yaml(base_document())
    return (
        text
        + "reviews:\n- key: q1\n  title: Revue\n  held_on: 2026-04-01\n  snapshot: "
        + snapshot_yaml
        + "\n"
    )


ALIAS_BOMB = "".join(
    f"a{level}: &a{level} [{', '.join([f'*a{level - 1}' if level else 'lol'] * 10)}]\n" for level in range(10)
)


# Impossible dates, long numbers -------------------------------------------------------------------


NOT_ISO = "Date invalide (format attendu AAAA-MM-JJ)."


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2027-13-45", "«\u00a02027-13-45\u00a0» n’existe pas dans le calendrier."),
        (
            "2027-02-30",
            "«\u00a02027-02-30\u00a0» n’existe pas dans le calendrier\u00a0: "
            "février 2027 compte 28\u00a0jours.",
        ),
        ("2027-01-31T25:00:00", NOT_ISO),
        ("2027-01-31 25:00:00", NOT_ISO),
    ],
)
def test_an_unquoted_impossible_yaml_date_is_a_problem_at_its_path(written: str, said: str) -> None:
    text = as_yaml(base_document()).replace("deadline: '2026-07-31'", f"deadline: {written}")
    assert f"deadline: {written}" in text
    with translation.override("fr"):
        assert problems_of(text) == [("objectives[3].deadline", said)]


def test_an_unquoted_valid_yaml_date_still_reads() -> None:
    text = as_yaml(base_document()).replace("deadline: '2026-07-31'", "deadline: 2026-07-31")
    assert str(parse(text, "yaml").objectives[3].deadline) == "2026-07-31"


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_5000_digit_integer_is_refused_in_a_short_message(fmt: str) -> None:
    document = base_document()
    document["roadmap"]["fiscal_year_start_month"] = 7
    text = as_yaml(document) if fmt == "yaml" else json.dumps(document)
    text = text.replace("_month: 7", "_month: " + "7" * 5000).replace('_month": 7', '_month": ' + "7" * 5000)
    assert "7" * 5000 in text
    with translation.override("en"):
        [(_where, message)] = problems_of(text, fmt)
    assert message == "A number is longer than 30 characters."


# Depth --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", '{"format": "jalon/1", "roadmap": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("json", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)),
        ("yaml", "format: jalon/1\nroadmap: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ("yaml", "roadmap:\n" + "".join("  " * level + "- \n" for level in range(1, 2_000))),
    ],
    ids=["json-100000", "json-33", "yaml-flow-100000", "yaml-block-2000"],
)
def test_a_file_nested_thousands_deep_is_refused_not_crashed(fmt: str, text: str) -> None:
    # libyaml's own composer segfaults the process at 100,000 levels; the JSON reader raised RecursionError.
    with translation.override("en"):
        [(_where, message)] = problems_of(text, fmt)
    assert message == f"The file is nested more than {MAX_DEPTH} levels deep."


def test_depth_is_measured_without_recursion() -> None:
    nested: list[Any] = []
    for _level in range(50_000):
        nested = [nested]
    assert depth(nested) == MAX_DEPTH + 1  # it stops as soon as the file is too deep


# Aliases ------------------------------------------------------------------------------------------


def test_an_alias_bomb_in_the_format_is_refused_without_expanding_it() -> None:
    text = ALIAS_BOMB + "format: *a9\n"
    assert len(text.encode()) < 700
    with translation.override("en"):
        [(where, message)] = problems_of(text)
    assert message == "The aliases of this file repeat too much (at most 10000 items)."
    assert where.startswith("line ")


def test_an_alias_bomb_in_a_review_snapshot_is_refused(workspace: Workspace) -> None:
    text = ALIAS_BOMB.replace("a0:", "x-a0:") + "\n"
    bomb = "{" + ", ".join(f"k{i}: *a6" for i in range(3)) + "}"
    document = with_review(bomb)
    with pytest.raises(FileProblems):
        import_roadmap(
            actor=None, workspace=workspace, text=text.replace("x-a0", "a0") + document, fmt="yaml"
        )
    assert not Review.objects.exists()


def test_a_few_small_aliases_are_still_read() -> None:
    text = as_yaml(base_document()) + "x-colour: &c '#ff0000'\n"
    text = (
        text.replace("x-colour: &c '#ff0000'\n", "") + "themes:\n- {key: a, name: A, colour: &c '#ff0000'}\n"
    )
    text += "- {key: b, name: B, colour: *c}\n"
    assert [t.colour for t in parse(text, "yaml").themes] == ["#ff0000", "#ff0000"]


def test_an_alias_to_the_list_that_contains_it_is_refused() -> None:
    with translation.override("en"):
        [(_where, message)] = problems_of("format: jalon/1\nroadmap: &r [1, *r]\n")
    assert message == "An alias refers to the list or mapping that contains it."


# Duplicate keys, tags, sizes ----------------------------------------------------------------------


def test_a_key_written_twice_in_yaml_is_refused_at_its_line() -> None:
    text = as_yaml(base_document()).replace("  title: Plan 2027\n", "  title: Plan 2027\n  title: Autre\n", 1)
    with translation.override("en"):
        assert problems_of(text) == [("line 5", "The key title is written twice in the same mapping.")]


def test_a_key_written_twice_in_json_is_refused() -> None:
    text = json.dumps(base_document()).replace('"title": "Plan 2027"', '"title": "Plan 2027", "title": "B"')
    with translation.override("fr"):
        assert problems_of(text, "json") == [("/", "La clé title est écrite deux fois dans le même tableau.")]


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!!timestamp 2027-13-45"])
def test_yaml_tags_beyond_plain_values_are_refused(tag: str) -> None:
    problems_of(as_yaml(base_document()).replace("title: Plan 2027", f"title: {tag}", 1))


def test_a_huge_value_of_format_is_quoted_as_a_short_excerpt() -> None:
    document = base_document()
    document["format"] = "jalon/" + "9" * 200_000
    [(where, message)] = problems_of(json.dumps(document), "json")
    assert where == "format" and "…" in message


def test_a_free_form_text_longer_than_20000_characters_is_refused_at_its_path() -> None:
    document = base_document()
    document["roadmap"]["vision"] = "v" * 200_000
    document["kpis"][0]["objective"] = "k" * 200_000
    with translation.override("en"):
        problems = dict(problems_of(json.dumps(document), "json"))
    assert problems == {
        "roadmap.vision": "Write at most 20,000 characters.",
        "kpis[0].objective": "Write at most 200 characters.",
    }


def test_an_unknown_long_reference_is_quoted_as_an_excerpt() -> None:
    document = base_document()
    document["kpis"][0]["objective"] = "k" * 150
    [(where, message)] = problems_of(json.dumps(document), "json")
    assert where == "kpis[0].objective" and len(message) < 100


def test_an_infinite_number_in_a_snapshot_is_refused() -> None:
    with translation.override("en"):
        problems = problems_of(with_review("{budget: .inf}"))
    assert problems == [
        ("reviews[0].snapshot", "The snapshot holds a value that is not plain JSON (an infinite number?).")
    ]


def test_an_alias_bomb_uploaded_through_the_page_answers_a_small_page(client, members) -> None:
    client.force_login(members["editor"])
    text = ALIAS_BOMB[: ALIAS_BOMB.index("a7:")] + "format: *a6\n"
    response = client.post("/w/cloud-kicks/import/", {"file": SimpleUploadedFile("bomb.yaml", text.encode())})
    assert response.status_code == 422
    assert len(response.content) < 50_000


# CSV ----------------------------------------------------------------------------------------------


def test_removing_an_owner_note_takes_one_pass_over_a_long_run_of_blanks() -> None:
    assert without_note("a" + " " * 130_000 + "b") == "a" + " " * 130_000 + "b"
    assert without_note("Sophie Martin (agence)  ") == "Sophie Martin"
    assert without_note("Sophie (Martin (agence)") == "Sophie"
    assert without_note("Sophie (a) b") == "Sophie (a) b"


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    """A roadmap of a small team with one activity, ``a1`` (the CSV tests need no demo)."""
    return roadmap_with_activities(team.workspace, team.owner, 1)


def test_a_csv_owner_of_130000_blanks_is_read_fast(roadmap) -> None:
    text = "Card Name,Members,Due Date\nAudit,a" + " " * 130_000 + "b,2026-99-99\n"
    problems = csv_problems(roadmap, text)
    assert [where for where, _message in problems] == ["ligne 2"] or [w for w, _m in problems] == ["line 2"]


def test_a_csv_cell_of_200000_characters_is_a_problem_not_a_crash(roadmap) -> None:
    text = 'Card Name,Card Description\nAudit,"' + "x" * 200_000 + '"\n'
    with translation.override("en"):
        [(_where, message)] = csv_problems(roadmap, text)
    assert message.startswith("A cell is longer than 131,072 characters")


def test_a_csv_dependency_with_a_huge_lag_is_refused(roadmap) -> None:
    key = "a1"
    text = f"key,title,dependencies\nnouvelle,Nouvelle,{key}+99999999999999999999\n"
    with translation.override("en"):
        assert csv_problems(roadmap, text) == [("line 2", "Enter a lag between -3,650 and 3,650 days.")]


@pytest.mark.parametrize("value", ["1e400", "NaN", "inf", "1e16"])
def test_a_csv_value_that_is_not_a_finite_amount_is_refused(roadmap, value: str) -> None:
    text = f"key,title,value\nnouvelle,Nouvelle,{value}\n"
    with translation.override("en"):
        [(_where, message)] = csv_problems(roadmap, text)
    assert message == "value: Enter a finite number between 0 and 1,000,000,000,000,000."


def test_a_csv_activity_keyed_with_a_route_word_is_refused(roadmap) -> None:
    with translation.override("en"):
        [(_where, message)] = csv_problems(roadmap, "key,title\nnew,Nouvelle\n")
    assert message == "This key is reserved; choose another one."


def test_a_csv_date_in_year_9999_is_refused_with_the_range(roadmap) -> None:
    with translation.override("en"):
        [(_where, message)] = csv_problems(roadmap, "key,title,start\nnouvelle,Nouvelle,9999-12-31\n")
    assert message == "start: Enter a date between 1900 and 2200."


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


def test_nothing_was_imported_by_a_refused_bomb(workspace: Workspace) -> None:
    with pytest.raises(FileProblems):
        import_roadmap(actor=None, workspace=workspace, text=ALIAS_BOMB + "format: *a9\n", fmt="yaml")
    assert not Roadmap.objects.filter(workspace=workspace).exists()
    assert yaml.safe_load("a: 1") == {"a": 1}


@pytest.mark.parametrize(
    "text",
    [
        as_yaml(base_document()).replace("deadline: '2026-07-31'", "deadline: 2027-13-45"),
        ALIAS_BOMB + "format: *a9\n",
        "format: jalon/1\nroadmap: " + "[" * 100_000 + "]" * 100_000 + "\n",
    ],
    ids=["impossible-date", "alias-bomb", "nested-100000"],
)
def test_the_command_line_import_lists_the_problem_of_a_hostile_file(
    workspace: Workspace, tmp_path, text: str
) -> None:
    from typer.testing import CliRunner

    from jalon.cli import app

    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(hostile), "--workspace", workspace.slug])
    assert result.exit_code == 2, result.output
    assert len(result.stderr) < 500
    assert not Roadmap.objects.filter(workspace=workspace).exists()


def test_an_unknown_key_of_200000_characters_is_quoted_as_an_excerpt_in_its_path() -> None:
    document = base_document()
    document["roadmap"]["k" * 200_000] = 1
    [(where, message)] = problems_of(json.dumps(document), "json")
    assert where.startswith("roadmap.kkk") and where.endswith("…") and message


def test_a_file_of_100000_unknown_keys_lists_200_problems_and_counts_the_others() -> None:
    document = base_document()
    document["roadmap"] |= {f"k{n}": n for n in range(100_000)}
    with translation.override("en"):
        problems = problems_of(json.dumps(document), "json")
    assert len(problems) == 201
    assert problems[-1] == ("…", "And 99800 more problems.")


def test_a_csv_of_1000_bad_rows_lists_200_problems(roadmap) -> None:
    text = "key,title,value\n" + "".join(f"a{n},A,abc\n" for n in range(1_000))
    assert len(csv_problems(roadmap, text)) == 201


@pytest.mark.parametrize(
    "text",
    [
        'Card Name,Card Description\nAudit,"' + "x" * 200_000 + '"\n',
        "key,title,dependencies,value\nnew,Nouvelle,x+99999999999999999999,1e400\n",
    ],
    ids=["200000-character-cell", "huge-lag-and-infinite-value"],
)
def test_a_hostile_csv_uploaded_through_the_page_answers_422_with_its_problems(
    client, members, text: str
) -> None:
    client.force_login(members["editor"])
    before = Activity.objects.count()
    response = client.post(
        "/w/cloud-kicks/r/cloud-kicks/backlog/import/",
        {"file": SimpleUploadedFile("hostile.csv", text.encode()), "create_people": "on"},
    )
    assert response.status_code == 422
    assert len(response.content) < 100_000
    assert Activity.objects.count() == before


# Encodings and sizes ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_file_starting_with_a_byte_order_mark_is_read(fmt: str) -> None:
    document = base_document()
    text = json.dumps(document) if fmt == "json" else as_yaml(document)
    assert parse("\ufeff" + text, fmt).roadmap.slug == document["roadmap"]["slug"]  # type: ignore[arg-type]


def test_a_json_file_with_a_byte_order_mark_uploaded_under_any_name_imports(client, members) -> None:
    client.force_login(members["editor"])
    document = base_document()
    data = ("\ufeff" + json.dumps(document)).encode()
    response = client.post("/w/cloud-kicks/import/", {"file": SimpleUploadedFile("feuille.txt", data)})
    assert response.status_code == 302
    assert Roadmap.objects.filter(slug=document["roadmap"]["slug"]).exists()


def test_a_file_too_long_says_its_limit_with_the_readers_digits() -> None:
    with translation.override("fr"):
        problems = problems_of("a" * 10_000_001)
    assert problems == [("/", "Le fichier dépasse 10\u202f000\u202f000 caractères.")]
