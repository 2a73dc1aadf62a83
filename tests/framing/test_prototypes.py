"""Prototypes: only real PNG, JPEG or PDF files up to 10 MB are kept; files are served as attachments to
members only; stakeholders cannot upload."""

from __future__ import annotations

import pytest
from django.test import Client

from jalon.framing.models import Prototype
from tests.framing.prototypes import PAGE, png, post


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_image_is_kept_and_served_as_an_attachment_to_a_viewer(client: Client, members, tmp_path) -> None:
    client.force_login(members["editor"])
    assert post(client, "maquette <1>.png", png()).status_code == 302
    prototype = Prototype.objects.get()
    assert prototype.content_type == "image/png" and (tmp_path / prototype.file.name).exists()
    client.force_login(members["viewer"])
    response = client.get(PAGE + f"{prototype.pk}/file")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response.getvalue() == png()


def test_a_file_that_is_not_an_image_or_pdf_is_refused_whatever_its_name(client: Client, members) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "fr"
    response = post(client, "faux.png", b"<html><script>alert(1)</script></html>")
    assert (
        response.status_code == 422
        and "Envoyez une image PNG ou JPEG ou un fichier PDF." in response.content.decode()
    )
    assert not Prototype.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(client: Client, members) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "en"
    response = post(client, "big.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    assert response.status_code == 422 and "larger than 10 MB" in response.content.decode()
    assert not Prototype.objects.exists()


def test_stakeholders_cannot_upload_and_outsiders_cannot_download(client: Client, members) -> None:
    client.force_login(members["editor"])
    post(client, "m.pdf", b"%PDF-1.4\n%%EOF\n")
    prototype = Prototype.objects.get()
    client.force_login(members["stakeholder"])
    assert post(client, "n.pdf", b"%PDF-1.4\n").status_code == 403
    client.force_login(members["outsider"])
    assert client.get(PAGE + f"{prototype.pk}/file").status_code == 404


def test_an_editor_changes_the_status_and_deletes_the_file(
    client: Client, members, tmp_path, django_capture_on_commit_callbacks
) -> None:
    client.force_login(members["editor"])
    post(client, "m.pdf", b"%PDF-1.4\n%%EOF\n")
    prototype = Prototype.objects.get()
    fields = {
        "op": "prototype",
        "item": prototype.pk,
        "version": prototype.version,
        "title": "Maquette v2",
        "status": "approved",
        "comments": "Validée",
    }
    assert client.post(PAGE, fields).status_code == 302
    prototype.refresh_from_db()
    assert (prototype.title, prototype.status) == ("Maquette v2", "approved")
    stored = tmp_path / prototype.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PAGE, {"op": "delete-prototype", "item": prototype.pk})
    assert not Prototype.objects.exists() and not stored.exists()
