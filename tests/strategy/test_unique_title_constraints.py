"""The database keeps the namesake rule too: two objectives, thematic groups or reviews of a roadmap never
share a title (case and outer spaces aside: ``title_per_roadmap``, ``Lower(Trim(...))``), so that two saves
at once cannot both pass the services' check. A save that raced past the check is refused with the check's
own message, naming the other title, not a server error; and the upgrade numbers the namesakes that the
constraint would refuse."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from jalon.errors import ValidationFailed
from jalon.names import free_title, same_title, title_key
from jalon.planning import services as planning
from jalon.planning.models import Review, Theme
from jalon.planning.reviews import services as reviews
from jalon.strategy import services
from jalon.strategy.models import Objective
from tests.factories import make_roadmap
from tests.migration_steps import migrate, migrated_to
from tests.title_races import another_save_lands, committed_once_checked

HELD = date(2026, 3, 31)


@pytest.fixture
def plan(team):
    return make_roadmap(team.workspace, team.owner, slug="plan")


def test_the_database_refuses_two_objectives_whose_titles_differ_only_in_case(plan) -> None:
    Objective.objects.create(roadmap=plan, key="a", title="Grow revenue", position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Objective.objects.bulk_create([Objective(roadmap=plan, key="b", title=" GROW REVENUE ", position=1)])


def test_the_database_refuses_two_groups_or_two_reviews_of_a_roadmap_named_alike(plan) -> None:
    Theme.objects.create(roadmap=plan, key="a", name="Social", position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.bulk_create([Theme(roadmap=plan, key="b", name="social", position=1)])
    Review.objects.create(roadmap=plan, key="a", title="Review Q1", held_on=HELD, position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.bulk_create(
            [Review(roadmap=plan, key="b", title="REVIEW Q1", held_on=HELD, position=1)]
        )


def test_the_same_title_stays_free_in_another_roadmap(team, plan) -> None:
    other = make_roadmap(team.workspace, team.owner, slug="other", title="Other")
    Objective.objects.create(roadmap=plan, key="a", title="Grow revenue", position=0)
    Objective.objects.create(roadmap=other, key="a", title="Grow revenue", position=0)
    assert Objective.objects.filter(title="Grow revenue").count() == 2


def test_an_objective_created_in_a_race_with_its_namesake_gets_the_services_message(team, plan) -> None:
    landing = another_save_lands(Objective, roadmap=plan, key="theirs", title="GROW revenue", position=0)
    with landing, pytest.raises(ValidationFailed) as refused:
        services.create_objective(actor=team.owner, roadmap=plan, title="Grow revenue")
    assert refused.value.errors == {
        "title": ["Un objectif de cette feuille de route s’appelle déjà GROW revenue."]
    }


def test_an_objective_renamed_in_a_race_with_its_namesake_gets_the_services_message(team, plan) -> None:
    mine = services.create_objective(actor=team.owner, roadmap=plan, title="Beta")
    landing = another_save_lands(Objective, roadmap=plan, key="theirs", title="Alpha", position=1)
    with landing, pytest.raises(ValidationFailed) as refused:
        services.update_objective(
            actor=team.owner, objective=mine, expected_version=mine.version, changes={"title": "alpha"}
        )
    assert refused.value.errors == {"title": ["Un objectif de cette feuille de route s’appelle déjà Alpha."]}
    mine.refresh_from_db()
    assert (mine.title, mine.version) == ("Beta", 1)


def test_a_group_created_in_a_race_with_its_namesake_gets_the_services_message(team, plan) -> None:
    landing = another_save_lands(Theme, roadmap=plan, key="theirs", name="Social", position=0)
    with landing, pytest.raises(ValidationFailed) as refused:
        planning.create(Theme, actor=team.owner, roadmap=plan, name="social")
    assert refused.value.errors == {
        "name": ["Un groupe thématique de cette feuille de route s’appelle déjà Social."]
    }


def test_a_review_held_in_a_race_with_its_namesake_gets_the_services_message(team, plan) -> None:
    landing = another_save_lands(
        Review, roadmap=plan, key="theirs", title="Review Q1", held_on=HELD, position=0
    )
    with landing, pytest.raises(ValidationFailed) as refused:
        reviews.create_review(actor=team.owner, roadmap=plan, key="mine", title="review q1", held_on=HELD)
    [message] = refused.value.errors["title"]
    assert message.startswith("Une revue de cette feuille de route s’appelle déjà Review Q1")


def test_a_review_renamed_to_another_reviews_title_is_refused_by_the_check(team, plan) -> None:
    reviews.create_review(actor=team.owner, roadmap=plan, key="first", title="Review Q1", held_on=HELD)
    second = reviews.create_review(
        actor=team.owner, roadmap=plan, key="second", title="Review Q2", held_on=HELD
    )
    with pytest.raises(ValidationFailed) as refused:
        reviews.update_review(
            actor=team.owner, review=second, expected_version=second.version, changes={"title": "REVIEW Q1"}
        )
    assert list(refused.value.errors) == ["title"]


def test_two_titles_of_the_same_signs_read_alike_but_other_signs_do_not(team, plan) -> None:
    services.create_objective(actor=team.owner, roadmap=plan, title="€")
    with pytest.raises(ValidationFailed) as refused:
        services.create_objective(actor=team.owner, roadmap=plan, title=" € ")
    assert refused.value.errors == {"title": ["Un objectif de cette feuille de route s’appelle déjà €."]}
    services.create_objective(actor=team.owner, roadmap=plan, title="$€")
    assert (title_key("€"), same_title(plan.objectives.all(), "—")) == ("€", None)


def test_free_title_numbers_a_title_of_signs_that_is_taken() -> None:
    assert free_title("€", ["€"]) == "€ (2)"
    assert free_title("€", ["—"]) == "€"


@pytest.fixture
def before_constraints(transactional_db):
    with migrated_to([("strategy", "0008_kpi_possible_range")]) as apps:
        yield apps


def test_the_upgrade_numbers_the_namesakes_the_constraints_would_refuse(before_constraints) -> None:
    Workspace = before_constraints.get_model("workspaces", "Workspace")
    Roadmap = before_constraints.get_model("strategy", "Roadmap")
    Objective_ = before_constraints.get_model("strategy", "Objective")
    Theme_ = before_constraints.get_model("planning", "Theme")
    Review_ = before_constraints.get_model("planning", "Review")
    workspace = Workspace.objects.create(slug="w", name="W")
    dates = {
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "type": "strategic",
        "workspace": workspace,
    }
    first, second = (
        Roadmap.objects.create(slug="a", title="A", **dates),
        Roadmap.objects.create(slug="b", title="B", **dates),
    )
    for key, title in (("x", "€"), ("y", "€"), ("z", "Reach"), ("w", "REACH")):
        Objective_.objects.create(roadmap=first, key=key, title=title, position=0)
    Objective_.objects.create(roadmap=second, key="x", title="€", position=0)
    for key, name in (("s", "Social"), ("t", "social "), ("u", "Social (2)")):
        Theme_.objects.create(roadmap=first, key=key, name=name, position=0)
    for key, title in (("q1", "Review Q1"), ("q1b", "review q1")):
        Review_.objects.create(roadmap=first, key=key, title=title, held_on=HELD, position=0)
    after = migrate([("planning", "0008_titles_unique_per_roadmap")])
    objectives = after.get_model("strategy", "Objective").objects
    assert dict(objectives.filter(roadmap__slug="a").values_list("key", "title")) == {
        "x": "€", "y": "€ (2)", "z": "Reach", "w": "REACH (2)",
    }  # fmt: skip
    assert objectives.get(roadmap__slug="b").title == "€"
    themes = dict(after.get_model("planning", "Theme").objects.values_list("key", "name"))
    assert themes == {"s": "Social", "t": "social (3)", "u": "Social (2)"}
    titles = dict(after.get_model("planning", "Review").objects.values_list("key", "title"))
    assert titles == {"q1": "Review Q1", "q1b": "review q1 (2)"}
    with pytest.raises(IntegrityError), transaction.atomic():
        objectives.create(roadmap=objectives.get(key="z").roadmap, key="v", title="reach", position=0)


def test_an_older_file_with_two_groups_or_two_reviews_alike_imports_the_second_numbered(team, plan) -> None:
    from jalon.documents.roadmap_file import dump
    from jalon.documents.services import import_roadmap, roadmap_document

    planning.create(Theme, actor=team.owner, roadmap=plan, name="Social")
    reviews.create_review(actor=team.owner, roadmap=plan, key="q1", title="Review Q1", held_on=HELD)
    document = roadmap_document(plan)
    document["roadmap"].update(slug="old", title="Old")
    document["themes"].append({**document["themes"][0], "key": "social-2", "name": "SOCIAL"})
    document["reviews"].append({**document["reviews"][0], "key": "q1-bis", "title": "review q1"})
    imported = import_roadmap(actor=None, workspace=team.workspace, text=dump(document, "json"), fmt="json")
    assert list(imported.themes.values_list("name", flat=True)) == ["Social", "SOCIAL (2)"]
    assert list(imported.reviews.values_list("title", flat=True)) == ["Review Q1", "review q1 (2)"]


def test_two_connections_saving_namesakes_at_once_on_postgresql_store_one(transactional_db, team) -> None:
    """Another connection inserts « Grow revenue » and commits once this one has checked « grow revenue »:
    this insert waits for that commit, then is refused with the check's message (``committed_once_checked``).
    """
    plan = make_roadmap(team.workspace, team.owner, slug="plan")
    refused = committed_once_checked(
        Objective,
        lambda: Objective.objects.create(roadmap=plan, key="theirs", title="Grow revenue", position=0),
        lambda: services.create_objective(actor=team.owner, roadmap=plan, title="grow revenue"),
    )
    assert refused.errors == {"title": ["Un objectif de cette feuille de route s’appelle déjà Grow revenue."]}
    assert list(plan.objectives.values_list("key", flat=True)) == ["theirs"]
