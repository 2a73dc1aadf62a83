"""A folder's conftest fixtures reach every test file of that folder, whatever order the files are listed in
on the command line. pytest 9.1 (pinned: see pyproject.toml) lost them for the files listed after a file of
the parent folder (``tests/reports/a.py tests/test_x.py tests/reports/b.py``): that file made pytest collect
``tests/`` again, with new nodes for its sub-folders, and each conftest's fixtures stay bound to the node
its folder had the first time (pytest-dev/pytest#14964, fixed in pytest 9.2). tests/conftest.py keeps one
node per folder for the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each folder with a conftest: a file of its own first, then the file whose tests need its fixtures
# (planning: `roadmap`, framing: `orders_bytes`, reports: `framed` and `document`), listed after a file
# of tests/ itself. The conftest of tests/framing is imported by no module: it is not an import that loses it.
FIRST = (
    "tests/planning/test_timeline_reach.py",
    "tests/framing/test_votes.py",
    "tests/reports/test_review_slide.py",
)
OF_THE_PARENT_FOLDER = "tests/test_keys.py"
AFTER = (
    "tests/planning/test_schedule_pages.py",
    "tests/framing/test_pages.py",
    "tests/reports/test_pdf_pictures.py",
)


def test_a_folders_conftest_fixtures_reach_its_files_listed_after_a_file_of_the_parent_folder(
    tmp_path: Path,
) -> None:
    # --setup-plan looks every fixture up as a run would and runs none: no database, no document made.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--setup-plan",
         *FIRST, OF_THE_PARENT_FOLDER, *AFTER],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "JALON_HOME": str(tmp_path)},
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert "not found" not in output, output[-3000:]
    assert run.returncode == 0, output[-3000:]
