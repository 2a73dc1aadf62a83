"""`jalon demo --synthetic N --workspace bench` builds a roadmap of N activities for benchmarks."""

from __future__ import annotations

from typer.testing import CliRunner

from jalon.cli import app
from jalon.planning.models import Activity, Dependency


def test_demo_synthetic_creates_n_activities_with_dependencies_in_the_named_workspace(db) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["demo", "--synthetic", "40", "--workspace", "bench"])
    assert result.exit_code == 0, result.output
    assert (
        Activity.objects.filter(roadmap__workspace__slug="bench", roadmap__slug="synthetic-40").count() == 40
    )
    assert Dependency.objects.filter(successor__roadmap__slug="synthetic-40").exists()
    again = CliRunner().invoke(app, ["demo", "--synthetic", "40", "--workspace", "bench"])
    assert again.exit_code == 0, again.output
    assert Activity.objects.filter(roadmap__slug="synthetic-40").count() == 40
