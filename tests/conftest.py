"""Shared fixtures: users of every role in the Cloud Kicks demo workspace, plus an outsider."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from jalon.accounts.models import User
    from jalon.demo.loader import DemoOutcome
    from tests.demo_rows import DemoRows
    from tests.factories import Team

DEMO_PASSWORD = "demo-password-1"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's 1,000,000 rounds cost a quarter of a second per user created or logged in; tests check
    who may do what, not the hash's strength."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language and leaves it so: a test that activates a language and
    forgets it would otherwise change what later tests in the same worker read (tests passed or failed by
    their order)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def demo_rows(django_db_setup: None, django_db_blocker: Any) -> DemoRows:
    """The Cloud Kicks demo's rows, loaded once per test process through the same code as `jalon demo` (see
    tests/demo_rows.py), on a day its KPI measurements stand as the file writes them."""
    from django.test import override_settings

    from jalon.demo.dates import AS_WRITTEN
    from jalon.demo.loader import load_demo
    from tests.demo_rows import capture

    def load() -> tuple[int, int]:
        outcome = load_demo(password=DEMO_PASSWORD, today=AS_WRITTEN)
        return outcome.workspace.pk, outcome.roadmap.pk

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return capture(load)


@pytest.fixture
def demo(demo_rows: DemoRows, db: None) -> DemoOutcome:
    """The Cloud Kicks demo, as `jalon demo` loads it (its rows written again for this test)."""
    from jalon.demo.loader import DEMO_EMAIL, DemoOutcome
    from jalon.strategy.models import Roadmap
    from tests.demo_rows import restore

    restore(demo_rows)
    # As load_demo returns it: the roadmap holds its workspace (query counts see no fetch of it).
    roadmap = Roadmap.objects.select_related("workspace").get(pk=demo_rows.roadmap_pk)
    return DemoOutcome(roadmap.workspace, roadmap, email=DEMO_EMAIL, generated_password=None)


@pytest.fixture
def team(db) -> Team:
    """A workspace with one user per role, without the demo: see tests/factories.py."""
    from tests.factories import make_team

    return make_team()


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    from jalon.accounts.models import User

    def make(email: str, *, language: str = "") -> User:
        return User.objects.create_user(email=email, password=DEMO_PASSWORD, language=language)

    return make


@pytest.fixture
def members(demo, make_user) -> dict[str, User]:
    """One user per role in the demo workspace, and an outsider with a workspace of their own."""
    from jalon.accounts.models import User
    from jalon.workspaces.models import Membership, Workspace

    users = {"owner": User.objects.get(email="demo@jalon.local")}
    for role in ("editor", "viewer", "stakeholder"):
        users[role] = make_user(f"{role}@example.com")
        Membership.objects.create(workspace=demo.workspace, user=users[role], role=role)
    users["outsider"] = make_user("outsider@example.com")
    other = Workspace.objects.create(slug="other", name="Other")
    Membership.objects.create(workspace=other, user=users["outsider"], role="owner")
    return users
