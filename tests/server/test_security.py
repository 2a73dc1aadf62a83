"""Security settings for a team's server: login throttling per account and address with a clear message
and an unlock command; Content-Security-Policy without inline script and a Permissions-Policy on every
page; JALON_HTTPS for cookies, HSTS and the redirect; Django's deploy checks; private files."""

from __future__ import annotations

import html
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, RequestFactory
from typer.testing import CliRunner

from jalon.accounts.models import User
from jalon.cli import app
from jalon.headers import client_address
from tests.conftest import DEMO_PASSWORD

JALON = str(Path(sys.executable).with_name("jalon"))
EMAIL = "demo@jalon.local"


def log_in(client: Client, password: str, *, email: str = EMAIL, address: str = "10.0.0.1") -> Any:
    return client.post("/login/", {"username": email, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def account(make_user: Callable[..., User]) -> User:
    """The account the lock is tried on: French, with the tests' password (the demo is not needed)."""
    return make_user(EMAIL, language="fr")


def fail_five_times(client: Client, **where: str) -> None:
    """Four failures show the login form again; the fifth locks."""
    statuses = [log_in(client, "wrong-password", **where).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_five_failed_logins_lock_the_account_with_a_clear_message_in_french(client: Client, account) -> None:
    fail_five_times(client)
    response = log_in(client, DEMO_PASSWORD)  # even the right password, while locked
    assert response.status_code == 429
    page = html.unescape(response.content.decode())
    assert "Trop de connexions échouées" in page
    assert "Réessayez dans 15\u00a0minutes" in page and "jalon unlock" in page
    assert client.get("/").status_code == 302  # not logged in


def test_the_lock_holds_for_the_account_from_another_address_and_whatever_the_case(
    client: Client, account
) -> None:
    fail_five_times(client, address="10.0.0.1")
    assert log_in(client, DEMO_PASSWORD, email="DEMO@jalon.local", address="10.9.9.9").status_code == 429


def test_the_lock_holds_for_the_address_whatever_the_account(client: Client, account, make_user) -> None:
    make_user("someone@example.com")
    for email in ("a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com"):
        log_in(client, "wrong-password", email=email, address="10.0.0.7")
    assert log_in(client, DEMO_PASSWORD, email="someone@example.com", address="10.0.0.7").status_code == 429
    assert log_in(client, DEMO_PASSWORD, email="someone@example.com", address="10.0.0.8").status_code == 302


def test_a_successful_login_before_the_limit_forgets_the_failures(client: Client, account) -> None:
    for _ in range(4):
        log_in(client, "wrong-password")
    assert log_in(client, DEMO_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "wrong-password")
    assert log_in(client, DEMO_PASSWORD).status_code == 302


def test_jalon_unlock_lifts_the_lock_of_an_account(client: Client, account) -> None:
    fail_five_times(client)
    outcome = CliRunner().invoke(app, ["unlock", "--email", "Demo@Jalon.local"], env={"JALON_LANGUAGE": "en"})
    assert outcome.exit_code == 0, outcome.output
    assert "Logging in is open again" in outcome.output
    assert log_in(client, DEMO_PASSWORD).status_code == 302


def test_jalon_unlock_needs_exactly_one_target(db) -> None:
    outcome = CliRunner().invoke(app, ["unlock"], env={"JALON_LANGUAGE": "en"})
    assert outcome.exit_code == 2
    assert "exactly one of --email, --address or --all" in outcome.output


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_saw(settings) -> None:
    factory = RequestFactory()
    forwarded: dict[str, Any] = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}
    settings.JALON_TRUSTED_PROXIES = ()
    assert client_address(factory.get("/", **forwarded)) == "127.0.0.1"  # nobody trusted: header ignored
    settings.JALON_TRUSTED_PROXIES = ("127.0.0.1",)
    assert client_address(factory.get("/", **forwarded)) == "203.0.113.9"  # not the address the client wrote
    assert client_address(factory.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="1.2.3.4")) == (
        "198.51.100.4"
    )


# Headers ------------------------------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\s(on[a-z]+|hx-on[:-][^=\s]*)\s*=", re.IGNORECASE)


@pytest.mark.parametrize(
    "path",
    [
        "/login/",
        "/",
        "/w/cloud-kicks/r/cloud-kicks/",
        "/w/cloud-kicks/r/cloud-kicks/o/taux-conversion/edit/",
        "/w/cloud-kicks/r/cloud-kicks/timeline/",
        "/w/cloud-kicks/r/cloud-kicks/backlog/",
        "/w/cloud-kicks/r/cloud-kicks/portfolio/",
    ],
)
def test_pages_carry_a_csp_without_inline_script_and_have_none(client: Client, members, path: str) -> None:
    client.force_login(members["owner"])
    response = client.get(path)
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'self'"
    assert "unsafe" not in policy["script-src"] + policy["style-src-elem"]
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    page = response.content.decode()
    assert not INLINE_SCRIPT.search(page)
    assert not INLINE_HANDLER.search(page), INLINE_HANDLER.search(page)
    assert "<style" not in page


# JALON_HTTPS and the deploy checks ---------------------------------------------------------------------


def run_jalon(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    clean.update({"JALON_HOME": str(home), "JALON_LANGUAGE": "en", **env})
    return subprocess.run([JALON, *args], env=clean, capture_output=True, text=True, timeout=120, check=False)


def test_jalon_check_deploy_passes_with_jalon_https_and_lists_what_is_missing_without(tmp_path: Path) -> None:
    secure = run_jalon("check", "--deploy", home=tmp_path / "home", JALON_HTTPS="true")
    assert secure.returncode == 0, secure.stderr
    assert "WARNING" not in secure.stdout + secure.stderr
    assert "no issues" in secure.stdout
    plain = run_jalon("check", "--deploy", home=tmp_path / "home")
    assert plain.returncode == 2
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in plain.stderr


def test_a_bad_trusted_proxy_fails_at_start_with_one_line(tmp_path: Path) -> None:
    result = run_jalon("check", home=tmp_path / "home", JALON_TRUSTED_PROXY="the-proxy")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: JALON_TRUSTED_PROXY must list IP addresses or networks, not 'the-proxy'."
    ]


def test_jalon_home_and_the_database_are_created_readable_by_their_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    assert run_jalon("migrate", home=home).returncode == 0
    for path, mode in (
        (home, 0o700),
        (home / "uploads", 0o700),
        (home / "jalon.sqlite3", 0o600),
        (home / "secret_key", 0o600),
    ):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path
    for companion in home.glob("jalon.sqlite3-*"):  # WAL and shared-memory files, while they exist
        assert stat.S_IMODE(companion.stat().st_mode) & 0o077 == 0, companion
