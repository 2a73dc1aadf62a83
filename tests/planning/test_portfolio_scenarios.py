"""Scenarios: save a run, a budget −10 % / +10 % series, compare, delete, and apply one through the
planning services (history recorded, all or nothing, stale versions refused)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from jalon.errors import ValidationFailed
from jalon.history.models import Change
from jalon.planning import services
from jalon.planning.models import Activity, Scenario, Status
from jalon.planning.portfolio.problem import Rules, ThemeLimits, load_plan
from jalon.planning.portfolio.services import (
    StaleActivity,
    apply_scenario,
    delete_scenario,
    pending_changes,
    save_budget_variants,
    save_scenario,
)
from tests.planning import portfolio_pages as pages
from tests.planning import portfolio_plans as shared

small = shared.small
URL, RULES, logged_in = pages.URL, pages.RULES, pages.logged_in


def statuses(small: SimpleNamespace) -> dict[str, str]:
    return dict(Activity.objects.filter(roadmap=small.roadmap).values_list("key", "status"))


def saved(small: SimpleNamespace, name: str = "Base", **rules: Any) -> Scenario:
    plan = load_plan(small.roadmap)
    return save_scenario(
        actor=small.owner, plan=plan, rules=Rules(**{"budget_eur": 18000.0, **rules}), name=name
    )


def versions(small: SimpleNamespace) -> dict[str, int]:
    return dict(Activity.objects.filter(roadmap=small.roadmap).values_list("key", "version"))


def test_saving_keeps_the_rules_the_selection_and_the_figures(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).post(
        URL + "save/", {**RULES, "name": "Base", "must_not": ["ads"]}
    )
    assert response.status_code == 302
    assert response["Location"] == URL + "scenarios/base/"
    scenario = Scenario.objects.get(roadmap=small.roadmap, key="base")
    assert (scenario.name, scenario.status, scenario.created_by) == ("Base", "optimal", small.owner)
    assert sorted(scenario.selection) == ["cms", "emails", "loyalty", "seo"]
    assert (scenario.value, scenario.cost) == (28500.0, 15000)
    assert scenario.parameters["budget_eur"] == 18000.0 and scenario.parameters["must_not"] == ["ads"]
    assert scenario.parameters["candidates"] == ["seo", "cms", "ads", "emails", "loyalty"]
    assert scenario.summary["cost_by_theme"] == {
        "acquisition": 8000.0,
        "retention": 5500.0,
        "running": 1500.0,
    }
    assert scenario.summary["value_by_objective"] == {"conversion": 12000.0, "cart": 9000.0, "mobile": 0.0}


def test_a_scenario_needs_a_name(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).post(URL + "save/", {**RULES, "name": "  "})
    assert response.status_code == 422
    assert response.context["run"] is not None  # the proposal stays on screen beside the error
    assert not Scenario.objects.exists()


def test_keys_stay_unique_in_the_roadmap(small: SimpleNamespace) -> None:
    assert [saved(small).key, saved(small).key, saved(small).key] == ["base", "base-2", "base-3"]


def test_budget_variants_save_three_scenarios_and_show_them_side_by_side(
    client: Client, small: SimpleNamespace
) -> None:
    response = logged_in(client, small.owner).post(
        URL + "budget-variants/", {**RULES, "budget": "15500", "name": "Autumn"}
    )
    assert response.status_code == 302
    assert response["Location"] == URL + "compare/?s=autumn&s=autumn-minus-10&s=autumn-plus-10"
    budgets = dict(Scenario.objects.values_list("name", "parameters__budget_eur"))
    assert budgets == {"Autumn": 15500.0, "Autumn (budget −10%)": 13950.0, "Autumn (budget +10%)": 17050.0}
    values = dict(Scenario.objects.values_list("key", "value"))
    assert values["autumn-minus-10"] < values["autumn"] <= values["autumn-plus-10"]
    page = client.get(response["Location"])
    assert [column.scenario.key if column.scenario else None for column in page.context["columns"]] == [
        None, "autumn", "autumn-minus-10", "autumn-plus-10",
    ]  # fmt: skip
    assert "Autumn (budget −10%)" in page.content.decode()


def test_budget_variants_need_an_overall_budget(small: SimpleNamespace) -> None:
    with pytest.raises(ValidationFailed) as error:
        save_budget_variants(actor=small.owner, plan=load_plan(small.roadmap), rules=Rules(None), name="X")
    assert "budget" in error.value.errors
    assert not Scenario.objects.exists()


def test_compare_marks_which_activities_each_scenario_funds(client: Client, small: SimpleNamespace) -> None:
    saved(small, "Lean", budget_eur=12000.0)
    saved(small, "Rich", budget_eur=30000.0, themes={"acquisition": ThemeLimits(None, 20000.0)})
    page = logged_in(client, small.owner).get(URL + "compare/?s=lean&s=rich&s=unknown")
    inside = {activity.key: marks for activity, marks in page.context["activities"]}
    assert inside["ads"] == [True, False, True]  # current plan, lean, rich
    assert inside["seo"] == [False, False, True]  # with 9 000 left after reserves, SEO and its CMS do not fit
    assert inside["emails"] == [False, True, True]


def test_deleting_a_scenario_removes_it(client: Client, small: SimpleNamespace) -> None:
    saved(small)
    response = logged_in(client, small.owner).post(URL + "scenarios/base/delete/")
    assert response.status_code == 302 and response["Location"] == URL
    assert not Scenario.objects.exists()


def test_delete_service_checks_the_role(small: SimpleNamespace) -> None:
    scenario = saved(small)
    with pytest.raises(Exception):  # noqa: B017 - Forbidden (403)
        delete_scenario(actor=small.members["viewer"], scenario=scenario)
    assert Scenario.objects.filter(pk=scenario.pk).exists()


def test_pending_changes_plan_funded_ideas_and_unplan_what_was_left_out(small: SimpleNamespace) -> None:
    scenario = saved(small)
    activities = load_plan(small.roadmap).activities
    changes = {c.activity.key: (c.before, c.after) for c in pending_changes(activities, scenario)}
    assert changes == {"seo": ("idea", "planned"), "cms": ("idea", "planned"), "ads": ("planned", "idea"),
                       "emails": ("idea", "planned")}  # fmt: skip


def test_applying_changes_statuses_through_the_services_with_history(small: SimpleNamespace) -> None:
    scenario = saved(small)
    changed = apply_scenario(actor=small.owner, scenario=scenario, expected_versions=versions(small))
    assert len(changed) == 4
    assert statuses(small) == {"seo": "planned", "cms": "planned", "ads": "idea", "emails": "planned",
                               "loyalty": "in_progress", "old": "done", "hosting": "planned"}  # fmt: skip
    ads = Activity.objects.get(roadmap=small.roadmap, key="ads")
    change = Change.objects.filter(content_type=ContentType.objects.get_for_model(Activity), object_id=ads.pk)
    assert change.latest("id").fields == {"status": ["planned", "idea"]}
    assert change.latest("id").actor == small.owner
    scenario.refresh_from_db()
    assert scenario.applied_by == small.owner and scenario.applied_at is not None


def test_applying_never_touches_done_or_in_progress_activities(small: SimpleNamespace) -> None:
    scenario = saved(small)
    scenario.selection = []  # a scenario funding nothing would still leave these alone
    plan = load_plan(small.roadmap)
    assert {c.activity.key for c in pending_changes(plan.activities, scenario)} == {"ads"}


def test_a_stale_version_applies_nothing(small: SimpleNamespace) -> None:
    scenario = saved(small)
    reviewed = versions(small)
    emails = Activity.objects.get(roadmap=small.roadmap, key="emails")
    services.update(emails, actor=small.members["editor"], expected_version=emails.version,
                    changes={"title": "Cart e-mails v2"})  # fmt: skip
    before = statuses(small)
    with pytest.raises(StaleActivity) as error:
        apply_scenario(actor=small.owner, scenario=scenario, expected_versions=reviewed)
    assert error.value.activity.key == "emails"
    assert statuses(small) == before  # seo and cms, changed before emails in the loop, were rolled back
    scenario.refresh_from_db()
    assert scenario.applied_at is None


def test_a_change_that_was_not_reviewed_applies_nothing(small: SimpleNamespace) -> None:
    scenario = saved(small)
    reviewed = {key: version for key, version in versions(small).items() if key != "ads"}
    before = statuses(small)
    with pytest.raises(StaleActivity):
        apply_scenario(actor=small.owner, scenario=scenario, expected_versions=reviewed)
    assert statuses(small) == before


def test_an_impossible_scenario_cannot_be_applied(small: SimpleNamespace) -> None:
    scenario = saved(small, "Broke", budget_eur=1000.0)
    assert scenario.status == "infeasible" and scenario.selection == []
    with pytest.raises(ValidationFailed):
        apply_scenario(actor=small.owner, scenario=scenario, expected_versions=versions(small))
    assert statuses(small)["ads"] == Status.PLANNED


def test_the_apply_page_shows_the_changes_then_applies_them(client: Client, small: SimpleNamespace) -> None:
    saved(small)
    owner = logged_in(client, small.owner)
    review = owner.get(URL + "scenarios/base/apply/")
    assert review.status_code == 200
    assert [c.activity.key for c in review.context["changes"]] == ["seo", "cms", "ads", "emails"]
    html = review.content.decode()
    assert 'name="version-ads" value="1"' in html
    response = owner.post(
        URL + "scenarios/base/apply/", {f"version-{k}": v for k, v in versions(small).items()}
    )
    assert response.status_code == 302 and response["Location"] == URL + "scenarios/base/"
    assert statuses(small)["seo"] == "planned" and statuses(small)["ads"] == "idea"
    after = owner.get(URL + "scenarios/base/apply/")
    assert after.context["changes"] == [] and 'id="nothing-to-apply"' in after.content.decode()


def test_the_apply_page_refuses_a_stale_review_with_409(client: Client, small: SimpleNamespace) -> None:
    saved(small)
    reviewed = {f"version-{k}": v for k, v in versions(small).items()}
    seo = Activity.objects.get(roadmap=small.roadmap, key="seo")
    services.update(
        seo, actor=small.members["editor"], expected_version=seo.version, changes={"value": 13000}
    )
    response = logged_in(client, small.owner).post(URL + "scenarios/base/apply/", reviewed)
    assert response.status_code == 409
    assert "“SEO overhaul” was changed by someone else" in response.content.decode()
    assert statuses(small)["ads"] == "planned"
    assert 'name="version-seo" value="2"' in response.content.decode()  # review again on fresh versions


def test_the_apply_page_of_an_impossible_scenario_offers_nothing(
    client: Client, small: SimpleNamespace
) -> None:
    saved(small, "Broke", budget_eur=1000.0)
    page = logged_in(client, small.owner).get(URL + "scenarios/broke/apply/")
    assert page.context["changes"] == []
    assert "This scenario funds nothing: it cannot be applied." in page.content.decode()
    assert 'id="apply-form"' not in page.content.decode()


def test_a_scenario_names_who_saved_it_as_the_team_knows_them(client: Client, small: SimpleNamespace) -> None:
    """By their name, as the schedule and the history do, not their e-mail address."""
    small.owner.display_name = "Camille Martin"
    small.owner.save(update_fields=["display_name"])
    saved(small)
    page = logged_in(client, small.owner).get(URL + "scenarios/base/").content.decode()
    assert "· Camille Martin" in page and small.owner.email not in page
