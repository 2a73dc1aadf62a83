"""A CMO's quarterly review, three months after planning, from an empty database, in French and in English.

The three months of life are made with the services where the browser adds nothing (tests/factories.py): a
roadmap with four objectives — one measured monthly (six measurements: odds), one by a band KPI, one whose
KPI has no measurement yet, one without KPI whose deadline is the day of the review — thematic groups with
budgets (one overspent), activities done, late and to come, milestones reached, missed and due that day.
Then the review is walked in the browser on 2 April 2027: the empty list, the review held with its
decisions, its snapshot read against the executive view and the budget page of the same day, a second
review the same day (a title of its own, a namesake refused), the objective's target and deadline revised
and another objective deleted after the review, what the review kept and what changed since, a month later,
the strategic dashboard, the PDF report read back with pdftotext, a viewer reading the review, and a review
of a roadmap with nothing to measure yet.

Each page is looked at as a person meets it (tests/e2e/look.py): nothing wider than the window at 1440 and
1280 px, every field labelled, no serious or critical axe-core fault, no word of the other language.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.journeys import squash
from tests.factories import make_roadmap
from tests.tracking_edges import monthly

from .conftest import download, log_in
from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/acme/r/plan-2027/"
REVIEW_DAY, A_MONTH_LATER = date(2027, 4, 2), date(2027, 5, 3)
# What the CMO typed, in the page's language (content is not checked for the other language's words).
DATA: dict[str, dict[str, Any]] = {
    "fr": {
        "sales": "Augmenter les ventes en ligne", "churn": "Réduire les désabonnements",
        "leads": "Leads B2B", "brand": "Notoriété de la marque", "kpi": "Ventes mensuelles",
        "band": "Taux de désabonnement", "leads_kpi": "Leads qualifiés", "acquisition": "Acquisition",
        "loyalty": "Fidélisation", "ads": "Campagne Ads", "newsletter": "Refonte de la newsletter",
        "fair": "Salon e-commerce", "launch": "Lancement de la newsletter", "checkpoint": "Point trimestriel",
        "decisions": "Décaler le salon en juin.\nRéduire la cible des ventes à 125 000 €.",
        "title": "Revue T1 2027", "second": "Revue T1 2027 (2)", "hold": "Tenir la revue",
        "held": "Revue tenue : la feuille de route est figée au 02/04/2027.",
        "namesake": "Une revue de cette feuille de route s’appelle déjà Revue T1 2027 : donnez-lui un "
        "autre titre.",
        "statuses": "Planifiée : 1 · en cours : 1 · terminée : 1", "over": "budget dépassé",
        "total_over": "Budget dépassé", "missed": "manqué", "target": "125 000", "save": "Enregistrer",
        "moved": ["Cible : 130 000 € → 125 000 €", "Échéance : 31/12/2027 → 30/11/2027"],
        "removed": "Supprimé", "nothing": "Aucun objectif.", "pdf": "Rapport PDF",
        "pptx": "Présentation (PowerPoint)",
        "pdf_review": "Dernière revue trimestrielle", "edit": "Modifier les décisions et les notes",
    },
    "en": {
        "sales": "Grow online sales", "churn": "Cut unsubscribes", "leads": "B2B leads",
        "brand": "Brand awareness", "kpi": "Monthly online sales", "band": "Unsubscribe rate",
        "leads_kpi": "Qualified leads", "acquisition": "Acquisition", "loyalty": "Loyalty",
        "ads": "Ads campaign", "newsletter": "Newsletter redesign", "fair": "E-commerce fair",
        "launch": "Newsletter launch", "checkpoint": "Quarterly checkpoint",
        "decisions": "Move the fair to June.\nLower the sales target to €125,000.",
        "title": "Review Q1 2027", "second": "Review Q1 2027 (2)", "hold": "Hold the review",
        "held": "Review held: the roadmap is frozen as of 2 Apr 2027.",
        "namesake": "A review of this roadmap is already called Review Q1 2027: give this one another title.",
        "statuses": "Planned: 1 · in progress: 1 · done: 1", "over": "over budget",
        "total_over": "Over budget", "missed": "missed", "target": "125,000", "save": "Save",
        "moved": ["Target: €130,000 → €125,000", "Deadline: 31 Dec 2027 → 30 Nov 2027"],
        "removed": "Removed", "nothing": "No objective.", "pdf": "PDF report",
        "pptx": "Slide deck (PowerPoint)",
        "pdf_review": "Latest quarterly review", "edit": "Edit the decisions and notes",
    },
}  # fmt: skip


@pytest.fixture
def day(monkeypatch: pytest.MonkeyPatch) -> dict[str, date]:
    """The day the pages and the services read; the test moves it forward (never sleeps)."""
    from django.utils import timezone

    today = {"day": REVIEW_DAY}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today["day"])
    return today


def three_months_of_life(team: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The roadmap as the CMO left it on the eve of the review (planning in January)."""
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Milestone, Theme
    from jalon.strategy import services as strategy

    owner = team.owner
    roadmap = make_roadmap(
        team.workspace,
        owner,
        slug="plan-2027",
        title="Plan 2027",
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
    )
    goals: tuple[tuple[str, dict[str, Any]], ...] = (
        ("sales", {"unit": "€", "baseline": 95_000.0, "target": 130_000.0, "direction": "increase",
                   "deadline": date(2027, 12, 31)}),
        ("churn", {"unit": "%", "direction": "decrease", "deadline": date(2027, 6, 30)}),
        ("leads", {"unit": "leads", "baseline": 0.0, "target": 500.0, "direction": "increase",
                   "deadline": date(2027, 9, 30)}),
        ("brand", {"unit": "%", "baseline": 10.0, "target": 20.0, "direction": "increase",
                   "deadline": REVIEW_DAY}),
    )  # fmt: skip
    objective = {
        name: strategy.create_objective(actor=owner, roadmap=roadmap, title=data[name], **fields)
        for name, fields in goals
    }  # fmt: skip
    kpis: tuple[tuple[str, str, dict[str, Any], list[tuple[date, float]]], ...] = (
        ("kpi", "sales", {"unit": "€"},
         monthly(date(2026, 10, 1), [95_000, 97_500, 99_800, 102_600, 104_100, 107_000])),
        ("band", "churn", {"unit": "%", "direction": "band", "target_low": 0.5, "target_high": 1.5},
         [(date(2027, 1, 31), 1.3), (date(2027, 2, 28), 1.2), (date(2027, 3, 31), 1.1)]),
        ("leads_kpi", "leads", {"unit": "leads"}, []),
    )  # fmt: skip
    for name, objective_name, fields, measurements in kpis:
        kpi = strategy.create_kpi(
            actor=owner, roadmap=roadmap, objective=objective[objective_name], name=data[name],
            frequency="monthly", **fields,
        )  # fmt: skip
        for measured_on, value in measurements:
            strategy.add_measurement(actor=owner, kpi=kpi, date=measured_on, value=value)
    acquisition = planning.create(
        Theme, actor=owner, roadmap=roadmap, name=data["acquisition"], budget=20_000
    )
    loyalty = planning.create(Theme, actor=owner, roadmap=roadmap, name=data["loyalty"], budget=5_000)
    for name, theme, status, start, weeks, cost, spent in (
        ("ads", acquisition, "done", date(2027, 1, 11), 7, 8_000, 9_000),
        ("newsletter", loyalty, "in_progress", date(2027, 2, 1), 7, 4_000, 5_500),  # late: due 19 March
        ("fair", acquisition, "planned", date(2027, 5, 10), 1, 6_000, 0),
    ):
        planning.create(
            Activity, actor=owner, roadmap=roadmap, title=data[name], theme=theme, status=status, start=start,
            end=start + timedelta(weeks=weeks, days=-3), cost=Decimal(cost), spent=Decimal(spent),
        )  # fmt: skip
    for name, due, reached in (("launch", date(2027, 3, 15), None), ("checkpoint", REVIEW_DAY, None)):
        planning.create(
            Milestone, actor=owner, roadmap=roadmap, title=data[name], date=due, reached_on=reached
        )
    for user in team.users.values():
        user.language = data["language"]
        user.save(update_fields=["language"])
    return {"roadmap": roadmap, **objective}


def hold(page: Any, data: dict[str, Any], **typed: str) -> None:
    form = page.locator("form.review-form")
    for name, value in typed.items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.get_by_role("button", name=data["hold"]).click()


def cells(page: Any, table_row: Any) -> list[str]:
    return [squash(c) for c in table_row.locator("th, td").all_inner_texts()]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_quarterly_review_three_months_after_planning(
    language, team, day, new_context, shot, tmp_path, settings
):
    from pptx import Presentation

    from jalon.planning.models import Review
    from jalon.strategy import services as strategy

    settings.MEDIA_ROOT = tmp_path
    data = {**DATA[language], "language": language}
    made = three_months_of_life(team, data)
    content = (*(v for k, v in data.items() if isinstance(v, str) and k in {
        "sales", "churn", "leads", "brand", "kpi", "band", "leads_kpi", "acquisition", "loyalty", "ads",
        "newsletter", "fair", "launch", "checkpoint", "decisions"}), "Plan 2027", "Plan 2028",
        *(u.email for u in team.users.values()))  # fmt: skip
    look = Look(shot, language, content)
    page = log_in(new_context().new_page(), team.owner.email)

    # The reviews before the first one, then the review held with the title and day it proposes.
    page.goto(ROADMAP + "reviews/")
    look(page, "reviews-empty")
    assert page.locator("form.review-form [name=title]").input_value() == data["title"]
    hold(page, data, decisions=data["decisions"])
    first_url = page.url
    assert data["held"] in squash(page.get_by_role("status").inner_text())
    review = squash(look(page, "review-held"))
    assert data["statuses"] in review and data["decisions"].splitlines()[1] in review
    sales_row = cells(page, page.locator(".snapshot tr", has_text=data["sales"]))
    assert re.fullmatch(r"\d+ ?%", sales_row[-1]), sales_row  # six measurements: the odds of the day
    assert page.locator(".snapshot li", has_text=data["launch"]).locator(".flag-missed").count() == 1
    assert page.locator(".snapshot li", has_text=data["checkpoint"]).locator(".flag-missed").count() == 0
    assert data["over"] in squash(page.locator(".snapshot tr.total").inner_text())

    # The same day on the executive view and the budget page: the same figures.
    page.goto(ROADMAP + "executive/")
    look(page, "executive")
    # objective | latest measurement | target | deadline | odds | status, and the review's objective |
    # target | latest value | deadline | odds
    executive = {
        name: cells(page, page.locator(f"#health-{made[name].key}")) for name in ("sales", "churn", "leads")
    }
    page.goto(first_url)
    for name, (title, value, target, deadline, odds, _status) in executive.items():
        frozen = cells(page, page.locator(".snapshot tr", has_text=data[name]))
        assert frozen == [title, target, value, deadline, odds], (frozen, executive[name])
    page.goto(ROADMAP + "budget/")
    look(page, "budget")
    assert data["total_over"] in squash(page.locator("tfoot tr.total").inner_text())

    # A second review the same day: a title of its own is proposed, the first one's is refused.
    page.goto(ROADMAP + "reviews/")
    assert page.locator("form.review-form [name=title]").input_value() == data["second"]
    hold(page, data, title=data["title"].upper())
    assert data["namesake"] in squash(page.locator("form.review-form").inner_text())
    look(page, "review-namesake-refused")
    hold(page, data, title=data["second"], decisions=data["decisions"])
    assert Review.objects.filter(roadmap=made["roadmap"]).count() == 2
    page.goto(ROADMAP + "reviews/")
    listed = [squash(t) for t in page.locator(".review-list li").all_inner_texts()]
    assert len(listed) == 2 and listed[0] != listed[1], listed

    # After the review: the sales target and deadline revised in the objective's form, the objective due
    # that day deleted; a month later the second review keeps its day and says what changed since.
    page.goto(ROADMAP + f"o/{made['sales'].key}/edit/")
    page.locator("#id_target").fill(data["target"])
    page.locator("#id_deadline").fill("2027-11-30")
    with page.expect_navigation():
        page.locator("main .objective-actions").get_by_role("button", name=data["save"], exact=True).click()
    strategy.delete_objective(actor=team.owner, objective=made["brand"])
    day["day"] = A_MONTH_LATER
    page.goto(ROADMAP + "reviews/")
    page.locator(".review-list a").first.click()
    page.wait_for_load_state()
    compared = squash(look(page, "review-a-month-later"))
    assert all(line in compared for line in data["moved"]), compared
    assert f"{data['removed']} {data['brand']}".casefold() in compared.casefold(), compared
    kept = cells(page, page.locator(".snapshot tr", has_text=data["sales"]))
    assert kept == sales_row, "the snapshot never changes"
    page.goto(ROADMAP + "dashboard/")
    look(page, "dashboard")

    # The PDF report and the deck carry the latest review, read back with pdftotext and python-pptx.
    page.goto(ROADMAP + "documents/")
    pdf_file = download(page.get_by_role("button", name=data["pdf"])).path()
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(Path(pdf_file)), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert data["pdf_review"] in pdf and data["second"] in pdf, pdf[-3000:]
    assert data["decisions"].splitlines()[0] in squash(pdf)
    deck = Presentation(download(page.get_by_role("button", name=data["pptx"])).path())
    slide = next(s for s in deck.slides if s.shapes.title and s.shapes.title.text == data["pdf_review"])
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    assert [squash(c.text) for c in table.rows[1].cells] == [sales_row[0], *sales_row[1:3], sales_row[-1]]
    words = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert data["second"] in words and data["decisions"].splitlines()[1] in words, words

    # A viewer reads the first review: the same snapshot, nothing to edit or delete.
    viewer = log_in(new_context().new_page(), team.users["viewer"].email)
    viewer.goto(first_url)
    look(viewer, "review-viewer")
    assert cells(viewer, viewer.locator(".snapshot tr", has_text=data["sales"])) == sales_row
    assert viewer.get_by_text(data["edit"]).count() == 0 and viewer.locator("button.danger").count() == 0

    # A roadmap with nothing to measure yet (begun, but nothing planned in it): its review says so, section by
    # section. (A roadmap not begun has no review: a review is held from the roadmap's start.)
    make_roadmap(team.workspace, team.owner, slug="plan-vierge", title="Plan vierge",
                 start=date(2027, 4, 1), end=date(2028, 3, 31))  # fmt: skip
    page.goto("/w/acme/r/plan-vierge/reviews/")
    hold(page, data)
    empty = squash(look(page, "review-of-an-empty-roadmap"))
    assert data["nothing"] in empty
