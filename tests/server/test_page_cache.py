"""Pages are not kept by the browser (``Cache-Control: no-store``, ``jalon.headers.NoStoreMiddleware``):
Back showed a page from the browser's cache as first loaded, without the changes made in place on it
since; the static files keep their own cache, and a view that chooses a header keeps it."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/w/cloud-kicks/r/cloud-kicks/", "/w/cloud-kicks/r/cloud-kicks/risks/", "/w/cloud-kicks/"]
)
def test_a_page_of_a_roadmap_is_not_kept_by_the_browser(client: Client, members, path: str) -> None:
    client.force_login(members["owner"])
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_an_in_place_fragment_is_not_kept_either_nor_the_login_page(client: Client, members) -> None:
    assert "no-store" in client.get("/login/")["Cache-Control"]  # Django's own never_cache
    client.force_login(members["owner"])
    cell = "/w/cloud-kicks/r/cloud-kicks/o/taux-conversion/cells/specific/?edit=1"
    response = client.get(cell, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_a_view_that_chooses_its_cache_keeps_it(client: Client) -> None:
    assert client.get("/favicon.ico")["Cache-Control"] == "max-age=86400"
