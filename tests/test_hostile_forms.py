"""Every form a person can post in the web application, found by following the demo roadmap's links as its
owner, answers hostile but plausible values (over-long texts, 2,000-character words, emoji, right-to-left
and zero-width characters, markup, 1e15, NaN, 10^400, 30 decimals, the years 1 and 9999, 30 February, an
end before its start) with 200, 302 or 422, never 500; a refused value changes nothing; and after the
values that saved, every page of the roadmap, its exports and the re-import of its jalon/1 file still
answer. Runs on SQLite and PostgreSQL (where a numeric overflow raises).

The form's own page is read after every value that saved; after each form, the roadmap's pages and exports
that read a table its saved values wrote (the crawl notes which tables each page reads, each answer adds
what it read; an export not asked yet is asked) and the re-import of the YAML export when it was asked again
(values that save are posted most hostile last, so that this value stays); at the end, every page and every
export again. The re-import reads the YAML export the re-check fetched (one export of a roadmap full of
20,000-character texts is seconds of pure-Python YAML), and templates render untraced (see
``untraced_templates``)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.template.base import Template
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jalon.documents.services import import_roadmap
from jalon.history.models import Change
from jalon.workspaces.models import Workspace
from tests.hostile_forms import READ, WRITTEN, Crawl, Form, crawl, hostile_posts, parse, tables

WORKSPACE = "/w/cloud-kicks/"
EXPORTS = ["export.yaml", "export.json", "documents/?format=md", "documents/?format=ics",
           "documents/?format=xlsx", "backlog.csv", "backlog.xlsx", "plan/calendar.ics"]  # fmt: skip
SLOW_EXPORTS = ["documents/?format=pdf", "documents/?format=pptx"]
ANSWERS = (200, 302, 422)
# The forms the crawl must find (a new form is fuzzed as soon as a page links to it; a form that is no
# longer reached would silently escape the check).
EXPECTED_ROUTES = {
    "activity_new", "activity_edit", "activity_assign", "activity_dependency_add", "budget", "budget_theme",
    "communications", "communication_item", "framing", "framing_indicators", "framing_personas",
    "framing_plan", "framing_votes", "kpi_edit", "kpi_measurement_add", "measurement_add",
    "measurement_edit", "milestones", "milestone_item", "objective_cell", "objective_edit", "objective_new",
    "people", "person_assign", "portfolio", "reviews", "risks", "risk_item", "roadmap_edit", "roadmap_new",
    "schedule_run", "strategy_add", "strategy_edit", "tactic_add", "tactic_edit", "workspace_new",
    "workspace_person", "workspace_person_absence_add", "workspace_team", "members", "workspace_rename",
}  # fmt: skip


def roadmap_of(url: str) -> str:
    match = re.match(r"/w/[^/]+/r/[^/]+/", urlsplit(url).path)
    return match.group(0) if match else "/w/cloud-kicks/r/cloud-kicks/"


def current(client: Client, form: Form, problems: list[str]) -> Form:
    """The form as its page shows it now (a saved value moves the version it carries); the page answering
    500 is a problem."""
    response = client.get(form.page, HTTP_ACCEPT_LANGUAGE="fr")
    if response.status_code >= 500:
        problems.append(f"{form.page} answers {response.status_code}")
    forms, _ = parse(form.page, response.content.decode()) if response.status_code == 200 else ([], [])
    return next((other for other in forms if other.signature == form.signature), form)


def broken_pages(
    client: Client, found: Crawl, roadmap: str, *, written: set[str] | None = None, slow: bool = False
) -> tuple[list[str], str | None]:
    """The pages and exports of ``roadmap`` (and of its workspace) that no longer answer, and its jalon/1
    file as the YAML export gave it (for the re-import; None when it was not asked again). Given the tables
    the posts ``written``, only the pages and exports that read one of them (as they were last seen: the
    crawl for a page, the last time it was asked for an export, never asked yet: asked) are asked again: a
    value a page never reads cannot break it. Each answer adds the tables it read to what is known."""
    urls = [page for page in found.pages if page.startswith(roadmap) or not page.startswith(WORKSPACE + "r/")]
    urls += [roadmap + export for export in EXPORTS + (SLOW_EXPORTS if slow else [])]
    if written is not None:
        urls = [url for url in urls if url not in found.reads or found.reads[url] & written]
    broken, exported = [], None
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        found.reads[url] = found.reads.get(url, set()) | tables(queries, READ)
        status = response.status_code
        if status >= 500 or (status == 404 and url in found.pages):
            broken.append(f"{url} answers {status}")
        if url == roadmap + "export.yaml":
            exported = response.content.decode() if status == 200 else ""
    return broken, exported


def reimport_problem(text: str, scratch: Workspace) -> str | None:
    try:
        import_roadmap(actor=None, workspace=scratch, text=text, fmt="yaml", replace=True, confirmed=True)
    except Exception as error:
        return f"its jalon/1 export no longer imports: {str(error)[:300]}"
    return None


@pytest.fixture
def untraced_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Templates render as the server renders them: under test, Django records every template a response
    renders with a copy of its context (for ``response.context``), some 160,000 copies in this check that
    nothing reads."""
    monkeypatch.setattr(Template, "_render", lambda self, context: self.nodelist.render(context))


@pytest.mark.django_db
@pytest.mark.slow
@pytest.mark.usefixtures("untraced_templates")
@pytest.mark.parametrize("half", [0, 1])  # two tests that parallel workers share: half of the forms each
def test_every_form_answers_hostile_values_and_every_page_still_answers(
    client: Client, members, half: int
) -> None:
    client.raise_request_exception = False
    client.force_login(members["owner"])
    found = crawl(client, ["/", WORKSPACE], (WORKSPACE, "/workspaces/new/"))
    assert found.broken == {}
    assert {signature[0] for signature in found.forms} >= EXPECTED_ROUTES
    scratch = Workspace.objects.create(slug="reimport", name="Re-import")
    problems: list[str] = []
    dirty: set[str] = set()
    written: set[str] = set()
    for signature, form in sorted(found.forms.items())[half::2]:
        latest = current(client, form, problems)  # other forms saved since the crawl
        for name, value, data in hostile_posts(form):
            data |= {key: latest.fields[key] for key in ("version",) if key in latest.fields}
            before = Change.objects.count()
            headers = {"Accept-Language": "fr"} | ({"HX-Request": "true"} if form.htmx else {})
            with CaptureQueriesContext(connection) as queries:
                status = client.post(latest.action, data, headers=headers).status_code
            saved = Change.objects.count() != before
            said = f"{signature[0]} {name}={value[:40]!r}"
            if status not in ANSWERS:
                problems.append(f"{said} answers {status}")
            elif status == 422 and saved:
                problems.append(f"{said} was refused (422) but changed the roadmap")
            if saved:
                written |= tables(queries, WRITTEN)
                dirty.add(roadmap_of(form.action))
                latest = current(client, form, problems)  # its page shows the value that saved
        for roadmap in sorted(dirty):
            broken, exported = broken_pages(client, found, roadmap, written=written)
            problems += [f"after {signature[0]}: {page}" for page in broken]
            if exported is not None and (problem := reimport_problem(exported, scratch)) is not None:
                problems.append(f"after {signature[0]}: {problem}")
        dirty.clear()
        written.clear()
    for roadmap in sorted({roadmap_of(page) for page in found.pages}):
        problems += [f"at the end: {page}" for page in broken_pages(client, found, roadmap, slow=True)[0]]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_recheck_knows_which_tables_a_page_reads_and_a_post_writes() -> None:
    """What lets the check ask again only the pages that read what a form wrote: the tables named in the
    statements Django sends, on SQLite as on PostgreSQL (joins and subqueries included)."""
    from jalon.strategy.models import Objective

    with CaptureQueriesContext(connection) as reads:
        Objective.objects.filter(roadmap__workspace__slug="nowhere").exists()
    with CaptureQueriesContext(connection) as writes:
        Workspace.objects.filter(pk__in=Objective.objects.values("pk")).update(name="Renamed")
    assert tables(reads, READ) == {"strategy_objective", "strategy_roadmap", "workspaces_workspace"}
    assert tables(writes, WRITTEN) == {"workspaces_workspace"}
