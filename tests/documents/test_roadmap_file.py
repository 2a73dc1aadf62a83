"""The roadmap file (jalon/1): the demo imports, export -> import -> export is identical in YAML and JSON,
and a bad file writes nothing and lists every problem with its path, in the user's language."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from jalon.demo.loader import DEMO_FILE
from jalon.documents.roadmap_file import FileProblems, Format, parse
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.strategy.models import Measurement, Roadmap
from jalon.workspaces.models import Workspace
from tests.documents.roadmap_files import as_yaml, base_document, refused_import, rows


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


def problems_of(text: str, fmt: Format = "yaml") -> dict[str, str]:
    with pytest.raises(FileProblems) as refused:
        parse(text, fmt)
    return dict(refused.value.problems)


# The demo and the round trip ----------------------------------------------------------------------


def test_the_demo_file_imports_with_every_objective_kpi_and_strategy(workspace: Workspace) -> None:
    source = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    roadmap = import_roadmap(
        actor=None, workspace=workspace, text=DEMO_FILE.read_text(encoding="utf-8"), fmt="yaml"
    )
    assert roadmap.objectives.count() == len(source["objectives"])
    assert roadmap.kpis.count() == len(source["kpis"])
    assert Measurement.objects.filter(kpi__roadmap=roadmap).count() == sum(
        len(k.get("measurements", [])) for k in source["kpis"]
    )
    assert roadmap.strategies.count() == len(source["strategies"])
    assert roadmap.objectives.get(key="taux-conversion").deadline == date(2027, 1, 31)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_is_byte_identical(demo, fmt: Format) -> None:
    first = export_roadmap(actor=None, roadmap=demo.roadmap, fmt=fmt)
    copy_in = Workspace.objects.create(slug="copie", name="Copie")
    again = import_roadmap(actor=None, workspace=copy_in, text=first, fmt=fmt)
    assert export_roadmap(actor=None, roadmap=again, fmt=fmt) == first


def test_yaml_and_json_exports_carry_the_same_tree(demo) -> None:
    as_yaml_text = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="yaml")
    as_json_text = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="json")
    assert parse(as_yaml_text, "yaml") == parse(as_json_text, "json")
    assert json.loads(as_json_text)["objectives"][0]["deadline"] == "2027-01-31"


def test_a_json_import_exports_the_same_yaml_as_the_original(demo) -> None:
    as_json_text = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="json")
    copy_in = Workspace.objects.create(slug="copie", name="Copie")
    again = import_roadmap(actor=None, workspace=copy_in, text=as_json_text, fmt="json")
    assert export_roadmap(actor=None, roadmap=again, fmt="yaml") == export_roadmap(
        actor=None, roadmap=demo.roadmap, fmt="yaml"
    )


def test_the_export_keeps_parents_rules_and_measurement_sources(demo) -> None:
    tree = yaml.safe_load(export_roadmap(actor=None, roadmap=demo.roadmap, fmt="yaml"))
    by_key = {o["key"]: o for o in tree["objectives"]}
    assert by_key["abandon-panier"]["parent"] == "taux-conversion"
    assert by_key["taux-conversion"]["deadline_rule"] == "fiscal_year_end"
    assert tree["kpis"][0]["measurements"][0]["source"] == "Web analytics"


# Bad files: nothing written, every problem listed with its path -----------------------------------


def test_an_unknown_key_is_an_error_not_dropped(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][3]["colour"] = "blue"
    document["roadmap"]["owner"] = "Yasmin"
    with translation.override("fr"):
        problems = dict(refused_import(workspace, as_yaml(document)))
    assert problems == {"objectives[3].colour": "Clé inconnue.", "roadmap.owner": "Clé inconnue."}


def test_a_bad_date_is_reported_at_its_path(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][3]["deadline"] = (
        "30/02/2027"  # not YYYY-MM-DD (a day that is not: test_no_such_day)
    )
    with translation.override("fr"):
        problems = dict(refused_import(workspace, as_yaml(document)))
    assert problems == {"objectives[3].deadline": "Date invalide (format attendu AAAA-MM-JJ)."}


def test_a_missing_required_field_is_reported_at_its_path(workspace: Workspace) -> None:
    document = base_document()
    del document["kpis"][1]["frequency"]
    del document["objectives"][2]["title"]
    with translation.override("fr"):
        problems = dict(refused_import(workspace, as_yaml(document)))
    assert problems == {
        "objectives[2].title": "Ce champ est obligatoire.",
        "kpis[1].frequency": "Ce champ est obligatoire.",
    }


def test_duplicate_keys_are_reported_at_each_occurrence(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"].append({"key": "ventes", "title": "Encore des ventes"})
    document["strategies"][0]["tactics"].append({"key": "bundle", "title": "Encore"})
    problems = dict(refused_import(workspace, as_yaml(document)))
    assert set(problems) == {
        "objectives[0].key",
        "objectives[4].key",
        "strategies[0].tactics[0].key",
        "strategies[0].tactics[1].key",
    }


def test_dangling_references_are_reported(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][2]["parent"] = "inconnu"
    document["kpis"][0]["objective"] = "absent"
    document["strategies"][0]["objective"] = "nulle-part"
    with translation.override("fr"):
        problems = dict(refused_import(workspace, as_yaml(document)))
    assert problems == {
        "objectives[2].parent": "Aucun objectif n’a la clé inconnu.",
        "kpis[0].objective": "Aucun objectif n’a la clé absent.",
        "strategies[0].objective": "Aucun objectif n’a la clé nulle-part.",
    }


def test_a_parent_cycle_in_a_file_is_reported(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][0]["parent"] = "panier"
    problems = dict(refused_import(workspace, as_yaml(document)))
    assert {"objectives[0].parent", "objectives[2].parent"} <= set(problems)


def test_a_deadline_that_contradicts_its_rule_is_reported_with_the_rule_date(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][0]["deadline"] = "2026-12-31"
    with translation.override("fr"):
        problems = dict(refused_import(workspace, as_yaml(document)))
    assert list(problems) == ["objectives[0].deadline"]
    assert "2027-01-31" in problems["objectives[0].deadline"]


def test_an_unknown_deadline_rule_is_reported(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][1]["deadline_rule"] = "next_tuesday"
    assert list(dict(refused_import(workspace, as_yaml(document)))) == ["objectives[1].deadline_rule"]


def test_a_deadline_rule_beyond_the_year_9999_is_reported_not_raised(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][1]["deadline_rule"] = "in_years:9000"
    assert list(dict(refused_import(workspace, as_yaml(document)))) == ["objectives[1].deadline_rule"]


def test_every_problem_of_a_file_is_listed_at_once(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][3]["deadline"] = "demain"
    document["objectives"][1]["colour"] = "blue"
    document["kpis"][0]["frequency"] = "hourly"
    document["roadmap"]["fiscal_year_start_month"] = 13
    problems = dict(refused_import(workspace, as_yaml(document)))
    assert set(problems) == {
        "objectives[3].deadline",
        "objectives[1].colour",
        "kpis[0].frequency",
        "roadmap.fiscal_year_start_month",
    }


def test_a_yaml_syntax_error_is_reported_with_its_line(workspace: Workspace) -> None:
    text = "format: jalon/1\nroadmap:\n  slug: plan\n  title: [unclosed\n  type: strategic\n"
    with translation.override("fr"):
        problems = refused_import(workspace, text)
    assert len(problems) == 1
    where, message = problems[0]
    assert where.startswith("ligne ")
    assert int(where.removeprefix("ligne ")) in (4, 5)
    assert message == "Ce n’est pas du YAML valide."


def test_a_json_syntax_error_is_reported_with_its_line(workspace: Workspace) -> None:
    text = '{\n  "format": "jalon/1",\n  "roadmap": {,}\n}\n'
    with translation.override("en"):
        problems = refused_import(workspace, text, "json")
    assert problems == [("line 3", "This is not valid JSON.")]


def test_a_python_object_tag_is_refused_by_the_safe_loader(workspace: Workspace, tmp_path) -> None:
    marker = tmp_path / "pwned"
    text = f"format: jalon/1\nroadmap: !!python/object/apply:os.system ['touch {marker}']\n"
    problems = refused_import(workspace, text)
    assert len(problems) == 1
    assert not marker.exists()


def test_a_file_that_is_not_a_mapping_is_refused(workspace: Workspace) -> None:
    assert refused_import(workspace, "- just\n- a list\n")[0][0] == "/"


def test_another_format_version_is_refused(workspace: Workspace) -> None:
    document = base_document()
    document["format"] = "jalon/2"
    assert [where for where, _ in refused_import(workspace, as_yaml(document))] == ["format"]


def test_problems_are_in_english_when_english_is_active(workspace: Workspace) -> None:
    document = base_document()
    document["objectives"][3]["colour"] = "blue"
    del document["kpis"][1]["frequency"]
    with translation.override("en"):
        problems = dict(refused_import(workspace, as_yaml(document)))
    assert problems == {
        "objectives[3].colour": "Unknown key.",
        "kpis[1].frequency": "This field is required.",
    }


def test_reference_problems_are_in_english_when_english_is_active(workspace: Workspace) -> None:
    document = base_document()
    document["kpis"][0]["objective"] = "absent"
    document["objectives"][0]["deadline"] = "2026-12-31"
    with translation.override("en"):
        problems = dict(refused_import(workspace, as_yaml(document)))
    assert problems == {
        "kpis[0].objective": "No objective has the key absent.",
        "objectives[0].deadline": "The deadline does not match its rule, which gives 2027-01-31.",
    }


def test_a_value_too_long_for_the_database_is_reported_at_its_path_and_writes_nothing(
    workspace: Workspace,
) -> None:
    document = base_document()
    document["kpis"][1]["unit"] = "u" * 40
    problems = dict(refused_import(workspace, as_yaml(document)))
    assert list(problems) == ["kpis[1].unit"]


def test_import_without_replace_refuses_an_existing_slug(workspace: Workspace) -> None:
    import_roadmap(actor=None, workspace=workspace, text=as_yaml(base_document()), fmt="yaml")
    changed = base_document()
    changed["roadmap"]["title"] = "Autre titre"
    problems = refused_import(workspace, as_yaml(changed))
    assert [where for where, _ in problems] == ["roadmap.slug"]
    assert Roadmap.objects.get(workspace=workspace, slug="plan-2027").title == "Plan 2027"


def test_import_with_replace_replaces_the_roadmap(workspace: Workspace) -> None:
    import_roadmap(actor=None, workspace=workspace, text=as_yaml(base_document()), fmt="yaml")
    changed = base_document()
    changed["roadmap"]["title"] = "Autre titre"
    del changed["objectives"][3]
    del changed["kpis"][1]
    import_roadmap(
        actor=None, workspace=workspace, text=as_yaml(changed), fmt="yaml", replace=True, confirmed=True
    )
    roadmap = Roadmap.objects.get(workspace=workspace, slug="plan-2027")
    assert roadmap.title == "Autre titre"
    assert sorted(roadmap.objectives.values_list("key", flat=True)) == ["marge", "panier", "ventes"]


def test_a_bad_file_with_replace_keeps_the_existing_roadmap(workspace: Workspace) -> None:
    import_roadmap(actor=None, workspace=workspace, text=as_yaml(base_document()), fmt="yaml")
    bad = base_document()
    bad["kpis"][1]["unit"] = "u" * 40  # passes the schema, fails in the database layer
    before = rows()
    with pytest.raises(FileProblems):
        import_roadmap(
            actor=None, workspace=workspace, text=as_yaml(bad), fmt="yaml", replace=True, confirmed=True
        )
    assert rows() == before


# Uploads through the page -------------------------------------------------------------------------


def upload(client: Any, content: bytes, name: str = "plan.yaml") -> Any:
    return client.post("/w/cloud-kicks/import/", {"file": SimpleUploadedFile(name, content)})


def test_uploading_a_good_file_creates_the_roadmap(client, members) -> None:
    client.force_login(members["editor"])
    response = upload(client, as_yaml(base_document()).encode())
    assert response.status_code == 302
    assert response["Location"] == "/w/cloud-kicks/r/plan-2027/"


def test_uploading_a_bad_file_shows_every_problem_and_writes_nothing(client, members) -> None:
    client.force_login(members["editor"])
    document = base_document()
    document["objectives"][3]["deadline"] = "2027-02-30"
    document["kpis"][1]["frequency"] = "hourly"
    before = rows()
    response = upload(client, as_yaml(document).encode())
    page = response.content.decode()
    assert response.status_code == 422
    assert "<code>objectives[3].deadline</code>" in page and "<code>kpis[1].frequency</code>" in page
    assert rows() == before


def test_uploading_a_non_utf8_file_is_refused(client, members) -> None:
    client.force_login(members["editor"])
    before = rows()
    response = upload(client, as_yaml(base_document()).encode("cp1252"))
    assert response.status_code == 422
    assert "UTF-8" in response.content.decode()
    assert rows() == before


def test_uploading_a_json_file_is_recognised(client, members) -> None:
    client.force_login(members["editor"])
    response = upload(client, json.dumps(base_document()).encode(), name="plan.json")
    assert response.status_code == 302
