"""A quarterly review read beside the other pages of the same day: the budget's total, an objective's latest
value and target, two reviews held the same day (defects found walking a CMO's quarterly review)."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tests.factories import make_roadmap

ROADMAP = "/w/acme/r/plan-2027/"
TODAY = date(2027, 4, 2)


def row(page: str, start: str, end: str = "</tr>") -> str:
    """The text of the table row of ``page`` (HTML) that holds ``start``."""
    found = page[page.index(start) :]
    found = found[: found.index(end)]
    return " ".join(
        re.sub(r"<[^>]+>", " ", html.unescape(found)).replace("\u202f", " ").replace("\xa0", " ").split()
    )


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def roadmap(team: Any, today: date) -> Any:
    return make_roadmap(
        team.workspace, team.owner, slug="plan-2027", start=date(2027, 1, 1), end=date(2027, 12, 31)
    )


def hold(team: Any, roadmap: Any, key: str = "t1", title: str = "Revue T1") -> Any:
    from jalon.planning.reviews import services as reviews

    return reviews.create_review(actor=team.owner, roadmap=roadmap, key=key, title=title, held_on=TODAY)


def test_the_budget_total_is_over_budget_on_every_page_when_one_thematic_group_is(
    team: Any, roadmap: Any, client: Client
) -> None:
    """One group spent more than its budget, the total did not: the budget page's banner, the executive view
    and the review said « over budget », the budget page's total line said « within budget »."""
    from jalon.planning import services
    from jalon.planning.models import Activity, Theme

    acquisition = services.create(Theme, actor=team.owner, roadmap=roadmap, name="Acquisition", budget=20000)
    loyalty = services.create(Theme, actor=team.owner, roadmap=roadmap, name="Fidélisation", budget=5000)
    for theme, cost, spent in ((acquisition, 8000, 9000), (loyalty, 4000, 5500)):
        services.create(
            Activity, actor=team.owner, roadmap=roadmap, title=f"Action {theme.name}", theme=theme,
            status="done", cost=Decimal(cost), spent=Decimal(spent),
        )  # fmt: skip
    hold(team, roadmap)
    client.force_login(team.owner)
    budget = client.get(ROADMAP + "budget/").content.decode()
    total = row(budget, "<tfoot>")
    assert "Budget dépassé" in total and "Dans le budget" not in total, total
    executive = client.get(ROADMAP + "executive/").content.decode()
    assert "Budget dépassé" in row(executive, "<tfoot>")
    review = client.get(ROADMAP + "reviews/t1/").content.decode()
    assert "budget dépassé" in row(review, '<tr class="total">')


def test_a_review_reads_an_objective_from_the_kpi_the_executive_view_reads(
    team: Any, roadmap: Any, client: Client
) -> None:
    """The objective's main KPI not measured yet, a second one in % measured: the executive view showed
    « 2,1 % » against « 3 % », the review froze « 2,1 € » against « 130 000 € » (the objective's unit)."""
    from jalon.strategy import services as strategy

    sales = strategy.create_objective(
        actor=team.owner, roadmap=roadmap, title="Augmenter les ventes", unit="€", baseline=95000.0,
        target=130000.0, direction="increase", deadline=date(2027, 12, 31),
    )  # fmt: skip
    strategy.create_kpi(actor=team.owner, roadmap=roadmap, objective=sales, name="Ventes", unit="€",
                        frequency="monthly")  # fmt: skip
    rate = strategy.create_kpi(
        actor=team.owner, roadmap=roadmap, objective=sales, name="Taux de conversion", unit="%",
        frequency="monthly", target=3.0,
    )  # fmt: skip
    strategy.add_measurement(actor=team.owner, kpi=rate, date=date(2027, 3, 31), value=2.1)
    hold(team, roadmap)
    client.force_login(team.owner)
    executive = row(client.get(ROADMAP + "executive/").content.decode(), 'id="health-')
    assert "2,1 % (31/03/2027)" in executive and "3 %" in executive, executive
    review = client.get(ROADMAP + "reviews/t1/").content.decode()
    frozen = row(review, '<th scope="row">Augmenter les ventes')
    assert frozen.startswith("Augmenter les ventes 3 % 2,1 % (31/03/2027)"), frozen


def test_a_second_review_the_same_day_is_offered_a_title_of_its_own(
    team: Any, roadmap: Any, client: Client
) -> None:
    """Two reviews held the same day were both proposed « Revue T1 2027 »: the list showed two identical
    lines, and the second review's « previous review » named a review called like itself. (On 2 April
    the review looks back on the first quarter, just ended.)"""
    client.force_login(team.owner)
    client.post(ROADMAP + "reviews/", {"title": "Revue T1 2027", "held_on": "02/04/2027"})
    page = client.get(ROADMAP + "reviews/").content.decode()
    proposed = re.search(r'name="title"[^>]*value="([^"]*)"', page) or re.search(
        r'value="([^"]*)"[^>]*name="title"', page
    )
    assert proposed and html.unescape(proposed.group(1)) == "Revue T1 2027 (2)", proposed


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_review_titled_like_another_is_refused_and_nothing_is_held(
    team: Any, roadmap: Any, client: Client, language: str
) -> None:
    from jalon.planning.models import Review

    team.owner.language = language
    team.owner.save(update_fields=["language"])
    hold(team, roadmap, title="Revue T2 2027")
    client.force_login(team.owner)
    day = "02/04/2027" if language == "fr" else "04/02/2027"
    response = client.post(ROADMAP + "reviews/", {"title": "revue  t2 2027", "held_on": day})
    assert response.status_code == 422
    message = {
        "fr": "Une revue de cette feuille de route s’appelle déjà Revue T2 2027 : donnez-lui un autre titre.",
        "en": "A review of this roadmap is already called Revue T2 2027: give this one another title.",
    }[language]
    assert message in text_of(response), text_of(response)[:2000]
    assert Review.objects.filter(roadmap=roadmap).count() == 1
    # Renaming the review to the other one's title is refused too.
    second = hold(team, roadmap, key="t2", title="Revue bis")
    response = client.post(
        ROADMAP + "reviews/t2/",
        {"title": "Revue T2 2027", "held_on": day, "decisions": "", "notes": "", "version": second.version},
    )
    assert response.status_code == 422 and message in text_of(response)
    second.refresh_from_db()
    assert second.title == "Revue bis"


def text_of(response: Any) -> str:
    page = re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode()))
    return " ".join(page.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_a_band_revised_after_a_review_is_listed_among_the_changes(
    team: Any, roadmap: Any, client: Client
) -> None:
    """The band of a band KPI narrowed after the review: « nothing changed since this review » said the page,
    the band's ends were not compared."""
    from jalon.strategy import services as strategy

    churn = strategy.create_objective(
        actor=team.owner, roadmap=roadmap, title="Réduire les désabonnements", unit="%", direction="decrease"
    )
    band = strategy.create_kpi(
        actor=team.owner, roadmap=roadmap, objective=churn, name="Taux de désabonnement", unit="%",
        frequency="monthly", direction="band", target_low=0.5, target_high=1.5,
    )  # fmt: skip
    strategy.add_measurement(actor=team.owner, kpi=band, date=date(2027, 3, 31), value=1.1)
    hold(team, roadmap)
    strategy.update_kpi(
        actor=team.owner, kpi=band, expected_version=band.version, changes={"target_high": 1.0}
    )
    client.force_login(team.owner)
    page = text_of(client.get(ROADMAP + "reviews/t1/"))
    since = page[page.index("Ce qui a changé depuis cette revue") :]
    for name in ("Réduire les désabonnements", "Taux de désabonnement"):
        assert f"{name} Cible : entre 0,5 % et 1,5 % → entre 0,5 % et 1 %" in since, since[:1500]


def test_a_target_whose_unit_changed_since_a_review_reads_each_side_in_its_own_unit(
    team: Any, roadmap: Any, client: Client
) -> None:
    """Held before any KPI was measured, the objective's target was 130 000 €; once a KPI in % is measured it
    is tracked by it: « 130 000 € → 3 % », not « 130 000 % → 3 % » (the old value in the new unit)."""
    from jalon.strategy import services as strategy

    sales = strategy.create_objective(
        actor=team.owner, roadmap=roadmap, title="Augmenter les ventes", unit="€", target=130000.0,
        direction="increase",
    )  # fmt: skip
    strategy.create_kpi(actor=team.owner, roadmap=roadmap, objective=sales, name="Ventes", unit="€",
                        frequency="monthly")  # fmt: skip
    rate = strategy.create_kpi(
        actor=team.owner, roadmap=roadmap, objective=sales, name="Taux de conversion", unit="%",
        frequency="monthly", target=3.0, direction="increase",
    )  # fmt: skip
    hold(team, roadmap)
    strategy.add_measurement(actor=team.owner, kpi=rate, date=date(2027, 4, 1), value=2.1)
    client.force_login(team.owner)
    page = text_of(client.get(ROADMAP + "reviews/t1/"))
    since = page[page.index("Ce qui a changé depuis cette revue") :]
    assert "Augmenter les ventes Cible : 130 000 € → 3 % Dernière valeur : — → 2,1 %" in since, since[:1500]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", "La feuille de route est archivée : restaurez-la pour tenir une revue."),
        ("en", "The roadmap is archived: restore it to hold a review."),
    ],
)
def test_an_archived_roadmaps_reviews_say_to_restore_it_not_to_ask_an_editor(
    team: Any, roadmap: Any, client: Client, language: str, said: str
) -> None:
    """Its owner read « an editor of the roadmap holds the reviews » under the banner: « archived »."""
    from jalon.strategy import services as strategy

    strategy.archive_roadmap(actor=team.owner, roadmap=roadmap)
    team.owner.language = language
    team.owner.save(update_fields=["language"])
    client.force_login(team.owner)
    page = text_of(client.get(ROADMAP + "reviews/"))
    assert said in page and "éditeurs" not in page and "An editor" not in page, page[-800:]
