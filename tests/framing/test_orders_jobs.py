"""A large orders file seeds the personas through a background job (the file kept first, the progress on
the personas page, all or nothing), and the column mapping reads a kept file, not one held in the session:
files up to the 50 MB limit can be mapped. A failed job says why in the language of whoever reads it."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation

from jalon import unused_files
from jalon.framing import orders_jobs, pending_orders
from jalon.framing.models import Framing, Persona
from jalon.framing.services import orders as orders_services
from jalon.framing.views import SESSION_UPLOAD
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.strategy.models import Roadmap

BASE = "/w/cloud-kicks/r/cloud-kicks/framing/"
PERSONAS = BASE + "personas/"
MB = 1024 * 1024


@pytest.fixture
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every orders file counts as large, so the 400-customer samples go through the job."""
    monkeypatch.setattr(orders_services, "BACKGROUND_FROM_BYTES", 0)


def login(client: Client, user: Any, language: str = "en") -> None:
    client.force_login(user)
    client.cookies["jalon_language"] = language


def kept_files(uploads: Path) -> list[Path]:
    folder = uploads / pending_orders.FOLDER
    return [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []


def post_orders(client: Client, data: bytes, name: str = "orders.csv") -> Any:
    return client.post(PERSONAS, {"op": "upload", "file": SimpleUploadedFile(name, data)})


def figures() -> list[tuple[str, int | None]]:
    return sorted(Persona.objects.values_list("name", "customers"))


def test_a_6_mb_file_with_unknown_headers_is_mapped_from_a_kept_file_not_from_the_session(
    client: Client, members: dict[str, Any], uploads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(orders_services, "BACKGROUND_FROM_BYTES", 100 * MB)  # read in the request
    lines = ["who,when,paid"] + [
        f"c{n % 3000:05d},2025-{n % 12 + 1:02d}-{n % 28 + 1:02d},{(n % 97) + 10.5:.2f}"
        for n in range(275_000)
    ]
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) > 6 * MB
    login(client, members["editor"])
    response = post_orders(client, data, "big.csv")
    assert response.status_code == 422 and 'id="mapping-form"' in response.content.decode()
    held = client.session[SESSION_UPLOAD]
    assert set(held) == {"file", "name", "columns"} and len(str(held)) < 200  # its name, not its bytes
    (kept,) = kept_files(uploads)
    assert kept.name == held["file"] and kept.stat().st_size == len(data)
    response = client.post(PERSONAS, {"op": "mapping", "customer": "who", "date": "when", "amount": "paid"})
    assert response.status_code == 302
    assert sum(p.customers or 0 for p in Persona.objects.all()) == 3000
    assert kept_files(uploads) == [] and SESSION_UPLOAD not in client.session  # used, then removed


def test_a_new_upload_removes_the_file_left_waiting_for_its_mapping(
    client: Client, members: dict[str, Any], uploads: Path, odd_headers_bytes: bytes, orders_bytes: bytes
) -> None:
    login(client, members["editor"])
    post_orders(client, odd_headers_bytes, "odd.csv")
    assert len(kept_files(uploads)) == 1
    assert post_orders(client, orders_bytes).status_code == 302
    assert kept_files(uploads) == [] and SESSION_UPLOAD not in client.session


def test_the_kept_file_belongs_to_its_user_and_roadmap(
    members: dict[str, Any], demo: Any, uploads: Path
) -> None:
    token = pending_orders.keep(demo.roadmap, members["editor"], [b"who,when,paid\n"])
    assert pending_orders.path_of(demo.roadmap, members["editor"], token) is not None
    assert pending_orders.path_of(demo.roadmap, members["owner"], token) is None
    assert pending_orders.path_of(demo.roadmap, members["editor"], "../" + token) is None


def test_a_large_orders_file_is_read_by_a_job_whose_page_shows_its_progress_then_the_personas(
    client: Client, members: dict[str, Any], uploads: Path, large: None, orders_bytes: bytes
) -> None:
    login(client, members["editor"], "fr")
    response = post_orders(client, orders_bytes)
    job = Job.objects.get(kind=orders_jobs.JOB_KIND)
    assert response.status_code == 302 and response["Location"] == f"{PERSONAS}jobs/{job.pk}/"
    assert not Persona.objects.exists() and len(kept_files(uploads)) == 1  # kept first, read later
    page = client.get(response["Location"]).content.decode()
    assert 'id="orders-progress-bar"' in page and "la lecture continue, et les personae apparaîtront" in page
    assert 'id="upload-form"' not in page  # one file at a time
    assert f"{PERSONAS}jobs/{job.pk}/status/" in page
    assert jobs.run_queued() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result_data == {"personas": Persona.objects.count()}
    response = client.get(f"{PERSONAS}jobs/{job.pk}/")
    assert response.status_code == 302 and response["Location"] == PERSONAS  # as after a small file
    assert sum(p.customers or 0 for p in Persona.objects.all()) == 400
    assert kept_files(uploads) == []


def test_a_small_orders_file_is_still_read_in_the_request(
    client: Client, members: dict[str, Any], uploads: Path, orders_bytes: bytes
) -> None:
    login(client, members["editor"])
    assert post_orders(client, orders_bytes)["Location"] == PERSONAS
    assert Persona.objects.exists() and not Job.objects.exists() and kept_files(uploads) == []


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "Le fichier de commandes a été refusé\u00a0: 1 ligne incorrecte\u00a0: rien n’a été modifié."),
        ("en", "The orders file was refused: 1 bad line: nothing was changed."),
    ],
)
def test_a_failing_job_changes_nothing_and_says_why_in_the_readers_language(
    client: Client,
    members: dict[str, Any],
    uploads: Path,
    large: None,
    orders_bytes: bytes,
    language: str,
    words: str,
) -> None:
    login(client, members["editor"], language)
    post_orders(client, orders_bytes, "first.csv")
    jobs.run_queued()
    before = figures(), Framing.objects.get().orders_file
    response = post_orders(client, orders_bytes + b"c-bad;31/02/2026;12,00\n", "second.csv")
    assert jobs.run_queued() == 1
    assert Job.objects.latest("pk").status == JobStatus.FAILED
    assert (figures(), Framing.objects.get().orders_file) == before == (before[0], "first.csv")
    page = client.get(response["Location"]).content.decode()
    assert words in page and 'id="upload-error"' in page
    assert kept_files(uploads) == []  # a refused file is removed


def test_a_large_file_with_unknown_headers_asks_the_columns_on_the_job_page_then_reads_them(
    client: Client, members: dict[str, Any], uploads: Path, large: None, odd_headers_bytes: bytes
) -> None:
    login(client, members["editor"])
    response = post_orders(client, odd_headers_bytes, "odd.csv")
    jobs.run_queued()
    page = client.get(response["Location"]).content.decode()
    assert 'id="mapping-form"' in page and len(kept_files(uploads)) == 1
    response = client.post(PERSONAS, {"op": "mapping", "customer": "who", "date": "when", "amount": "paid"})
    assert response.status_code == 302 and "/jobs/" in response["Location"]  # the mapped file: a job too
    jobs.run_queued()
    assert client.get(response["Location"])["Location"] == PERSONAS
    assert sum(p.customers or 0 for p in Persona.objects.all()) == 200
    assert kept_files(uploads) == []


def test_only_editors_start_the_job_and_other_workspaces_jobs_are_not_found(
    client: Client, members: dict[str, Any], uploads: Path, large: None, orders_bytes: bytes
) -> None:
    login(client, members["viewer"])
    assert post_orders(client, orders_bytes).status_code == 403
    assert not Job.objects.exists() and kept_files(uploads) == []
    login(client, members["editor"])
    job_page = post_orders(client, orders_bytes)["Location"]
    login(client, members["viewer"])
    assert client.get(job_page).status_code == 200  # a member reads the progress
    login(client, members["outsider"])
    assert client.get(job_page).status_code == 404
    assert client.get(job_page + "status/").status_code == 404
    assert client.get(f"/w/other/r/x/framing/personas/jobs/{Job.objects.get().pk}/").status_code == 404


def test_the_job_of_another_kind_is_not_shown_as_an_orders_job(
    client: Client, members: dict[str, Any], demo: Any
) -> None:
    from jalon.strategy.kpis import source_jobs

    roadmap = Roadmap.objects.get(pk=demo.roadmap.pk)
    other = Job.objects.create(
        workspace=roadmap.workspace, roadmap=roadmap, actor=members["editor"], kind=source_jobs.JOB_KIND,
        updated_at=timezone.now(),
    )  # fmt: skip
    login(client, members["editor"])
    assert client.get(f"{PERSONAS}jobs/{other.pk}/").status_code == 404


def test_kept_files_live_a_day_then_are_swept_and_counted_unused(
    members: dict[str, Any], demo: Any, uploads: Path
) -> None:
    token = pending_orders.keep(demo.roadmap, members["editor"], [b"x"])
    path = pending_orders.path_of(demo.roadmap, members["editor"], token)
    assert path is not None
    two_hours_ago = time.time() - 2 * 3600
    os.utime(path, (two_hours_ago, two_hours_ago))
    assert unused_files.scan().unused == []  # waiting for its mapping or its job
    a_day_ago = time.time() - 25 * 3600
    os.utime(path, (a_day_ago, a_day_ago))
    assert [file.name for file in unused_files.scan().unused] == [path.relative_to(uploads).as_posix()]
    assert pending_orders.sweep() == 1 and not path.exists()


# A failed job read in another language than its starter's ---------------------------------------------

BAD_LINE = b"c-bad;31/02/2026;12,00\n"


def test_a_teammate_reads_the_refusal_of_a_job_started_in_french_in_english(
    client: Client, members: dict[str, Any], uploads: Path, large: None, orders_bytes: bytes
) -> None:
    login(client, members["editor"], "fr")
    location = post_orders(client, orders_bytes + BAD_LINE, "commandes.csv")["Location"]
    assert jobs.run_queued() == 1
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    french = client.get(location).content.decode()
    said = "Le fichier de commandes a été refusé\u00a0: 1 ligne incorrecte\u00a0: rien n’a été modifié."
    assert said in french
    client.logout()
    reader = members["owner"]
    reader.language = "en"
    reader.save(update_fields=["language"])
    login(client, reader, "en")
    english = client.get(location).content.decode()
    assert "The orders file was refused: 1 bad line: nothing was changed." in english
    refusal = english[english.index("The orders file was refused") :].split("<", 1)[0]
    assert "ligne" not in refusal and "modifié" not in refusal  # no French word left in the English words
    with translation.override("en"):
        english_text = job.message_text
    with translation.override("fr"):
        french_text = job.message_text
    assert english_text in refusal and french_text != english_text


def test_a_job_kept_before_its_refusal_was_said_in_each_language_shows_it_as_written(db: None) -> None:
    job = Job(message="The orders file was refused: {error}", message_params={"error": "1 ligne incorrecte."})
    with translation.override("en"):
        assert job.message_text == "The orders file was refused: 1 ligne incorrecte."
