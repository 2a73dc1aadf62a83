"""Moving a KPI under an objective with no KPI yet, in Chromium: the KPI would become its first and share
its target, so a KPI with another target is refused on its edit page, both targets named beside the
target, in the reader's language; the page fits at 1440 and 1280 px and axe-core finds no serious fault."""

from __future__ import annotations

import pytest

from tests.e2e.look import Look
from tests.strategy.kpi_messages import MOVE_REFUSED

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


@pytest.mark.parametrize(("language", "said"), MOVE_REFUSED.items(), ids=MOVE_REFUSED.keys())
def test_the_edit_page_refuses_moving_a_kpi_with_another_target_under_an_objective_without_kpis(
    logged_in_page, shot, language, said
):
    from jalon.accounts.models import User
    from jalon.strategy import services
    from jalon.strategy.models import KPI, Roadmap

    owner = User.objects.get(email="demo@jalon.local")
    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    services.create_objective(
        actor=owner, roadmap=roadmap, key="ventes", title="Augmenter les ventes", metric="ventes", unit="€",
        target=1_200_000.0, direction="increase",
    )  # fmt: skip
    services.create_kpi(
        actor=owner, roadmap=roadmap, key="rebond", name="Taux de rebond", unit="%", target=40.0,
        frequency="monthly",
    )  # fmt: skip
    page = logged_in_page("editor@example.com", language=language)
    page.goto(ROADMAP + "kpis/rebond/edit/")
    page.locator("#id_objective").select_option(label="Augmenter les ventes")
    page.locator("#kpi-form button[type=submit]").click()
    page.wait_for_load_state()
    seen = Look(shot, language, content=("Taux de rebond", "Augmenter les ventes", "ventes"))(
        page, f"kpi-edit-{language}"
    )
    assert said in seen, seen
    assert KPI.objects.get(key="rebond").objective_id is None
