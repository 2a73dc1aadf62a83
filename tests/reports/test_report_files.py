"""Documents written in the background wait a week for their download, then go: each new report job deletes
the older files, and the job's page says to make the document again."""

from __future__ import annotations

import os
import time

URL = "/w/cloud-kicks/r/cloud-kicks/documents/"


def _write(folder, name: str, age_days: float) -> None:
    path = folder / name
    path.write_bytes(b"%PDF-old")
    when = time.time() - age_days * 86400
    os.utime(path, (when, when))


def test_a_new_report_job_deletes_the_files_older_than_a_week(members, demo, settings, tmp_path) -> None:
    from jalon.jobs.services import start_job
    from jalon.reports.jobs import JOB_KIND, job_params, reports_dir
    from jalon.reports.options import ReportOptions

    settings.MEDIA_ROOT = str(tmp_path)
    folder = reports_dir()
    folder.mkdir(parents=True)
    _write(folder, "job-1.pdf", 8)
    _write(folder, "job-2.pptx", 6)
    _write(folder, "notes.txt", 30)  # not a job's document: left alone
    params = job_params("md", ReportOptions(sections=("vision",)))
    job = start_job(kind=JOB_KIND, roadmap=demo.roadmap, actor=members["viewer"], params=params,
                    inline=True, action="view")  # fmt: skip
    assert job.status == "done", job.error
    left = sorted(path.name for path in folder.iterdir())
    assert left == sorted(["job-2.pptx", "notes.txt", f"job-{job.pk}.md"])


def test_remove_old_files_counts_what_it_deleted_and_keeps_the_fresh_ones(settings, tmp_path) -> None:
    from jalon.reports.jobs import KEEP_FOR, remove_old_files, reports_dir

    settings.MEDIA_ROOT = str(tmp_path)
    assert remove_old_files() == 0  # no folder yet: nothing to do, no error
    folder = reports_dir()
    folder.mkdir(parents=True)
    for number in range(3):
        _write(folder, f"job-{number}.pdf", KEEP_FOR.days + 1)
    _write(folder, "job-9.pdf", KEEP_FOR.days - 1)
    assert remove_old_files() == 3
    assert [path.name for path in folder.iterdir()] == ["job-9.pdf"]
    assert remove_old_files(now=time.time() + 2 * 86400) == 1


def test_the_page_of_a_removed_document_says_to_make_it_again(
    client, members, demo, settings, tmp_path
) -> None:
    from jalon.jobs.services import start_job
    from jalon.reports.jobs import JOB_KIND, job_params, reports_dir
    from jalon.reports.options import ReportOptions

    settings.MEDIA_ROOT = str(tmp_path)
    params = job_params("md", ReportOptions(sections=("vision",)))
    job = start_job(kind=JOB_KIND, roadmap=demo.roadmap, actor=members["viewer"], params=params,
                    inline=True, action="view")  # fmt: skip
    client.force_login(members["viewer"])
    assert f"{URL}jobs/{job.pk}/file/" in client.get(f"{URL}jobs/{job.pk}/").content.decode()
    (reports_dir() / f"job-{job.pk}.md").unlink()
    page = client.get(f"{URL}jobs/{job.pk}/").content.decode()
    assert "Ce document a été supprimé 7\u00a0jours après sa création." in page
    assert f"{URL}jobs/{job.pk}/file/" not in page
    assert client.get(f"{URL}jobs/{job.pk}/file/").status_code == 404
