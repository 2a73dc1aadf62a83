"""« Optimiser le portefeuille » in the background: a roadmap with many activities to choose from is optimised
as a job whose page shows its progress, then the same proposal as an inline run; it is saved as the run
found it, refused as outdated once the plan changes, and read (not run) by readers."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jalon.engines import portfolio as engine
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.jobs.registry import JobContext
from jalon.planning import services
from jalon.planning.models import Activity, Scenario
from jalon.planning.portfolio import runs as portfolio_runs
from jalon.planning.portfolio.problem import load_plan
from tests.planning import background_runs
from tests.planning import portfolio_plans as shared
from tests.planning.background_runs import finished, queue, run_url
from tests.planning.portfolio_pages import RULES, URL, logged_in, squash

# The fixtures from background_runs.py that these tests ask for, bound here for pytest to find them by name.
background = background_runs.background

small = shared.small
FUNDED = ["seo", "cms", "emails", "loyalty"]


def reasons(response: Any) -> dict[str, tuple[bool, str]]:
    run = response.context["run"]
    return {row.activity.key: (row.funded, why) for row, why in run.funded + run.left_out}


def hidden_inputs(html: str, form_id: str) -> list[tuple[str, str]]:
    form = re.search(rf'<form[^>]*id="{form_id}".*?</form>', html, re.S)
    assert form is not None, form_id
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0))


def test_a_large_roadmap_is_optimised_in_the_background(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    job = queue(logged_in(client, small.owner))
    assert job.status == JobStatus.QUEUED and job.actor == small.owner
    assert job.params == {
        "rules": {
            "budget_eur": 18000.0, "maximise": "value", "cover_objectives": False,
            "themes": {"acquisition": {"min_eur": None, "max_eur": 10000.0},
                       "retention": {"min_eur": None, "max_eur": 6000.0},
                       "running": {"min_eur": None, "max_eur": 2000.0}},
            "must_do": [], "must_not": [],
        },
        "seconds": portfolio_runs.BACKGROUND_SECONDS,
    }  # fmt: skip
    assert not Scenario.objects.exists()


def test_a_small_roadmap_is_still_answered_at_once(client: Client, small: SimpleNamespace) -> None:
    response = logged_in(client, small.owner).post(URL, RULES)
    assert response.status_code == 200 and response.context["run"] is not None
    assert not Job.objects.exists()


def test_htmx_is_told_to_open_the_run_page(client: Client, small: SimpleNamespace, background: None) -> None:
    response = logged_in(client, small.owner).post(URL, RULES, headers={"HX-Request": "true"})
    job = Job.objects.get()
    assert response.status_code == 200 and response["HX-Redirect"] == run_url(job)


def test_the_run_page_shows_a_progress_bar_polled_every_second(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    job = queue(logged_in(client, small.owner))
    page = client.get(run_url(job)).content.decode()
    assert re.search(r'<progress id="portfolio-progress-bar" max="100" value="0"', page)
    assert f'hx-get="{run_url(job, "status/")}" hx-trigger="every 1s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert "Waiting to start" in page and 'id="save-scenario"' not in page
    fragment = client.get(run_url(job, "status/"), headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<progress" in fragment.content.decode()
    assert "HX-Refresh" not in fragment


def test_the_poll_answers_the_bar_and_the_words_not_the_panel(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    """The panel's section, heading, live region and Refresh link stay in the page: the poll brings the bar
    for the polled row and, out of band, the heading's and the status's words (the job has begun since)."""
    job = queue(logged_in(client, small.owner))
    page = client.get(run_url(job)).content.decode()
    polled = r'<div class="progress-row" id="portfolio-progress-state" hx-get="[^"]+" hx-trigger="every 1s" '
    assert re.search(polled + r'hx-swap="innerHTML">\s*<progress id="portfolio-progress-bar"', page)
    assert '<p class="progress-message" id="portfolio-progress-message" role="status">' in page
    assert jobs.claim(job.pk)
    jobs._reporter(job.pk)(30, "Starting…")
    answer = client.get(run_url(job, "status/"), headers={"HX-Request": "true"}).content.decode()
    assert re.search(r'<progress id="portfolio-progress-bar" max="100" value="30"', answer)
    assert '<h2 id="portfolio-progress-title" hx-swap-oob="innerHTML">The optimiser is working</h2>' in answer
    assert '<p id="portfolio-progress-message" hx-swap-oob="innerHTML">Starting…</p>' in answer
    assert "<section" not in answer and "Refresh" not in answer and 'role="status"' not in answer


def test_the_status_answers_a_refresh_once_the_run_is_done(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    job = finished(logged_in(client, small.owner))
    answer = client.get(run_url(job, "status/"), headers={"HX-Request": "true"})
    assert answer.status_code == 200 and answer["HX-Refresh"] == "true"
    assert client.get(run_url(job, "status/"))["Location"] == run_url(job)


def test_a_background_run_shows_the_same_proposal_and_reasons_as_an_inline_run(
    client: Client, small: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = logged_in(client, small.owner)
    inline = owner.post(URL, RULES)
    monkeypatch.setattr(portfolio_runs, "INLINE_MAX_CANDIDATES", 1)
    job = finished(owner)
    assert job.result is not None
    assert job.progress == 100 and job.result["candidates"] == ["seo", "cms", "ads", "emails", "loyalty"]
    page = owner.get(run_url(job))
    assert page.status_code == 200
    assert reasons(page) == reasons(inline)
    assert [row.activity.key for row, _why in page.context["run"].funded] == FUNDED
    html = squash(page)
    assert "Best possible portfolio under these rules (proven)." in html
    assert '<td class="numbers" data-figure="value">€28,500</td>' in html
    assert 'id="save-scenario"' in html and 'id="stale-run"' not in html
    assert ("run", str(job.pk)) in hidden_inputs(page.content.decode(), "save-scenario")


def test_the_run_page_offers_its_rules_to_change_and_run_again(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    owner = logged_in(client, small.owner)
    job = queue(owner, {**RULES, "budget": "15000", "must_not": ["emails"]})
    jobs.run_queued()
    form = owner.get(run_url(job)).context["form"]
    assert form.initial["budget"] == Decimal(15000) and form.initial["must_not"] == ["emails"]
    page = owner.get(run_url(job)).content.decode()
    assert 'id="must-not-emails" checked' in page
    assert 'hx-post="' not in re.search(r'<form[^>]*id="portfolio-form"[^>]*>', page).group(0)  # type: ignore[union-attr]


def test_the_job_reports_reading_counting_choosing_explaining_and_comparing(small: SimpleNamespace) -> None:
    seen: list[tuple[int, str, dict[str, Any]]] = []
    context = JobContext(
        1, portfolio_runs.JOB_KIND, {"rules": {"budget_eur": 18000.0}, "seconds": 5.0}, small.roadmap,
        small.owner, lambda percent, message="", /, **params: seen.append((percent, message, params)),
    )  # fmt: skip
    answer = portfolio_runs.portfolio_job(context)
    messages = [message for _percent, message, _params in seen]
    assert messages[:3] == [portfolio_runs.READING, portfolio_runs.COUNTED, portfolio_runs.SEARCHING]
    assert seen[1][2] == {"count": 5}
    assert portfolio_runs.EXPLAINING in messages and messages[-1] == portfolio_runs.COMPARING
    percents = [percent for percent, _message, _params in seen]
    assert percents == sorted(percents) and percents[-1] == 95
    assert len(seen) == len(set((p, m) for p, m, _ in seen))  # nothing written twice
    assert engine.Result.from_json(answer["result"]).selected == tuple(FUNDED)
    assert answer["signature"] == portfolio_runs.plan_signature(load_plan(small.roadmap))


def test_saving_from_a_run_keeps_what_the_run_found(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    owner = logged_in(client, small.owner)
    job = finished(owner)
    assert job.result is not None
    # What the run found is saved, not a new run: a selection no run of these rules would give proves it.
    job.result["result"]["selected"] = ["seo", "cms", "loyalty"]
    job.save(update_fields=["result"])
    response = owner.post(URL + "save/", {**RULES, "name": "From the run", "run": str(job.pk)})
    assert response.status_code == 302
    assert Scenario.objects.get(key="from-the-run").selection == ["seo", "cms", "loyalty"]


def test_saving_other_rules_than_the_run_runs_them_again(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    owner = logged_in(client, small.owner)
    job = finished(owner)
    assert job.result is not None
    job.result["result"]["selected"] = ["seo", "cms", "loyalty"]
    job.save(update_fields=["result"])
    owner.post(URL + "save/", {**RULES, "budget": "17000", "name": "Other", "run": str(job.pk)})
    assert Scenario.objects.get(key="other").selection == FUNDED


def test_a_run_changed_since_shows_a_warning_and_no_save_form(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    owner = logged_in(client, small.owner)
    job = finished(owner)
    ads = Activity.objects.get(roadmap=small.roadmap, key="ads")
    services.update(ads, actor=small.owner, expected_version=ads.version, changes={"value": 60000})
    page = owner.get(run_url(job))
    html = squash(page)
    assert (
        "The plan changed since this run: run it again to get a proposal based on the current plan." in html
    )
    assert 'id="save-scenario"' not in html and 'id="run-again"' in html
    assert page.context["stale"] is True
    # Running again posts the run's rules as they were.
    again = owner.post(URL, dict_of(hidden_inputs(page.content.decode(), "run-again-form")))
    newer = Job.objects.latest("pk")
    assert again.status_code == 303 and newer.pk != job.pk and newer.params["rules"] == job.params["rules"]
    # A save naming the outdated run runs the rules again on the plan of now.
    assert job.result is not None
    job.result["result"]["selected"] = ["seo", "cms", "loyalty"]
    job.save(update_fields=["result"])
    owner.post(URL + "save/", {**RULES, "name": "Now", "run": str(job.pk)})
    assert "ads" in Scenario.objects.get(key="now").selection


def dict_of(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def test_any_change_the_optimiser_reads_changes_the_plan_signature(small: SimpleNamespace) -> None:
    before = portfolio_runs.plan_signature(load_plan(small.roadmap))
    assert portfolio_runs.plan_signature(load_plan(small.roadmap)) == before
    services.add_dependency(actor=small.owner, predecessor=small.activities["emails"],
                            successor=small.activities["ads"])  # fmt: skip
    after_link = portfolio_runs.plan_signature(load_plan(small.roadmap))
    assert after_link != before
    theme = small.themes["retention"]
    services.update(theme, actor=small.owner, expected_version=theme.version, changes={"budget": 7000})
    assert portfolio_runs.plan_signature(load_plan(small.roadmap)) != after_link


def test_a_failed_run_shows_why(
    client: Client, small: SimpleNamespace, background: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def impossible(*args: Any, **kwargs: Any) -> engine.Result:
        raise engine.ProblemError(engine.ProblemCode.DUPLICATE_ACTIVITY, activity="seo")

    monkeypatch.setattr(engine, "solve", impossible)
    owner = logged_in(client, small.owner)
    job = queue(owner)
    jobs.run_queued()
    page = owner.get(run_url(job))
    html = squash(page)
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
    assert 'id="run-failed"' in html
    assert "Activity seo appears twice." in html and "duplicate_activity" not in html
    assert 'id="portfolio-form"' in html and 'id="portfolio-result"' not in html
    french = squash(logged_in(client, small.owner, "fr").get(run_url(job)))  # worded for each reader
    assert "L’activité seo apparaît deux fois." in french and "Activity seo" not in french


def test_the_portfolio_page_lists_the_background_runs(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    owner = logged_in(client, small.owner)
    done = finished(owner)
    waiting = queue(owner)
    html = squash(owner.get(URL))
    assert 'id="run-list"' in html
    assert f'href="{run_url(done)}"' in html and f'href="{run_url(waiting)}"' in html
    assert re.search(rf'<tr id="run-{done.pk}" data-status="done">.*?<td class="numbers">4</td>', html)
    assert "Many activities to choose from: the optimiser works in the background" in html


def test_the_run_page_costs_the_same_queries_whatever_the_number_of_activities(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    owner = logged_in(client, small.owner)
    first = finished(owner)
    owner.get(run_url(first))
    with CaptureQueriesContext(connection) as few:
        assert owner.get(run_url(first)).status_code == 200
    for n in range(12):
        services.create(Activity, actor=small.owner, roadmap=small.roadmap, key=f"extra-{n}",
                        title=f"Extra {n}", theme=small.themes["retention"], cost=Decimal(100), value=50 + n,
                        objectives=[small.objectives["cart"]])  # fmt: skip
    second = finished(owner)
    with CaptureQueriesContext(connection) as many:
        assert owner.get(run_url(second)).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_read_a_finished_run_but_cannot_run_or_save(
    client: Client, small: SimpleNamespace, background: None, role: str
) -> None:
    job = finished(logged_in(Client(), small.owner))
    reader = logged_in(client, small.members[role])
    page = reader.get(run_url(job))
    html = squash(page)
    assert page.status_code == 200 and 'id="portfolio-result"' in html
    assert 'id="save-scenario"' not in html and 'id="portfolio-form"' not in html
    assert reader.get(run_url(job, "status/")).status_code == 302
    assert reader.post(URL, RULES).status_code == 403
    assert reader.post(URL + "save/", {**RULES, "name": "Mine", "run": str(job.pk)}).status_code == 403
    assert Job.objects.count() == 1 and not Scenario.objects.exists()


def test_an_outsider_finds_no_run(client: Client, small: SimpleNamespace, background: None) -> None:
    job = finished(logged_in(Client(), small.owner))
    outsider = logged_in(client, small.members["outsider"])
    assert outsider.get(run_url(job)).status_code == 404
    assert outsider.get(run_url(job, "status/")).status_code == 404
    assert outsider.post(URL + "save/", {**RULES, "name": "X", "run": str(job.pk)}).status_code == 404


def test_a_run_of_another_workspace_or_another_kind_is_not_found(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    from jalon.strategy import services as strategy
    from jalon.workspaces.models import Membership

    outsider = small.members["outsider"]
    elsewhere = outsider.workspaces.get()
    theirs = strategy.create_roadmap(
        actor=outsider, workspace=elsewhere, slug="theirs", title="Theirs", type="strategic",
        start=small.roadmap.start, end=small.roadmap.end,
    )  # fmt: skip
    their_job = jobs.start_job(kind=portfolio_runs.JOB_KIND, roadmap=theirs, actor=outsider, params={})
    schedule = jobs.start_job(
        kind="schedule", roadmap=small.roadmap, actor=small.owner, params={"start": "2026-08-03"}
    )
    Membership.objects.create(workspace=small.roadmap.workspace, user=outsider, role="viewer")
    reader = logged_in(client, outsider)
    for job in (their_job, schedule):
        assert reader.get(run_url(job)).status_code == 404
        assert reader.get(run_url(job, "status/")).status_code == 404
