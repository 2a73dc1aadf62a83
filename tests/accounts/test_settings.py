"""JALON_SIGNUP and JALON_EMAIL_URL: read once at start, a bad value stops Jalon with one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jalon.config import ConfigError, email_settings

JALON = str(Path(sys.executable).with_name("jalon"))
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def run_jalon(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    clean.update({"JALON_HOME": str(tmp_path / "home"), **env})
    return subprocess.run([JALON, *args], env=clean, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    ("variable", "value"), [("JALON_SIGNUP", "sometimes"), ("JALON_EMAIL_URL", "imap://mail.example.com")]
)
def test_a_bad_signup_or_email_setting_stops_jalon_with_one_line(
    tmp_path: Path, variable: str, value: str
) -> None:
    result = run_jalon("migrate", tmp_path=tmp_path, **{variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_without_an_email_url_mail_is_printed_on_the_console() -> None:
    assert email_settings("") == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    assert email_settings("console:")["EMAIL_BACKEND"].endswith("console.EmailBackend")


def test_an_smtp_url_with_starttls_gives_host_port_login_and_tls() -> None:
    got = email_settings(
        "smtp://jalon%40example.com:p%40ss@mail.example.com:587?starttls=true&from=j@example.com"
    )
    assert got["EMAIL_BACKEND"] == SMTP
    assert (got["EMAIL_HOST"], got["EMAIL_PORT"]) == ("mail.example.com", 587)
    assert (got["EMAIL_HOST_USER"], got["EMAIL_HOST_PASSWORD"]) == ("jalon@example.com", "p@ss")
    assert got["EMAIL_USE_TLS"] is True
    assert got["EMAIL_USE_SSL"] is False
    assert got["DEFAULT_FROM_EMAIL"] == "j@example.com"


def test_an_smtps_url_uses_tls_from_the_start_on_port_465_by_default() -> None:
    got = email_settings("smtps://user:secret@mail.example.com")
    assert got["EMAIL_PORT"] == 465
    assert got["EMAIL_USE_SSL"] is True
    assert got["EMAIL_USE_TLS"] is False


def test_a_plain_smtp_url_defaults_to_port_25_without_tls() -> None:
    got = email_settings("smtp://localhost")
    assert (got["EMAIL_PORT"], got["EMAIL_USE_TLS"], got["EMAIL_USE_SSL"]) == (25, False, False)
    assert got["EMAIL_HOST_USER"] == ""


@pytest.mark.parametrize("url", ["smtp://", "smtp://host:notaport", "http://mail.example.com"])
def test_an_unusable_email_url_is_refused_naming_the_variable(url: str) -> None:
    with pytest.raises(ConfigError, match="JALON_EMAIL_URL"):
        email_settings(url)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("JALON_SOURCE_MEMORY_MB", "1GB"), ("JALON_SOURCE_MEMORY_MB", "64"), ("JALON_SOURCE_SECONDS", "0")],
)
def test_a_bad_source_cap_stops_jalon_with_one_line(tmp_path: Path, variable: str, value: str) -> None:
    result = run_jalon("migrate", tmp_path=tmp_path, **{variable: value})
    assert result.returncode == 2
    least = 256 if "MEMORY" in variable else 1
    assert result.stderr.strip().replace("\u00a0", " ") == (
        f"Erreur de configuration : {variable} doit être un nombre entier d’au moins {least}, pas '{value}'."
    )
