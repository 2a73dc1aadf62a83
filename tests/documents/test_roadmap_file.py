"""The roadmap file (jalon/1): the demo imports, export -> import -> export is identical in YAML and JSON,
and a bad file writes nothing and lists every problem with its path, in the user's language."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# Property: any valid document round-trips ---------------------------------------------------------

letters = st.characters(categories=("L", "N"), max_codepoint=0x2FFF)
words = st.text(alphabet=st.characters(categories=("L", "N", "Zs"), max_codepoint=0x2FFF), max_size=40).map(
    str.strip
)
titles = st.builds(
    lambda first, rest: (first + rest).strip(), st.text(letters, min_size=1, max_size=1), words
)
values = st.integers(-10_000, 10_000) | st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3))
numbers = st.none() | values
RULES = ["fiscal_year_end", "fiscal_quarter_end:2", "fiscal_half_end:1", "calendar_year_end", "in_months:7"]


def unique_keys(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{n}" for n in range(count)]


def shared_target(objectives: list[dict[str, Any]], key: str) -> Any:
    """The target an objective's first KPI shares (``kpis.targets.check_first_target``)."""
    return next(o for o in objectives if o["key"] == key)["measurable"]["target"]


@st.composite
def roadmap_documents(draw: Any) -> dict[str, Any]:
    start = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
    objectives = []
    for index, key in enumerate(unique_keys("o", draw(st.integers(1, 6)))):
        item: dict[str, Any] = {"key": key, "title": draw(titles), "impact": draw(words)}
        if index and draw(st.booleans()):
            item["parent"] = f"o-{draw(st.integers(0, index - 1))}"
        if draw(st.booleans()):
            item["deadline_rule"] = draw(st.sampled_from(RULES))
        elif draw(st.booleans()):
            item["deadline"] = draw(st.dates(min_value=start, max_value=date(2040, 1, 1))).isoformat()
        if draw(st.booleans()):
            item["measurable"] = {
                "metric": draw(titles),
                "unit": draw(st.sampled_from(["%", "€", "clients", ""])),
                "baseline": draw(numbers),
                "target": draw(numbers),
                "direction": draw(st.sampled_from([None, "increase", "decrease", "reach", "maintain"])),
            }
        item["term"] = draw(st.sampled_from([None, "short", "medium", "long"]))
        objectives.append(item)
    keys = [o["key"] for o in objectives]
    shared = {o["key"]: o.get("measurable", {}).get("target") for o in objectives}
    today = timezone.localdate()  # a measurement records what was observed: not after today
    kpis = []
    for key in unique_keys("k", draw(st.integers(0, 3))):
        days = draw(st.lists(st.integers(0, 900), unique=True, max_size=5))
        objective = draw(st.sampled_from([None, *keys]))
        target = draw(numbers)
        if objective is not None and shared.pop(objective, None) is not None:
            target = draw(st.sampled_from([None, shared_target(objectives, objective)]))  # its first KPI
        kpis.append(
            {
                "key": key,
                "name": draw(titles),
                "objective": objective,
                "frequency": draw(st.sampled_from(["daily", "weekly", "monthly", "quarterly"])),
                "target": target,
                "measurements": [
                    {
                        "date": (start + timedelta(days=d)).isoformat(),
                        "value": draw(values),
                        "source": draw(words),
                    }
                    for d in days
                    if start + timedelta(days=d) <= today
                ],
            }
        )
    strategies = [
        {
            "key": key,
            "objective": draw(st.sampled_from(keys)),
            "title": draw(titles),
            "tactics": [
                {"key": tactic, "title": draw(titles), "description": draw(words)}
                for tactic in unique_keys("t", draw(st.integers(0, 3)))
            ],
        }
        for key in unique_keys("s", draw(st.integers(0, 2)))
    ]
    return {
        "format": "jalon/1",
        "roadmap": {
            "slug": "generated",
            "title": draw(titles),
            "type": draw(st.sampled_from(["strategic", "campaign", "channel", "event", "digital"])),
            "vision": draw(words),
            "horizon": {
                "start": start.isoformat(),
                "end": (start + timedelta(days=draw(st.integers(0, 1100)))).isoformat(),
            },
            "fiscal_year_start_month": draw(st.integers(1, 12)),
            "language": draw(st.sampled_from(["fr", "en"])),
            "currency": draw(st.sampled_from(["EUR", "USD", "GBP"])),
        },
        "objectives": objectives,
        "kpis": kpis,
        "strategies": strategies,
    }


_workspaces = itertools.count()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=roadmap_documents(), fmt=st.sampled_from(["yaml", "json"]))
def test_any_valid_roadmap_round_trips_export_import_export_identically(
    db, document: dict[str, Any], fmt: Format
) -> None:
    workspace = Workspace.objects.create(slug=f"gen-{next(_workspaces)}", name="Generated")
    text = json.dumps(document) if fmt == "json" else as_yaml(document)
    imported = import_roadmap(actor=None, workspace=workspace, text=text, fmt=fmt)
    first = export_roadmap(actor=None, roadmap=imported, fmt=fmt)
    again = import_roadmap(actor=None, workspace=workspace, text=first, fmt=fmt, replace=True, confirmed=True)
    assert export_roadmap(actor=None, roadmap=again, fmt=fmt) == first
    exported = parse(first, fmt)
    assert [(o.key, o.parent) for o in exported.objectives] == [
        (o["key"], o.get("parent")) for o in document["objectives"]
    ]
    assert [len(k.measurements) for k in exported.kpis] == [len(k["measurements"]) for k in document["kpis"]]
    assert [[t.key for t in s.tactics] for s in exported.strategies] == [
        [t["key"] for t in s["tactics"]] for s in document["strategies"]
    ]


def test_a_kpi_with_every_tracking_field_round_trips_identically(workspace: Workspace) -> None:
    document = {
        "format": "jalon/1",
        "roadmap": {"slug": "kpis", "title": "KPIs", "type": "strategic",
                    "horizon": {"start": "2026-01-01", "end": "2026-12-31"}},
        "objectives": [{"key": "churn", "title": "Churn",
                        "measurable": {"metric": "churn", "unit": "%", "target": 5,
                                       "direction": "decrease"}}],
        "kpis": [
            {"key": "churn", "name": "Churn rate", "unit": "%", "objective": "churn", "owner": "Yasmin Ahmad",
             "frequency": "monthly", "direction": "decrease", "baseline": 8, "baseline_date": "2026-01-31",
             "target": 5, "target_date": "2026-11-30", "benchmark_low": 4.5, "benchmark_high": 6,
             "benchmark_source": "Study 2025", "measurements": [{"date": "2026-02-28", "value": 7.8}]},
            {"key": "nps", "name": "NPS", "frequency": "quarterly", "direction": "band", "target_low": 30,
             "target_high": 50, "lowest_possible": -100, "highest_possible": 100},
        ],
    }  # fmt: skip
    imported = import_roadmap(actor=None, workspace=workspace, text=json.dumps(document), fmt="json")
    first = export_roadmap(actor=None, roadmap=imported, fmt="yaml")
    again = import_roadmap(
        actor=None, workspace=workspace, text=first, fmt="yaml", replace=True, confirmed=True
    )
    assert export_roadmap(actor=None, roadmap=again, fmt="yaml") == first
    kpis = parse(first, "yaml").kpis
    assert kpis[0].target == 5  # the main KPI shows its objective's target
    assert (kpis[0].benchmark_low, kpis[0].benchmark_source, kpis[0].target_date) == (
        4.5,
        "Study 2025",
        date(2026, 11, 30),
    )
    assert (kpis[1].direction, kpis[1].target_low, kpis[1].target_high) == ("band", 30, 50)
    assert (kpis[1].lowest_possible, kpis[1].highest_possible) == (-100, 100)


def test_a_kpi_whose_lowest_possible_value_is_not_below_its_highest_is_refused(workspace: Workspace) -> None:
    document = base_document()
    document["kpis"][1].update(lowest_possible=10, highest_possible=10)
    problems = refused_import(workspace, as_yaml(document))
    assert any(
        path.startswith("kpis[1]") and "La valeur maximale possible doit être au-dessus" in message
        for path, message in problems
    ), problems


def test_an_objective_saved_with_a_target_and_no_metric_comes_back_from_its_roadmaps_file(team) -> None:
    """The pages save an objective typed with a unit and a target and no metric (the SMART coach says what
    is missing); its roadmap's own file was refused on import (« Give a metric or a done-state. »), so the
    roadmap could neither be copied nor replaced by its file."""
    from jalon.documents.services import export_roadmap, import_roadmap
    from jalon.strategy import services as strategy
    from jalon.strategy.models import Objective
    from jalon.workspaces import services as workspaces
    from tests.factories import make_roadmap

    roadmap = make_roadmap(team.workspace, team.owner, slug="plan-2027")
    strategy.create_objective(
        actor=team.owner, roadmap=roadmap, key="sales", title="Grow sales", unit="€", baseline=95_000.0,
        target=130_000.0,
    )  # fmt: skip
    text = export_roadmap(actor=team.owner, roadmap=roadmap, fmt="yaml")
    other = workspaces.create_workspace(actor=team.owner, slug="copy", name="Copy")
    copy = import_roadmap(actor=team.owner, workspace=other, text=text, fmt="yaml")
    assert Objective.objects.get(roadmap=copy, key="sales").target == 130_000.0
