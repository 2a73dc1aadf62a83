"""The warm-up of the rarer pages' libraries: on a daemon thread, never raising into the server, and
never in the commands that do not need it (`jalon --help` stays fast)."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from jalon import server, warmup

HEAVY = ("sklearn", "weasyprint", "pptx")


@pytest.fixture(autouse=True)
def no_freeze(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test process is no server: leave its garbage collector alone."""
    monkeypatch.setattr("gc.freeze", lambda: None)


def test_the_warm_up_runs_on_a_daemon_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JALON_WARMUP", raising=False)
    thread = warmup.start(("json",))
    assert thread is not None and thread.daemon and thread.name == "jalon-warmup"
    thread.join(30)
    assert not thread.is_alive()


def test_a_failing_import_is_logged_and_the_others_still_imported(caplog: pytest.LogCaptureFixture) -> None:
    sys.modules.pop("colorsys", None)
    with caplog.at_level(logging.WARNING, logger="jalon.warmup"):
        failed = warmup.warm(("jalon_no_such_module", "json:no_such_function", "colorsys"))
    assert failed == ["jalon_no_such_module", "json:no_such_function"]
    assert "colorsys" in sys.modules
    assert "jalon_no_such_module failed" in caplog.text and "json:no_such_function failed" in caplog.text


def test_a_failing_import_never_raises_from_the_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    raised: list[BaseException] = []
    monkeypatch.setattr("threading.excepthook", lambda args: raised.append(args.exc_value))
    monkeypatch.delenv("JALON_WARMUP", raising=False)
    thread = warmup.start(("jalon_no_such_module",))
    assert thread is not None
    thread.join(30)
    assert raised == []


@pytest.mark.parametrize("value", ["0", "false", "off"])
def test_jalon_warmup_0_turns_the_warm_up_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("JALON_WARMUP", value)
    assert warmup.start(("json",)) is None


def test_each_gunicorn_worker_warms_itself_after_the_fork() -> None:
    size = server.ServerSize(workers=2, threads=2)
    options = server.options(host="127.0.0.1", port=8000, size=size, trusted_proxies=[])
    assert options["post_fork"] is server.warm_after_fork


@pytest.mark.django_db
@pytest.mark.parametrize(("arguments", "warmed"), [([], True), (["--once"], False)])
def test_a_long_running_jalon_worker_warms_up_and_worker_once_does_not(
    monkeypatch: pytest.MonkeyPatch, arguments: list[str], warmed: bool
) -> None:
    from typer.testing import CliRunner

    from jalon.cli import app
    from jalon.jobs import services

    started: list[bool] = []
    monkeypatch.setattr(warmup, "start", lambda: started.append(True))

    def stop(**_: object) -> int:
        raise KeyboardInterrupt  # Ctrl+C after the first look at the queue

    monkeypatch.setattr(services, "run_queued", stop)
    outcome = CliRunner().invoke(app, ["worker", *arguments])
    assert outcome.exit_code == 0, outcome.output
    assert started == ([True] if warmed else [])


def test_every_warm_up_step_runs() -> None:
    assert warmup.warm() == []


def test_jalon_help_imports_none_of_the_heavy_libraries() -> None:
    script = (
        "import sys\n"
        "from jalon.cli import main\n"
        "sys.argv = ['jalon', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert "serve" in done.stdout  # the help was printed
    assert done.stderr.strip() == ""
