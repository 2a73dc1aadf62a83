"""A KPI of the Cloud Kicks roadmap with a data source attached by its owner, for the browser tests of a
KPI's source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import SLOW_MS


def kpi_with_source(
    uploads: Path, settings: Any, *, key: str, name: str, file: tuple[str, str], query: str
) -> Any:
    """The weekly KPI ``key`` named ``name``, its source the file ``file`` (name, text) under ``uploads``
    and ``query``, attached (and its rows written) by the demo's owner."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jalon.accounts.models import User
    from jalon.strategy import services
    from jalon.strategy.kpis import source_services
    from jalon.strategy.models import Roadmap

    settings.MEDIA_ROOT = uploads
    owner = User.objects.get(email="demo@jalon.local")
    kpi = services.create_kpi(
        actor=owner, roadmap=Roadmap.objects.get(slug="cloud-kicks"), key=key, name=name, frequency="weekly"
    )
    upload = SimpleUploadedFile(file[0], file[1].encode())
    source_services.attach_source(actor=owner, kpi=kpi, upload=upload, query=query)
    return kpi


ORDERS_QUERY = "select jour::date, sum(ventes) from data group by 1"


def refuse_new_query(
    logged_in_page: Any, tmp_path: Path, settings: Any, *, language: str, button: str, orders: str, query: str
) -> tuple[Any, list[Any], Any, str]:
    """The KPI "ventes-jour" with a working source over ``orders`` (``ORDERS_QUERY``), its page opened by
    the editor in ``language`` and ``query`` sent with ``button``: the KPI, its measurements before, the page
    and its problems' text (spaces made plain)."""
    kpi = kpi_with_source(
        tmp_path, settings, key="ventes-jour", name="Ventes du jour", file=("commandes.csv", orders),
        query=ORDERS_QUERY,
    )  # fmt: skip
    before = sorted(kpi.measurements.values_list("date", "value"))
    page = logged_in_page("editor@example.com", language=language)
    page.goto("/w/cloud-kicks/r/cloud-kicks/kpis/ventes-jour/")
    page.locator("#source-query").fill(query)
    page.locator("#source-form").get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    # The query runs in a background job the page polls, then reloads to say why it was refused: the
    # server's heavy work (a query stopped at its memory limit took over 10 s beside a busy run).
    problems = " ".join(
        page.locator("#source-problems")
        .inner_text(timeout=SLOW_MS)
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
        .split()
    )
    return kpi, before, page, problems
