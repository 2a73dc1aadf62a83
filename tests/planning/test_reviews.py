"""Quarterly reviews: what a snapshot freezes, what the diff reports, who may hold and edit a review, and
what the review pages show."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from jalon.errors import Conflict, ValidationFailed
from jalon.keys import free_key
from jalon.planning import services
from jalon.planning.models import Activity, Milestone, Review, Theme
from jalon.planning.reviews import services as review_services
from jalon.planning.reviews import snapshots as reviews
from jalon.planning.reviews.snapshots import FieldChange, ItemChange, diff
from jalon.strategy import services as strategy_services
from jalon.strategy.models import KPI
from jalon.workspaces.permissions import Forbidden, NotFound

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
REVIEWS = ROADMAP + "reviews/"
HELD_ON = date(2026, 10, 15)


def text(response: Any) -> str:
    return " ".join(
        html.unescape(response.content.decode()).replace("\u00a0", " ").replace("\u202f", " ").split()
    )


def log_in_english(client: Client, user: Any) -> Client:
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


@pytest.fixture
def plan(demo, members):
    owner, roadmap = members["owner"], demo.roadmap
    theme = services.create(
        Theme, actor=owner, roadmap=roadmap, key="r-acq", name="Acquisition R", budget=Decimal(10000)
    )
    brief = services.create(
        Activity, actor=owner, roadmap=roadmap, key="r-brief", title="Brief R", theme=theme, status="planned",
        start=date(2026, 9, 7), end=date(2026, 9, 11), cost=Decimal(8000),
    )  # fmt: skip
    launch = services.create(
        Milestone, actor=owner, roadmap=roadmap, key="r-launch", title="Lancement R", date=date(2026, 10, 1)
    )
    return {"owner": owner, "roadmap": roadmap, "theme": theme, "brief": brief, "launch": launch}


def hold(plan: dict[str, Any], key: str = "t3", held_on: date = HELD_ON, **fields: Any) -> Review:
    return review_services.create_review(
        actor=plan["owner"], roadmap=plan["roadmap"], key=key, title=f"Revue {key}", held_on=held_on, **fields
    )


def item(snapshot: dict[str, Any], section: str, key: str) -> dict[str, Any]:
    return next(i for i in snapshot[section] if i["key"] == key)


# The snapshot -------------------------------------------------------------------------------------


def test_snapshot_freezes_activities_budget_milestones_objectives_and_kpis(plan):
    snapshot = hold(plan).snapshot
    assert snapshot["as_of"] == "2026-10-15"
    assert item(snapshot, "activities", "r-brief") == {
        "key": "r-brief", "title": "Brief R", "theme": "Acquisition R", "status": "planned",
        "start": "2026-09-07", "end": "2026-09-11", "cost": 8000.0, "spent": 0.0,
    }  # fmt: skip
    line = next(t for t in snapshot["budget"]["themes"] if t["key"] == "r-acq")
    assert (line["planned"], line["committed"], line["over_budget"]) == (10000.0, 8000.0, False)
    assert item(snapshot, "milestones", "r-launch")["missed"] is True  # 1 October passed, not reached
    conversion = item(snapshot, "objectives", "taux-conversion")
    assert conversion["target"] == 4 and conversion["deadline"] == "2027-01-31"
    assert (conversion["kpi"], conversion["value"], conversion["measured_on"]) == (
        "taux-conversion", 2.9, "2026-09-30"  # the last measurement on or before the review
    )  # fmt: skip
    assert item(snapshot, "kpis", "taux-conversion")["value"] == 2.9


def test_snapshot_is_saved_with_the_review_and_recorded_in_history(plan):
    from jalon.history.models import Change

    review = hold(plan, decisions="Garder le cap.")
    stored = Review.objects.get(pk=review.pk)
    assert stored.snapshot == review.snapshot and stored.decisions == "Garder le cap."
    assert stored.created_by == plan["owner"]
    assert Change.objects.filter(object_id=review.pk, actor=plan["owner"]).exists()


def test_snapshot_costs_a_fixed_number_of_queries(plan, django_assert_num_queries):
    with django_assert_num_queries(7):
        reviews.take_snapshot(plan["roadmap"], as_of=HELD_ON)


@pytest.mark.parametrize(
    ("role", "error"), [("viewer", Forbidden), ("stakeholder", Forbidden), ("outsider", NotFound)]
)
def test_only_editors_hold_a_review(plan, members, role, error):
    with pytest.raises(error):
        review_services.create_review(
            actor=members[role], roadmap=plan["roadmap"], key="x", title="X", held_on=HELD_ON
        )
    assert not Review.objects.filter(key="x").exists()


def test_a_duplicate_key_is_refused(plan):
    hold(plan)
    with pytest.raises(ValidationFailed):
        hold(plan)


def test_decisions_are_edited_with_version_locking_and_the_snapshot_never(plan):
    review = hold(plan)
    frozen = review.snapshot
    saved = review_services.update_review(
        actor=plan["owner"], review=review, expected_version=1, changes={"notes": "Vu."}
    )
    assert (saved.notes, saved.version, saved.snapshot) == ("Vu.", 2, frozen)
    with pytest.raises(Conflict):
        review_services.update_review(
            actor=plan["owner"], review=review, expected_version=1, changes={"notes": "Autre"}
        )
    with pytest.raises(ValidationFailed):
        review_services.update_review(
            actor=plan["owner"], review=review, expected_version=2, changes={"snapshot": {}}
        )


def test_suggested_title_follows_the_fiscal_calendar(plan):
    # Cloud Kicks' fiscal year starts in February: 15 October 2026 is late in Q3 of FY2027 (August-October).
    with translation.override("fr"):
        assert review_services.suggested_title(plan["roadmap"], HELD_ON) == "Revue T3 exercice 2027"
    with translation.override("en"):
        assert review_services.suggested_title(plan["roadmap"], HELD_ON) == "Review Q3 FY2027"
    plan["roadmap"].fiscal_year_start_month = 1  # the calendar year: no "fiscal year" to say
    with translation.override("fr"):  # early in Q4: the review looks back on the third quarter, just ended
        assert review_services.suggested_title(plan["roadmap"], HELD_ON) == "Revue T3 2026"


@pytest.mark.parametrize(
    ("held_on", "title"),
    [
        (date(2027, 4, 2), "Review Q1 2027"),  # the quarter just ended, not the one just begun
        (date(2027, 6, 25), "Review Q2 2027"),  # the quarter about to end
        (date(2027, 1, 8), "Review Q4 2026"),  # the last quarter of the year before
        (date(2027, 8, 15), "Review Q2 2027"),  # halfway through Q3 (46 days either side): the one ended
        (date(2027, 8, 16), "Review Q3 2027"),
    ],
    ids=str,
)
def test_a_review_is_named_after_the_quarter_it_looks_back_on(plan, held_on: date, title: str) -> None:
    """Objectives are reviewed each quarter to follow the progress made (the method's guides): a review
    held in the first days of April reviews the first quarter, and is named so."""
    plan["roadmap"].fiscal_year_start_month = 1
    with translation.override("en"):
        assert review_services.suggested_title(plan["roadmap"], held_on) == title


def test_free_key_adds_a_number_when_the_title_was_used(plan):
    hold(plan, key="revue-t3-exercice-2027")
    assert free_key(plan["roadmap"].reviews, "Revue T3 exercice 2027", fallback="review") == (
        "revue-t3-exercice-2027-2"
    )


# The diff -----------------------------------------------------------------------------------------

BEFORE: dict[str, Any] = {
    "activities": [
        {"key": "brief", "title": "Brief", "status": "planned", "cost": 8000.0},
        {"key": "old", "title": "Old", "status": "idea", "cost": 0.0},
    ],
    "kpis": [{"key": "conversion", "name": "Conversion", "unit": "%", "target": 4, "value": 2.1}],
    "budget": {
        "themes": [
            {"key": "acq", "name": "Acquisition", "planned": 20000.0, "committed": 8000.0, "spent": 0.0,
             "over_budget": False},
        ],
        "planned": 20000.0, "committed": 8000.0, "spent": 0.0, "over_budget": False,
    },
}  # fmt: skip
AFTER: dict[str, Any] = {
    "activities": [
        {"key": "brief", "title": "Brief", "status": "done", "cost": 8000.0},
        {"key": "new", "title": "New", "status": "planned", "cost": 4000.0},
    ],
    "kpis": [{"key": "conversion", "name": "Conversion", "unit": "%", "target": 4, "value": 2.6}],
    "budget": {
        "themes": [
            {"key": "acq", "name": "Acquisition", "planned": 20000.0, "committed": 12000.0, "spent": 0.0,
             "over_budget": False},
        ],
        "planned": 20000.0, "committed": 12000.0, "spent": 0.0, "over_budget": False,
    },
}  # fmt: skip


def test_diff_reports_added_removed_and_changed_items_with_before_and_after():
    changes = diff(BEFORE, AFTER)
    assert ItemChange("activities", "new", "New", "added", item=AFTER["activities"][1]) in changes
    assert ItemChange("activities", "old", "Old", "removed", item=BEFORE["activities"][1]) in changes
    by_key = {(c.section, c.key): c for c in changes if c.kind == "changed"}
    assert by_key["activities", "brief"].fields == (FieldChange("status", "planned", "done"),)
    assert by_key["kpis", "conversion"].fields == (FieldChange("value", 2.1, 2.6),)
    assert by_key["budget", "acq"].fields == (FieldChange("committed", 8000.0, 12000.0),)
    assert by_key["budget", reviews.TOTAL_KEY].fields == (FieldChange("committed", 8000.0, 12000.0),)


def test_diff_of_a_snapshot_with_itself_is_empty():
    assert diff(AFTER, AFTER) == []


def test_diff_from_nothing_adds_everything():
    changes = diff({}, AFTER)
    assert {c.kind for c in changes} == {"added"}
    assert len(changes) == 2 + 1 + 1 + 1  # two activities, a KPI, a theme line, the total line


def test_diff_ignores_fields_it_does_not_compare():
    before = {"activities": [{"key": "a", "title": "A", "status": "idea", "position": 1}]}
    after = {"activities": [{"key": "a", "title": "A", "status": "idea", "position": 2}]}
    assert diff(before, after) == []


def test_a_change_the_reader_cannot_see_is_not_listed():
    """Odds of 0.8 % and 1.2 % both read "1 %": no "1 % → 1 %" line; a KPI changed only so is not listed."""
    from jalon.planning.reviews.views import change_sections

    before = {
        "kpis": [
            {"key": "k", "name": "Réachat", "unit": "%", "value": 21.6, "odds": 0.008},
            {"key": "j", "name": "Panier", "unit": "%", "value": 3.0, "odds": 0.5},
        ]
    }
    after = {"kpis": [{"key": "k", "name": "Réachat", "unit": "%", "value": 22.4, "odds": 0.012},
                      {"key": "j", "name": "Panier", "unit": "%", "value": 3.0, "odds": 0.504}]}  # fmt: skip
    assert len(diff(before, after)) == 2
    with translation.override("fr"):
        sections = change_sections(diff(before, after), currency="EUR")
    assert [(line.label, [name for name, _b, _a in line.fields]) for line in sections[0].lines] == [
        ("Réachat", ["dernière valeur"])
    ]
    rounded_only = {"kpis": [{**after["kpis"][0], "odds": 0.009}, after["kpis"][1]]}  # 1.2 % → 0.9 %: "1 %"
    with translation.override("fr"):
        assert change_sections(diff(after, rounded_only), currency="EUR") == []


# Pages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stakeholder"])
def test_members_read_the_reviews(client, members, plan, role):
    hold(plan)
    client.force_login(members[role])
    assert client.get(REVIEWS).status_code == 200
    assert client.get(REVIEWS + "t3/").status_code == 200


def test_an_outsider_gets_not_found(client, members, plan):
    hold(plan)
    client.force_login(members["outsider"])
    assert client.get(REVIEWS).status_code == 404
    assert client.get(REVIEWS + "t3/").status_code == 404


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_cannot_hold_edit_or_delete_a_review(client, members, plan, role):
    hold(plan)
    client.force_login(members[role])
    assert client.post(REVIEWS, {"title": "X", "held_on": "2026-10-20"}).status_code == 403
    assert (
        client.post(REVIEWS + "t3/", {"title": "X", "held_on": "2026-10-20", "version": "1"}).status_code
        == 403
    )
    assert client.post(REVIEWS + "t3/delete/", {"version": "1"}).status_code == 403
    assert list(Review.objects.values_list("key", "version")) == [("t3", 1)]


def test_hold_a_review_form_is_prefilled_from_the_fiscal_calendar(client, members, plan):
    from django.utils import timezone

    log_in_english(client, members["owner"])
    today = timezone.localdate()
    page = client.get(REVIEWS).content.decode()
    assert f'value="{review_services.suggested_title(plan["roadmap"], today)}"' in page.replace("&#x27;", "'")
    assert f'value="{today:%d/%m/%Y}"' in page  # an English page: day first, as it writes dates


def test_holding_a_review_freezes_the_roadmap_and_opens_the_review(client, members, plan):
    client.force_login(members["editor"])
    response = client.post(REVIEWS, {"title": "Revue T3 FY27", "held_on": "2026-10-15", "decisions": "Go"})
    assert response.status_code == 302
    review = Review.objects.get(roadmap=plan["roadmap"])
    assert response["Location"] == REVIEWS + "revue-t3-fy27/"
    assert (review.key, review.decisions) == ("revue-t3-fy27", "Go")
    assert item(review.snapshot, "activities", "r-brief")["status"] == "planned"


def test_a_review_without_title_is_refused(client, members, plan):
    client.force_login(members["owner"])
    assert client.post(REVIEWS, {"title": "", "held_on": "2026-10-15"}).status_code == 422
    assert not Review.objects.exists()


def test_a_review_on_a_day_to_come_is_refused_in_the_readers_words(client, members, plan):
    """Its snapshot would be today's roadmap under a later date, compared as if that day had passed."""
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(members["owner"])  # reads French
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(REVIEWS, {"title": "Revue T1", "held_on": tomorrow.isoformat()})
    assert response.status_code == 422
    assert "Une revue s’enregistre une fois tenue" in html.unescape(response.content.decode())
    assert not Review.objects.exists()
    review = hold(plan)
    with pytest.raises(ValidationFailed):
        review_services.update_review(
            actor=plan["owner"], review=review, expected_version=review.version, changes={"held_on": tomorrow}
        )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", "Une revue porte sur la feuille de route, qui commence le 01/08/2026 : choisissez ce jour ou "
               "un jour suivant."),
        ("en", "A review looks back on the roadmap, which starts on 1 Aug 2026: choose that day or a later "
               "one."),
    ],
)  # fmt: skip
def test_a_review_before_the_roadmaps_start_is_refused_naming_the_start(
    client, members, plan, language: str, said: str
) -> None:
    """The demo's roadmap starts on 1 August 2026: a review dated 1900, or the day before the start, would
    freeze a roadmap that had not begun and be named after a quarter it does not cover."""
    members["owner"].language = language
    members["owner"].save(update_fields=["language"])
    client.force_login(members["owner"])
    for day in ("1900-01-01", "2026-07-31"):
        response = client.post(REVIEWS, {"title": "Revue T1", "held_on": day})
        assert response.status_code == 422
        assert said in text(response)
    assert not Review.objects.exists()
    assert hold(plan, key="first", held_on=date(2026, 8, 1)).held_on == date(2026, 8, 1)  # the start itself
    review = hold(plan)
    with pytest.raises(ValidationFailed) as refused:
        review_services.update_review(
            actor=plan["owner"], review=review, expected_version=review.version,
            changes={"held_on": date(1900, 1, 1)},
        )  # fmt: skip
    assert list(refused.value.errors) == ["held_on"]
    review.refresh_from_db()
    assert review.held_on == HELD_ON


def test_a_roadmap_made_before_its_start_is_reviewed_from_the_day_it_was_made(plan) -> None:
    """A first hour's roadmap starts next spring: its team may review it today, not before the day it was
    made (the refusal names that day, not the start still to come)."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from jalon.history.models import Change
    from jalon.strategy.models import Roadmap

    today = timezone.localdate()
    made = today - timedelta(days=3)
    noon = timezone.make_aware(datetime(made.year, made.month, made.day, 12))
    later = {"start": today + timedelta(days=90), "end": today + timedelta(days=270)}
    Roadmap.objects.filter(pk=plan["roadmap"].pk).update(**later)
    Change.objects.filter(roadmap=plan["roadmap"]).update(at=noon)  # the change log saw it made then
    plan["roadmap"].refresh_from_db()
    assert hold(plan, key="today", held_on=today).held_on == today
    assert hold(plan, key="made", held_on=made).held_on == made
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        hold(plan, key="before", held_on=made - timedelta(days=1))
    shown = f"{made.day} {made.strftime('%b')} {made.year}"  # the English short date: 3 Dec 2026
    assert refused.value.errors == {
        "held_on": [f"A review looks back on the roadmap, made on {shown}: choose that day or a later one."]
    }


def test_review_page_shows_decisions_snapshot_and_changes_since_the_previous_review(client, members, plan):
    owner = plan["owner"]
    hold(plan, key="t2", held_on=date(2026, 8, 14))
    services.update(plan["brief"], actor=owner, expected_version=1, changes={"status": "done"})
    services.update(plan["theme"], actor=owner, expected_version=1, changes={"budget": Decimal(6000)})
    kpi = KPI.objects.get(roadmap=plan["roadmap"], key="taux-conversion")
    strategy_services.add_measurement(actor=owner, kpi=kpi, date=date(2026, 10, 10), value=3.0)
    hold(plan, key="t3", decisions="Renforcer l'acquisition.")
    log_in_english(client, members["viewer"])
    page = text(client.get(REVIEWS + "t3/"))
    assert "Renforcer l'acquisition." in page
    assert "What changed since the previous review (Revue t2, 14 Aug 2026)" in page
    assert "Brief R" in page and "Status: planned → done" in page
    assert "Latest value: 2.6% → 3%" in page  # conversion: 31 July (before 14 August) vs 10 October
    assert "Over budget: no → yes" in page  # Acquisition R: 8,000 committed for 6,000 planned
    assert "Planned: €10,000 → €6,000" in page
    assert "What changed since this review" in page  # the latest review is compared with the live roadmap


def test_the_latest_review_shows_what_changed_since_it(client, members, plan):
    hold(plan)
    services.update(
        plan["brief"], actor=plan["owner"], expected_version=1, changes={"title": "Brief créatif R"}
    )
    log_in_english(client, members["owner"])
    page = text(client.get(REVIEWS + "t3/"))
    assert "This is the first review" in page
    assert "Title: Brief R → Brief créatif R" in page


def test_an_older_review_is_not_compared_with_the_live_roadmap(client, members, plan):
    hold(plan, key="t2", held_on=date(2026, 8, 14))
    hold(plan, key="t3")
    log_in_english(client, members["owner"])
    assert "What changed since this review" not in text(client.get(REVIEWS + "t2/"))


def test_editing_decisions_with_a_stale_version_shows_the_conflict(client, members, plan):
    review = hold(plan)
    review_services.update_review(
        actor=plan["owner"], review=review, expected_version=1, changes={"notes": "Mine"}
    )
    client.force_login(members["editor"])
    data = {"title": "Revue t3", "held_on": "2026-10-15", "decisions": "Theirs", "notes": "", "version": "1"}
    response = client.post(REVIEWS + "t3/", data)
    assert response.status_code == 409
    assert 'class="conflict" role="alert"' in response.content.decode()
    assert Review.objects.get(pk=review.pk).decisions == ""
    data["version"] = "2"
    assert client.post(REVIEWS + "t3/", data).status_code == 302
    assert Review.objects.get(pk=review.pk).decisions == "Theirs"


def test_deleting_a_review(client, members, plan):
    hold(plan)
    client.force_login(members["owner"])
    assert client.post(REVIEWS + "t3/delete/", {"version": "2"}).status_code == 409
    assert client.post(REVIEWS + "t3/delete/", {"version": "1"}).status_code == 302
    assert not Review.objects.exists()


def test_the_review_page_shows_a_band_kpis_band_as_its_target_under_a_capitalised_heading(
    client, members, plan
):
    strategy_services.create_kpi(
        actor=plan["owner"], roadmap=plan["roadmap"], key="desabonnement", name="Désabonnement e-mail",
        unit="%", direction="band", target_low=0.2, target_high=0.5, frequency="weekly",
    )  # fmt: skip
    review = hold(plan)
    assert item(review.snapshot, "kpis", "desabonnement")["target_low"] == 0.2
    client.force_login(members["viewer"])
    page = text(client.get(REVIEWS + "t3/"))
    assert '<th scope="col">Indicateur clé (KPI)</th>' in page
    assert (
        '<th scope="row">Désabonnement e-mail</th><td class="num">—</td>'
        '<td class="num">entre 0,2 % et 0,5 %</td>' in page
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "The review’s date was changed to 10 Oct 2026 after it was recorded: its figures are those of "
               "15 Oct 2026, the day they were taken."),
        ("fr", "La date de la revue a été changée pour le 10/10/2026 après son enregistrement : ses chiffres "
               "sont ceux du 15/10/2026, le jour où ils ont été relevés."),
    ],
)  # fmt: skip
def test_a_review_whose_date_was_changed_says_which_day_its_figures_are_from(
    client, members, plan, language: str, said: str
) -> None:
    """The snapshot is what was true when the review was recorded: a later change of date keeps it (taking it
    again would show today's roadmap under the new date), and the page says which day the figures are of."""
    review = hold(plan)
    frozen = review.snapshot
    review_services.update_review(
        actor=plan["owner"], review=review, expected_version=review.version,
        changes={"held_on": date(2026, 10, 10)},
    )  # fmt: skip
    review.refresh_from_db()
    assert review.snapshot == frozen and review.snapshot["as_of"] == "2026-10-15"
    client.force_login(members["viewer"])
    client.cookies["jalon_language"] = language
    assert said in text(client.get(REVIEWS + "t3/"))


def test_a_review_on_its_own_day_says_nothing_of_another(client, members, plan) -> None:
    hold(plan)
    client.force_login(members["viewer"])
    assert 'id="figures-elsewhen"' not in client.get(REVIEWS + "t3/").content.decode()
