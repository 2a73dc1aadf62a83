"""An order dated after today (the Paris day, whatever the server's clock) is refused with its line, in the
upload and in the background job, and nothing changes; the demo's synthetic orders stop before its day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import translation

from jalon.demo.orders import END, synthetic_orders
from jalon.errors import ValidationFailed
from jalon.framing import pending_orders, services
from jalon.framing.models import Persona
from jalon.framing.services import orders as orders_services

ORDERS = "client;date;montant\nc1;15/03/2026;10,00\nc2;01/04/2026;20,00\nc3;{third};30,00\n"
# 22:30 UTC on 31 March 2026 is 00:30 on 1 April in Paris (summer time); 21:30 UTC is 23:30 on 31 March.
PARIS_FIRST_HALF_PAST_MIDNIGHT = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
PARIS_LAST_HALF_HOUR_OF_MARCH = datetime(2026, 3, 31, 21, 30, tzinfo=UTC)


def messages(data: str, language: str = "en") -> list[str]:
    with translation.override(language), pytest.raises(ValidationFailed) as raised:
        services.read_orders_upload(data.encode(), filename="orders.csv")
    return list(raised.value.errors["file"])


@pytest.mark.django_db
def test_at_half_past_midnight_in_paris_an_order_of_the_paris_day_is_accepted() -> None:
    with time_machine.travel(PARIS_FIRST_HALF_PAST_MIDNIGHT, tick=False):
        orders = services.read_orders_upload(ORDERS.format(third="01/04/2026").encode(), filename="o.csv")
    assert len(orders.customer_ids) == 3


@pytest.mark.django_db
def test_an_order_dated_after_the_paris_day_is_refused_naming_its_line_in_both_languages() -> None:
    with time_machine.travel(PARIS_FIRST_HALF_PAST_MIDNIGHT, tick=False):
        english = messages(ORDERS.format(third="02/04/2026"))
        french = messages(ORDERS.format(third="02/04/2026"), "fr")
    assert english == [
        "1 bad line: nothing was changed.",
        "line 4, column date: 02/04/2026 is after today: an order cannot be dated in the future",
    ]
    assert "ligne 4" in french[1] and "postérieure à aujourd’hui" in french[1]


@pytest.mark.django_db
def test_at_half_past_eleven_in_paris_tomorrow_is_still_refused() -> None:
    with time_machine.travel(PARIS_LAST_HALF_HOUR_OF_MARCH, tick=False):
        refused = messages(ORDERS.format(third="31/03/2026"))
    assert refused[1].startswith("line 3, column date: 01/04/2026 is after today")


def test_the_synthetic_orders_end_on_their_last_day() -> None:
    rows = synthetic_orders(customers=300, seed=1)
    assert max(day for _c, day, _a in rows) <= END < date(2026, 11, 2)
    ending = synthetic_orders(customers=300, seed=1, end=date(2028, 2, 29), days=60)
    assert {day for _c, day, _a in ending} <= {date(2028, 1, 1 + n) for n in range(31)} | {
        date(2028, 2, 1 + n) for n in range(29)
    }


def test_the_orders_job_refuses_an_order_after_today_and_changes_nothing(
    members: dict[str, Any], demo: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    before = sorted(Persona.objects.values_list("pk", "customers"))
    data = ORDERS.format(third="02/04/2026").encode()
    token = pending_orders.keep(demo.roadmap, members["editor"], [data])
    travel = time_machine.travel(PARIS_FIRST_HALF_PAST_MIDNIGHT, tick=False)
    with travel, translation.override("en"), pytest.raises(ValidationFailed) as raised:
        orders_services.seed_from_kept(
            actor=members["editor"], roadmap=demo.roadmap, token=token, filename="orders.csv"
        )
    assert "line 4" in raised.value.errors["file"][1]
    assert sorted(Persona.objects.values_list("pk", "customers")) == before
    assert pending_orders.path_of(demo.roadmap, members["editor"], token) is None  # a refused file goes


def test_the_demo_command_loads_its_orders_on_any_day(db: None) -> None:
    from jalon.framing.models import Framing
    from tests.cli.commands import jalon

    # 23:30 UTC on 29 February 2028 is 00:30 on 1 March in Paris: the orders end before the Paris day.
    with time_machine.travel(datetime(2028, 2, 29, 23, 30, tzinfo=UTC), tick=False):
        assert jalon("demo", env={"JALON_DEMO_PASSWORD": "demo-password-1"}).exit_code == 0
    framing = Framing.objects.get(roadmap__slug="cloud-kicks")
    assert framing.orders_as_of is not None and framing.orders_as_of <= date(2028, 3, 1)
    assert framing.personas.count() >= 4
