"""The « Optimiser le portefeuille » page: rules, a run beside the current plan with reasons, an impossible
run explained, a fixed number of queries, and who may do what."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from jalon.planning import services
from jalon.planning.models import Activity, Scenario
from tests.planning import portfolio_plans as shared
from tests.planning.portfolio_pages import RULES, URL, logged_in, squash

# The shared fixtures (a module of tests/planning may not hold a conftest of its own here).
small = shared.small


def test_the_page_starts_from_the_budget_of_every_group(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["budget"] == Decimal(18000)
    assert form.initial["max_acquisition"] == Decimal(10000)
    html = squash(response)
    assert re.findall(r'<tr id="candidate-([\w-]+)"', html) == [
        "seo", "cms", "ads", "emails", "loyalty",
    ]  # fmt: skip
    assert 'name="must_do" value="ads"' in html
    assert 'name="must_do" value="loyalty"' not in html  # in progress: always funded
    assert "In progress: always funded" in html


def test_the_page_is_in_french_by_default(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner, language="fr").get(URL)
    html = response.content.decode()
    assert '<html lang="fr" ' in html and "Mes espaces de travail" in html
    with translation.override("fr"):  # « Optimiser le portefeuille » once the catalogue has it
        assert f"<h1>{translation.gettext('Optimise the portfolio')}</h1>" in html


def test_a_run_shows_the_proposal_beside_the_current_plan(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).post(URL, RULES)
    assert response.status_code == 200
    html = squash(response)
    assert "Best possible portfolio under these rules (proven)." in html
    assert '<td class="numbers" data-figure="value">€28,500</td>' in html
    assert '<td class="numbers" data-figure="cost">€15,000</td>' in html
    run = response.context["run"]
    assert [row.activity.key for row, _why in run.funded] == ["seo", "cms", "emails", "loyalty"]
    assert [row.activity.key for row, _why in run.left_out] == ["ads"]


def test_each_activity_says_why_it_is_in_or_out(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).post(URL, RULES)
    why = {
        row.activity.key: text
        for row, text in response.context["run"].funded + response.context["run"].left_out
    }
    assert why["cms"].startswith("Funded: leaving it out would break “SEO overhaul” needs “CMS migration”.")
    assert why["loyalty"] == "Must-do: it is in progress."
    assert why["ads"].startswith(
        "Left out: funding it too would break the overall budget of €18,000 (of which €1,000 already spent "
        "on done activities and €2,000 kept for maintenance); the maximum of €10,000 for Acquisition"
    )
    assert "Value per euro: 1.2 (cut-off: 3)." in why["ads"]
    assert "It would get in with €6,000 more value." in why["ads"]


def test_an_impossible_run_names_the_rules_that_conflict(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).post(URL, {**RULES, "budget": "4000", "must_do": ["seo"]})
    assert response.status_code == 200
    run = response.context["run"]
    assert run.status == "No portfolio obeys all these rules."
    assert run.conflict == [
        "the overall budget of €4,000 (of which €1,000 already spent on done activities and €2,000 kept for "
        "maintenance)",
        "“SEO overhaul” is a must-do",
    ]
    html = squash(response)
    assert "Relax any one of them and a portfolio exists." in html
    assert 'id="save-scenario"' not in html


def test_a_score_can_be_maximised_instead_of_value(client: Client, small: SimpleNamespace) -> None:
    for key, impact in [("ads", 5), ("seo", 1), ("cms", 1), ("emails", 2), ("loyalty", 2)]:
        activity = Activity.objects.get(roadmap=small.roadmap, key=key)
        services.update(activity, actor=small.owner, expected_version=activity.version,
                        changes={"impact": impact, "feasibility": 5})  # fmt: skip
    response = logged_in(client, small.owner).post(URL, {**RULES, "maximise": "impact_feasibility"})
    funded = [row.activity.key for row, _why in response.context["run"].funded]
    assert "ads" in funded and "seo" not in funded
    assert '<th scope="col">Score</th>' in response.content.decode()


def test_must_do_and_ruled_out_on_the_same_activity_is_refused(
    client: Client, small: SimpleNamespace
) -> None:
    response = logged_in(client, small.owner).post(URL, {**RULES, "must_do": ["ads"], "must_not": ["ads"]})
    assert response.status_code == 422
    assert "“Search ads” cannot be both a must-do and ruled out." in squash(response)
    assert response.context["run"] is None


def test_a_minimum_above_the_maximum_is_refused(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).post(URL, {**RULES, "min_retention": "7000"})
    assert response.status_code == 422
    assert "The minimum is above the maximum." in squash(response)


def test_ticked_boxes_stay_ticked_after_a_run(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).post(URL, {**RULES, "must_not": ["emails"]})
    assert 'id="must-not-emails" checked' in response.content.decode()
    assert "Ruled out: your choice." in [why for _row, why in response.context["run"].left_out]


def test_a_scenario_reruns_with_its_rules(client: Client, small: SimpleNamespace) -> None:
    logged_in(client, small.owner).post(URL + "save/", {**RULES, "budget": "15000", "name": "Lean"})
    response = client.get(URL + "?scenario=lean")
    assert response.context["form"].initial["budget"] == Decimal(15000)


def _queries(client: Client, method: str, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL + path, RULES) if method == "post" else client.get(URL + path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", ""), ("post", ""), ("get", "scenarios/one/"), ("get", "scenarios/one/apply/"),
     ("get", "compare/?s=one")],
)  # fmt: skip
def test_pages_cost_the_same_queries_whatever_the_number_of_activities(
    client: Client, small: SimpleNamespace, method: str, path: str
) -> None:
    logged_in(client, small.owner).post(URL + "save/", {**RULES, "name": "One"})
    before = _queries(client, method, path)
    for n in range(12):
        services.create(Activity, actor=small.owner, roadmap=small.roadmap, key=f"extra-{n}",
                        title=f"Extra {n}", theme=small.themes["retention"], cost=Decimal(100), value=50 + n,
                        objectives=[small.objectives["cart"]])  # fmt: skip
    assert _queries(client, method, path) == before


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_see_saved_scenarios_but_no_rules(client: Client, small: SimpleNamespace, role: str) -> None:
    logged_in(Client(), small.owner).post(URL + "save/", {**RULES, "name": "Base"})
    reader = logged_in(client, small.members[role])
    page = reader.get(URL)
    assert page.status_code == 200
    assert 'id="portfolio-form"' not in page.content.decode()
    assert 'href="/w/acme/r/plan-2027/portfolio/scenarios/base/"' in page.content.decode()
    scenario = reader.get(URL + "scenarios/base/")
    assert scenario.status_code == 200 and 'id="apply-link"' not in scenario.content.decode()
    assert reader.get(URL + "compare/?s=base").status_code == 200


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_cannot_run_save_apply_or_delete(client: Client, small: SimpleNamespace, role: str) -> None:
    logged_in(Client(), small.owner).post(URL + "save/", {**RULES, "name": "Base"})
    reader = logged_in(client, small.members[role])
    assert reader.post(URL, RULES).status_code == 403
    assert reader.post(URL + "save/", {**RULES, "name": "Mine"}).status_code == 403
    assert reader.post(URL + "budget-variants/", {**RULES, "name": "Mine"}).status_code == 403
    assert reader.get(URL + "scenarios/base/apply/").status_code == 403
    assert reader.post(URL + "scenarios/base/apply/").status_code == 403
    assert reader.post(URL + "scenarios/base/delete/").status_code == 403
    assert list(Scenario.objects.values_list("key", flat=True)) == ["base"]


def test_an_outsider_gets_not_found_everywhere(client: Client, small: SimpleNamespace) -> None:
    logged_in(Client(), small.owner).post(URL + "save/", {**RULES, "name": "Base"})
    outsider = logged_in(client, small.members["outsider"])
    for path in ["", "compare/?s=base", "scenarios/base/", "scenarios/base/apply/"]:
        assert outsider.get(URL + path).status_code == 404, path
    for path in ["", "save/", "budget-variants/", "scenarios/base/apply/", "scenarios/base/delete/"]:
        assert outsider.post(URL + path, {**RULES, "name": "X"}).status_code == 404, path
    assert Scenario.objects.count() == 1


def test_an_unknown_scenario_is_not_found(client: Client, small: SimpleNamespace) -> None:
    assert logged_in(client, small.owner).get(URL + "scenarios/nope/").status_code == 404
