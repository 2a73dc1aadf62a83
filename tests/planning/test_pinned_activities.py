"""A pinned activity keeps its dates: the scheduler leaves it where it is, which needs a start and an end.
Pinning an activity without them is refused beside the field, in the reader's words, and nothing is saved;
taking away the dates of a pinned activity too. An activity pinned before the rule, without dates, can
still be edited (the refusal comes when the pin or the dates change)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.planning.schedule.problem import build_problem, load_plan
from tests.planning import backlog as backlog
from tests.planning.activity_forms import form_data
from tests.planning.backlog import ROADMAP, add_activity, text

members, owner_client, plan = backlog.members, backlog.owner_client, backlog.plan
ACTIVITIES = ROADMAP + "activities/"
SAID = {
    "en": "A pinned activity keeps its dates, which the scheduler does not move: give it a start and an end "
    "(or a duration) to pin it.",
    "fr": "Une activité épinglée garde ses dates, que la planification automatique ne déplace pas\u00a0: "
    "donnez-lui un début et une fin (ou une durée) pour l’épingler.",
}


def edit(item: Activity, actor: Any, **changes: Any) -> Activity:
    return services.update(item, actor=actor, expected_version=item.version, changes=changes)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pinning_an_activity_without_dates_is_refused_in_the_readers_words(
    plan: dict[str, Any], members: Any, language: str
) -> None:
    owner = members["owner"]
    with translation.override(language), pytest.raises(ValidationFailed) as refused:
        add_activity(plan["roadmap"], owner, "salon", title="Salon", pinned=True)
    assert refused.value.errors == {"pinned": [SAID[language]]}
    with pytest.raises(ValidationFailed):  # a start alone: the scheduler would still move it
        add_activity(plan["roadmap"], owner, "salon", title="Salon", pinned=True, start=date(2026, 11, 2))
    assert not Activity.objects.filter(key="salon").exists()
    with pytest.raises(ValidationFailed) as survey:
        edit(plan["survey"], owner, pinned=True)
    assert list(survey.value.errors) == ["pinned"]
    assert not Activity.objects.get(pk=plan["survey"].pk).pinned


def test_a_pinned_activity_keeps_its_dates(plan: dict[str, Any], members: Any) -> None:
    owner = members["owner"]
    pinned = edit(plan["launch"], owner, pinned=True)
    with pytest.raises(ValidationFailed) as refused:
        edit(pinned, owner, start=None, end=None)
    assert list(refused.value.errors) == ["pinned"]
    launch = Activity.objects.get(pk=pinned.pk)
    assert (launch.pinned, launch.start, launch.end) == (True, date(2026, 10, 1), date(2026, 10, 31))
    unpinned = edit(launch, owner, pinned=False, start=None, end=None)  # unpinned, the dates may go
    assert (unpinned.pinned, unpinned.start) == (False, None)


def test_pinning_with_a_start_and_a_duration_is_accepted_and_kept_by_the_scheduler(
    plan: dict[str, Any], members: Any
) -> None:
    salon = add_activity(
        plan["roadmap"], members["owner"], "salon", title="Salon", status="planned", pinned=True,
        start=date(2026, 11, 2), duration_days=5, effort_days=3,
    )  # fmt: skip
    assert (salon.pinned, salon.end) == (True, date(2026, 11, 6))
    problem = build_problem(load_plan(plan["roadmap"]), start=date(2026, 9, 1)).problem
    kept = next(a for a in problem.activities if a.id == "salon")
    assert (kept.pinned, kept.current_start) == (True, date(2026, 11, 2))


def test_an_activity_pinned_without_dates_before_the_rule_can_still_be_edited(
    plan: dict[str, Any], members: Any
) -> None:
    Activity.objects.filter(pk=plan["survey"].pk).update(pinned=True)  # written before the rule existed
    survey = Activity.objects.get(pk=plan["survey"].pk)
    saved = edit(survey, members["owner"], title="Enquête clients 2026", pinned=True)
    assert (saved.title, saved.pinned) == ("Enquête clients 2026", True)


def test_the_activity_form_shows_the_refusal_beside_the_pin(owner_client: Any, plan: dict[str, Any]) -> None:
    survey = plan["survey"]
    response = owner_client.post(ACTIVITIES + "survey/edit/", form_data(survey, pinned="on"))
    assert response.status_code == 422
    assert SAID["fr"].replace("\u00a0", " ") in " ".join(text(response).split())
    assert not Activity.objects.get(pk=survey.pk).pinned
