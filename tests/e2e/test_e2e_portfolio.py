"""« Optimiser le portefeuille » in real Chromium: run the optimiser on a small roadmap, read the proposal and
its reasons, save it as a scenario, apply it and see the activities' statuses change (French and English); and
a large roadmap's run in the background: its progress bar, then the proposal, saved as the run found it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation

from tests.e2e.conftest import log_in
from tests.planning import portfolio_plans as shared

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

small = shared.small
PORTFOLIO = "/w/acme/r/plan-2027/portfolio/"
DUPLICATE_IDS = """() => {
  const seen = {}, twice = new Set();
  for (const e of document.querySelectorAll('[id]')) { if (seen[e.id]) twice.add(e.id); seen[e.id] = true; }
  return [...twice];
}"""


def words(language: str, message: str) -> str:
    """The page's text for ``message`` in ``language``, from the same catalogue the server reads."""
    with translation.override(language):
        return translation.gettext(message)


def owner_page(new_context: Any, small: Any, language: str, **options: Any) -> Any:
    return log_in(new_context(**options).new_page(), small.owner.email, language)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_run_save_and_apply_a_portfolio(new_context: Any, small: Any, shot: Any, language: str) -> None:
    from jalon.planning.models import Activity, Scenario

    page = owner_page(new_context, small, language)
    page.goto(PORTFOLIO)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == words(language, "Optimise the portfolio")
    if language == "fr":
        assert page.locator(".breadcrumbs a").first.inner_text() == "Mes espaces de travail"
    page.wait_for_function("() => window.htmx !== undefined")
    # The budget is shown back the way the reader writes numbers.
    assert page.locator("#id_budget").input_value() == {"fr": "18\u202f000", "en": "18,000"}[language]
    page.locator("#run-optimiser").click()

    result = page.locator("#portfolio-result")
    result.wait_for()
    assert result.get_attribute("data-status") == "optimal"
    assert result.get_by_role("status").first.inner_text() == words(
        language, "Best possible portfolio under these rules (proven)."
    )
    assert page.locator("#funded tbody tr").count() == 4
    ads = page.locator("#left-out #row-ads")
    assert ads.get_attribute("data-funded") == "no"
    assert (
        words(language, "the overall budget of {amount}").split("{")[0] in ads.locator("td.why").inner_text()
    )
    assert page.locator("#leaving li").all_inner_texts() == ["Search ads"]
    assert page.evaluate(DUPLICATE_IDS) == [], "the hidden copy of the rules must not repeat the form's ids"
    shot(page, "proposal")

    page.locator("#id_name").fill("Plan A")
    page.locator("#save-scenario button.primary").click()
    page.wait_for_url(re.compile(re.escape(PORTFOLIO) + r"scenarios/plan-a/$"))
    assert page.locator("h1").inner_text() == "Plan A"
    assert Scenario.objects.get(key="plan-a").selection == ["seo", "cms", "emails", "loyalty"]

    page.locator("#apply-link").click()
    page.wait_for_url(re.compile(r"scenarios/plan-a/apply/$"))
    assert page.locator("#apply-changes tbody tr").count() == 4
    shot(page, "review")
    page.locator("#confirm-apply").click()
    page.wait_for_url(re.compile(r"scenarios/plan-a/$"))
    assert page.locator("#activity-seo").get_attribute("data-status") == "planned"
    assert page.locator("#activity-ads").get_attribute("data-status") == "idea"
    assert page.locator("#applied").inner_text() != words(language, "not yet")
    statuses = dict(Activity.objects.filter(roadmap=small.roadmap).values_list("key", "status"))
    assert (statuses["seo"], statuses["cms"], statuses["emails"], statuses["ads"]) == (
        "planned", "planned", "planned", "idea",
    )  # fmt: skip
    assert statuses["loyalty"] == "in_progress" and statuses["old"] == "done"
    shot(page, "applied")


def test_without_javascript_a_run_and_an_impossible_budget_still_work(
    new_context: Any, small: Any, shot: Any
) -> None:
    page = owner_page(new_context, small, "en", java_script_enabled=False)
    page.goto(PORTFOLIO)
    page.locator("#id_budget").fill("4000")
    page.locator("#must-do-seo").check()
    page.locator("#run-optimiser").click()
    page.wait_for_load_state()
    assert page.locator("#portfolio-result").get_attribute("data-status") == "infeasible"
    conflict = page.locator("#portfolio-conflict li").all_inner_texts()
    assert conflict[1] == "“SEO overhaul” is a must-do"
    assert page.locator("#must-do-seo").is_checked()
    shot(page)


def test_a_viewer_reads_scenarios_without_the_rules_form(new_context: Any, small: Any, shot: Any) -> None:
    from jalon.planning.portfolio.problem import Rules, load_plan
    from jalon.planning.portfolio.services import save_scenario

    save_scenario(actor=small.owner, plan=load_plan(small.roadmap), rules=Rules(18000.0), name="Base")
    page = log_in(new_context().new_page(), small.members["viewer"].email)
    page.goto(PORTFOLIO)
    assert page.locator("#portfolio-form").count() == 0
    page.locator("#scenario-list a", has_text="Base").click()
    page.wait_for_url(re.compile(r"scenarios/base/$"))
    assert page.locator("#apply-link").count() == 0
    assert page.locator("#comparison-totals [data-figure=value]").inner_text().replace("\u202f", " ") in (
        "28 500\u00a0€", "€28,500",
    )  # fmt: skip
    shot(page)


def test_a_large_roadmap_is_optimised_in_the_background_then_saved(
    new_context: Any, small: Any, shot: Any, monkeypatch: Any
) -> None:
    from jalon.jobs import runner
    from jalon.jobs.models import Job
    from jalon.planning.models import Scenario
    from jalon.planning.portfolio import runs as portfolio_runs

    monkeypatch.setattr(portfolio_runs, "INLINE_MAX_CANDIDATES", 0)
    wake = runner.wake
    monkeypatch.setattr(runner, "wake", lambda: None)  # hold the job until the progress bar is seen
    page = owner_page(new_context, small, "en")
    page.goto(PORTFOLIO)
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.locator("#runs-in-background").is_visible()
    page.locator("#run-optimiser").click()

    page.wait_for_url(re.compile(re.escape(PORTFOLIO) + r"runs/\d+/$"))
    bar = page.locator("progress#portfolio-progress-bar")
    bar.wait_for()
    assert bar.get_attribute("max") == "100"
    assert page.locator(".progress-label").inner_text() == "0%"
    assert page.get_by_role("heading", level=2).first.inner_text() == "Waiting to start"
    assert Job.objects.get().status == "queued"
    shot(page, "progress")

    wake()  # the web process's job thread takes it; the page polls every second and then reloads
    result = page.locator("#portfolio-result")
    result.wait_for(timeout=30_000)
    assert result.get_attribute("data-status") == "optimal"
    assert page.locator("#funded tbody tr").count() == 4
    assert page.locator("#left-out #row-ads").get_attribute("data-funded") == "no"
    assert page.locator("#stale-run").count() == 0
    assert page.evaluate(DUPLICATE_IDS) == []
    shot(page, "proposal")

    page.locator("#id_name").fill("Background plan")
    page.locator("#save-scenario button.primary").click()
    page.wait_for_url(re.compile(re.escape(PORTFOLIO) + r"scenarios/background-plan/$"))
    assert page.locator("h1").inner_text() == "Background plan"
    assert Scenario.objects.get(key="background-plan").selection == ["seo", "cms", "emails", "loyalty"]
    page.goto(PORTFOLIO)
    assert page.locator("#run-list tbody tr").count() == 1
    shot(page, "runs")
